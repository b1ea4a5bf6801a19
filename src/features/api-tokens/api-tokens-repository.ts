import type { Knex } from 'knex';

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
    async findActiveByHash(tokenHash: string): Promise<ApiTokenRecord | undefined> {
      const row = await db('api_tokens').where({ token_hash: tokenHash }).whereNull('revoked_at').first();
      return row ? toToken(row) : undefined;
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
