import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import { createDatabase } from '../../src/storage/database.js';
import { migrateLatest } from '../../src/storage/migrate.js';

/**
 * A fresh, migrated database for one test file: in-memory SQLite by default; when TEST_DATABASE_URL points at
 * PostgreSQL, a new schema of its own in that database (dropped by `cleanup`), so the whole suite runs on both.
 */
export async function createTestDatabase(): Promise<{ db: Knex; url: string; cleanup: () => Promise<void> }> {
  const pgUrl = process.env.TEST_DATABASE_URL;
  if (pgUrl && /^postgres(ql)?:\/\//.test(pgUrl)) {
    const schema = `t_${randomBytes(6).toString('hex')}`;
    const admin = createDatabase({ url: pgUrl });
    await admin.raw(`create schema "${schema}"`);
    await admin.destroy();
    const db = createDatabase({ url: pgUrl, searchPath: schema });
    await migrateLatest(db);
    return {
      db,
      url: pgUrl,
      cleanup: async () => {
        await db.raw(`drop schema "${schema}" cascade`);
        await db.destroy();
      },
    };
  }
  const db = createDatabase({ url: 'sqlite::memory:', acquireTimeoutMs: 5000 });
  await migrateLatest(db);
  return { db, url: 'sqlite::memory:', cleanup: () => db.destroy() };
}
