import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import { ForbiddenError } from './http-errors.js';

/**
 * CSRF protection by the synchronizer-token pattern (OWASP CSRF Cheat Sheet): one random token per session,
 * sent back in a hidden `_csrf` field or an `X-CSRF-Token` header and compared in constant time.
 */
export function csrfToken(req: Request): string {
  if (!req.session) return '';
  if (!req.session.csrfToken) req.session.csrfToken = randomBytes(32).toString('base64url');
  return req.session.csrfToken;
}

export function verifyCsrf(req: Request): void {
  const expected = req.session?.csrfToken;
  const bodyToken = typeof req.body === 'object' && req.body !== null ? (req.body as Record<string, unknown>)._csrf : undefined;
  const sent = (typeof bodyToken === 'string' ? bodyToken : undefined) ?? req.get('x-csrf-token');
  if (!expected || !sent) throw new ForbiddenError(req.t('errors.csrf'));
  const a = Buffer.from(expected);
  const b = Buffer.from(sent);
  if (a.length !== b.length || !timingSafeEqual(a, b)) throw new ForbiddenError(req.t('errors.csrf'));
}

export const requireCsrf: RequestHandler = (req, _res, next) => {
  verifyCsrf(req);
  next();
};

/**
 * Rejects cross-site state-changing requests by Fetch Metadata (Sec-Fetch-Site) and, for older browsers,
 * by the Origin header. Requests without either (curl, server-to-server with a Bearer token) pass; cookie-based
 * forms still need their CSRF token.
 */
export const sameOriginForUnsafeMethods: RequestHandler = (req, _res, next) => {
  if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return next();
  const site = req.get('sec-fetch-site');
  if (site && site !== 'same-origin' && site !== 'none') return next(new ForbiddenError(req.t('errors.crossSite')));
  const origin = req.get('origin');
  if (origin && origin !== 'null') {
    let host: string;
    try {
      host = new URL(origin).host;
    } catch {
      return next(new ForbiddenError(req.t('errors.crossSite')));
    }
    if (host !== req.get('host')) return next(new ForbiddenError(req.t('errors.crossSite')));
  } else if (origin === 'null') {
    return next(new ForbiddenError(req.t('errors.crossSite')));
  }
  next();
};
