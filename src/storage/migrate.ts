import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Knex } from 'knex';
import { MIGRATIONS_DIR } from '../project-root.js';

interface MigrationModule {
  up(knex: Knex): Promise<void>;
  down(knex: Knex): Promise<void>;
}

/**
 * Reads migrations from migrations/ as .ts (tests, tsx) or from dist/migrations as .js (npm start) and names each
 * without its extension, so the same database can be migrated by either and knex_migrations stays consistent.
 */
class FolderMigrationSource implements Knex.MigrationSource<string> {
  constructor(private readonly dir: string) {}

  async getMigrations(): Promise<string[]> {
    return readdirSync(this.dir)
      .filter((file) => /\.(ts|js)$/.test(file) && !file.endsWith('.d.ts'))
      .sort();
  }

  getMigrationName(file: string): string {
    return file.replace(/\.(ts|js)$/, '');
  }

  async getMigration(file: string): Promise<MigrationModule> {
    return (await import(pathToFileURL(join(this.dir, file)).href)) as MigrationModule;
  }
}

function migratorConfig(): Knex.MigratorConfig {
  return { migrationSource: new FolderMigrationSource(MIGRATIONS_DIR), tableName: 'knex_migrations' };
}

/**
 * Runs every pending migration; returns the names applied. When nothing is pending it writes nothing (knex would
 * still take its migration lock, a write), so a server on a read-only database starts and serves reads.
 */
export async function migrateLatest(db: Knex): Promise<string[]> {
  if ((await listMigrations(db)).pending.length === 0) return [];
  const [, applied] = (await db.migrate.latest(migratorConfig())) as [number, string[]];
  return applied;
}

/** Rolls back every migration (tests use it to prove migrations are reversible). */
export async function migrateRollbackAll(db: Knex): Promise<string[]> {
  const [, rolledBack] = (await db.migrate.rollback(migratorConfig(), true)) as [number, string[]];
  return rolledBack;
}

export async function listMigrations(db: Knex): Promise<{ completed: string[]; pending: string[] }> {
  const [completed, pending] = (await db.migrate.list(migratorConfig())) as [Array<{ name: string }>, Array<{ file: string }>];
  return { completed: completed.map((m) => m.name), pending: pending.map((m) => m.file) };
}
