import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import express, { type Express, type Request, type RequestHandler } from 'express';
import session from 'express-session';
import type { Logger } from 'pino';
import type { Config } from './config.js';
import { accountRoutes } from './features/account/account-routes.js';
import { adminRoutes } from './features/admin/admin-routes.js';
import { ahpRoutes } from './features/ahp-calculator/ahp-routes.js';
import { apiDocsRoutes } from './features/api-docs/api-docs-routes.js';
import { buildOpenApiDocument } from './features/api-docs/openapi-document.js';
import { OPENAPI_FRAGMENTS } from './features/api-docs/openapi-fragments.js';
import { authRoutes } from './features/auth/auth-routes.js';
import { decisionsApiRoutes } from './features/decisions/decisions-api-routes.js';
import { decisionsRoutes } from './features/decisions/decisions-routes.js';
import { homeRoutes } from './features/home/home-routes.js';
import { overviewRoutes } from './features/overview/overview-routes.js';
import { createOverviewService } from './features/overview/overview-service.js';
import { questionnairesRoutes } from './features/questionnaires/questionnaires-routes.js';
import { borrowersRoutes } from './features/borrowers/borrowers-routes.js';
import { modelsApiRoutes } from './features/models/models-api-routes.js';
import { modelsRoutes } from './features/models/models-routes.js';
import { policiesApiRoutes } from './features/policies/policies-api-routes.js';
import { policiesRoutes } from './features/policies/policies-routes.js';
import { portfolioRoutes } from './features/portfolio/portfolio-routes.js';
import { expertRoutes } from './features/rounds/expert-routes.js';
import { roundsApiRoutes } from './features/rounds/rounds-api-routes.js';
import { roundsRoutes } from './features/rounds/rounds-routes.js';
import { studiesRoutes } from './features/studies/studies-routes.js';
import { systemRoutes } from './features/system/system-routes.js';
import { validationApiRoutes } from './features/validation/validation-api-routes.js';
import { validationRoutes } from './features/validation/validation-routes.js';
import { CATALOGUES } from './i18n/catalogue.js';
import { isLocale, negotiateLocale } from './i18n/locale.js';
import { createTranslator } from './i18n/translator.js';
import { PROJECT_ROOT } from './project-root.js';
import type { Services } from './services.js';
import { KnexSessionStore } from './storage/knex-session-store.js';
import { bearerUser, sessionUser } from './web/authentication.js';
import { sameOriginForUnsafeMethods } from './web/csrf.js';
import { errorHandler, notFoundHandler } from './web/error-handler.js';
import { createHttpLogger } from './web/logger.js';
import { mountRoutes } from './web/mount-routes.js';
import { createRateLimiters } from './web/rate-limits.js';
import { pageRenderer } from './web/render-page.js';
import type { RouteDef } from './web/route-table.js';
import { securityHeaders } from './web/security-headers.js';

export interface AppDeps {
  config: Config;
  services: Services;
  logger: Logger;
  /** Secret that signs the session cookie (kept in app_settings, generated on first start). */
  sessionSecret: string;
}

export interface CreatedApp {
  app: Express;
  routes: RouteDef[];
  sessionStore: KnexSessionStore;
}

/** Versions of browser packages served from node_modules; part of their URL so upgrades bust caches. */
function packageVersion(name: string): string {
  const manifest = JSON.parse(readFileSync(join(PROJECT_ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string };
  return manifest.version;
}

/**
 * The route table of the whole application, read top to bottom. Order matters only where paths overlap; each
 * area's routes are listed in its own file. Every route declares who may call it (see route-table.ts).
 */
export function buildRoutes(services: Services, openApi: () => Record<string, unknown>): RouteDef[] {
  return [
    ...systemRoutes({ db: services.db }),
    ...authRoutes({ users: services.users, now: services.now }),
    ...homeRoutes(),
    ...overviewRoutes({ overview: createOverviewService(services) }),
    ...accountRoutes({ users: services.users, tokens: services.apiTokens }),
    ...adminRoutes({ users: services.users, audit: services.audit, publicUrl: services.config.publicUrl }),
    ...ahpRoutes(),
    ...studiesRoutes({ studies: services.studies, rounds: services.rounds, weightSets: services.weightSets }),
    ...roundsRoutes({ rounds: services.rounds, weightSets: services.weightSets, publicUrl: services.config.publicUrl }),
    ...expertRoutes({ expert: services.expert }),
    ...roundsApiRoutes({ studies: services.studies, rounds: services.rounds, weightSets: services.weightSets, now: services.now }),
    ...questionnairesRoutes({ questionnaires: services.questionnaires, analysis: services.questionnaireAnalysis, publicUrl: services.config.publicUrl }),
    ...modelsRoutes({ models: services.models, borrowers: services.borrowers }),
    ...modelsApiRoutes({ models: services.models }),
    ...borrowersRoutes({ borrowers: services.borrowers, scoring: services.scoring, models: services.models }),
    ...portfolioRoutes({ portfolio: services.portfolio, models: services.models, borrowers: services.borrowers }),
    ...policiesRoutes({ policies: services.policies }),
    ...policiesApiRoutes({ policies: services.policies }),
    ...validationRoutes({ validation: services.validation, models: services.models, borrowers: services.borrowers }),
    ...validationApiRoutes(),
    ...decisionsRoutes({ decisions: services.decisions }),
    ...decisionsApiRoutes({ decisions: services.decisions }),
    ...apiDocsRoutes({ document: openApi }),
  ];
}

/** Builds the Express application. It never listens: src/server.ts does, and tests drive it with supertest. */
export function createApp(deps: AppDeps): CreatedApp {
  const { config, services, logger } = deps;
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);
  app.set('views', join(PROJECT_ROOT, 'views'));
  app.set('view engine', 'ejs');
  if (config.env === 'production') app.enable('view cache');
  app.set('query parser', 'simple');

  const vendor = {
    surveyCore: `/vendor/survey-core/${packageVersion('survey-core')}`,
    surveyJsUi: `/vendor/survey-js-ui/${packageVersion('survey-js-ui')}`,
    chartJs: `/vendor/chart.js/${packageVersion('chart.js')}`,
  };

  app.use(createHttpLogger(logger));
  app.use(securityHeaders({ https: config.secureCookies }));

  // Static files before sessions: assets never touch the database.
  const staticOptions = { index: false, maxAge: config.env === 'production' ? '1d' : 0, fallthrough: true };
  app.use('/static', express.static(join(PROJECT_ROOT, 'public'), staticOptions));
  const immutable = { index: false, maxAge: '365d', immutable: true, fallthrough: true };
  app.use(vendor.surveyCore, express.static(join(PROJECT_ROOT, 'node_modules/survey-core'), immutable));
  app.use(vendor.surveyJsUi, express.static(join(PROJECT_ROOT, 'node_modules/survey-js-ui'), immutable));
  app.use(vendor.chartJs, express.static(join(PROJECT_ROOT, 'node_modules/chart.js/dist'), immutable));

  // Language first (error pages need it), from the session, the account or Accept-Language.
  const translators = { en: createTranslator(CATALOGUES, 'en'), 'zh-CN': createTranslator(CATALOGUES, 'zh-CN') };
  const setLocale: RequestHandler = (req, _res, next) => {
    const chosen = req.session?.locale ?? req.user?.locale;
    req.locale = isLocale(chosen) ? chosen : negotiateLocale(req.get('accept-language'));
    req.t = translators[req.locale];
    next();
  };
  app.use(setLocale);
  app.use(pageRenderer({ vendor }));

  // The API is stateless (Bearer tokens); pages use the session cookie.
  const sessionStore = new KnexSessionStore(services.db);
  const sessionCookie = config.secureCookies ? '__Host-cahp' : 'cahp.sid';
  const sessionMiddleware = session({
    name: sessionCookie,
    secret: deps.sessionSecret,
    store: sessionStore,
    resave: false,
    saveUninitialized: false,
    rolling: true,
    cookie: { httpOnly: true, sameSite: 'lax', secure: config.secureCookies, path: '/', maxAge: config.sessionIdleMinutes * 60_000 },
  });
  const loadSessionUser = sessionUser({
    users: services.users,
    absoluteTimeoutMs: config.sessionAbsoluteHours * 3_600_000,
    now: Date.now,
    accountReadWithSession: (sid, userId) => sessionStore.takeAccount(sid, userId),
  });
  const loadBearerUser = bearerUser({ tokens: services.apiTokens });
  const isApi = (path: string) => path.startsWith('/api/v1/');
  // A request that changes something and brings no session cookie has no session to use: every form that needs one
  // carries a CSRF token bound to an existing session, and link-token writes (autosaves, submissions) need none.
  const sessionFor = (req: Request) => !isApi(req.path) && (req.method === 'GET' || req.method === 'HEAD' || (req.headers.cookie ?? '').includes(`${sessionCookie}=`));
  app.use((req, res, next) => (sessionFor(req) ? sessionMiddleware(req, res, next) : next()));
  app.use((req, res, next) => (req.session ? loadSessionUser(req, res, next) : next()));
  app.use((req, res, next) => (isApi(req.path) ? loadBearerUser(req, res, next) : next()));
  app.use(setLocale); // again, now that the session and user are known
  app.use(sameOriginForUnsafeMethods);

  const limiters = createRateLimiters(config);
  let openApiDocument: Record<string, unknown> | undefined;
  const openApi = () => (openApiDocument ??= buildOpenApiDocument(OPENAPI_FRAGMENTS));
  const routes = buildRoutes(services, openApi);
  mountRoutes(app, routes, limiters);

  app.use(notFoundHandler);
  app.use(errorHandler(logger));
  return { app, routes, sessionStore };
}
