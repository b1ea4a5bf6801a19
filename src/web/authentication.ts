import type { Request, RequestHandler } from 'express';
import type { ApiTokensService } from '../features/api-tokens/api-tokens-service.js';
import type { UsersService } from '../features/users/users-service.js';
import { wantsJson } from './error-handler.js';
import { ForbiddenError, UnauthorizedError } from './http-errors.js';
import type { Access } from './route-table.js';
import type { AuthUser } from './request-context.js';

/**
 * Loads the signed-in user from the session on every request, so that a disabled account or a changed role takes
 * effect on the very next request. Ends the session after the absolute timeout, however active it is.
 */
export function sessionUser(deps: {
  users: UsersService;
  absoluteTimeoutMs: number;
  now: () => number;
  /** The account the session store read with this session, if it did (see KnexSessionStore.takeAccount). */
  accountReadWithSession?: (sid: string, userId: number) => AuthUser | null | undefined;
}): RequestHandler {
  return async (req, _res, next) => {
    const session = req.session;
    if (!session?.userId) return next();
    const expired = !session.signedInAt || deps.now() - session.signedInAt > deps.absoluteTimeoutMs;
    const read = expired ? undefined : deps.accountReadWithSession?.(req.sessionID, session.userId);
    const user = expired ? undefined : read === undefined ? await deps.users.activeUser(session.userId) : (read ?? undefined);
    if (!user) {
      await new Promise<void>((resolve) => session.regenerate(() => resolve()));
      return next();
    }
    req.user = user;
    req.authVia = 'session';
    next();
  };
}

/** `Authorization: Bearer <token>` on /api/v1: the token's user becomes req.user. A bad token is 401 at once. */
export function bearerUser(deps: { tokens: ApiTokensService }): RequestHandler {
  return async (req, res, next) => {
    const header = req.get('authorization');
    if (!header) return next();
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    const found = match ? await deps.tokens.authenticate(match[1] as string) : undefined;
    if (!found) {
      res.set('WWW-Authenticate', 'Bearer error="invalid_token"');
      return next(new UnauthorizedError('errors.invalidToken'));
    }
    req.user = found.user;
    req.authVia = 'api-token';
    req.apiTokenId = found.tokenId;
    next();
  };
}

function signInRedirect(req: Request): string {
  const target = req.method === 'GET' ? req.originalUrl : '/';
  return `/login?next=${encodeURIComponent(target)}`;
}

/** Enforces a route's declared access: anonymous → sign-in redirect (pages) or 401 (JSON); wrong role → 403. */
export function accessGuard(routeAccess: Access): RequestHandler {
  return (req, res, next) => {
    switch (routeAccess.kind) {
      case 'public':
      case 'link':
        return next();
      case 'session': {
        if (!req.user || req.authVia !== 'session') {
          if (wantsJson(req) || req.method !== 'GET') return next(new UnauthorizedError('errors.signInRequired'));
          return res.redirect(303, signInRedirect(req));
        }
        if (!routeAccess.roles.includes(req.user.role)) return next(new ForbiddenError('errors.forbidden'));
        // Pages behind a sign-in are personal: never store them in a shared cache or the back-forward cache.
        res.set('Cache-Control', 'no-store');
        return next();
      }
      case 'api': {
        if (!req.user || req.authVia !== 'api-token') {
          res.set('WWW-Authenticate', 'Bearer');
          return next(new UnauthorizedError('errors.apiTokenRequired'));
        }
        if (!routeAccess.roles.includes(req.user.role)) return next(new ForbiddenError('errors.forbidden'));
        res.set('Cache-Control', 'no-store');
        return next();
      }
    }
  };
}
