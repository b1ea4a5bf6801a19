/**
 * The application served from its own process for the HTTP benchmarks, so that the load generator does not share
 * its event loop. A bench file runs itself a second time with BENCH_ROLE=server: that child migrates a fresh SQLite
 * file, lets the bench prepare its data through the services, listens on loopback, prints one JSON line (the port
 * plus whatever the bench prepared) and answers memory questions over IPC. SIGTERM stops it gracefully.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import type { Knex } from 'knex';
import type { Config } from '../../src/config.js';
import type { Services } from '../../src/services.js';

export interface ServeOptions<S> {
  /** sqlite:<file> */
  databaseUrl: string;
  /** Extra environment for loadConfig (e.g. DEMO). */
  env?: Record<string, string>;
  /** Seed the demo before `prepare` (the result pages then have content). */
  demo?: boolean;
  prepare(services: Services, db: Knex, config: Config): Promise<S>;
}

export interface MemorySample {
  rssMb: number;
  heapUsedMb: number;
  heapTotalMb: number;
  /** Memory of C++ objects bound to JS objects, Buffers included (V8's `external`). */
  externalMb: number;
}

/** Child side: serve the app and print `{ port, ...prepared }` on one line. */
export async function serveBenchApp<S extends object>(options: ServeOptions<S>): Promise<void> {
  const { loadConfig } = await import('../../src/config.js');
  const { createDatabase } = await import('../../src/storage/database.js');
  const { migrateLatest } = await import('../../src/storage/migrate.js');
  const { createServices } = await import('../../src/services.js');
  const { createApp } = await import('../../src/app.js');
  const { seedDemoIfEmpty } = await import('../../src/storage/demo/seed-demo.js');
  const config = loadConfig({
    NODE_ENV: 'production',
    DATABASE_URL: options.databaseUrl,
    LOG_LEVEL: 'silent',
    DEMO: options.demo ? '1' : '0',
    // Every request of a bench comes from 127.0.0.1; the per-IP limits would otherwise answer 429 within seconds.
    TOKEN_RATE_LIMIT_PER_IP: '100000000',
    API_RATE_LIMIT_PER_IP: '100000000',
    LOGIN_RATE_LIMIT_PER_IP: '100000',
    ...options.env,
  });
  const db = createDatabase({ url: config.databaseUrl, acquireTimeoutMs: config.dbAcquireTimeoutMs, busyTimeoutMs: config.sqliteBusyTimeoutMs });
  await migrateLatest(db);
  const services = createServices({ db, config });
  if (config.demo) await seedDemoIfEmpty(services, pino({ level: 'silent' }));
  const prepared = await options.prepare(services, db, config);
  const { app } = createApp({ config, services, logger: pino({ level: 'silent' }), sessionSecret: 'bench-secret-bench-secret-bench-secret' });
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  process.stdout.write(`${JSON.stringify({ ...prepared, port: (server.address() as AddressInfo).port })}\n`);
  process.on('message', (message) => {
    if (message !== 'memory') return;
    (globalThis as { gc?: () => void }).gc?.();
    const m = process.memoryUsage();
    process.send?.({ rssMb: m.rss / 2 ** 20, heapUsedMb: m.heapUsed / 2 ** 20, heapTotalMb: m.heapTotal / 2 ** 20, externalMb: m.external / 2 ** 20 } satisfies MemorySample);
  });
  process.on('SIGTERM', () => {
    // As src/server.ts does: finish what is in flight, then close the database.
    server.close(() => void db.destroy().then(() => process.exit(0)));
    server.closeIdleConnections();
    setInterval(() => server.closeIdleConnections(), 100).unref();
  });
}

export interface BenchServer<S> {
  child: ChildProcess;
  setup: S & { port: number };
  url: string;
  /** Resident set size of the server process from /proc (MB), without forcing a collection. */
  rssMb(): number;
  /** After a forced garbage collection: RSS, the V8 heap (in use and reserved) and external memory (MB). */
  memory(): Promise<MemorySample>;
  /** SIGTERM and wait for the exit code. */
  stop(): Promise<number | null>;
}

/** Driver side: runs `script` with BENCH_ROLE=server and waits for its JSON line. */
export async function startBenchServer<S>(script: string, env: Record<string, string>, nodeFlags: string[] = []): Promise<BenchServer<S>> {
  const child = spawn(process.execPath, ['--expose-gc', ...nodeFlags, '--import', 'tsx', script], {
    // As `npm start` runs the server (package.json): two malloc arenas, unless the caller sets another value.
    env: { MALLOC_ARENA_MAX: '2', ...process.env, ...env, BENCH_ROLE: 'server' },
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const setup = await new Promise<S & { port: number }>((resolve, reject) => {
    let buffer = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      const newline = buffer.indexOf('\n');
      if (newline >= 0) resolve(JSON.parse(buffer.slice(0, newline)) as S & { port: number });
    });
    void exited.then((code) => reject(new Error(`bench server exited with ${code} before listening`)));
  });
  return {
    child,
    setup,
    url: `http://127.0.0.1:${setup.port}`,
    rssMb: () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? NaN) / 1024,
    memory: () =>
      new Promise<MemorySample>((resolve) => {
        child.once('message', (m) => resolve(m as MemorySample));
        child.send('memory');
      }),
    stop: async () => {
      child.kill('SIGTERM');
      return exited;
    },
  };
}
