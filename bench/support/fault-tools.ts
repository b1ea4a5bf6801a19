/**
 * Tools for the fault runs (test/process/faults.test.ts and bench/faults.bench.ts): a prepared database file,
 * respondents writing through their links with every write in the ledger, another process holding SQLite's write
 * lock, and the check of a database file after the fact.
 */
import { spawn } from 'node:child_process';
import { loadConfig } from '../../src/config.js';
import { PROJECT_ROOT } from '../../src/project-root.js';
import { createServices } from '../../src/services.js';
import { loadOrCreateSessionSecret } from '../../src/storage/app-settings.js';
import { createDatabase } from '../../src/storage/database.js';
import { migrateLatest } from '../../src/storage/migrate.js';
import { createRespondents, RespondentTraffic, storedState, type RespondentFixture, type RespondentKind } from './respondents.js';

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A migrated database file with respondents (and the session secret, as a server that ran once leaves it). */
export async function prepareDatabase(file: string, counts = { experts: 40, personalLinks: 40 }): Promise<RespondentFixture> {
  const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: `sqlite:${file}`, LOG_LEVEL: 'silent', DEMO: '0', ARGON2_MEMORY_KIB: '1024', ARGON2_PASSES: '1' });
  const db = createDatabase({ url: config.databaseUrl });
  await migrateLatest(db);
  const fixture = await createRespondents(createServices({ db, config }), db, counts);
  await loadOrCreateSessionSecret(db);
  await db.destroy();
  return fixture;
}

/** Opens the file as a restarted server would (WAL recovery), and checks it. */
export async function inspect(file: string, fixture: RespondentFixture, traffic: RespondentTraffic) {
  const db = createDatabase({ url: `sqlite:${file}` });
  try {
    const integrity = ((await db.raw('PRAGMA integrity_check')) as { integrity_check: string }[]).map((r) => r.integrity_check);
    const stored = await storedState(db, fixture);
    return { integrity, lost: traffic.ledger.lost(stored), stored };
  } finally {
    await db.destroy();
  }
}

export interface Answer {
  status: number;
  retryAfter: string | null;
  at: number;
}

/** Sends one planned request and records it in the ledger; null when no answer came (connection lost). */
export async function send(url: string, traffic: RespondentTraffic, kind: RespondentKind, headers: Record<string, string> = {}): Promise<{ answer: Answer | null; keys: string[] }> {
  const planned = traffic.next(kind);
  const finish = traffic.begin(planned);
  const keys = planned.writes.map((w) => w.key);
  try {
    const res = await fetch(`${url}${planned.path}`, {
      method: planned.method,
      headers: { 'content-type': 'application/json', 'x-requested-with': 'fetch', ...headers },
      ...(planned.body !== undefined ? { body: planned.body } : {}),
    });
    await res.arrayBuffer();
    finish(res.status);
    return { answer: { status: res.status, retryAfter: res.headers.get('retry-after'), at: Date.now() }, keys };
  } catch {
    traffic.abandon(planned);
    return { answer: null, keys };
  }
}

/** `concurrency` clients writing in a loop (experts, personal links, shared link in turn) until stopped. */
export function writeLoad(url: string, traffic: RespondentTraffic, concurrency: number) {
  const kinds: RespondentKind[] = ['expert', 'personal', 'shared'];
  const statuses: number[] = [];
  let stopped = false;
  let failures = 0;
  const workers = Array.from({ length: concurrency }, async (_, w) => {
    for (let n = w; !stopped; n++) {
      const { answer } = await send(url, traffic, kinds[n % kinds.length] as RespondentKind);
      if (answer) statuses.push(answer.status);
      else {
        failures++;
        await sleep(50);
      }
    }
  });
  return {
    statuses,
    failures: () => failures,
    async stop() {
      stopped = true;
      await Promise.all(workers);
    },
  };
}

export async function until(condition: () => boolean, timeoutMs = 60_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not reached');
    await sleep(20);
  }
}

/**
 * Another process (node with the sqlite3 module, not the server) takes the write lock with BEGIN IMMEDIATE and
 * holds it for `ms`. `releasing` is the time just before it commits: no write of the server can end before it.
 */
export function holdWriteLock(file: string, ms: number) {
  const script = `
    const sqlite3 = require('sqlite3');
    const db = new sqlite3.Database(process.argv[1]);
    db.exec('PRAGMA busy_timeout = 5000; BEGIN IMMEDIATE', (err) => {
      if (err) { console.error(err.message); process.exit(1); }
      console.log('locked');
      setTimeout(() => {
        console.log('releasing ' + Date.now());
        db.exec('COMMIT', (e) => { db.close(); process.exit(e ? 1 : 0); });
      }, ${ms});
    });`;
  const child = spawn(process.execPath, ['-e', script, file], { cwd: PROJECT_ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  const locked = new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('locked')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`lock holder exited with ${code}`)));
  });
  const released = new Promise<number>((resolve, reject) =>
    child.once('exit', (code) => {
      const at = /releasing (\d+)/.exec(output)?.[1];
      if (code === 0 && at) resolve(Number(at));
      else reject(new Error(`lock holder exited with ${code}: ${output}`));
    }),
  );
  locked.catch(() => undefined);
  return { locked, released };
}
