import type { Express, RequestHandler } from 'express';
import type { Role } from './request-context.js';

/**
 * Who may call a route. The access-control guard and the access-matrix test both read this, so a route cannot be
 * added without saying who it is for.
 * - `public`: anyone (sign-in page, health check, expert links that check their own token).
 * - `session`: a signed-in user whose role is listed (pages and their forms).
 * - `api`: a Bearer API token of a user whose role is listed (`/api/v1`).
 * - `link`: a personal or shared link token in the path, checked by the route's service (`expert`, `staff`,
 *   `user-invitation`); these routes are rate-limited per IP.
 */
export type Access =
  | { kind: 'public' }
  | { kind: 'session'; roles: readonly Role[] }
  | { kind: 'api'; roles: readonly Role[] }
  | { kind: 'link'; link: 'expert' | 'staff' | 'user-invitation' };

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** Which request bodies a route accepts; anything else is 415. Default: none for GET, form for session POSTs, json for API. */
export type BodyKind = 'json' | 'form' | 'multipart' | 'csv' | 'none';

export interface RouteDef {
  method: HttpMethod;
  path: string;
  access: Access;
  handlers: RequestHandler[];
  /** Accepted request bodies (checked by Content-Type). */
  body?: BodyKind[];
  /** Size limit for a JSON/CSV/form body, e.g. '64kb' (default), '50mb' for bulk routes. */
  bodyLimit?: string;
  /** Session routes check a CSRF token on non-GET methods unless this is false (only for routes without a session). */
  csrf?: boolean;
  /** Rate limiter name from the app's limiter set (login, link, api-public). */
  rateLimit?: 'login' | 'link' | 'api-public';
  /** Short description (OpenAPI summary for API routes; documentation for the access matrix). */
  summary?: string;
}

export const ALL_ROLES: readonly Role[] = ['admin', 'researcher', 'manager', 'credit-officer'];
export const STAFF_ROLES: readonly Role[] = ['admin', 'researcher'];

export const access = {
  public: { kind: 'public' } as Access,
  session: (...roles: Role[]): Access => ({ kind: 'session', roles: roles.length ? roles : ALL_ROLES }),
  api: (...roles: Role[]): Access => ({ kind: 'api', roles: roles.length ? roles : ALL_ROLES }),
  link: (link: 'expert' | 'staff' | 'user-invitation'): Access => ({ kind: 'link', link }),
};

/** Shorthand constructors keep route tables readable: `route.get('/studies', access.session(...), handler)`. */
function make(method: HttpMethod) {
  return (path: string, routeAccess: Access, ...rest: Array<RequestHandler | Partial<RouteDef>>): RouteDef => {
    const handlers = rest.filter((x): x is RequestHandler => typeof x === 'function');
    const options = rest.filter((x): x is Partial<RouteDef> => typeof x === 'object').reduce((a, b) => ({ ...a, ...b }), {});
    return { method, path, access: routeAccess, handlers, ...options };
  };
}

export const route = {
  get: make('get'),
  post: make('post'),
  put: make('put'),
  patch: make('patch'),
  delete: make('delete'),
};

export type RouteMounter = (app: Express, routes: RouteDef[]) => void;
