/**
 * Load: respondents autosaving and submitting through their own links while managers load result pages, at 20 and
 * then (twice) 100 connections, against a server in its own process on a SQLite file seeded with the demo; then a check that
 * every acknowledged write is stored, and the server's memory before and after.
 *
 * Traffic (see bench/support/respondents.ts): 200 invited experts answering pair by pair through /e/<token>/autosave
 * and submitting; 1,000 staff personal links saving three pages through /s/<token>/autosave and submitting; new
 * respondents submitting through the shared link /q/<token>/submit; a signed-in manager loading the live round's
 * monitoring page, the demo weight set, the live questionnaire's analysis and the portfolio. Latency is measured per
 * route from sending a request to its answer. Bars (issue 8): at 20 connections p99 ≤ 300 ms and no 5xx; at 100
 * connections no 5xx (429/503 only with Retry-After, counted apart) and p99 ≤ 2 s; server RSS growth < 50 MB.
 *
 * Run: npx tsx bench/load.bench.ts   (BENCH_SECONDS=10 for shorter phases; BENCH_CPU_PROF=<dir> to profile the server)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { serveBenchApp, startBenchServer, type MemorySample } from './support/bench-server.js';
import { BENCH_PASSWORD, createRespondents, RespondentTraffic, storedState, type PlannedRequest, type RespondentFixture, type RespondentKind } from './support/respondents.js';
import { fmtInt, fmtMs, RouteStats, table, type RouteSummary } from './support/route-stats.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const WARM_UP_SECONDS = 5;
const EXPERTS = 200;
const PERSONAL_LINKS = 1000;
const MANAGER_EMAIL = 'manager@bench.example';

interface Setup extends RespondentFixture {
  weightSetId: number;
}

async function serve(file: string): Promise<void> {
  await serveBenchApp<Setup>({
    databaseUrl: `sqlite:${file}`,
    demo: true,
    async prepare(services, db) {
      const fixture = await createRespondents(services, db, { experts: EXPERTS, personalLinks: PERSONAL_LINKS });
      const manager = await services.users.createAdmin({ email: MANAGER_EMAIL, password: BENCH_PASSWORD, name: 'Bench manager' });
      await db('users').where({ id: manager.id }).update({ role: 'manager' });
      const weightSet = (await db('weight_sets').max<{ id: number }[]>({ id: 'id' }))[0]?.id;
      return { ...fixture, weightSetId: Number(weightSet) };
    },
  });
}

/** Signs the manager in through the login form; returns the session cookie. */
async function signIn(url: string): Promise<string> {
  const page = await fetch(`${url}/login`);
  const cookie = (page.headers.getSetCookie()[0] ?? '').split(';')[0] as string;
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? '';
  const res = await fetch(`${url}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie, origin: url },
    body: new URLSearchParams({ email: MANAGER_EMAIL, password: BENCH_PASSWORD, _csrf: csrf }).toString(),
  });
  if (res.status !== 303) throw new Error(`manager sign-in failed: ${res.status}`);
  return (res.headers.getSetCookie()[0] ?? cookie).split(';')[0] as string;
}

interface PhaseResult {
  connections: number;
  seconds: number;
  routes: RouteSummary[];
  all: RouteSummary;
  errors: number;
  timeouts: number;
  /** Requests sent that had no answer when the phase ended (still waiting, or timed out). */
  unanswered: number;
}

/** One phase: an autocannon instance per kind of client, all at once, `connections` in total. */
async function runPhase(url: string, traffic: RespondentTraffic, setup: Setup, cookie: string, connections: number, seconds: number): Promise<PhaseResult> {
  const stats = new RouteStats();
  const inFlight = new Set<PlannedRequest>();
  let started = 0;
  const managerConnections = Math.max(1, Math.round(connections * 0.1));
  const sharedConnections = Math.max(1, Math.round(connections * 0.15));
  const personalConnections = Math.max(1, Math.round(connections * 0.25));
  const expertConnections = connections - managerConnections - sharedConnections - personalConnections;

  const respondent = (kind: RespondentKind, n: number) =>
    autocannon({
      url,
      connections: n,
      duration: seconds,
      timeout: 20,
      requests: [
        {
          setupRequest: (request, context) => {
            const planned = traffic.next(kind);
            inFlight.add(planned);
            started++;
            context.planned = planned;
            context.finish = traffic.begin(planned);
            context.t0 = performance.now();
            return {
              ...request,
              method: planned.method,
              path: planned.path,
              headers: { 'content-type': 'application/json', 'x-requested-with': 'fetch', accept: 'application/json' },
              ...(planned.body !== undefined ? { body: planned.body } : {}),
            };
          },
          onResponse: (status, _body, context, headers) => {
            const planned = context.planned as PlannedRequest;
            inFlight.delete(planned);
            stats.record(planned.route, performance.now() - (context.t0 as number), status, headers['retry-after'] ?? headers['Retry-After']);
            (context.finish as (s: number) => void)(status);
          },
        },
      ],
    });

  const pages = [
    { route: 'GET /rounds/:id (monitoring)', path: `/rounds/${setup.roundId}` },
    { route: 'GET /weight-sets/:id', path: `/weight-sets/${setup.weightSetId}` },
    { route: 'GET /questionnaires/:id/analysis', path: `/questionnaires/${setup.questionnaireId}/analysis` },
    { route: 'GET /portfolio', path: '/portfolio' },
  ];
  const manager = autocannon({
    url,
    connections: managerConnections,
    duration: seconds,
    timeout: 20,
    requests: pages.map((page) => ({
      method: 'GET',
      path: page.path,
      headers: { cookie, accept: 'text/html' },
      setupRequest: (request: Record<string, unknown>, context: Record<string, unknown>) => {
        started++;
        context.t0 = performance.now();
        return request;
      },
      onResponse: (status: number, _body: string, context: Record<string, unknown>, headers: Record<string, string>) => {
        stats.record(page.route, performance.now() - (context.t0 as number), status, headers['retry-after'] ?? headers['Retry-After']);
      },
    })),
  });

  const results = await Promise.all([respondent('expert', expertConnections), respondent('personal', personalConnections), respondent('shared', sharedConnections), manager]);
  // Requests cut off when the phase ended got no answer: their respondents are free again, their writes "maybe".
  for (const planned of inFlight) traffic.abandon(planned);
  return {
    connections,
    seconds,
    routes: stats.routes(),
    all: stats.all(),
    errors: results.reduce((s, r) => s + r.errors, 0),
    timeouts: results.reduce((s, r) => s + r.timeouts, 0),
    unanswered: started - stats.all().count,
  };
}

async function drive(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'cahp-load-'));
  const file = join(dir, 'load.sqlite');
  const setupStarted = Date.now();
  const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
  const server = await startBenchServer<Setup>(fileURLToPath(import.meta.url), { BENCH_DB: file }, profile);
  const setup = server.setup;
  const setupSeconds = (Date.now() - setupStarted) / 1000;
  const cookie = await signIn(server.url);
  const traffic = new RespondentTraffic(setup);

  await runPhase(server.url, traffic, setup, cookie, 4, WARM_UP_SECONDS);
  // Memory is read after a forced full garbage collection each time, so that garbage not yet collected under load
  // does not count as growth.
  const memory: (MemorySample & { label: string; rawRssMb: number })[] = [{ label: 'after warm-up', rawRssMb: server.rssMb(), ...(await server.memory()) }];
  const phases: PhaseResult[] = [];
  const load = [loadavg()[0] as number];
  // 100 connections twice: whether memory keeps growing or levels off shows in the second one.
  for (const connections of [20, 100, 100]) {
    phases.push(await runPhase(server.url, traffic, setup, cookie, connections, SECONDS));
    load.push(loadavg()[0] as number);
    const label = `after ${connections} connections`;
    memory.push({ label: memory.some((m) => m.label === label) ? `${label} again` : label, rawRssMb: server.rssMb(), ...(await server.memory()) });
  }
  const exitCode = await server.stop();

  // Every acknowledged write, looked up in the database file the server wrote.
  const { createDatabase } = await import('../src/storage/database.js');
  const db = createDatabase({ url: `sqlite:${file}` });
  const lost = traffic.ledger.lost(await storedState(db, setup));
  const integrity = ((await db.raw('PRAGMA integrity_check')) as { integrity_check: string }[])[0]?.integrity_check;
  await db.destroy();
  rmSync(dir, { recursive: true, force: true });

  const [p20, p100a, p100b] = phases as [PhaseResult, PhaseResult, PhaseResult];
  const p100 = { fiveXx: p100a.all.fiveXx + p100b.all.fiveXx, backoff: p100a.all.backoff + p100b.all.backoff, p99: Math.max(p100a.all.p99, p100b.all.p99) };
  const growth = (memory[memory.length - 1]?.rssMb as number) - (memory[0]?.rssMb as number);
  const bars: [string, string, boolean][] = [
    ['20 connections: p99 ≤ 300 ms (all routes)', fmtMs(p20.all.p99), p20.all.p99 <= 300],
    ['20 connections: no 5xx', fmtInt(p20.all.fiveXx), p20.all.fiveXx === 0],
    ['100 connections (both phases): no 5xx (429/503 with Retry-After counted apart)', `${fmtInt(p100.fiveXx)} (429/503 with Retry-After: ${fmtInt(p100.backoff)})`, p100.fiveXx === 0],
    ['100 connections (worse phase): p99 ≤ 2 s (all routes)', fmtMs(p100.p99), p100.p99 <= 2000],
    ['server RSS growth < 50 MB (after GC, warm-up → end)', `${growth.toFixed(1)} MB`, growth < 50],
    ['every acknowledged write stored', `${fmtInt(lost.length)} lost of ${fmtInt(traffic.ledger.size)} keys`, lost.length === 0],
    ['PRAGMA integrity_check', String(integrity), integrity === 'ok'],
  ];

  console.log('## Load: respondents writing while managers read result pages');
  console.log('');
  console.log(
    `Server in its own process on a SQLite file (WAL, synchronous=FULL) seeded with the demo; ${EXPERTS} invited experts (/e/<token>: autosave pair by pair, then submit), ` +
      `${fmtInt(PERSONAL_LINKS)} staff personal links (/s/<token>: three autosaved pages, then submit), new respondents through the shared link (/q/<token>/submit), ` +
      'and a signed-in manager loading the live round\'s monitoring page, the demo weight set, the live questionnaire\'s analysis and the portfolio. ' +
      `Connections split 10 % manager, 15 % shared link, 25 % personal links, the rest experts; ${WARM_UP_SECONDS} s warm-up at 4 connections, then ${SECONDS} s at 20 connections and twice ${SECONDS} s at 100. ` +
      'Latency from sending a request to its answer, per route. The per-IP limit on link routes is lifted (every request comes from 127.0.0.1). ' +
      `The machine (${cpus().length} cores) was shared with other work: 1-minute load average ${load.map((x) => x.toFixed(1)).join(' → ')} during the run. Setup (migrations, demo, respondents) took ${setupSeconds.toFixed(0)} s.`,
  );
  for (const phase of phases) {
    console.log('');
    console.log(`### ${phase.connections} connections, ${phase.seconds} s: ${fmtInt(phase.all.count / phase.seconds)} requests/s, ${fmtInt(phase.all.count)} requests answered; connection errors ${phase.errors}, timeouts (20 s) ${phase.timeouts}, still waiting when the phase ended ${phase.unanswered}`);
    console.log('');
    console.log(
      table(
        ['route', 'requests', 'req/s', 'p50', 'p99', 'max', '5xx', '429/503 + Retry-After', 'other non-2xx'],
        [...phase.routes, phase.all].map((r) => [r.route === 'all' ? '**all**' : `\`${r.route}\``, fmtInt(r.count), fmtInt(r.count / phase.seconds), fmtMs(r.p50), fmtMs(r.p99), fmtMs(r.max), fmtInt(r.fiveXx), fmtInt(r.backoff), fmtInt(r.otherNon2xx)]),
      ),
    );
  }
  console.log('');
  console.log('### Writes and memory');
  console.log('');
  console.log(
    table(
      ['measure', 'value'],
      [
        ['writes sent / acknowledged (judgments, drafts, submissions)', `${fmtInt(traffic.ledger.sent)} / ${fmtInt(traffic.ledger.acknowledged)}`],
        ['submissions acknowledged: experts / personal links / shared link', `${fmtInt(traffic.counts.expertSubmits)} / ${fmtInt(traffic.counts.personalSubmits)} / ${fmtInt(traffic.counts.sharedSubmits)}`],
        ['server exit code after SIGTERM', String(exitCode)],
      ],
    ),
  );
  console.log('');
  console.log(
    table(
      ['server memory (MB)', 'RSS as left by the load', 'RSS after a forced GC', 'V8 heap in use', 'V8 heap reserved', 'external (Buffers…)'],
      memory.map((m) => [m.label, m.rawRssMb.toFixed(1), m.rssMb.toFixed(1), m.heapUsedMb.toFixed(1), m.heapTotalMb.toFixed(1), m.externalMb.toFixed(1)]),
    ),
  );
  const first = memory[0] as MemorySample;
  const last = memory[memory.length - 1] as MemorySample;
  console.log('');
  console.log(
    `Live objects (V8 heap in use after GC) grew ${(last.heapUsedMb - first.heapUsedMb).toFixed(1)} MB; the rest of the RSS change is heap V8 keeps reserved and memory the C allocator ` +
      `keeps for the threads that run SQLite queries. The server ran with MALLOC_ARENA_MAX=${process.env.MALLOC_ARENA_MAX ?? '2'} (glibc malloc arenas), as \`npm start\` runs it.`,
  );
  console.log('');
  console.log('### Bars');
  console.log('');
  console.log(table(['bar', 'measured', 'met'], bars.map(([bar, value, met]) => [bar, value, met ? 'yes' : '**no**'])));
  if (lost.length > 0 || integrity !== 'ok' || p20.all.fiveXx + p100.fiveXx > 0) process.exitCode = 1;
}

if (process.env.BENCH_ROLE === 'server') await serve(process.env.BENCH_DB as string);
else await drive();
