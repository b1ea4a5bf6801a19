import express, { type Express, type RequestHandler } from 'express';
import multer from 'multer';
import { accessGuard } from './authentication.js';
import { requireCsrf } from './csrf.js';
import { UnsupportedMediaTypeError } from './http-errors.js';
import type { RateLimiters } from './rate-limits.js';
import type { BodyKind, RouteDef } from './route-table.js';

const DEFAULT_LIMIT = '64kb';
const MULTIPART_MAX_BYTES = 20 * 1024 * 1024;

const CONTENT_TYPES: Record<Exclude<BodyKind, 'none'>, string[]> = {
  json: ['application/json', 'application/*+json'],
  form: ['application/x-www-form-urlencoded'],
  multipart: ['multipart/form-data'],
  csv: ['text/csv', 'text/plain'],
};

function defaultBody(route: RouteDef): BodyKind[] {
  if (route.method === 'get' || route.method === 'delete') return ['none'];
  if (route.access.kind === 'api') return ['json'];
  return ['form'];
}

/** 415 for a body whose Content-Type the route does not take; requests without a body pass. */
function contentTypeCheck(kinds: BodyKind[]): RequestHandler {
  const accepted = kinds.flatMap((kind) => (kind === 'none' ? [] : CONTENT_TYPES[kind]));
  return (req, _res, next) => {
    const hasBody = Number(req.get('content-length') ?? 0) > 0 || req.get('transfer-encoding') !== undefined;
    if (!hasBody) return next();
    if (accepted.length === 0 || !req.is(accepted)) return next(new UnsupportedMediaTypeError(req.t('errors.unsupportedMediaType')));
    next();
  };
}

function bodyParsers(kinds: BodyKind[], limit: string): RequestHandler[] {
  const parsers: RequestHandler[] = [];
  if (kinds.includes('json')) parsers.push(express.json({ limit, strict: true, type: CONTENT_TYPES.json }));
  // extended: false — flat key/value forms only; lists come as repeated keys.
  if (kinds.includes('form')) parsers.push(express.urlencoded({ limit, extended: false, parameterLimit: 5000 }));
  if (kinds.includes('csv')) parsers.push(express.text({ limit, type: CONTENT_TYPES.csv }));
  if (kinds.includes('multipart')) {
    // Files stay in memory (bounded) and are parsed by the route's service; no temporary files to clean up.
    parsers.push(multer({ storage: multer.memoryStorage(), limits: { fileSize: MULTIPART_MAX_BYTES, files: 1, fields: 100 } }).single('file'));
  }
  return parsers;
}

/**
 * Mounts a route table on the app. Per route, in order: rate limit → access guard → Content-Type check → body
 * parser (with the route's size limit) → CSRF check (session routes with a body-changing method) → handlers.
 */
const markSessionless: RequestHandler = (_req, res, next) => {
  res.locals.sessionless = true;
  next();
};

export function mountRoutes(app: Express, routes: RouteDef[], limiters: RateLimiters): void {
  for (const route of routes) {
    const kinds = route.body ?? defaultBody(route);
    const chain: RequestHandler[] = [];
    // Staff respondents are anonymous: nothing rendered for their links (error pages included) may start a session.
    if (route.access.kind === 'link' && route.access.link === 'staff') chain.push(markSessionless);
    const limiterName = route.rateLimit ?? (route.access.kind === 'link' ? 'link' : undefined);
    if (limiterName === 'login') chain.push(limiters.loginPerIp);
    if (limiterName === 'link') chain.push(limiters.link);
    if (limiterName === 'api-public') chain.push(limiters.apiPublic);
    // Who may call comes before reading the body: an unauthorised request is never parsed.
    chain.push(accessGuard(route.access));
    chain.push(contentTypeCheck(kinds));
    chain.push(...bodyParsers(kinds, route.bodyLimit ?? DEFAULT_LIMIT));
    if (limiterName === 'login') chain.push(limiters.loginPerAccount); // keyed by the e-mail in the parsed body
    const unsafe = route.method !== 'get';
    // Forms posted with the session cookie carry a CSRF token; API (Bearer) and link-token JSON routes do not.
    const wantsCsrf = route.csrf ?? (route.access.kind === 'session' || route.access.kind === 'public');
    if (unsafe && wantsCsrf) chain.push(requireCsrf);
    app[route.method](route.path, ...chain, ...route.handlers);
  }
}
