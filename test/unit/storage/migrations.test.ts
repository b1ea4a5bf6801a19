import { describe, expect, it } from 'vitest';
import { createDatabase } from '../../../src/storage/database.js';
import { listMigrations, migrateLatest, migrateRollbackAll } from '../../../src/storage/migrate.js';
import { createTestDatabase } from '../../helpers/test-database.js';

async function tableNames(db: ReturnType<typeof createDatabase>): Promise<string[]> {
  if (db.client.dialect === 'sqlite3') {
    const rows = await db('sqlite_master').where({ type: 'table' }).whereNot('name', 'like', 'sqlite_%').select('name');
    return rows.map((r: { name: string }) => r.name).sort();
  }
  const rows = await db('information_schema.tables').whereRaw('table_schema = current_schema()').select('table_name');
  return rows.map((r: { table_name: string }) => r.table_name).sort();
}

// Runs on SQLite always, and on PostgreSQL as well when TEST_DATABASE_URL is set (createTestDatabase picks it).
describe(`migrations (${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'SQLite'})`, () => {
  it('run latest → rollback all → latest, leaving the same tables', async () => {
    const { db, cleanup } = await createTestDatabase();
    try {
      const first = await tableNames(db);
      expect(first).toEqual(expect.arrayContaining(['users', 'sessions', 'api_tokens', 'audit_events', 'app_settings']));
      const { pending } = await listMigrations(db);
      expect(pending).toEqual([]);
      const rolledBack = await migrateRollbackAll(db);
      expect(rolledBack.length).toBeGreaterThan(4);
      expect((await tableNames(db)).filter((n) => !n.startsWith('knex_'))).toEqual([]);
      const applied = await migrateLatest(db);
      expect(applied.length).toBe(rolledBack.length);
      expect(await tableNames(db)).toEqual(first);
    } finally {
      await cleanup();
    }
  });

  it('names migrations without their extension, so .ts and compiled .js runs agree', async () => {
    const { db, cleanup } = await createTestDatabase();
    try {
      const names = (await db('knex_migrations').select('name')).map((r: { name: string }) => r.name);
      expect(names.length).toBeGreaterThan(4);
      for (const name of names) expect(name).toMatch(/^\d{14}_[a-z0-9_]+$/);
    } finally {
      await cleanup();
    }
  });
});

describe('SQLite connection settings', () => {
  it('sets busy_timeout, WAL, foreign keys and synchronous=FULL on a file database', async () => {
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'cahp-db-'));
    const db = createDatabase({ url: `sqlite:${join(dir, 'sub', 'x.sqlite')}`, busyTimeoutMs: 4321 });
    try {
      const pragma = async (name: string) => Object.values((await db.raw(`PRAGMA ${name}`))[0] as object)[0];
      expect(await pragma('busy_timeout')).toBe(4321);
      expect(await pragma('journal_mode')).toBe('wal');
      expect(await pragma('foreign_keys')).toBe(1);
      expect(await pragma('synchronous')).toBe(2); // FULL
    } finally {
      await db.destroy();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('answers 503-able KnexTimeoutError when the one connection stays busy past the acquire timeout', async () => {
    const db = createDatabase({ url: 'sqlite::memory:', acquireTimeoutMs: 200 });
    try {
      await db.raw('select 1');
      let release!: () => void;
      const held = db.transaction(async (trx) => {
        await trx.raw('select 1');
        await new Promise<void>((resolve) => (release = resolve));
      });
      await new Promise((r) => setTimeout(r, 20));
      const error = await db.raw('select 1').then(() => null, (err: Error) => err);
      expect(error?.name).toBe('KnexTimeoutError');
      release();
      await held;
    } finally {
      await db.destroy();
    }
  });
});
