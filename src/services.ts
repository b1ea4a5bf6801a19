import type { Knex } from 'knex';
import type { Config } from './config.js';
import { createApiTokensRepository } from './features/api-tokens/api-tokens-repository.js';
import { createApiTokensService } from './features/api-tokens/api-tokens-service.js';
import { createAuditRepository } from './features/audit/audit-repository.js';
import { createAuditService } from './features/audit/audit-service.js';
import { createPasswordHasher } from './features/auth/password-hasher.js';
import { createUsersRepository } from './features/users/users-repository.js';
import { createUsersService } from './features/users/users-service.js';
import { createExpertService } from './features/rounds/expert-service.js';
import { createRoundsRepository } from './features/rounds/rounds-repository.js';
import { createRoundsService } from './features/rounds/rounds-service.js';
import { createWeightSetsService } from './features/rounds/weight-sets-service.js';
import { createStudiesRepository } from './features/studies/studies-repository.js';
import { createStudiesService } from './features/studies/studies-service.js';
import { createQuestionnaireAnalysis } from './features/questionnaires/questionnaire-analysis.js';
import { createQuestionnairesRepository } from './features/questionnaires/questionnaires-repository.js';
import { createQuestionnairesService } from './features/questionnaires/questionnaires-service.js';
import { createBorrowersRepository } from './features/borrowers/borrowers-repository.js';
import { createBorrowersService } from './features/borrowers/borrowers-service.js';
import { createScoringService } from './features/borrowers/scoring-service.js';
import { createModelsRepository } from './features/models/models-repository.js';
import { createModelsService } from './features/models/models-service.js';
import { createWeightSetSource } from './features/models/weight-set-source.js';
import { createDecisionsRepository } from './features/decisions/decisions-repository.js';
import { createDecisionsService } from './features/decisions/decisions-service.js';
import { createPortfolioRepository } from './features/portfolio/portfolio-repository.js';
import { createPortfolioService } from './features/portfolio/portfolio-service.js';
import { createPoliciesRepository } from './features/policies/policies-repository.js';
import { createPoliciesService } from './features/policies/policies-service.js';
import { createValidationRepository } from './features/validation/validation-repository.js';
import { createValidationService } from './features/validation/validation-service.js';

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
  const apiTokens = createApiTokensService({ db, tokens: createApiTokensRepository(db), audit, now });
  // Studies, expert rounds and weight sets (issue 4).
  const studies = createStudiesService({ db, studies: createStudiesRepository(db), audit, now });
  const roundsRepository = createRoundsRepository(db);
  const rounds = createRoundsService({ db, rounds: roundsRepository, studies, audit, now });
  const expert = createExpertService({ db, rounds: roundsRepository, now });
  const weightSets = createWeightSetsService({ db, rounds: roundsRepository, roundsService: rounds, studies, audit, now });
  // Staff questionnaires and their analysis (issue 5).
  const questionnairesRepository = createQuestionnairesRepository(db);
  const questionnaires = createQuestionnairesService({ db, repository: questionnairesRepository, audit, now });
  const questionnaireAnalysis = createQuestionnaireAnalysis({ questionnaires, repository: questionnairesRepository });
  // Credit model versions, borrower snapshots, scoring and the portfolio view (issue 6).
  const weightSetSource = createWeightSetSource({ weightSets, studies });
  const models = createModelsService({ db, repository: createModelsRepository(db), weightSetSource, audit, now });
  const borrowersRepository = createBorrowersRepository(db);
  const borrowers = createBorrowersService({ db, repository: borrowersRepository, audit, now });
  const scoring = createScoringService({ db, repository: borrowersRepository, models, audit, now });
  const portfolio = createPortfolioService({ repository: createPortfolioRepository(db), models });
  // Approval decision policy versions (issue 9).
  const policies = createPoliciesService({ db, repository: createPoliciesRepository(db), models, borrowers: borrowersRepository, audit, now });
  // Online approval decisions, referral queue and their monitoring (issue 9).
  const decisions = createDecisionsService({ db, repository: createDecisionsRepository(db), models, policies, borrowers: borrowersRepository, audit, now });
  // Validation samples and runs: old-vs-new model comparison on real outcomes (issue 7).
  const validation = createValidationService({ db, repository: createValidationRepository(db), borrowers, scoring, models, audit, now });
  return { db, config, now, audit, users, apiTokens, studies, rounds, expert, weightSets, questionnaires, questionnaireAnalysis, models, borrowers, scoring, portfolio, policies, decisions, validation };
}

export type Services = ReturnType<typeof createServices>;
