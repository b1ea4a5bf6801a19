/**
 * Expert autosave under load (issue 4): 200 invited experts autosaving at 20 concurrent connections for 60 s
 * against POST /e/:token/autosave on a fresh SQLite file, then a check that every acknowledged (2xx) judgment is
 * stored. Target: p99 ≤ 300 ms, no 5xx, nothing lost.
 *
 * The app runs in a child process (this file with BENCH_ROLE=server) so that autocannon does not share its event
 * loop. Each request carries 1–3 judgments of one block (seeded random pairs and scale values, 5 % "no opinion")
 * and the page; a token is never used by two requests at once, so the last acknowledged value of each pair is
 * the one that must be stored (a request that failed without an answer may or may not have been applied).
 * Run: npx tsx bench/expert-autosave.bench.ts   (BENCH_SECONDS=10 for a shorter run; BENCH_CPU_PROF=<dir> to profile)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { SAATY_SCALE } from '../src/domain/ahp/saaty-scale.js';
import { seededRandom } from '../src/domain/random/seeded-random.js';
import { serveBenchApp, startBenchServer } from './support/bench-server.js';
import { WriteLedger } from './support/write-ledger.js';

const EXPERTS = 200;
const CONNECTIONS = 20;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);

interface Block {
  id: number;
  children: number[];
}
interface Setup {
  tokens: string[];
  invitationIds: number[];
  blocks: Block[];
}

/** Child process: a fresh SQLite file with a study, an open round and 200 invitations, served on loopback. */
async function serve(file: string): Promise<void> {
  const { parentNodes } = await import('../src/features/studies/hierarchy-tree.js');
  await serveBenchApp<Setup>({
    databaseUrl: `sqlite:${file}`,
    async prepare(services) {
      const system = { id: 0, role: 'admin' as const };
      const study = await services.studies.create(system, { title: 'Load test study', description: '', locale: 'en', template: 'default' });
      const roundId = await services.rounds.create(system, study.id, {
        label: 'Load test', priorityMethod: 'eigenvector', riTable: 'saaty', crThreshold: 0.1, allowNoOpinion: true, crPolicy: 'warn', deadline: null, intro: { en: '', zh: '' },
      });
      await services.rounds.open(system, roundId);
      const invited = await services.rounds.inviteMany(system, roundId, Array.from({ length: EXPERTS }, (_, k) => `Load expert ${k + 1}`).join('\n'));
      const { root } = await services.rounds.hierarchyOf((await services.rounds.context(system, roundId)).round);
      const blocks = parentNodes(root).filter((b) => b.children.length >= 2).map((b) => ({ id: b.id, children: b.children.map((c) => c.id) }));
      return { tokens: invited.map((i) => i.token), invitationIds: invited.map((i) => i.invitation.id), blocks };
    },
  });
}

interface Sent {
  key: string;
  value: number | null;
}

async function drive(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'cahp-bench-'));
  const file = join(dir, 'bench.sqlite');
  // BENCH_CPU_PROF=<dir> writes a V8 CPU profile of the server process there (for finding hot spots).
  const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
  const server = await startBenchServer<Setup>(fileURLToPath(import.meta.url), { BENCH_DB: file }, profile);
  const setup = server.setup;

  const rng = seededRandom(20261129);
  const weighted = setup.blocks.flatMap((b) => Array.from({ length: (b.children.length * (b.children.length - 1)) / 2 }, () => b));
  const busy = new Set<number>();
  let next = 0;
  /** Per "expert:parent:left:right": the last acknowledged value, and values sent whose answer never came. */
  const ledger = new WriteLedger();
  const statuses = new Map<number, number>();

  const instance = autocannon({
    url: server.url,
    connections: CONNECTIONS,
    duration: SECONDS,
    timeout: 10,
    requests: [
      {
        method: 'POST',
        setupRequest: (request: Record<string, unknown>, context: Record<string, unknown>) => {
          // The next token not in flight (with 200 tokens and 20 connections there always is one).
          let k = next;
          while (busy.has(k % EXPERTS)) k++;
          const expert = k % EXPERTS;
          next = k + 1;
          busy.add(expert);
          const block = weighted[rng.nextInt(weighted.length)] as Block;
          const count = 1 + rng.nextInt(3);
          const judgments: { parent: number; left: number; right: number; value: number | null }[] = [];
          const seen = new Set<string>();
          for (let n = 0; n < count; n++) {
            const i = rng.nextInt(block.children.length - 1);
            const j = i + 1 + rng.nextInt(block.children.length - 1 - i);
            const key = `${expert}:${block.id}:${block.children[i]}:${block.children[j]}`;
            if (seen.has(key)) continue;
            seen.add(key);
            const value = rng.next() < 0.05 ? null : (SAATY_SCALE[rng.nextInt(SAATY_SCALE.length)] as number);
            judgments.push({ parent: block.id, left: block.children[i] as number, right: block.children[j] as number, value });
          }
          const sent: Sent[] = judgments.map((j) => ({ key: `${expert}:${j.parent}:${j.left}:${j.right}`, value: j.value }));
          for (const s of sent) ledger.send(s.key, s.value);
          context.expert = expert;
          context.sent = sent;
          return {
            ...request,
            path: `/e/${setup.tokens[expert]}/autosave`,
            headers: { 'content-type': 'application/json', 'x-requested-with': 'fetch' },
            body: JSON.stringify({ judgments, page: block.id }),
          };
        },
        onResponse: (status: number, _body: string, context: Record<string, unknown>) => {
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
          busy.delete(context.expert as number);
          // An answer came, so these values are no longer "maybe applied": either stored (2xx) or refused.
          for (const s of context.sent as Sent[]) ledger.answer(s.key, s.value, status >= 200 && status < 300);
        },
      },
    ],
  });
  const result = await instance;
  await server.stop();

  // Verification straight from the database file.
  const { createDatabase } = await import('../src/storage/database.js');
  const db = createDatabase({ url: `sqlite:${file}` });
  const rows = (await db('judgments').select('invitation_id', 'parent_node_id', 'left_node_id', 'right_node_id', 'value')) as { invitation_id: number; parent_node_id: number; left_node_id: number; right_node_id: number; value: number | null }[];
  const stored = new Map<string, number | null>();
  const expertOf = new Map(setup.invitationIds.map((id, k) => [id, k]));
  for (const r of rows) stored.set(`${expertOf.get(Number(r.invitation_id))}:${r.parent_node_id}:${r.left_node_id}:${r.right_node_id}`, r.value === null ? null : Number(r.value));
  const lost = ledger.lost((key) => stored.get(key)).length;
  const results = Number((await db('expert_node_results').count<{ n: number }[]>({ n: '*' }))[0]?.n ?? 0);
  await db.destroy();
  rmSync(dir, { recursive: true, force: true });

  const non2xx = [...statuses].filter(([s]) => s < 200 || s >= 300).reduce((sum, [, n]) => sum + n, 0);
  const fiveXx = [...statuses].filter(([s]) => s >= 500).reduce((sum, [, n]) => sum + n, 0);
  const fmt = (x: number) => Math.round(x).toLocaleString('en-US');
  console.log('## Expert autosave under load');
  console.log('');
  console.log(
    `POST /e/:token/autosave with ${EXPERTS} invited experts, ${CONNECTIONS} connections, ${SECONDS} s, 1–3 judgments per request, ` +
      `SQLite file (WAL, synchronous=FULL), server in its own process; then every acknowledged judgment is looked up in the database.`,
  );
  console.log('');
  console.log('| measure | value | target |');
  console.log('|---|---|---|');
  console.log(`| requests/s (mean) | ${fmt(result.requests.average)} | — |`);
  console.log(`| requests in total | ${fmt(result.requests.total)} | — |`);
  console.log(`| latency p50 | ${result.latency.p50} ms | — |`);
  console.log(`| latency p99 | ${result.latency.p99} ms | ≤ 300 ms |`);
  console.log(`| latency max | ${result.latency.max} ms | — |`);
  console.log(`| non-2xx responses | ${fmt(non2xx)} (${[...statuses].filter(([s]) => s >= 300).map(([s, n]) => `${s}: ${n}`).join(', ') || 'none'}) | 0 |`);
  console.log(`| 5xx responses | ${fmt(fiveXx)} | 0 |`);
  console.log(`| errors / timeouts (no response) | ${fmt(result.errors)} / ${fmt(result.timeouts)} | 0 |`);
  console.log(`| judgments sent / acknowledged | ${fmt(ledger.sent)} / ${fmt(ledger.acknowledged)} | — |`);
  console.log(`| distinct pairs acknowledged / lost | ${fmt(ledger.size)} / ${fmt(lost)} | lost 0 |`);
  console.log(`| block results stored | ${fmt(results)} | — |`);
  if (lost > 0 || fiveXx > 0) process.exitCode = 1;
}

if (process.env.BENCH_ROLE === 'server') await serve(process.env.BENCH_DB as string);
else await drive();
