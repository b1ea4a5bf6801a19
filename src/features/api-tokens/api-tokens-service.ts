import type { Knex } from 'knex';
import { NotFoundError, ValidationError } from '../../web/http-errors.js';
import type { AuthUser } from '../../web/request-context.js';
import { hashSecretToken, newSecretToken } from '../../web/secret-token.js';
import type { AuditService } from '../audit/audit-service.js';
import type { ApiTokensRepository } from './api-tokens-repository.js';

/** API tokens look like `cahp_<43 base64url chars>`; the prefix tells a leaked token's origin at a glance. */
const TOKEN_PREFIX = 'cahp_';

export function createApiTokensService(deps: { db: Knex; tokens: ApiTokensRepository; audit: AuditService; now: () => Date }) {
  const { db, tokens, audit } = deps;
  // last_used_at is written at most once a minute per token, so API reads do not each cost a write.
  const lastTouch = new Map<number, number>();

  return {
    /** Creates a token and returns it once; only its hash is stored. */
    async create(owner: { id: number }, name: string, actorLabel: string | null, ip: string | null): Promise<{ id: number; token: string }> {
      const trimmed = name.trim();
      if (!trimmed || trimmed.length > 100) throw new ValidationError('errors.invalidInput', { name: 'tokens.nameRequired' });
      const token = TOKEN_PREFIX + newSecretToken();
      return db.transaction(async (trx) => {
        const id = await tokens.insert(
          { userId: owner.id, name: trimmed, tokenHash: hashSecretToken(token), tokenPrefix: token.slice(0, 12), createdAt: deps.now().toISOString() },
          trx,
        );
        await audit.record({ event: 'token.created', actorUserId: actorLabel ? null : owner.id, actorLabel, targetType: 'api_token', targetId: id, ip, details: { owner: owner.id, name: trimmed } }, trx);
        return { id, token };
      });
    },

    list: (userId: number) => tokens.listForUser(userId),

    async revoke(actor: AuthUser, tokenId: number, ip: string | null): Promise<void> {
      await db.transaction(async (trx) => {
        const revoked = await tokens.revoke(tokenId, actor.id, deps.now().toISOString(), trx);
        if (!revoked) throw new NotFoundError('tokens.notFound');
        await audit.record({ event: 'token.revoked', actorUserId: actor.id, targetType: 'api_token', targetId: tokenId, ip }, trx);
      });
    },

    /** Resolves a Bearer token to its active user, or undefined (unknown, revoked, or the user is not active). */
    async authenticate(token: string): Promise<{ user: AuthUser; tokenId: number } | undefined> {
      if (!token.startsWith(TOKEN_PREFIX) || token.length !== TOKEN_PREFIX.length + 43) return undefined;
      const found = await tokens.findActiveWithUser(hashSecretToken(token));
      if (!found) return undefined;
      const now = deps.now().getTime();
      if (now - (lastTouch.get(found.tokenId) ?? 0) > 60_000) {
        lastTouch.set(found.tokenId, now);
        await tokens.touch(found.tokenId, new Date(now).toISOString());
      }
      return { user: found.user, tokenId: found.tokenId };
    },
  };
}

export type ApiTokensService = ReturnType<typeof createApiTokensService>;
