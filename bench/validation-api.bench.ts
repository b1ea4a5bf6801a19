/**
 * POST /api/v1/validation/metrics with 1,000,000 scored borrowers under two model versions (issue 7 point 6):
 * the size of the JSON body, and where the time of one request goes — parsing the JSON, computing the metrics,
 * and the whole request through the app (HTTP on 127.0.0.1, token check, Content-Type check, express.json with the
 * route's 64 MB limit, metrics, JSON answer). Two payloads: scores rounded to 0.01 (a 0–100 credit score, many
 * ties) and unrounded PDs (≈ 1,000,000 distinct values per version, full 17-digit JSON numbers).
 * Synthetic seeded data as bench/validation.bench.ts: latent risk z ~ N(0, 1), bad when z + noise > 2.2.
 * Run: npx tsx bench/validation-api.bench.ts
 */
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, loadavg } from 'node:os';
import { pino } from 'pino';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { seededRandom } from '../src/domain/random/seeded-random.js';
import { computeMetrics } from '../src/features/validation/validation-api-routes.js';
import { createServices } from '../src/services.js';
import { createDatabase } from '../src/storage/database.js';
import { migrateLatest } from '../src/storage/migrate.js';

const N = 1_000_000;
const REPS = 3;

function payloads() {
  const rng = seededRandom(20240607);
  const outcomes: number[] = new Array(N), v1: number[] = new Array(N), v2: number[] = new Array(N), pd1: number[] = new Array(N), pd2: number[] = new Array(N);
  for (let i = 0; i < N; i++) {
    const z = rng.nextNormal();
    outcomes[i] = z + rng.nextNormal() > 2.2 ? 1 : 0;
    v1[i] = Math.round(Math.min(100, Math.max(0, 70 - 9 * (z + 0.9 * rng.nextNormal()))) * 100) / 100;
    v2[i] = Math.round(Math.min(100, Math.max(0, 70 - 9 * (z + 0.6 * rng.nextNormal()))) * 100) / 100;
    pd1[i] = 1 / (1 + Math.exp(3.5 - 1.3 * (z + 0.9 * rng.nextNormal())));
    pd2[i] = 1 / (1 + Math.exp(3.5 - 1.3 * (z + 0.6 * rng.nextNormal())));
  }
  return {
    'scores 0–100 rounded to 0.01, cut-off 60': JSON.stringify({ outcomes, scores: { v1, v2 }, cutoff: 60 }),
    'unrounded PDs, Brier': JSON.stringify({ outcomes, scores: { v1: pd1, v2: pd2 }, scoresArePd: true }),
  };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

async function timeAsync(reps: number, fn: () => Promise<unknown>): Promise<number> {
  await fn(); // warm-up
  const times: number[] = [];
  for (let r = 0; r < reps; r++) { const t0 = performance.now(); await fn(); times.push(performance.now() - t0); }
  return median(times);
}

const loadAtStart = loadavg()[0]!;
const config = loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'sqlite::memory:', LOG_LEVEL: 'silent', DEMO: '0', API_RATE_LIMIT_PER_IP: '100000' });
const db = createDatabase({ url: 'sqlite::memory:' });
await migrateLatest(db);
const services = createServices({ db, config });
const admin = await services.users.createAdmin({ email: 'bench@example.test', password: 'bench password bench password', name: 'Bench' });
const { token } = await services.apiTokens.create({ id: admin.id }, 'bench', null, null);
const { app } = createApp({ config, services, logger: pino({ level: 'silent' }), sessionSecret: 'bench-secret-bench-secret-bench-secret' });
const server = app.listen(0, '127.0.0.1');
await new Promise<void>((resolve) => server.once('listening', () => resolve()));
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/validation/metrics`;

/** One request on a fresh connection (no keep-alive: the server's idle timer would race the next big upload). */
function post(body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: 'POST', agent: false, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), authorization: `Bearer ${token}`, connection: 'close' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

const rows: string[] = [];
let sanity = '';
for (const [label, body] of Object.entries(payloads())) {
  const mb = Buffer.byteLength(body) / 2 ** 20;
  let parsed: unknown;
  const parse = await timeAsync(REPS, async () => { parsed = JSON.parse(body); });
  const compute = await timeAsync(REPS, async () => computeMetrics(parsed));
  let status = 0;
  let answer: { models: Record<string, { auc: number }>; comparisons: Array<{ delong: { z: number } }> } | undefined;
  const request = await timeAsync(REPS, async () => {
    const res = await post(body);
    status = res.status;
    answer = JSON.parse(res.text) as typeof answer;
  });
  if (status !== 200 || !answer) throw new Error(`request failed with ${status}: ${JSON.stringify(answer).slice(0, 300)}`);
  rows.push(`| ${label} | ${mb.toFixed(1)} MB | ${parse.toFixed(0)} ms | ${compute.toFixed(0)} ms | ${request.toFixed(0)} ms |`);
  sanity += `${label}: AUC ${answer.models.v1!.auc.toFixed(4)} / ${answer.models.v2!.auc.toFixed(4)}, DeLong z ${answer.comparisons[0]!.delong.z.toFixed(2)}. `;
}
const rssMb = process.memoryUsage().rss / 2 ** 20;
server.close();
await db.destroy();

console.log('## Metrics API (POST /api/v1/validation/metrics, 1,000,000 borrowers × 2 versions)');
console.log('');
console.log(`Median of ${REPS} runs after a warm-up, Node ${process.version}, ${cpus().length} CPU(s), 1-min load average ${loadAtStart.toFixed(1)} at start and ${loadavg()[0]!.toFixed(1)} at end; server and client in one process on 127.0.0.1; resident memory at the end ${rssMb.toFixed(0)} MB.`);
console.log('');
console.log('| payload | JSON body | JSON.parse | metrics (validation + computation) | whole request |');
console.log('|---|---|---|---|---|');
for (const row of rows) console.log(row);
console.log('');
console.log(`The whole request includes reading the body from the socket, parsing it (express.json, 64 MB limit on this route only) and sending the answer. Results (sanity): ${sanity.trim()}`);
