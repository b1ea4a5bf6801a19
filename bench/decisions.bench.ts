/**
 * Online approval decisions under load (issue 9): POST /api/v1/decisions at 20 concurrent connections for 30 s
 * against a fresh SQLite file (WAL, synchronous=FULL) holding an approved model, the shipped default policy in
 * force and the synthetic demo SME book (so exposure and portfolio position are read from real rows). Each request
 * is a new application (unique requestId) of one of 20,000 borrowers with seeded indicators, data dates and
 * amounts, so some borrowers come back within the run and the duplicate and split checks read real history; 2 % of the requests replay an
 * acknowledged requestId (must answer 200 with the same id). Afterwards every acknowledged decision is looked up in
 * the database. Target: ≥ 300 decisions/s, p99 ≤ 300 ms, no 5xx, nothing lost.
 * Run: npx tsx bench/decisions.bench.ts   (BENCH_SECONDS=10 for a shorter run; BENCH_CPU_PROF=<dir> to profile)
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { seededRandom } from '../src/domain/random/seeded-random.js';
import { serveBenchApp, startBenchServer } from './support/bench-server.js';

const CONNECTIONS = 20;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const BORROWERS = 20_000;
const REPLAY_SHARE = 0.02;

interface Setup {
  token: string;
  snapshots: number;
}

/** A sound borrower (grade AA under the template model); the driver jitters it per request. */
const BASE: Record<string, number | string> = {
  I11: 'none', I12: 10, I13: 15, I14: 'tax_matched', I21: 45, I22: 1.8, I23: 1.3, I24: 6, I31: 6, I32: 5, I33: 0.4, I34: 1.6,
  I41: 45, I42: 50, I43: 12, I44: 1.2, I51: 'clean', I52: 'none', I53: 'A', I54: 'no_arrears', I55: 'none', I61: 110,
  I62: 'permitted', I63: 30, I71: 1.2, I72: 'guarantee_company',
};

async function serve(file: string): Promise<void> {
  await serveBenchApp<Setup>({
    databaseUrl: `sqlite:${file}`,
    async prepare(services) {
      const system = { id: 0, role: 'admin' as const };
      const modelId = await services.models.createDraft(system, { name: 'Bench model', rationale: 'bench', source: { kind: 'template' } });
      await services.models.approve(system, modelId, { effectiveFrom: '2020-01-01', rationale: 'bench' });
      const policyId = await services.policies.createDraft(system, { name: 'Bench policy', modelVersionId: modelId, source: { kind: 'default' } });
      await services.policies.approve(system, policyId, { effectiveFrom: '2020-01-01', rationale: 'bench' });
      const { demoSmePortfolio, DEMO_SME_PORTFOLIO } = await import('../src/features/borrowers/demo-sme-portfolio.js');
      const book = demoSmePortfolio();
      await services.borrowers.insertSnapshots(system, book, { portfolio: DEMO_SME_PORTFOLIO, isDemo: true, isSynthetic: true });
      const officer = await services.users.createAdmin({ email: 'bench-officer@example.test', password: 'bench password bench password', name: 'Bench officer' });
      await services.db('users').where({ id: officer.id }).update({ role: 'credit-officer' });
      const { token } = await services.apiTokens.create({ id: officer.id }, 'bench', null, null);
      return { token, snapshots: book.length };
    },
  });
}

async function drive(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'cahp-bench-'));
  const file = join(dir, 'bench.sqlite');
  const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
  const server = await startBenchServer<Setup>(fileURLToPath(import.meta.url), { BENCH_DB: file }, profile);
  const { token } = server.setup;
  /** CPU seconds (user + system, all threads) the server process has used, from /proc. */
  const serverCpu = () => {
    const fields = readFileSync(`/proc/${server.child.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  };
  const cpuBefore = serverCpu();
  const rng = seededRandom(20261202);
  const today = Date.now();
  const statuses = new Map<number, number>();
  const acknowledged = new Map<string, number>(); // requestId → id
  const replayMismatch: string[] = [];
  const bodies = new Map<string, string>();
  let n = 0, replays = 0;

  const instance = autocannon({
    url: server.url,
    connections: CONNECTIONS,
    duration: SECONDS,
    timeout: 10,
    requests: [
      {
        method: 'POST',
        setupRequest: (request: Record<string, unknown>, context: Record<string, unknown>) => {
          const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
          if (acknowledged.size > 100 && rng.next() < REPLAY_SHARE) {
            // Replay one acknowledged application: same requestId, same body.
            const keys = [...acknowledged.keys()];
            const requestId = keys[rng.nextInt(Math.min(keys.length, 5000))]!;
            context.requestId = requestId;
            context.replay = true;
            return { ...request, path: '/api/v1/decisions', headers, body: bodies.get(requestId) };
          }
          const k = n++;
          const requestId = `bench-${k}`;
          const indicators: Record<string, number | string> = { ...BASE };
          const q = rng.next();
          indicators.I21 = Math.round((30 + 45 * q) * 10) / 10;
          indicators.I24 = Math.round((1 + 8 * (1 - q)) * 10) / 10;
          indicators.I53 = q < 0.7 ? 'A' : q < 0.9 ? 'B' : 'C';
          if (rng.next() < 0.05) indicators.I55 = 'dishonest_list'; // a knock-out now and then
          indicators.I43 = Math.round((-10 + 30 * rng.next()) * 10) / 10;
          const body = JSON.stringify({
            requestId,
            borrower: {
              ref: `BENCH-${rng.nextInt(BORROWERS)}`, sizeBand: ['micro', 'small', 'medium'][rng.nextInt(3)], industry: ['C', 'F', 'E', 'G', 'I', 'A'][rng.nextInt(6)],
              branch: `Branch ${rng.nextInt(12)}`, asOf: new Date(today - (5 + rng.nextInt(100)) * 86_400_000).toISOString().slice(0, 10), indicators, daysPastDue: 0,
            },
            amount: Math.round((100_000 + 3_900_000 * rng.next()) / 1000) * 1000,
            termMonths: [6, 12, 24, 36, 48][rng.nextInt(5)],
          });
          bodies.set(requestId, body);
          context.requestId = requestId;
          context.replay = false;
          return { ...request, path: '/api/v1/decisions', headers, body };
        },
        onResponse: (status: number, body: string, context: Record<string, unknown>) => {
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
          const requestId = context.requestId as string;
          if (context.replay) {
            replays++;
            const id = (JSON.parse(body) as { id?: number }).id;
            if (status !== 200 || id !== acknowledged.get(requestId)) replayMismatch.push(requestId);
          } else if (status === 201) {
            acknowledged.set(requestId, (JSON.parse(body) as { id: number }).id);
          }
        },
      },
    ],
  });
  const result = await instance;
  const cpuSeconds = serverCpu() - cpuBefore;
  // Baseline on the same server: an authenticated read of one stored case (token and user lookup, two queries).
  const baselineSeconds = Math.min(10, SECONDS);
  const cpuBaseline = serverCpu();
  const baseline = await autocannon({
    url: server.url, connections: CONNECTIONS, duration: baselineSeconds, timeout: 10,
    requests: [{ method: 'GET', path: '/api/v1/decisions/1', headers: { authorization: `Bearer ${token}` } }],
  });
  const baselineCpu = serverCpu() - cpuBaseline;
  await server.stop();

  const { createDatabase } = await import('../src/storage/database.js');
  const db = createDatabase({ url: `sqlite:${file}` });
  const rows = (await db('credit_decisions').select('id', 'request_id', 'policy_decision')) as { id: number; request_id: string; policy_decision: string }[];
  const stored = new Map(rows.map((r) => [r.request_id, Number(r.id)]));
  let lost = 0;
  for (const [requestId, id] of acknowledged) if (stored.get(requestId) !== id) lost++;
  const mix = { approve: 0, refer: 0, decline: 0 } as Record<string, number>;
  for (const r of rows) mix[r.policy_decision] = (mix[r.policy_decision] ?? 0) + 1;
  await db.destroy();
  rmSync(dir, { recursive: true, force: true });

  const fiveXx = [...statuses].filter(([s]) => s >= 500).reduce((sum, [, c]) => sum + c, 0);
  const fmt = (x: number) => Math.round(x).toLocaleString('en-US');
  const pct = (x: number) => `${((x / Math.max(1, rows.length)) * 100).toFixed(1)} %`;
  const perSecond = result.requests.average;
  console.log('## Online approval decisions under load');
  console.log('');
  console.log(
    `POST /api/v1/decisions at ${CONNECTIONS} connections for ${SECONDS} s, SQLite file (WAL, synchronous=FULL), server in its own process; ` +
      `template model, shipped default policy, the synthetic SME book (${server.setup.snapshots} snapshots); ${fmt(BORROWERS)} borrowers applying repeatedly ` +
      `(some come back: duplicate and split checks read real history), ${REPLAY_SHARE * 100} % replays of acknowledged requestIds; then every acknowledged decision is looked up.`,
  );
  console.log('');
  console.log('| measure | value | target |');
  console.log('|---|---|---|');
  console.log(`| decisions/s (mean over the run) | ${fmt(perSecond)} | ≥ 300 |`);
  console.log(`| requests in total | ${fmt(result.requests.total)} | — |`);
  console.log(`| server CPU per request (user + system, all threads) | ${((cpuSeconds * 1000) / Math.max(1, result.requests.total)).toFixed(2)} ms | — |`);
  console.log(`| latency p50 | ${result.latency.p50} ms | — |`);
  console.log(`| latency p99 | ${result.latency.p99} ms | ≤ 300 ms |`);
  console.log(`| latency max | ${result.latency.max} ms | — |`);
  console.log(`| responses by status | ${[...statuses].sort(([a], [b]) => a - b).map(([s, c]) => `${s}: ${fmt(c)}`).join(', ')} | 201/200 only |`);
  console.log(`| 5xx responses | ${fmt(fiveXx)} | 0 |`);
  console.log(`| errors / timeouts (no response) | ${fmt(result.errors)} / ${fmt(result.timeouts)} | 0 |`);
  console.log(`| baseline: GET /api/v1/decisions/1 (same token, ${baselineSeconds} s) | ${fmt(baseline.requests.average)} requests/s, ${((baselineCpu * 1000) / Math.max(1, baseline.requests.total)).toFixed(2)} ms CPU per request, p99 ${baseline.latency.p99} ms | — |`);
  console.log(`| decisions acknowledged (201) / lost | ${fmt(acknowledged.size)} / ${fmt(lost)} | lost 0 |`);
  console.log(`| replays / answered with another id or status | ${fmt(replays)} / ${fmt(replayMismatch.length)} | 0 |`);
  console.log(`| stored decisions: approve / refer / decline | ${fmt(mix.approve ?? 0)} (${pct(mix.approve ?? 0)}) / ${fmt(mix.refer ?? 0)} (${pct(mix.refer ?? 0)}) / ${fmt(mix.decline ?? 0)} (${pct(mix.decline ?? 0)}) | — |`);
  const failed = lost > 0 || fiveXx > 0 || replayMismatch.length > 0;
  if (failed) process.exitCode = 1;
}

if (process.env.BENCH_ROLE === 'server') await serve(process.env.BENCH_DB as string);
else await drive();
