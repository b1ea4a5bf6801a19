/**
 * Validation metrics and sampling at portfolio scale (issue 7): all metrics on 1,000,000 scored borrowers under two
 * model versions (target < 3 s) and stratified sampling of 1,000,000 units (target < 1 s).
 * Borrowers are synthetic, drawn with seededRandom(20240607): a latent risk z ~ N(0, 1), default when
 * z + 0.9·noise > 2.0 (≈ 5 % bads); version 1 scores 70 − 9·(z + 0.9·e₁), version 2 70 − 9·(z + 0.6·e₂), both
 * clamped to 0–100 and rounded to 0.01 (so there are ties), graded on the DESIGN §5 scale; both also give unrounded PDs.
 * Strata: 20 industries × 4 size bands × 5 loan classifications. Run: npx tsx bench/validation.bench.ts
 */
import { cpus, loadavg } from 'node:os';
import { seededRandom } from '../src/domain/random/seeded-random.js';
import { defaultRatesByGrade } from '../src/domain/validation/default-rates-by-grade.js';
import { hosmerLemeshowTest } from '../src/domain/validation/hosmer-lemeshow-test.js';
import { kendallTauB } from '../src/domain/validation/kendall-tau-b.js';
import { mcNemarFromDecisions } from '../src/domain/validation/mcnemar-test.js';
import { migrationMatrix } from '../src/domain/validation/migration-matrix.js';
import { populationStabilityIndex } from '../src/domain/validation/population-stability-index.js';
import { binIndex, quantileBinEdges } from '../src/domain/validation/quantile-bin-edges.js';
import { simpleRandomSample } from '../src/domain/validation/simple-random-sample.js';
import { spearmanCorrelation } from '../src/domain/validation/spearman-correlation.js';
import { stratifiedSample } from '../src/domain/validation/stratified-sample.js';
import { validationMetrics } from '../src/domain/validation/validation-metrics.js';

const N = 1_000_000;
const GRADES = ['AAA', 'AA', 'A', 'BBB', 'BB', 'B', 'CCC', 'CC', 'C'];
const MIN_SCORES = [90, 85, 80, 75, 70, 65, 60, 50, 0];
const PD_BY_GRADE: Record<string, number> = { AAA: 0.001, AA: 0.002, A: 0.004, BBB: 0.008, BB: 0.015, B: 0.03, CCC: 0.06, CC: 0.12, C: 0.25 };

function gradeOf(score: number): string {
  for (let g = 0; g < MIN_SCORES.length; g++) if (score >= MIN_SCORES[g]) return GRADES[g];
  return 'C';
}

function synthetic() {
  const rng = seededRandom(20240607);
  const outcomes = new Uint8Array(N);
  const v1 = new Float64Array(N), v2 = new Float64Array(N), pd1 = new Float64Array(N), pd2 = new Float64Array(N);
  const grade1: string[] = new Array(N), grade2: string[] = new Array(N);
  const industry: string[] = new Array(N), size: string[] = new Array(N), classification: string[] = new Array(N);
  const industries = Array.from({ length: 20 }, (_, i) => `I${String(i + 1).padStart(2, '0')}`);
  const sizes = ['micro', 'small', 'medium', 'large'];
  const classes = ['normal', 'special mention', 'substandard', 'doubtful', 'loss'];
  const clamp = (x: number) => Math.round(Math.min(100, Math.max(0, x)) * 100) / 100;
  for (let i = 0; i < N; i++) {
    const z = rng.nextNormal();
    const bad = z + 0.9 * rng.nextNormal() > 2.0 ? 1 : 0;
    outcomes[i] = bad;
    v1[i] = clamp(70 - 9 * (z + 0.9 * rng.nextNormal()));
    v2[i] = clamp(70 - 9 * (z + 0.6 * rng.nextNormal()));
    // Unrounded PDs: a million distinct values, the worst case for sorting.
    pd1[i] = 1 / (1 + Math.exp(3.5 - 1.3 * (z + 0.9 * rng.nextNormal())));
    pd2[i] = 1 / (1 + Math.exp((v2[i] - 45) / 6 + 0.01 * rng.nextNormal()));
    grade1[i] = gradeOf(v1[i]); grade2[i] = gradeOf(v2[i]);
    industry[i] = industries[rng.nextInt(20)];
    size[i] = sizes[Math.min(3, Math.floor(-Math.log(1 - rng.next()) * 1.2))];
    classification[i] = bad ? classes[2 + rng.nextInt(3)] : rng.next() < 0.92 ? classes[0] : classes[1];
  }
  return { outcomes, v1, v2, pd1, pd2, grade1, grade2, columns: { industry, size, classification } };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function time(reps: number, fn: () => unknown): number {
  fn(); // warm-up
  const times: number[] = [];
  for (let r = 0; r < reps; r++) { const t0 = performance.now(); fn(); times.push(performance.now() - t0); }
  return median(times);
}

const loadAtStart = loadavg()[0];
const data = synthetic();
const { outcomes, v1, v2, pd1, pd2, grade1, grade2 } = data;

let summary = '';
const metricsOnly = time(5, () => validationMetrics({ outcomes, scores: { v1, v2 }, cutoff: 60 }));
const metricsContinuous = time(5, () => validationMetrics({ outcomes, scores: { pd1, pd2 }, scoresArePd: true }));
const allMetrics = time(5, () => {
  const m = validationMetrics({ outcomes, scores: { v1, v2 }, cutoff: 60, curves: true });
  const rocPoints = m.models.v1.roc!.length;
  const accept1 = new Uint8Array(N), accept2 = new Uint8Array(N);
  for (let i = 0; i < N; i++) { accept1[i] = v1[i] >= 60 ? 1 : 0; accept2[i] = v2[i] >= 60 ? 1 : 0; }
  const mcnemar = mcNemarFromDecisions(accept1, accept2);
  const brierPd = validationMetrics({ outcomes, scores: { v2: pd2 }, scoresArePd: true }).models.v2.brier;
  const perGrade = defaultRatesByGrade({ outcomes, grades: grade2, pdByGrade: PD_BY_GRADE, gradeOrder: GRADES });
  const hl = hosmerLemeshowTest(outcomes, pd2, { groupBy: 'deciles' });
  const edges = quantileBinEdges(v1, 10);
  const e = new Array<number>(edges.length + 1).fill(0), a = new Array<number>(edges.length + 1).fill(0);
  for (let i = 0; i < N; i++) { e[binIndex(v1[i], edges)]++; a[binIndex(v2[i], edges)]++; }
  const psi = populationStabilityIndex(e, a);
  const migration = migrationMatrix(grade1, grade2, GRADES);
  const rho = spearmanCorrelation(v1, v2);
  const tau = kendallTauB(v1, v2);
  summary = `AUC v1 ${m.models.v1.auc.toFixed(4)} [${m.models.v1.aucCi.map((x) => x.toFixed(4)).join(', ')}], v2 ${m.models.v2.auc.toFixed(4)}; `
    + `DeLong z ${m.comparisons[0].delong.z.toFixed(2)}; KS ${m.models.v1.ks.toFixed(3)} / ${m.models.v2.ks.toFixed(3)}; Brier(PD) ${brierPd?.toFixed(4)}; `
    + `McNemar χ² ${mcnemar.chiSquare.toFixed(1)}; HL ${hl.statistic.toFixed(1)}; PSI ${psi.psi.toFixed(4)}; unchanged ${(migration.unchanged * 100).toFixed(1)} %; `
    + `ρ ${rho.rho.toFixed(3)}; τ-b ${tau.tau.toFixed(3)}; ${perGrade.length} grades; ${rocPoints} ROC points`;
});

const population = { columns: data.columns, outcomes };
const stratifyBy = ['industry', 'size', 'classification'];
const levelOrder = { size: ['micro', 'small', 'medium', 'large'], classification: ['normal', 'special mention', 'substandard', 'doubtful', 'loss'] };
let strataCount = 0;
const proportional = time(5, () => { strataCount = stratifiedSample(population, { sampleSize: 20_000, stratifyBy, levelOrder }, 7).strata.length; });
const neymanOversampled = time(5, () => stratifiedSample(population, { sampleSize: 20_000, stratifyBy, levelOrder, allocation: 'neyman', oversampleDefaults: { factor: 5 } }, 7));
const srs = time(5, () => simpleRandomSample(N, { sampleSize: 20_000 }, 7));

const ms = (x: number) => `${x.toFixed(0)} ms`;
console.log('## Validation metrics and sampling (1,000,000 borrowers)');
console.log('');
console.log(`Median of 5 runs after a warm-up, single-threaded, Node ${process.version}, ${cpus().length} CPU(s), 1-min load average ${loadAtStart.toFixed(1)} at start and ${loadavg()[0].toFixed(1)} at end (other work on the machine slows every figure); synthetic seeded portfolio, two model versions, ${strataCount} strata.`);
console.log('');
console.log('| measure | value | target |');
console.log('|---|---|---|');
console.log(`| validationMetrics: AUC + DeLong CI, Gini, KS, confusion at 60, DeLong test — 1,000,000 × 2 versions | ${ms(metricsOnly)} | < 3000 ms |`);
console.log(`| validationMetrics on unrounded PDs (≈ 1,000,000 distinct values per version, radix-sort path) + Brier | ${ms(metricsContinuous)} | < 3000 ms |`);
console.log(`| all metrics: the above with ROC/CAP curves ×2, plus McNemar, Brier, default rate per grade (binomial + Jeffreys), Hosmer–Lemeshow, PSI, migration matrix, Spearman, Kendall τ-b | ${ms(allMetrics)} | < 3000 ms |`);
console.log(`| stratified sample of 20,000 from 1,000,000 (industry × size × classification, proportional) | ${ms(proportional)} | < 1000 ms |`);
console.log(`| stratified sample, Neyman on defaults + defaults oversampled ×5 with design weights | ${ms(neymanOversampled)} | < 1000 ms |`);
console.log(`| simple random sample of 20,000 from 1,000,000 | ${ms(srs)} | — |`);
console.log('');
console.log(`Results (sanity): ${summary}.`);
