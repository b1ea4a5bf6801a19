/**
 * Faults with figures (SQLite; the quick checks are test/process/faults.test.ts): src/server.ts killed with SIGKILL
 * under write load at ten random moments, each followed by a restart on the same file; then SIGTERM under load; then
 * a write lock held by another process for 3 s and for 10 s. After every kill the file is opened as a restarted
 * server would open it: PRAGMA integrity_check, and every acknowledged write looked up.
 *
 * Run: npx tsx bench/faults.bench.ts   (BENCH_KILLS=3 for fewer kills)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { seededRandom } from '../src/domain/random/seeded-random.js';
import { startServer } from '../test/helpers/server-process.js';
import { holdWriteLock, inspect, prepareDatabase, send, sleep, until, writeLoad } from './support/fault-tools.js';
import { RespondentTraffic, type RespondentKind } from './support/respondents.js';
import { fmtInt, fmtMs, table } from './support/route-stats.js';

const KILLS = Number(process.env.BENCH_KILLS ?? 10);
const CONCURRENCY = 8;

const dir = mkdtempSync(join(tmpdir(), 'cahp-faults-bench-'));
const load = [loadavg()[0] as number];
let failed = false;

// 1. kill -9 at random moments, restart, check.
const killFile = join(dir, 'kill', 'db.sqlite');
const fixture = await prepareDatabase(killFile, { experts: 100, personalLinks: 200 });
const traffic = new RespondentTraffic(fixture, 2026);
const rng = seededRandom(20261202);
const killRows: (string | number)[][] = [];
let totalLost = 0;
for (let kill = 1; kill <= KILLS; kill++) {
  const started = Date.now();
  const server = startServer({ DATABASE_URL: `sqlite:${killFile}`, DEMO: '0', LOG_LEVEL: 'silent' });
  const url = await server.url;
  const startMs = Date.now() - started;
  const ackedBefore = traffic.ledger.acknowledged;
  const writes = writeLoad(url, traffic, CONCURRENCY);
  await until(() => traffic.ledger.acknowledged >= ackedBefore + 30);
  const moment = Math.floor(rng.next() * 3000);
  await sleep(moment);
  server.child.kill('SIGKILL');
  await server.exited;
  await writes.stop();
  const { integrity, lost } = await inspect(killFile, fixture, traffic);
  totalLost += lost.length;
  const fiveXx = writes.statuses.filter((s) => s >= 500).length;
  if (lost.length || integrity.join() !== 'ok' || fiveXx) failed = true;
  killRows.push([kill, `+${moment} ms`, fmtMs(startMs), fmtInt(writes.statuses.length), fmtInt(traffic.ledger.acknowledged - ackedBefore), fmtInt(writes.failures()), fmtInt(fiveXx), integrity.join(' '), fmtInt(lost.length)]);
}
load.push(loadavg()[0] as number);

// 2. SIGTERM under load.
const termFile = join(dir, 'term', 'db.sqlite');
const termFixture = await prepareDatabase(termFile);
const termTraffic = new RespondentTraffic(termFixture, 7);
const termServer = startServer({ DATABASE_URL: `sqlite:${termFile}`, DEMO: '0', LOG_LEVEL: 'silent' });
const termUrl = await termServer.url;
const termWrites = writeLoad(termUrl, termTraffic, CONCURRENCY);
await until(() => termTraffic.ledger.acknowledged >= 20);
const termAt = Date.now();
termServer.child.kill('SIGTERM');
const termExit = await termServer.exited;
const termMs = Date.now() - termAt;
await termWrites.stop();
const term = await inspect(termFile, termFixture, termTraffic);
if (termExit !== 0 || term.lost.length || term.integrity.join() !== 'ok' || termWrites.statuses.some((s) => s >= 500)) failed = true;

// 3. Another process holds the write lock for 3 s, then for 10 s.
const lockFile = join(dir, 'lock', 'db.sqlite');
const lockFixture = await prepareDatabase(lockFile);
const lockTraffic = new RespondentTraffic(lockFixture, 8);
const lockServer = startServer({ DATABASE_URL: `sqlite:${lockFile}`, DEMO: '0', LOG_LEVEL: 'silent' });
const lockUrl = await lockServer.url;
const kinds: RespondentKind[] = ['expert', 'expert', 'expert', 'personal', 'personal', 'shared'];
const lockRows: (string | number)[][] = [];
for (const holdMs of [3000, 10_000]) {
  const holder = holdWriteLock(lockFile, holdMs);
  await holder.locked;
  const sentAt = Date.now();
  const answers = await Promise.all(kinds.map((kind) => send(lockUrl, lockTraffic, kind)));
  await holder.released;
  const byStatus = new Map<string, number>();
  for (const a of answers) byStatus.set(String(a.answer?.status ?? 'none'), (byStatus.get(String(a.answer?.status ?? 'none')) ?? 0) + 1);
  const waits = answers.map((a) => (a.answer ? a.answer.at - sentAt : NaN));
  const retryAfter = [...new Set(answers.filter((a) => a.answer?.status === 503).map((a) => a.answer?.retryAfter))];
  const bad = answers.some((a) => !a.answer || (a.answer.status >= 500 && !(a.answer.status === 503 && a.answer.retryAfter)));
  if (bad) failed = true;
  lockRows.push([`${holdMs / 1000} s`, [...byStatus].map(([s, n]) => `${s}: ${n}`).join(', '), `${fmtMs(Math.min(...waits))} – ${fmtMs(Math.max(...waits))}`, retryAfter.length ? retryAfter.join(', ') + ' s' : '—']);
}
const alive = lockServer.child.exitCode === null && (await fetch(`${lockUrl}/healthz`)).status === 200;
const afterLock = await Promise.all(kinds.map((kind) => send(lockUrl, lockTraffic, kind)));
lockServer.child.kill('SIGTERM');
await lockServer.exited;
const lock = await inspect(lockFile, lockFixture, lockTraffic);
if (!alive || lock.lost.length || lock.integrity.join() !== 'ok' || afterLock.some((a) => (a.answer?.status ?? 0) >= 300)) failed = true;
load.push(loadavg()[0] as number);
rmSync(dir, { recursive: true, force: true });

console.log('## Faults: kill -9, SIGTERM and a locked database (SQLite)');
console.log('');
console.log(
  `src/server.ts in its own process on a SQLite file (WAL, synchronous=FULL); ${CONCURRENCY} clients writing in a loop through expert links (autosave, submit), ` +
    'staff personal links (autosave, submit) and the shared link; every answer recorded, and after each fault the file opened as a restarted server would open it. ' +
    `The machine (${cpus().length} cores) was shared with other work: 1-minute load average ${load.map((x) => x.toFixed(1)).join(' → ')}.`,
);
console.log('');
console.log(`### kill -9 at ${KILLS} random moments (seeded), restarting on the same file each time`);
console.log('');
console.log(table(['kill', 'moment after 30 acks', 'start (migrations checked, listening)', 'answers', 'acknowledged writes', 'requests without answer', '5xx', 'integrity_check', 'acknowledged writes lost'], killRows));
console.log('');
console.log(`In all: ${fmtInt(traffic.ledger.acknowledged)} acknowledged writes over ${KILLS} kills, ${fmtInt(traffic.ledger.size)} distinct keys, **${fmtInt(totalLost)} lost**; submissions acknowledged: experts ${traffic.counts.expertSubmits}, personal links ${traffic.counts.personalSubmits}, shared link ${traffic.counts.sharedSubmits}.`);
console.log('');
console.log('### SIGTERM under write load');
console.log('');
console.log(
  table(
    ['measure', 'value'],
    [
      ['exit code', String(termExit)],
      ['SIGTERM → exit', fmtMs(termMs)],
      ['answers / 5xx / requests without answer (refused connections after close)', `${fmtInt(termWrites.statuses.length)} / ${fmtInt(termWrites.statuses.filter((s) => s >= 500).length)} / ${fmtInt(termWrites.failures())}`],
      ['integrity_check / acknowledged writes lost', `${term.integrity.join(' ')} / ${fmtInt(term.lost.length)}`],
    ],
  ),
);
console.log('');
console.log('### Write lock held by another process (BEGIN IMMEDIATE), six writes sent at once (busy timeout 5 s, connection wait 8 s)');
console.log('');
console.log(table(['lock held', 'statuses', 'answered after', 'Retry-After'], lockRows));
console.log('');
console.log(`Afterwards: server alive ${alive ? 'yes' : '**no**'}, next six writes ${afterLock.map((a) => a.answer?.status).join(', ')}, integrity_check ${lock.integrity.join(' ')}, acknowledged writes lost ${lock.lost.length}.`);
if (failed) process.exitCode = 1;
