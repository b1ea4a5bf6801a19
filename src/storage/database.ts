import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, isAbsolute, resolve } from 'node:path';
import knexFactory, { type Knex } from 'knex';
import { PROJECT_ROOT } from '../project-root.js';

const require = createRequire(import.meta.url);
// knex's SQLite client and transaction classes are not part of its typed surface; they are extended below.
const ClientSqlite3: new (...args: unknown[]) => object = require('knex/lib/dialects/sqlite3/index.js');
const TransactionSqlite: new (...args: unknown[]) => object = require('knex/lib/dialects/sqlite3/execution/sqlite-transaction.js');

export type Database = Knex;

export interface DatabaseOptions {
  url: string;
  acquireTimeoutMs?: number;
  busyTimeoutMs?: number;
  /** PostgreSQL only: the schema to use (tests give each file its own). */
  searchPath?: string;
}

/**
 * Write transactions on SQLite start with BEGIN IMMEDIATE, so the write lock is taken (waiting up to busy_timeout)
 * before the first read. A plain BEGIN reads first and then fails at once with SQLITE_BUSY when another process
 * wrote in between, which busy_timeout cannot help with.
 */
class ImmediateTransaction extends TransactionSqlite {
  begin(conn: unknown) {
    return (this as unknown as { query(c: unknown, sql: string): Promise<unknown> }).query(conn, 'BEGIN IMMEDIATE;');
  }
}

class ClientSqlite3Immediate extends ClientSqlite3 {
  transaction(container: unknown, config: unknown, outerTx: unknown) {
    return new ImmediateTransaction(this, container, config, outerTx);
  }
}

export function isSqlite(db: Knex): boolean {
  return (db.client as { dialect?: string }).dialect === 'sqlite3';
}

/** Resolves `sqlite:<path>` against the project folder; `sqlite::memory:` stays in memory. */
export function sqliteFilename(url: string): string {
  const path = url.slice('sqlite:'.length);
  if (path === ':memory:' || path === '') return ':memory:';
  return isAbsolute(path) ? path : resolve(PROJECT_ROOT, path);
}

/**
 * Opens the database named by `url`.
 *
 * SQLite: one pooled connection (SQLite allows one writer; a second connection in the same process only adds
 * SQLITE_BUSY), `busy_timeout` set before WAL so that switching the journal mode can wait too, WAL, foreign keys
 * on, synchronous=FULL so an acknowledged commit survives power loss. PostgreSQL: a pool of 10.
 * Waiting longer than `acquireTimeoutMs` for a connection raises KnexTimeoutError, which the error handler turns
 * into 503 + Retry-After.
 */
export function createDatabase(options: DatabaseOptions): Knex {
  const acquireConnectionTimeout = options.acquireTimeoutMs ?? 8000;
  if (options.url.startsWith('sqlite:')) {
    const filename = sqliteFilename(options.url);
    if (filename !== ':memory:') mkdirSync(dirname(filename), { recursive: true });
    const busyTimeout = options.busyTimeoutMs ?? 5000;
    return knexFactory({
      client: ClientSqlite3Immediate,
      connection: { filename },
      useNullAsDefault: true,
      acquireConnectionTimeout,
      pool: {
        min: 1,
        max: 1,
        // The connection lives for the process: never let the pool close it (an in-memory database would vanish).
        idleTimeoutMillis: 2_147_483_647,
        afterCreate(conn: SqliteRaw, done: (err: Error | null, conn: unknown) => void) {
          const pragmas = [
            `PRAGMA busy_timeout = ${Math.floor(busyTimeout)}`,
            filename === ':memory:' ? 'PRAGMA journal_mode = MEMORY' : 'PRAGMA journal_mode = WAL',
            'PRAGMA foreign_keys = ON',
            'PRAGMA synchronous = FULL',
          ];
          runSerially(conn, pragmas)
            .then(() => done(null, conn))
            .catch((err: Error) => done(err, conn));
        },
      },
    } as unknown as Knex.Config);
  }
  return knexFactory({
    client: 'pg',
    connection: options.url,
    searchPath: options.searchPath ? [options.searchPath] : undefined,
    acquireConnectionTimeout,
    pool: { min: 0, max: 10 },
  });
}

interface SqliteRaw {
  run(sql: string, cb: (err: Error | null) => void): void;
}

function runSerially(conn: SqliteRaw, statements: string[]): Promise<void> {
  return statements.reduce(
    (previous, sql) => previous.then(() => new Promise<void>((ok, fail) => conn.run(sql, (err) => (err ? fail(err) : ok())))),
    Promise.resolve(),
  );
}
