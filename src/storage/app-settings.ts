import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';

export async function getSetting(db: Knex, key: string): Promise<string | undefined> {
  const row = await db('app_settings').where({ key }).first('value');
  return row?.value as string | undefined;
}

export async function setSetting(db: Knex, key: string, value: string): Promise<void> {
  await db('app_settings').insert({ key, value, updated_at: new Date().toISOString() }).onConflict('key').merge(['value', 'updated_at']);
}

/**
 * The secret that signs session cookies: generated once (256 bits) and kept in the database, so every instance on
 * the same database shares it and restarts keep people signed in. No secret has to be configured by hand.
 */
export async function loadOrCreateSessionSecret(db: Knex): Promise<string> {
  const existing = await getSetting(db, 'session_secret');
  if (existing) return existing;
  await db('app_settings')
    .insert({ key: 'session_secret', value: randomBytes(32).toString('base64url'), updated_at: new Date().toISOString() })
    .onConflict('key')
    .ignore();
  return (await getSetting(db, 'session_secret')) as string;
}
