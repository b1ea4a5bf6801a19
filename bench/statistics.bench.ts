/**
 * Questionnaire analysis at scale (issue 5, "Tests and figures"): all statistics of point 5 on 100,000 responses
 * × 40 five-point Likert items in 5 dimensions (8 items each, 2 reverse-coded), plus a profile of role (5 choices),
 * branch (12 choices) and years of service. Target: under 2 s and under 500 MB.
 * The data are SYNTHETIC, drawn with seededRandom(20250105): one latent attitude per dimension and respondent,
 * each answer = latent + item noise rounded onto 1–5 (reversed for reverse-coded items), 2 % of answers missing;
 * each row goes through JSON.stringify/JSON.parse, as responses are stored as JSON and parsed when loaded.
 * Measured: analyseResponses (item statistics, frequencies, % agree, dimension scores, Cronbach's alpha with Feldt CI,
 * alpha-if-deleted, item-total r), one crossTabulate (role × branch, χ²) and one compareGroups (a dimension score by
 * role: Kruskal–Wallis and ANOVA), median of 5 runs after 1 warm-up. Run: npx tsx bench/statistics.bench.ts
 */
import { analyseResponses } from '../src/domain/statistics/analyse-responses.js';
import { compareGroups } from '../src/domain/statistics/compare-groups.js';
import { crossTabulate } from '../src/domain/statistics/cross-tabulate.js';
import { dimensionScores } from '../src/domain/statistics/dimension-scores.js';
import type { ItemSpec } from '../src/domain/statistics/item-spec.js';
import { seededRandom } from '../src/domain/random/seeded-random.js';

const RESPONSES = 100_000;
const DIMENSIONS = ['npl', 'warning', 'evaluation', 'modelFit', 'onlineApproval'];
const ITEMS_PER_DIMENSION = 8;
const SEED = 20250105;
const REPETITIONS = 5;

const ROLE: ItemSpec = {
  name: 'role', kind: 'choice',
  choices: ['accountManager', 'riskOfficer', 'approver', 'manager', 'other'].map((value) => ({ value })),
};
const BRANCH: ItemSpec = { name: 'branch', kind: 'choice', choices: Array.from({ length: 12 }, (_, i) => ({ value: `B${i + 1}` })) };
const YEARS: ItemSpec = { name: 'years', kind: 'number', min: 0, max: 45 };
const LIKERT: ItemSpec[] = DIMENSIONS.flatMap((dimension) =>
  Array.from({ length: ITEMS_PER_DIMENSION }, (_, j): ItemSpec => ({
    name: `${dimension}_${j + 1}`, kind: 'likert', min: 1, max: 5, dimension, reverse: j % 4 === 3,
  })));
const ITEMS: ItemSpec[] = [ROLE, BRANCH, YEARS, ...LIKERT];

function syntheticResponses(count: number, seed: number): Array<Record<string, unknown>> {
  const rng = seededRandom(seed);
  const rows: Array<Record<string, unknown>> = new Array(count);
  for (let r = 0; r < count; r++) {
    const roleIndex = rng.nextInt(5);
    const row: Record<string, unknown> = {
      role: ROLE.choices?.[roleIndex].value,
      branch: `B${1 + rng.nextInt(12)}`,
      years: rng.nextInt(36),
    };
    for (let d = 0; d < DIMENSIONS.length; d++) {
      // Latent attitude on the 1–5 scale; approvers (index 2) see the problems a little more (a real group effect).
      const latent = 3 + 0.9 * rng.nextNormal() + (roleIndex === 2 ? 0.15 : 0);
      for (let j = 0; j < ITEMS_PER_DIMENSION; j++) {
        const name = `${DIMENSIONS[d]}_${j + 1}`;
        if (rng.next() < 0.02) continue; // missing answer
        let x = Math.round(latent + 0.8 * rng.nextNormal());
        x = x < 1 ? 1 : x > 5 ? 5 : x;
        row[name] = j % 4 === 3 ? 6 - x : x;
      }
    }
    // Responses reach the analysis as JSON.parse(questionnaire_responses.data); parse here too so the objects
    // have the shape (V8 fast properties) they will have in production.
    rows[r] = JSON.parse(JSON.stringify(row)) as Record<string, unknown>;
  }
  return rows;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
}

const mb = (bytes: number): string => (bytes / 1024 / 1024).toFixed(1);

const rows = syntheticResponses(RESPONSES, SEED);
const afterData = process.memoryUsage();

function runAll(): { analyse: number; crosstab: number; compare: number; total: number; cpu: number; alpha: number | null; chi: number | null; kw: number | null } {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const analysis = analyseResponses({ items: ITEMS, rows });
  const t1 = performance.now();
  const table = crossTabulate(rows, ROLE, BRANCH);
  const t2 = performance.now();
  const scores = dimensionScores(rows, ITEMS, 'warning');
  const comparison = compareGroups(rows, scores, ROLE);
  const t3 = performance.now();
  const cpu = process.cpuUsage(cpu0);
  return {
    analyse: t1 - t0, crosstab: t2 - t1, compare: t3 - t2, total: t3 - t0, cpu: (cpu.user + cpu.system) / 1000,
    alpha: analysis.dimensions.warning.alpha, chi: table.chiSquare, kw: comparison.kruskalWallis.statistic,
  };
}

runAll(); // warm-up (JIT)
const runs: ReturnType<typeof runAll>[] = [];
let peakHeap = 0;
let peakRss = 0;
for (let i = 0; i < REPETITIONS; i++) {
  runs.push(runAll());
  const usage = process.memoryUsage();
  peakHeap = Math.max(peakHeap, usage.heapUsed);
  peakRss = Math.max(peakRss, usage.rss);
}
const maxRssBytes = process.resourceUsage().maxRSS * 1024; // maxRSS is in kilobytes
const last = runs[runs.length - 1];

console.log('## Questionnaire statistics (src/domain/statistics)');
console.log('');
console.log(`All statistics of issue 5 point 5 on ${RESPONSES.toLocaleString('en')} synthetic responses × ${LIKERT.length} five-point Likert items in ${DIMENSIONS.length} dimensions (+3 profile items), seed ${SEED}; median of ${REPETITIONS} runs after a warm-up; Node ${process.version}.`);
console.log('');
console.log('| measure | value | target |');
console.log('|---|---|---|');
console.log(`| analyseResponses (items, frequencies, dimensions, alpha + Feldt CI, alpha-if-deleted, item-total r) | ${median(runs.map((r) => r.analyse)).toFixed(0)} ms | |`);
console.log(`| crossTabulate role × branch (5 × 12, χ², Cramér's V) | ${median(runs.map((r) => r.crosstab)).toFixed(0)} ms | |`);
console.log(`| dimensionScores + compareGroups by role (Kruskal–Wallis, ANOVA) | ${median(runs.map((r) => r.compare)).toFixed(0)} ms | |`);
console.log(`| **total** | **${median(runs.map((r) => r.total)).toFixed(0)} ms** | < 2000 ms |`);
console.log(`| CPU time of the total (user + system; less sensitive to other load on the machine) | ${median(runs.map((r) => r.cpu)).toFixed(0)} ms | |`);
console.log(`| heap used with the data loaded (before analysis) | ${mb(afterData.heapUsed)} MB | |`);
console.log(`| peak heap used after a run | ${mb(peakHeap)} MB | < 500 MB |`);
console.log(`| peak RSS (process max) | ${mb(Math.max(peakRss, maxRssBytes))} MB | < 500 MB |`);
console.log('');
console.log(`Sanity: alpha(warning) = ${last.alpha?.toFixed(4)}, χ²(role × branch) = ${last.chi?.toFixed(2)}, Kruskal–Wallis H(warning by role) = ${last.kw?.toFixed(1)}.`);
