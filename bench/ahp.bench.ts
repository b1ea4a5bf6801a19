/**
 * AHP engine throughput (issue 3, "Tests and figures"; targets on one core: ≥ 200,000 priority vectors/s at n = 7,
 * aggregating 1,000 experts over the 8-matrix default hierarchy < 50 ms, 10,000 Monte Carlo draws < 1 s).
 *
 * - Priority vectors: principal eigenvector + λmax by power iteration to 1e-12 (principalEigenvectorInto, the
 *   allocation-free path every report uses) on 1,000 seeded matrices per size; "near-consistent" matrices are
 *   w_i/w_j of random weights snapped to the 1–9 scale, "expert-like" ones are the demo criteria matrix with
 *   every judgment moved −2…+2 steps along the scale, "random" ones have uniformly drawn judgments (CR ≈ 1,
 *   slowest convergence). The public principalEigenvector (validates number[][] and
 *   allocates the result) is shown too.
 * - Aggregation: the 8 demo matrices of ../shared/credit-default-model.md perturbed per expert with
 *   seededRandom(20250301) (each judgment moved −2…+2 steps along the 17-point scale), then aggregateReport per
 *   node — AIJ with per-cell weights, 1,000 individual priority vectors and CRs, consensus S*, dispersion — with
 *   random expert weights. Measured with complete judgments (the target) and with 10 % of judgments left
 *   missing ("no opinion"), where each incomplete expert matrix is completed optimally or by Harker's method.
 * - Monte Carlo: monteCarloWeights on the demo hierarchy, 10,000 draws (AHP-OS perturbation, CR limit 0.25).
 * Medians of 15 runs after 3 warm-up runs, with the fastest run alongside. Run: npx tsx bench/ahp.bench.ts
 */
import { aggregateReport } from '../src/domain/ahp/aggregate-report.js';
import { monteCarloWeights } from '../src/domain/ahp/monte-carlo-weights.js';
import { principalEigenvector, principalEigenvectorInto } from '../src/domain/ahp/principal-eigenvector.js';
import { nearestSaatyValue, SAATY_SCALE } from '../src/domain/ahp/saaty-scale.js';
import { seededRandom, type SeededRandom } from '../src/domain/random/seeded-random.js';
import { defaultCreditHierarchy } from '../test/unit/domain/ahp/default-credit-hierarchy.js';

const RUNS = 15, WARMUP = 3;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Median and fastest of RUNS timed runs after WARMUP untimed ones, in ms. */
function timeMs(fn: () => void): { median: number; best: number } {
  for (let k = 0; k < WARMUP; k++) fn();
  const times: number[] = [];
  for (let k = 0; k < RUNS; k++) { const t = performance.now(); fn(); times.push(performance.now() - t); }
  return { median: median(times), best: Math.min(...times) };
}

function nearConsistent(n: number, rng: SeededRandom): Float64Array {
  const w = Array.from({ length: n }, () => 0.05 + rng.next());
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) a[i * n + j] = i === j ? 1 : i < j ? nearestSaatyValue(w[i] / w[j]) : 0;
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) a[i * n + j] = 1 / a[j * n + i];
  return a;
}

/** The demo criteria matrix (its first n rows and columns, n ≤ 7) with every judgment moved −2…+2 steps on the scale. */
function expertLike(n: number, rng: SeededRandom): Float64Array {
  const base = defaultCreditHierarchy().nodes[0].matrix, a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    a[i * n + i] = 1;
    for (let j = i + 1; j < n; j++) {
      const k = SAATY_SCALE.indexOf(nearestSaatyValue(base[i][j]));
      const v = SAATY_SCALE[Math.min(16, Math.max(0, k + rng.nextInt(5) - 2))];
      a[i * n + j] = v; a[j * n + i] = 1 / v;
    }
  }
  return a;
}

function randomJudgments(n: number, rng: SeededRandom): Float64Array {
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    a[i * n + i] = 1;
    for (let j = i + 1; j < n; j++) { const v = SAATY_SCALE[rng.nextInt(17)]; a[i * n + j] = v; a[j * n + i] = 1 / v; }
  }
  return a;
}

function vectorsPerSecond(n: number, make: (n: number, rng: SeededRandom) => Float64Array): { median: number; best: number } {
  const rng = seededRandom(1000 + n);
  const matrices = Array.from({ length: 1000 }, () => make(n, rng));
  const out = new Float64Array(n), work = new Float64Array(n);
  const rounds = Math.max(1, Math.round(200 / n));
  let sink = 0;
  const ms = timeMs(() => { for (let r = 0; r < rounds; r++) for (const a of matrices) sink += principalEigenvectorInto(a, n, out, work); });
  if (!Number.isFinite(sink)) throw new Error('bad result');
  return { median: (rounds * matrices.length) / (ms.median / 1000), best: (rounds * matrices.length) / (ms.best / 1000) };
}

function publicVectorsPerSecond(n: number): { median: number; best: number } {
  const rng = seededRandom(2000 + n);
  const matrices = Array.from({ length: 1000 }, () => {
    const a = nearConsistent(n, rng);
    return Array.from({ length: n }, (_, i) => Array.from(a.subarray(i * n, i * n + n)));
  });
  const ms = timeMs(() => { for (const m of matrices) principalEigenvector(m); });
  return { median: matrices.length / (ms.median / 1000), best: matrices.length / (ms.best / 1000) };
}

/** One expert's version of a demo matrix: each judgment moved −2…+2 steps on the 17-point scale, a share missing. */
function perturbForExpert(m: number[][], rng: SeededRandom, missingShare: number): (number | null)[][] {
  const n = m.length;
  const out: (number | null)[][] = m.map((row) => row.map((v) => v));
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      if (n > 2 && rng.next() < missingShare) { out[i][j] = null; out[j][i] = null; continue; }
      const k = SAATY_SCALE.indexOf(nearestSaatyValue(m[i][j]));
      const v = SAATY_SCALE[Math.min(16, Math.max(0, k + rng.nextInt(5) - 2))];
      out[i][j] = v; out[j][i] = 1 / v;
    }
  }
  return out;
}

const count = (x: number) => Math.round(x).toLocaleString('en-US');
const fmt = (r: { median: number; best: number }) => `${count(r.median)} (best ${count(r.best)})`;
const fmtMs = (r: { median: number; best: number }) => `${r.median.toFixed(1)} ms (best ${r.best.toFixed(1)})`;
const rows: [string, string, string][] = [];
for (const n of [3, 7, 15]) {
  rows.push([`priority vectors/s, n = ${n}, near-consistent`, fmt(vectorsPerSecond(n, nearConsistent)), n === 7 ? '≥ 200,000' : '']);
  if (n <= 7) rows.push([`priority vectors/s, n = ${n}, expert-like (demo matrix ±2 scale steps)`, fmt(vectorsPerSecond(n, expertLike)), n === 7 ? '≥ 200,000' : '']);
  rows.push([`priority vectors/s, n = ${n}, random judgments`, fmt(vectorsPerSecond(n, randomJudgments)), n === 7 ? '≥ 200,000' : '']);
}
rows.push(['priority vectors/s, n = 7, public principalEigenvector (validates number[][])', fmt(publicVectorsPerSecond(7)), '']);

const hierarchy = defaultCreditHierarchy();
const EXPERTS = 1000;
const rng = seededRandom(20250301);
const expertWeights = Array.from({ length: EXPERTS }, () => 0.5 + rng.next());
const complete = hierarchy.nodes.map((node) => Array.from({ length: EXPERTS }, () => perturbForExpert(node.matrix, rng, 0)));
const gappy = hierarchy.nodes.map((node) => Array.from({ length: EXPERTS }, () => perturbForExpert(node.matrix, rng, 0.1)));
let lastConsensus = 0;
const aggregate = (perNode: (number | null)[][][][], completion: 'optimal' | 'harker') => timeMs(() => {
  for (const matrices of perNode) lastConsensus = aggregateReport({ matrices, expertWeights, completion }).consensus.sStar ?? 0;
});
const aggregationMs = aggregate(complete, 'optimal');
const gappyOptimalMs = aggregate(gappy, 'optimal');
const gappyHarkerMs = aggregate(gappy, 'harker');

let accepted = 0;
const monteCarloMs = timeMs(() => { accepted = monteCarloWeights({ ...hierarchy, draws: 10_000, seed: 7 }).accepted; });

rows.push([`aggregateReport, ${EXPERTS} experts × 8 nodes, complete judgments (AIJ, individual CRs, S*, dispersion)`, fmtMs(aggregationMs), '< 50 ms']);
rows.push([`same with 10 % "no opinion", individual matrices completed optimally`, fmtMs(gappyOptimalMs), '']);
rows.push([`same with 10 % "no opinion", completed by Harker's method`, fmtMs(gappyHarkerMs), '']);
rows.push([`Monte Carlo, demo hierarchy, 10,000 draws (${accepted} accepted)`, fmtMs(monteCarloMs), '< 1 s']);

console.log('## AHP engine');
console.log('');
console.log(`Priority vectors (power iteration to 1e-12), group aggregation of ${EXPERTS} seeded experts and Monte Carlo on the 8-matrix demo hierarchy; medians of ${RUNS} runs after ${WARMUP} warm-ups (fastest run in brackets, less sensitive to other load on the machine), one core (node ${process.version}). Last goal-node S* = ${lastConsensus.toFixed(3)}.`);
console.log('');
console.log('| measure | value | target |');
console.log('|---|---|---|');
for (const [m, v, t] of rows) console.log(`| ${m} | ${v} | ${t} |`);
