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

/** node-sqlite3's prepared statement: `run` calls back with `this` holding lastID and changes. */
interface SqliteStatement {
  all(params: unknown[], cb: (this: SqliteStatement, err: Error | null, rows?: unknown[]) => void): void;
  run(params: unknown[], cb: (this: SqliteStatement, err: Error | null) => void): void;
  finalize(cb?: () => void): void;
}

interface SqliteConnection {
  prepare(sql: string, cb: (err: Error | null) => void): SqliteStatement;
  close(cb: (err: Error | null) => void): void;
}

interface QueryObject {
  sql?: string;
  method?: string;
  bindings?: unknown[];
  returning?: unknown;
  response?: unknown;
  context?: unknown;
}

/** Statements kept prepared per connection (most recently used last), and the longest SQL worth keeping. */
const STATEMENT_CACHE_SIZE = 256;
const STATEMENT_CACHE_MAX_SQL = 16_384;

/**
 * A prepared statement and what is known of its preparation. node-sqlite3 never calls back the runs queued on a
 * statement whose preparation failed, so those runs are failed here with the preparation's error.
 */
interface Prepared {
  sql: string;
  statement: SqliteStatement;
  kept: boolean;
  ready: boolean;
  waiting: Set<(err: Error) => void>;
}

const statementCaches = new WeakMap<SqliteConnection, Map<string, Prepared>>();

/**
 * knex's SQLite client, with two changes:
 * - write transactions begin IMMEDIATE (above);
 * - statements are prepared once per connection and reused. node-sqlite3 runs `db.all(sql)` as three trips to its
 *   worker thread (prepare, step, finalize), each waiting for the event loop to take the result before the single
 *   connection moves on; a kept statement needs one. Under load that is most of what a query costs. A statement
 *   always runs to completion (knex reads every row), so a kept statement never holds a read transaction open;
 *   one that fails is dropped and finalized, and all are finalized before the connection closes.
 */
class ClientSqlite3Immediate extends ClientSqlite3 {
  transaction(container: unknown, config: unknown, outerTx: unknown) {
    return new ImmediateTransaction(this, container, config, outerTx);
  }

  _query(connection: SqliteConnection, obj: QueryObject): Promise<QueryObject> {
    if (!obj.sql) throw new Error('The query is empty');
    const write = obj.method === 'insert' || obj.method === 'update' ? !obj.returning : obj.method === 'counter' || obj.method === 'del';
    const prepared = prepare(connection, obj.sql);
    return new Promise((resolve, reject) => {
      const fail = (err: Error) => {
        prepared.waiting.delete(fail);
        drop(connection, prepared);
        reject(err);
      };
      if (!prepared.ready) prepared.waiting.add(fail);
      const done = function (this: SqliteStatement, err: Error | null, rows?: unknown[]) {
        prepared.waiting.delete(fail);
        if (!prepared.kept) prepared.statement.finalize();
        if (err) return fail(err);
        obj.response = write ? undefined : rows;
        // knex reads lastID and changes from the statement ("this" of node-sqlite3's callback).
        obj.context = this;
        resolve(obj);
      };
      if (write) prepared.statement.run(obj.bindings ?? [], done);
      else prepared.statement.all(obj.bindings ?? [], done);
    });
  }

  async destroyRawConnection(connection: SqliteConnection): Promise<void> {
    const cache = statementCaches.get(connection);
    statementCaches.delete(connection);
    if (cache) await Promise.all([...cache.values()].map((p) => new Promise<void>((resolve) => p.statement.finalize(() => resolve()))));
    await new Promise<void>((resolve, reject) => connection.close((err) => (err ? reject(err) : resolve())));
  }
}

function prepare(connection: SqliteConnection, sql: string): Prepared {
  let cache = statementCaches.get(connection);
  if (!cache) statementCaches.set(connection, (cache = new Map()));
  const hit = cache.get(sql);
  if (hit) {
    cache.delete(sql);
    cache.set(sql, hit);
    return hit;
  }
  const prepared: Prepared = { sql, statement: undefined as unknown as SqliteStatement, kept: sql.length <= STATEMENT_CACHE_MAX_SQL, ready: false, waiting: new Set() };
  prepared.statement = connection.prepare(sql, (err) => {
    if (!err) {
      prepared.ready = true;
      return;
    }
    // node-sqlite3 has finalized the statement; the runs queued on it would wait for ever.
    drop(connection, prepared);
    for (const fail of [...prepared.waiting]) fail(err);
  });
  if (prepared.kept) {
    cache.set(sql, prepared);
    if (cache.size > STATEMENT_CACHE_SIZE) {
      const oldest = cache.values().next().value as Prepared;
      drop(connection, oldest);
    }
  }
  return prepared;
}

/** Forgets a kept statement (failed, or the least recently used) and finalizes it once its queued runs are done. */
function drop(connection: SqliteConnection, prepared: Prepared): void {
  const cache = statementCaches.get(connection);
  if (!prepared.kept || cache?.get(prepared.sql) !== prepared) return;
  cache.delete(prepared.sql);
  prepared.kept = false;
  prepared.statement.finalize();
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
