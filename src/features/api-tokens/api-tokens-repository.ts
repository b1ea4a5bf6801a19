import type { Knex } from 'knex';
import { isLocale } from '../../i18n/locale.js';
import type { AuthUser, Role } from '../../web/request-context.js';

export interface ApiTokenRecord {
  id: number;
  userId: number;
  name: string;
  tokenPrefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

function toToken(row: Record<string, unknown>): ApiTokenRecord {
  return {
    id: Number(row.id),
    userId: Number(row.user_id),
    name: String(row.name),
    tokenPrefix: String(row.token_prefix),
    createdAt: String(row.created_at),
    lastUsedAt: (row.last_used_at as string | null) ?? null,
    revokedAt: (row.revoked_at as string | null) ?? null,
  };
}

export function createApiTokensRepository(db: Knex) {
  return {
    async insert(token: { userId: number; name: string; tokenHash: string; tokenPrefix: string; createdAt: string }, trx: Knex = db): Promise<number> {
      const [row] = await trx('api_tokens')
        .insert({ user_id: token.userId, name: token.name, token_hash: token.tokenHash, token_prefix: token.tokenPrefix, created_at: token.createdAt })
        .returning('id');
      return Number(typeof row === 'object' ? row.id : row);
    },
    /** A token that is not revoked, with its user if that account is active: one query per API request. */
    async findActiveWithUser(tokenHash: string): Promise<{ tokenId: number; lastUsedAt: string | null; user: AuthUser } | undefined> {
      const row = (await db('api_tokens as t')
        .join('users as u', 'u.id', 't.user_id')
        .where({ 't.token_hash': tokenHash, 'u.status': 'active' })
        .whereNull('t.revoked_at')
        .first('t.id as token_id', 't.last_used_at', 'u.id', 'u.email', 'u.name', 'u.role', 'u.locale')) as Record<string, unknown> | undefined;
      if (!row) return undefined;
      return {
        tokenId: Number(row.token_id),
        lastUsedAt: (row.last_used_at as string | null) ?? null,
        user: { id: Number(row.id), email: String(row.email), name: String(row.name), role: row.role as Role, locale: isLocale(row.locale) ? row.locale : null },
      };
    },
    async listForUser(userId: number): Promise<ApiTokenRecord[]> {
      const rows = await db('api_tokens').where({ user_id: userId }).orderBy('id', 'desc');
      return rows.map(toToken);
    },
    async revoke(id: number, userId: number, at: string, trx: Knex = db): Promise<boolean> {
      const changed = await trx('api_tokens').where({ id, user_id: userId }).whereNull('revoked_at').update({ revoked_at: at });
      return changed > 0;
    },
    async touch(id: number, at: string): Promise<void> {
      await db('api_tokens').where({ id }).update({ last_used_at: at });
    },
  };
}

export type ApiTokensRepository = ReturnType<typeof createApiTokensRepository>;
