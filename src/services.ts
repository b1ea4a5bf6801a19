import type { Knex } from 'knex';
import type { Config } from './config.js';
import { createApiTokensRepository } from './features/api-tokens/api-tokens-repository.js';
import { createApiTokensService } from './features/api-tokens/api-tokens-service.js';
import { createAuditRepository } from './features/audit/audit-repository.js';
import { createAuditService } from './features/audit/audit-service.js';
import { createPasswordHasher } from './features/auth/password-hasher.js';
import { createUsersRepository } from './features/users/users-repository.js';
import { createUsersService } from './features/users/users-service.js';

export interface ServiceDeps {
  db: Knex;
  config: Config;
  now?: () => Date;
}

/**
 * Explicit wiring of every service with its dependencies (no singletons). Pages, the API, the CLI and the demo
 * seeder all use the same services.
 */
export function createServices(deps: ServiceDeps) {
  const { db, config } = deps;
  const now = deps.now ?? (() => new Date());
  const audit = createAuditService({ repository: createAuditRepository(db), now });
  const hasher = createPasswordHasher(config.passwordHash);
  const users = createUsersService({ db, users: createUsersRepository(db), audit, hasher, now });
  const apiTokens = createApiTokensService({ db, tokens: createApiTokensRepository(db), users, audit, now });
  return { db, config, now, audit, users, apiTokens };
}

export type Services = ReturnType<typeof createServices>;
