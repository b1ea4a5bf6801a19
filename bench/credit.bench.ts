/**
 * Pure credit scoring throughput of the default model (issue 6: target ≥ 100,000 borrowers/s on one core).
 * Borrowers are synthetic, drawn with seededRandom(20240601): every indicator present with probability 0.9,
 * numeric values spread across and beyond the anchors, codes uniform over each table, 10 % with an industry
 * that has a variant, an overlay index on every borrower. Run: npx tsx bench/credit.bench.ts
 */
import { loadavg } from 'node:os';
import { buildCreditModel } from '../src/domain/credit/build-credit-model.js';
import type { BorrowerInput } from '../src/domain/credit/borrower-evaluation.js';
import { compileModel } from '../src/domain/credit/compile-model.js';
import { DEFAULT_INDEX_SYSTEM } from '../src/domain/credit/default-index-system.js';
import { SUGGESTED_OVERLAY } from '../src/domain/credit/overlay-points.js';
import { scoreBorrower } from '../src/domain/credit/score-borrower.js';
import { seededRandom } from '../src/domain/random/seeded-random.js';

/** Principal eigenvector by power iteration (Saaty 1980), normalised to sum 1 — the demo weights. */
function powerIteration(matrix: readonly (readonly number[])[]): number[] {
  const n = matrix.length;
  let w = new Array<number>(n).fill(1 / n);
  for (let iter = 0; iter < 10_000; iter++) {
    const next = matrix.map((row) => row.reduce((s, a, j) => s + a * w[j], 0));
    const sum = next.reduce((s, x) => s + x, 0);
    const change = Math.max(...next.map((x, i) => Math.abs(x / sum - w[i])));
    w = next.map((x) => x / sum);
    if (change < 1e-15) break;
  }
  return w;
}

const model = buildCreditModel(DEFAULT_INDEX_SYSTEM, powerIteration, {
  overlay: SUGGESTED_OVERLAY,
  industryVariants: [{ industry: 'F51', criterionTilts: { C4: 1.5 }, indicatorTilts: { I42: 0.5 }, rationale: 'bench variant' }],
});

function syntheticBorrowers(count: number, seed: number): BorrowerInput[] {
  const rng = seededRandom(seed);
  const out: BorrowerInput[] = [];
  for (let k = 0; k < count; k++) {
    const indicators: Record<string, number | string | null> = {};
    for (const ind of model.indicators) {
      if (rng.next() < 0.1) { indicators[ind.id] = null; continue; }
      if (ind.rule.kind === 'codes') {
        indicators[ind.id] = ind.rule.codes[rng.nextInt(ind.rule.codes.length)].code;
      } else {
        const a = ind.rule.anchors;
        const lo = a[0].raw, hi = a[a.length - 1].raw, span = hi - lo;
        indicators[ind.id] = lo - 0.2 * span + rng.next() * 1.4 * span;
      }
    }
    out.push({
      industry: rng.next() < 0.1 ? 'F51' : 'C13',
      indicators,
      daysPastDue: rng.next() < 0.05 ? rng.nextInt(200) : 0,
      prosperityIndex: 80 + rng.next() * 40,
    });
  }
  return out;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

const N = 100_000;
const borrowers = syntheticBorrowers(N, 20240601);
const compiled = compileModel(model);

const measures: [string, (b: BorrowerInput) => { score: number }][] = [
  ['compiled `score` (full breakdown), borrowers/s', (b) => compiled.score(b)],
  ['compiled `scoreAndGrade`, borrowers/s', (b) => compiled.scoreAndGrade(b)],
  ['`scoreBorrower(model, b)` (cached compile), borrowers/s', (b) => scoreBorrower(model, b)],
];
let sink = 0;
for (const [, fn] of measures) for (let i = 0; i < 20_000; i++) sink += fn(borrowers[i]).score; // warm-up
// Repetitions are interleaved across the measures so that background load affects them alike.
const rates: number[][] = measures.map(() => []);
const cpuRates: number[][] = measures.map(() => []);
for (let rep = 0; rep < 9; rep++) {
  measures.forEach(([, fn], k) => {
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    for (let i = 0; i < N; i++) sink += fn(borrowers[i]).score;
    rates[k].push(N / ((performance.now() - t0) / 1000));
    const cpu = process.cpuUsage(cpu0);
    cpuRates[k].push(N / ((cpu.user + cpu.system) / 1e6));
  });
}
if (!Number.isFinite(sink)) throw new Error('non-finite score');
const rows = measures.map(([label], k) => [label, median(rates[k]), median(cpuRates[k])] as const);

const fmt = (x: number) => Math.round(x).toLocaleString('en-US');
console.log('## Credit scoring throughput (default model)');
console.log('');
console.log(`Pure scoring of ${fmt(N)} seeded synthetic borrowers (26 indicators, 10 % missing, overlay, 10 % industry variant) on one core; median of 9 interleaved runs after warm-up. Per wall second and per CPU second of the process (the machine is shared: wall rates fall when other work runs; the CPU rate is what one core gives). 1-minute load average at the end: ${loadavg()[0]!.toFixed(1)}.`);
console.log('');
console.log('| measure | per wall second | per CPU second | target |');
console.log('|---|---|---|---|');
for (const [label, rate, cpuRate] of rows) console.log(`| ${label} | ${fmt(rate)} | ${fmt(cpuRate)} | ≥ 100,000 |`);
