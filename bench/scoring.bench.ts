/**
 * Import + score end to end on SQLite (issue 6: a 100,000-row CSV in < 30 s with flat memory). A seeded synthetic
 * CSV (seededRandom(20261129): 26 indicators with 10 % missing, industry, size band, balance, classification,
 * days past due) is streamed through the real import service (CSV reader → validation → batched inserts in
 * one transaction) into a fresh SQLite file, then scored in chunks of 2,000 by the batch-scoring service
 * (compileModel, early warnings, stored evaluations) under an approved default-template version.
 * Peak RSS is sampled every 25 ms during each run; a 20,000-row run is shown beside it to check that memory
 * does not grow with the file. Pure scoring throughput is in bench/credit.bench.ts.
 * Run: npx tsx bench/scoring.bench.ts
 * While iterating: BENCH_ROWS=100000 runs only that size (no 20,000-row runs, no warm-up) and BENCH_RUNS=1 sets the
 * repeats; the default is the full run above.
 */
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config.js';
import { DEFAULT_INDEX_SYSTEM } from '../src/domain/credit/default-index-system.js';
import { seededRandom } from '../src/domain/random/seeded-random.js';
import { createServices } from '../src/services.js';
import { createDatabase } from '../src/storage/database.js';
import { migrateLatest } from '../src/storage/migrate.js';

const dir = mkdtempSync(join(tmpdir(), 'cahp-scoring-bench-'));
const system = { id: 0, role: 'admin' as const };
const INDUSTRIES = ['C', 'F', 'E', 'G', 'I', 'A'];
const SIZES = ['micro', 'small', 'medium'];

async function writeCsv(path: string, rows: number, seed: number): Promise<void> {
  const rng = seededRandom(seed);
  const out = createWriteStream(path);
  const ids = DEFAULT_INDEX_SYSTEM.indicators.map((i) => i.id);
  out.write(['borrower', 'name', 'asOf', 'industry', 'sizeBand', 'loanBalance', 'classification', 'daysPastDue', ...ids].join(',') + '\n');
  for (let k = 0; k < rows; k++) {
    const cells: string[] = [`B${k}`, `Bench firm ${k}`, '2026-09-30', INDUSTRIES[rng.nextInt(6)]!, SIZES[rng.nextInt(3)]!, String(100_000 + rng.nextInt(5_000_000))];
    const dpd = rng.next() < 0.05 ? rng.nextInt(200) : 0;
    cells.push(dpd > 90 ? 'substandard' : dpd > 0 ? 'special-mention' : 'normal', String(dpd));
    for (const ind of DEFAULT_INDEX_SYSTEM.indicators) {
      if (rng.next() < 0.1) { cells.push(''); continue; }
      if (ind.rule.kind === 'codes') cells.push(ind.rule.codes[rng.nextInt(ind.rule.codes.length)]!.code);
      else {
        const a = ind.rule.anchors, lo = a[0]!.raw, hi = a[a.length - 1]!.raw, span = hi - lo;
        cells.push((lo - 0.2 * span + rng.next() * 1.4 * span).toFixed(3));
      }
    }
    if (!out.write(cells.join(',') + '\n')) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

interface Run { rows: number; importS: number; scoreS: number; totalS: number; cpuS: number; peakRssMb: number; startRssMb: number; fileMb: number }

async function run(rows: number, csv: string, tag: string): Promise<Run> {
  const dbPath = join(dir, `${tag}.sqlite`);
  const db = createDatabase({ url: `sqlite:${dbPath}` });
  await migrateLatest(db);
  const config = loadConfig({ NODE_ENV: 'production', DATABASE_URL: `sqlite:${dbPath}`, LOG_LEVEL: 'silent' });
  const services = createServices({ db, config });
  const v = await services.models.createDraft(system, { name: 'bench', rationale: 'bench', source: { kind: 'template' } }, { unchecked: true });
  await services.models.approve(system, v, { effectiveFrom: '2026-01-01', rationale: 'bench' });
  global.gc?.();
  const startRss = process.memoryUsage().rss;
  let peak = startRss;
  const timer = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 25);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const report = await services.borrowers.importFromStream(system, { stream: createReadStream(csv), format: 'csv', mapping: 'guess', options: { portfolio: 'bench' } });
  const t1 = performance.now();
  const job = await services.scoring.scoreAll(system, v, { portfolio: 'bench' }, 2000);
  const t2 = performance.now();
  const cpu = process.cpuUsage(cpu0);
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().rss);
  if (report.status !== 'imported' || report.imported !== rows || job.done !== rows || job.failed !== 0) {
    throw new Error(`bench run failed: ${JSON.stringify({ status: report.status, imported: report.imported, done: job.done, failed: job.failed, issues: report.issues.slice(0, 3) })}`);
  }
  await db.destroy();
  rmSync(dbPath, { force: true }); rmSync(`${dbPath}-wal`, { force: true }); rmSync(`${dbPath}-shm`, { force: true });
  return { rows, importS: (t1 - t0) / 1000, scoreS: (t2 - t1) / 1000, totalS: (t2 - t0) / 1000, cpuS: (cpu.user + cpu.system) / 1e6, peakRssMb: peak / 2 ** 20, startRssMb: startRss / 2 ** 20, fileMb: statSync(csv).size / 2 ** 20 };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const onlyRows = process.env.BENCH_ROWS ? Number(process.env.BENCH_ROWS) : null;
const repeats = process.env.BENCH_RUNS ? Number(process.env.BENCH_RUNS) : 3;
if ((onlyRows !== null && !(Number.isInteger(onlyRows) && onlyRows > 0)) || !(Number.isInteger(repeats) && repeats > 0)) {
  throw new Error('BENCH_ROWS and BENCH_RUNS must be positive integers');
}

/** One size only, each run printed on its own line (for iterating on the import or scoring code). */
async function onlyOneSize(rows: number): Promise<void> {
  const csv = join(dir, 'only.csv');
  await writeCsv(csv, rows, 20261129);
  for (let rep = 0; rep < repeats; rep++) {
    const r = await run(rows, csv, `o${rep}`);
    console.log(`${rows} rows (${r.fileMb.toFixed(1)} MB): import ${r.importS.toFixed(1)} s, scoring ${r.scoreS.toFixed(1)} s, total ${r.totalS.toFixed(1)} s, CPU ${r.cpuS.toFixed(1)} s, peak RSS ${r.peakRssMb.toFixed(0)} MB (start ${r.startRssMb.toFixed(0)}), load ${loadavg()[0]!.toFixed(1)}`);
  }
}

async function fullRun(): Promise<void> {
  const loadBefore = loadavg()[0]!;
  const small = join(dir, 'small.csv'), big = join(dir, 'big.csv');
  await writeCsv(small, 20_000, 20261129);
  await writeCsv(big, 100_000, 20261129);
  await run(20_000, small, 'warmup');
  const smallRuns: Run[] = [], bigRuns: Run[] = [];
  for (let rep = 0; rep < repeats; rep++) {
    smallRuns.push(await run(20_000, small, `s${rep}`));
    bigRuns.push(await run(100_000, big, `b${rep}`));
  }
  const f1 = (x: number) => x.toFixed(1);
  const m = (runs: Run[], k: keyof Run) => median(runs.map((r) => r[k]));
  console.log('## Borrower import + scoring end to end (SQLite)');
  console.log('');
  console.log(`A seeded synthetic CSV streamed through the import service (validation, batched inserts in one transaction) into a fresh SQLite file, then batch-scored in chunks of 2,000 with stored evaluations and early warnings; median of ${repeats} runs after a warm-up; peak RSS sampled every 25 ms (process total, Node ${process.version}). CPU seconds are the process's user + system time (Node and SQLite threads together): they depend much less than wall time on what else runs on this shared machine (1-minute load average ${loadBefore.toFixed(1)} at the start, ${loadavg()[0]!.toFixed(1)} at the end).`);
  console.log('');
  console.log('| measure | value | target |');
  console.log('|---|---|---|');
  console.log(`| 100,000 rows (${f1(bigRuns[0]!.fileMb)} MB CSV): import, s | ${f1(m(bigRuns, 'importS'))} | |`);
  console.log(`| 100,000 rows: batch scoring, s | ${f1(m(bigRuns, 'scoreS'))} | |`);
  console.log(`| 100,000 rows: import + score, s | ${f1(m(bigRuns, 'totalS'))} | < 30 |`);
  console.log(`| 100,000 rows: import + score, CPU s | ${f1(m(bigRuns, 'cpuS'))} | |`);
  console.log(`| 100,000 rows: throughput end to end, rows/s | ${Math.round(100_000 / m(bigRuns, 'totalS')).toLocaleString('en-US')} | |`);
  console.log(`| 20,000 rows: import + score, s (CPU s) | ${f1(m(smallRuns, 'totalS'))} (${f1(m(smallRuns, 'cpuS'))}) | |`);
  console.log(`| peak RSS during the 20,000-row run, MB | ${f1(m(smallRuns, 'peakRssMb'))} (start ${f1(m(smallRuns, 'startRssMb'))}) | |`);
  console.log(`| peak RSS during the 100,000-row run, MB | ${f1(m(bigRuns, 'peakRssMb'))} (start ${f1(m(bigRuns, 'startRssMb'))}) | flat: about the 20,000-row peak |`);
}

try {
  await (onlyRows !== null ? onlyOneSize(onlyRows) : fullRun());
} finally {
  rmSync(dir, { recursive: true, force: true });
}
