/**
 * Faults on SQLite (the server in its own process, on a database file): kill -9 under write load, SIGTERM under
 * write load, a write lock held by another process for 3 s and for 10 s, and a read-only database file. Respondents
 * write through their links (bench/support/respondents.ts) and every acknowledged write is looked up in the file
 * afterwards, with PRAGMA integrity_check. PostgreSQL has none of these failure modes in this form: SQLite only.
 * The repeated kill -9 at many random moments, with figures, is bench/faults.bench.ts.
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { holdWriteLock, inspect, prepareDatabase, send, sleep, until, writeLoad } from '../../bench/support/fault-tools.js';
import { RespondentTraffic, type RespondentFixture, type RespondentKind } from '../../bench/support/respondents.js';
import { sameValue, type LedgerValue } from '../../bench/support/write-ledger.js';
import { createDatabase } from '../../src/storage/database.js';
import { startServer } from '../helpers/server-process.js';

const dir = mkdtempSync(join(tmpdir(), 'cahp-faults-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const sameStored = (a: LedgerValue | undefined, b: LedgerValue | undefined) => (a === undefined || b === undefined ? a === b : sameValue(a, b));

async function prepare(name: string, counts?: { experts: number; personalLinks: number }): Promise<{ file: string; fixture: RespondentFixture }> {
  const file = join(dir, name, 'db.sqlite');
  return { file, fixture: await prepareDatabase(file, counts) };
}

// The suite's PostgreSQL pass (TEST_DATABASE_URL) would only run the same SQLite checks again.
describe.skipIf(Boolean(process.env.TEST_DATABASE_URL))('faults on SQLite', () => {
  it('kill -9 under write load at three random moments: after each, every acknowledged answer is stored and the file is intact', async () => {
    const { file, fixture } = await prepare('kill');
    const traffic = new RespondentTraffic(fixture, 11);
    const moments: number[] = [];
    for (let round = 0; round < 3; round++) {
      const server = startServer({ DATABASE_URL: `sqlite:${file}`, DEMO: '0' });
      const url = await server.url;
      const load = writeLoad(url, traffic, 8);
      const ackedBefore = traffic.ledger.acknowledged;
      await until(() => traffic.ledger.acknowledged >= ackedBefore + 10);
      const moment = Math.floor(Math.random() * 1000);
      moments.push(moment);
      await sleep(moment);
      server.child.kill('SIGKILL');
      await server.exited;
      await load.stop();

      expect(load.statuses.filter((s) => s >= 500), `5xx before the kill (moment ${moment} ms)`).toEqual([]);
      const { integrity, lost } = await inspect(file, fixture, traffic);
      expect(integrity, `integrity after kill ${round + 1} at +${moment} ms`).toEqual(['ok']);
      expect(lost, `acknowledged writes missing after kill ${round + 1} at +${moment} ms`).toEqual([]);
    }
    // The respondents went on after each restart.
    expect(traffic.ledger.acknowledged).toBeGreaterThanOrEqual(30);
    expect(traffic.counts.sharedSubmits).toBeGreaterThan(0);
  }, 240_000);

  it('SIGTERM under write load: requests in flight are answered and stored, the exit is 0, nothing acknowledged is lost', async () => {
    const { file, fixture } = await prepare('term', { experts: 43, personalLinks: 40 });
    // Three experts are kept apart for the requests caught half-sent by the signal.
    const reserved = fixture.experts.slice(0, 3);
    const loadFixture = { ...fixture, experts: fixture.experts.slice(3) };
    const traffic = new RespondentTraffic(loadFixture, 12);
    const server = startServer({ DATABASE_URL: `sqlite:${file}`, DEMO: '0' });
    const url = await server.url;
    const load = writeLoad(url, traffic, 6);
    await until(() => traffic.ledger.acknowledged >= 10);

    const block = fixture.blocks[0] as { id: number; children: number[] };
    const halfSent = reserved.map((expert, i) => {
      const body = JSON.stringify({ judgments: [{ parent: block.id, left: block.children[0], right: block.children[i + 1], value: 5 }], page: block.id });
      let finishBody = () => undefined as void;
      const status = new Promise<number>((resolve, reject) => {
        const req = request(`${url}/e/${expert.token}/autosave`, { method: 'POST', agent: false, headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', reject);
        req.write(body.slice(0, 10));
        finishBody = () => void req.end(body.slice(10));
      });
      return { status, finish: () => finishBody() };
    });
    await sleep(200);
    server.child.kill('SIGTERM');
    await sleep(300);
    for (const h of halfSent) h.finish();

    expect(await Promise.all(halfSent.map((h) => h.status))).toEqual([200, 200, 200]);
    expect(await server.exited).toBe(0);
    await load.stop();
    expect(load.statuses.filter((s) => s >= 500)).toEqual([]);

    const { integrity, lost } = await inspect(file, loadFixture, traffic);
    expect(integrity).toEqual(['ok']);
    expect(lost).toEqual([]);
    const db = createDatabase({ url: `sqlite:${file}` });
    const rows = await db('judgments').whereIn('invitation_id', reserved.map((e) => e.invitationId)).orderBy('right_node_id').select('invitation_id', 'right_node_id', 'value');
    await db.destroy();
    expect(rows.map((r) => [Number(r.invitation_id), Number(r.right_node_id), Number(r.value)])).toEqual(
      reserved.map((e, i) => [e.invitationId, block.children[i + 1], 5]).sort((a, b) => (a[1] as number) - (b[1] as number)),
    );
  }, 240_000);

  it('a write lock held by another process: for 3 s requests wait and succeed; for 10 s they get 503 with Retry-After, the server lives on, nothing acknowledged is lost', async () => {
    const { file, fixture } = await prepare('lock');
    const traffic = new RespondentTraffic(fixture, 13);
    const server = startServer({ DATABASE_URL: `sqlite:${file}`, DEMO: '0' });
    const url = await server.url;
    const kinds: RespondentKind[] = ['expert', 'expert', 'expert', 'personal', 'personal', 'shared'];

    // 3 s: shorter than the busy timeout (5 s), so every write waits for the lock and then succeeds.
    const short = holdWriteLock(file, 3000);
    await short.locked;
    const waited = await Promise.all(kinds.map((kind) => send(url, traffic, kind)));
    const releasedAt = await short.released;
    expect(waited.map((w) => w.answer?.status)).toEqual([200, 200, 200, 200, 200, 201]);
    for (const w of waited) expect(w.answer?.at).toBeGreaterThanOrEqual(releasedAt);

    // 10 s: longer than the busy timeout and the connection wait (8 s), so the writes are refused with 503 +
    // Retry-After (a write that got the lock just as it was released may succeed).
    const long = holdWriteLock(file, 10_000);
    await long.locked;
    const refused = await Promise.all(kinds.map((kind) => send(url, traffic, kind)));
    await long.released;
    const statuses = refused.map((r) => r.answer?.status);
    expect(statuses.every((s) => s === 503 || s === 200 || s === 201), `statuses ${statuses.join(', ')}`).toBe(true);
    expect(statuses.filter((s) => s === 503).length).toBeGreaterThanOrEqual(1);
    for (const r of refused) if (r.answer?.status === 503) expect(Number(r.answer.retryAfter)).toBeGreaterThan(0);
    // A refused write changed nothing: each of its keys still holds the last acknowledged value (or nothing).
    const refusedKeys = refused.filter((r) => r.answer?.status === 503).flatMap((r) => r.keys);
    const meanwhile = await inspect(file, fixture, traffic);
    expect(meanwhile.lost).toEqual([]);
    expect(refusedKeys.filter((key) => !sameStored(meanwhile.stored(key), traffic.ledger.last(key)))).toEqual([]);

    // Alive, and writing again.
    expect(server.child.exitCode).toBeNull();
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    const after = await Promise.all(kinds.map((kind) => send(url, traffic, kind)));
    expect(after.map((a) => a.answer?.status)).toEqual([200, 200, 200, 200, 200, 201]);

    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    const { integrity, lost } = await inspect(file, fixture, traffic);
    expect(integrity).toEqual(['ok']);
    expect(lost).toEqual([]);
  }, 240_000);

  it('a read-only database file: pages and reads are served, writes get a 503 page (no stack) with Retry-After', async () => {
    const { file, fixture } = await prepare('readonly', { experts: 3, personalLinks: 3 });
    const traffic = new RespondentTraffic(fixture, 14);
    // One stored answer first, through a server that can write.
    const writable = startServer({ DATABASE_URL: `sqlite:${file}`, DEMO: '0' });
    const first = await send(await writable.url, traffic, 'expert');
    expect(first.answer?.status).toBe(200);
    writable.child.kill('SIGTERM');
    expect(await writable.exited).toBe(0);

    // Root ignores file modes, so as root the server runs as nobody; the folder stays writable (SQLite's -shm).
    chmodSync(file, 0o444);
    chmodSync(dir, 0o755);
    chmodSync(join(dir, 'readonly'), 0o777);
    const asRoot = process.getuid?.() === 0;
    const server = startServer({ DATABASE_URL: `sqlite:${file}`, DEMO: '0' }, asRoot ? { uid: 65534, gid: 65534 } : undefined);
    try {
      const url = await server.url;
      const expert = fixture.experts[0]?.token as string;
      expect((await fetch(`${url}/healthz`)).status).toBe(200);
      expect((await fetch(`${url}/e/${expert}`)).status).toBe(200);
      const review = await fetch(`${url}/e/${expert}/review`);
      expect(review.status).toBe(200);
      expect(((await review.json()) as { nodes: { answered: number }[] }).nodes.reduce((s, n) => s + n.answered, 0)).toBe(first.keys.length);
      expect((await fetch(`${url}/q/${fixture.sharedToken}`)).status).toBe(200);
      expect((await fetch(`${url}/s/${fixture.personal[0]?.token}`)).status).toBe(200);

      // A write from a page: an HTML error page with the reason, no stack trace or SQL.
      const page = await fetch(`${url}/e/${expert}/autosave`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'text/html' },
        body: JSON.stringify({ judgments: [{ parent: fixture.blocks[0]?.id, left: fixture.blocks[0]?.children[0], right: fixture.blocks[0]?.children[1], value: 3 }] }),
      });
      const html = await page.text();
      expect(page.status).toBe(503);
      expect(page.headers.get('content-type')).toMatch(/^text\/html/);
      expect(Number(page.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(html).toContain('read-only');
      expect(html).not.toMatch(/SQLITE|at .*\.(ts|js):\d+|readonly database/);
      // From a script: the same as JSON.
      for (const kind of ['expert', 'personal', 'shared'] as const) {
        const { answer } = await send(url, traffic, kind);
        expect(answer?.status, kind).toBe(503);
        expect(Number(answer?.retryAfter)).toBeGreaterThan(0);
      }
      expect(server.child.exitCode).toBeNull();
      expect((await fetch(`${url}/healthz`)).status).toBe(200);
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
      chmodSync(file, 0o644);
    }
    const { integrity, lost } = await inspect(file, fixture, traffic);
    expect(integrity).toEqual(['ok']);
    expect(lost).toEqual([]);
  }, 240_000);
});
