import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_ROLES, type RouteDef } from '../../src/web/route-table.js';
import type { Role } from '../../src/web/request-context.js';
import { createTestApp, csrfFrom, type SignedInAgent, type TestApp } from '../helpers/test-app.js';

/** A concrete URL for a route pattern: every :param becomes 1. */
function concrete(path: string): string {
  return path.replace(/:[A-Za-z]+/g, '1');
}

let t: TestApp;
const agents = new Map<Role, SignedInAgent>();
const tokens = new Map<Role, string>();

beforeAll(async () => {
  t = await createTestApp();
  for (const role of ALL_ROLES) {
    agents.set(role, await t.signedIn(role));
    tokens.set(role, await t.apiToken(role));
  }
});
afterAll(async () => t.close());

describe('role guards over every route of the route table', () => {
  it('covers a meaningful number of routes', () => {
    expect(t.routes.filter((r) => r.access.kind === 'session').length).toBeGreaterThan(8);
  });

  it('sends anonymous visitors of signed-in pages to sign-in (GET) or answers 401 (other methods)', async () => {
    const failures: string[] = [];
    for (const r of t.routes.filter((x: RouteDef) => x.access.kind === 'session')) {
      const res = await request(t.app)[r.method](concrete(r.path));
      const ok = r.method === 'get' ? res.status === 303 && String(res.headers.location).startsWith('/login') : res.status === 401;
      if (!ok) failures.push(`${r.method.toUpperCase()} ${r.path} → ${res.status}`);
    }
    expect(failures).toEqual([]);
  });

  it('answers 403 to signed-in users whose role a route does not allow', async () => {
    const failures: string[] = [];
    let checked = 0;
    for (const r of t.routes) {
      if (r.access.kind !== 'session') continue;
      const allowed = r.access.roles;
      for (const role of ALL_ROLES.filter((x) => !allowed.includes(x))) {
        const a = agents.get(role)!;
        const res = await a.agent[r.method](concrete(r.path)).type('form').send({ _csrf: a.csrf });
        checked++;
        if (res.status !== 403) failures.push(`${role} ${r.method.toUpperCase()} ${r.path} → ${res.status}`);
      }
    }
    expect(checked).toBeGreaterThan(5);
    expect(failures).toEqual([]);
  });

  it('answers 401 to API routes without a token and 403 to a token of the wrong role', async () => {
    const failures: string[] = [];
    for (const r of t.routes.filter((x) => x.access.kind === 'api')) {
      const anon = await request(t.app)[r.method](concrete(r.path));
      if (anon.status !== 401 || !anon.body?.error?.message) failures.push(`anonymous ${r.method} ${r.path} → ${anon.status}`);
      if (r.access.kind !== 'api') continue;
      const allowed = r.access.roles;
      for (const role of ALL_ROLES.filter((x) => !allowed.includes(x))) {
        const res = await request(t.app)[r.method](concrete(r.path)).set('Authorization', `Bearer ${tokens.get(role)}`);
        if (res.status !== 403) failures.push(`${role} ${r.method} ${r.path} → ${res.status}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('rejects a forged, malformed or revoked API token with 401', async () => {
    for (const header of ['Bearer cahp_' + 'x'.repeat(43), 'Bearer nonsense', 'Basic abc']) {
      const res = await request(t.app).get('/api/v1/me').set('Authorization', header);
      expect(res.status).toBe(401);
      expect(res.body.error.message).toMatch(/token/i);
    }
    const admin = agents.get('admin')!;
    const created = await t.services.apiTokens.create(admin.user, 'to revoke', null, null);
    expect((await request(t.app).get('/api/v1/me').set('Authorization', `Bearer ${created.token}`)).body.email).toBe(admin.user.email);
    const res = await admin.agent.post(`/account/tokens/${created.id}/revoke`).type('form').send({ _csrf: admin.csrf });
    expect(res.status).toBe(303);
    expect((await request(t.app).get('/api/v1/me').set('Authorization', `Bearer ${created.token}`)).status).toBe(401);
  });

  it("rejects the token of a disabled account with 401 from the next request on, and the user's role is read each time", async () => {
    const admin = agents.get('admin')!;
    const user = await t.createUser('researcher');
    const { token } = await t.services.apiTokens.create({ id: user.id }, 'soon disabled', null, null);
    const me = () => request(t.app).get('/api/v1/me').set('Authorization', `Bearer ${token}`);
    expect((await me()).body).toMatchObject({ email: user.email, role: 'researcher' });
    await t.db('users').where({ id: user.id }).update({ role: 'manager' });
    expect((await me()).body).toMatchObject({ role: 'manager' });
    await t.services.users.disable({ id: admin.user.id, email: admin.user.email, name: 'Admin', role: 'admin', locale: null }, user.id, null);
    const res = await me();
    expect(res.status).toBe(401);
    expect(res.body.error.message).toMatch(/token/i);
  });
});

describe('CSRF protection', () => {
  it('rejects a form without a token', async () => {
    const a = agents.get('admin')!;
    const res = await a.agent.post('/account/tokens').type('form').send({ name: 'x' });
    expect(res.status).toBe(403);
    expect(res.text).toContain('expired or did not come from this site');
  });

  it("rejects another session's token", async () => {
    const a = agents.get('admin')!;
    const other = agents.get('researcher')!;
    const res = await a.agent.post('/account/tokens').type('form').send({ name: 'x', _csrf: other.csrf });
    expect(res.status).toBe(403);
    expect(await t.db('api_tokens').where({ name: 'x' })).toHaveLength(0);
  });

  it('rejects a cross-site Origin and Sec-Fetch-Site even with a valid token', async () => {
    const a = agents.get('admin')!;
    const crossOrigin = await a.agent.post('/account/tokens').set('Origin', 'https://evil.example').type('form').send({ name: 'y', _csrf: a.csrf });
    expect(crossOrigin.status).toBe(403);
    const crossSite = await a.agent.post('/account/tokens').set('Sec-Fetch-Site', 'cross-site').type('form').send({ name: 'y', _csrf: a.csrf });
    expect(crossSite.status).toBe(403);
    expect(await t.db('api_tokens').where({ name: 'y' })).toHaveLength(0);
  });

  it('accepts the same form with its own token and a same-origin request', async () => {
    const a = agents.get('admin')!;
    const res = await a.agent.post('/account/tokens').set('Sec-Fetch-Site', 'same-origin').type('form').send({ name: 'ok-token', _csrf: a.csrf });
    expect(res.status).toBe(200);
    expect(res.text).toMatch(/cahp_[A-Za-z0-9_-]{43}/);
  });
});

describe('security headers and error answers', () => {
  it('sends CSP without inline script, no x-powered-by, nosniff, frame denial and no-store on signed-in pages', async () => {
    const a = agents.get('researcher')!;
    const res = await a.agent.get('/account');
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers['x-powered-by']).toBeUndefined();
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['referrer-policy']).toBe('same-origin');
  });

  it('answers malformed JSON with 400, an oversized JSON body with 413, and JSON to a form route with 415', async () => {
    // A JSON route mounted through the same route machinery as the application's own.
    const express = (await import('express')).default;
    const { pino } = await import('pino');
    const { mountRoutes } = await import('../../src/web/mount-routes.js');
    const { createRateLimiters } = await import('../../src/web/rate-limits.js');
    const { errorHandler } = await import('../../src/web/error-handler.js');
    const { route, access } = await import('../../src/web/route-table.js');
    const mini = express();
    mini.use((req, _res, next) => {
      req.t = (key: string) => (key === 'errors.malformedJson' ? 'The request body is not valid JSON.' : key);
      next();
    });
    let stored = 0;
    mountRoutes(mini, [route.post('/echo', access.public, (req, res) => { stored++; res.json(req.body); }, { body: ['json'], csrf: false })], createRateLimiters(t.config));
    mini.use(errorHandler(pino({ level: 'silent' })));
    const ok = await request(mini).post('/echo').send({ a: 1 });
    expect(ok.body).toEqual({ a: 1 });
    const bad = await request(mini).post('/echo').set('Content-Type', 'application/json').send('{"a": ');
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual({ error: { message: 'The request body is not valid JSON.' } });
    const big = await request(mini).post('/echo').send({ a: 'x'.repeat(70 * 1024) });
    expect(big.status).toBe(413);
    const form = await request(mini).post('/echo').type('form').send({ a: '1' });
    expect(form.status).toBe(415);
    expect(stored).toBe(1);
    const login = await request(t.app).post('/login').set('Content-Type', 'application/json').send('{"broken": ');
    expect(login.status).toBe(415);
  });

  it('answers an unknown route with a 404 page or JSON by Accept', async () => {
    const html = await request(t.app).get('/no/such/page').set('Accept', 'text/html');
    expect(html.status).toBe(404);
    expect(html.headers['content-type']).toMatch(/html/);
    expect(html.text).toContain('does not exist');
    const json = await request(t.app).get('/no/such/page').set('Accept', 'application/json');
    expect(json.status).toBe(404);
    expect(json.body).toEqual({ error: { message: expect.stringContaining('does not exist') } });
    const api = await request(t.app).get('/api/v1/nothing');
    expect(api.status).toBe(404);
    expect(api.body.error.message).toBeTruthy();
  });

  it('never shows a stack trace or SQL in an error', async () => {
    const res = await request(t.app).get('/admin/users/abc/role').set('Accept', 'application/json');
    expect(res.text).not.toMatch(/at .*\.ts:\d+|select .* from|stack/i);
  });

  it('answers an oversized form body with 413 and changes nothing', async () => {
    const a = agents.get('admin')!;
    const res = await a.agent.post('/account/tokens').type('form').send({ _csrf: a.csrf, name: 'z'.repeat(70_000) });
    expect(res.status).toBe(413);
    expect(await t.db('api_tokens').where('name', 'like', 'zzz%')).toHaveLength(0);
  });

  it('answers a wrong Content-Type with 415', async () => {
    const a = agents.get('admin')!;
    const res = await a.agent.post('/account/tokens').set('Content-Type', 'text/xml').send('<a/>');
    expect(res.status).toBe(415);
  });

  it('serves the OpenAPI document and the docs page', async () => {
    const doc = await request(t.app).get('/api/v1/openapi.json');
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toMatch(/^3\./);
    expect(doc.body.paths['/me']).toBeDefined();
    const page = await request(t.app).get('/api/docs');
    expect(page.status).toBe(200);
    expect(page.text).toContain('/api/v1/me');
  });

  it('reports health with the database check', async () => {
    const res = await request(t.app).get('/healthz');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ok', database: 'ok' });
  });

  it('limits sign-in attempts per account', async () => {
    const limited = await createTestApp({ LOGIN_RATE_LIMIT_PER_ACCOUNT: '3' });
    try {
      await limited.createUser('researcher', 'someone@bank.test');
      const agent = request.agent(limited.app);
      const csrf = csrfFrom((await agent.get('/login')).text);
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) {
        statuses.push((await agent.post('/login').type('form').send({ _csrf: csrf, email: 'victim@bank.test', password: `guess-number-${i}` })).status);
      }
      expect(statuses.slice(0, 3)).toEqual([401, 401, 401]);
      expect(statuses.slice(3)).toEqual([429, 429]);
      const limitedRes = await agent.post('/login').type('form').send({ _csrf: csrf, email: 'victim@bank.test', password: 'x' });
      expect(limitedRes.headers['retry-after']).toBeDefined();
    } finally {
      await limited.close();
    }
  });
});
