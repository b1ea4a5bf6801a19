import { writeFileSync } from 'node:fs';
import type { Response } from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATALOGUES } from '../../src/i18n/catalogue.js';
import { createTranslator } from '../../src/i18n/translator.js';
import type { RouteDef } from '../../src/web/route-table.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { ACTORS, FORGED_TOKEN, buildWorld, concretePath, rowCounts, type Actor, type Ownership, type ActorName, type World } from './security-world.js';

/**
 * Issue 8 point 5: the access-control matrix. Every route of the application's route table × every kind of
 * caller, with the expected answer derived from the route's declared access:
 * - `signin`: anonymous on a session route → 303 to /login (GET) or 401 (other methods); no token on an API route → 401;
 * - `forbidden`: a signed-in role (or API token of a role) the route does not list → 403 from the access guard;
 * - `hidden`: another researcher on a resource owned by someone else (or anyone on another person's API token) →
  404 or 403 from the owning service;
 * - `neutral-404`: a link route called with a token the caller does not hold (forged, or a link of another kind) → 404;
 * - `allowed`: past the access guard, i.e. not its 303/401/403 (the route may still answer 200/302/400/404/409).
 * Path parameters are filled with real objects (security-world.ts). No cell may answer 5xx. A route the matrix
 * cannot classify (unknown access kind, link kind, or path parameter) fails the test.
 *
 * Denials run first (they must change nothing); then the allowed cells: link routes, pages, forms (empty bodies,
 * which the routes refuse or treat as no-ops), and signing out last.
 */

type Expectation = 'allowed' | 'signin' | 'forbidden' | 'hidden' | 'neutral-404';
const ALL_ACTORS = ACTORS;

interface Cell {
  route: RouteDef;
  actor: ActorName;
  expected: Expectation;
  path: string;
  /** The same request on a missing object (hidden) or with the holder's real token (neutral-404). */
  reference: string;
  status?: number;
  /** The denial came before the object or token was looked at, with the same answer as the reference request. */
  sameAsReference?: boolean;
  ok?: boolean;
  why?: string;
}

const en = createTranslator(CATALOGUES, 'en');
const GUARD_MESSAGES = ['errors.signInRequired', 'errors.forbidden', 'errors.apiTokenRequired', 'errors.invalidToken'].map((key) => en(key));

let t: TestApp;
let world: World;
const cells: Cell[] = [];
const unclassified: string[] = [];

beforeAll(async () => {
  t = await createTestApp();
  world = await buildWorld(t);
  buildCells();
}, 120_000);
afterAll(async () => t?.close());

function actorOf(name: ActorName): Actor {
  return world.actors[name];
}

const HOLDER = { expert: 'expert-link', staff: 'staff-link', 'user-invitation': 'invitee' } as const satisfies Record<string, ActorName>;

/** The token a caller presents on a link route: its own link of that kind, else what it has (or a forged one). */
function linkToken(route: RouteDef, actor: ActorName): { token: string; holds: boolean } | undefined {
  if (route.access.kind !== 'link') return undefined;
  const own: Partial<Record<ActorName, string>> = {
    'expert-link': world.tokens.expert,
    'staff-link': route.path.startsWith('/q/') ? world.tokens.shared : world.tokens.personal,
    invitee: world.tokens.userInvitation,
  };
  const holderOf = HOLDER[route.access.link];
  if (route.access.link === 'staff' && !/^\/[qs]\//.test(route.path)) return undefined;
  const token = own[actor] ?? FORGED_TOKEN;
  return { token, holds: holderOf === actor };
}

function expectationOf(route: RouteDef, actorName: ActorName, ownership: Set<Ownership>): Expectation | undefined {
  const actor = actorOf(actorName);
  switch (route.access.kind) {
    case 'public':
      return 'allowed';
    case 'session':
    case 'api': {
      if (!actor.role) return 'signin';
      if (!route.access.roles.includes(actor.role)) return 'forbidden';
      if (ownership.has('foreign')) return 'hidden';
      return ownership.has('owned') && actorName === 'other-researcher' ? 'hidden' : 'allowed';
    }
    case 'link': {
      const link = linkToken(route, actorName);
      if (!link) return undefined;
      return link.holds ? 'allowed' : 'neutral-404';
    }
    default:
      return undefined;
  }
}

/** The error message of a JSON answer, or of the error page (its <h1>), else the whole text. */
function messageOf(res: Response): string {
  const json = res.body as { error?: { message?: string } } | undefined;
  if (json?.error?.message) return json.error.message;
  const page = /<section class="error-page">[\s\S]*?<h1>([\s\S]*?)<\/h1>/.exec(res.text ?? '');
  return page ? (page[1] as string).trim() : (res.text ?? '');
}

const isGuardAnswer = (res: Response) =>
  (res.status === 303 && String(res.headers.location ?? '').startsWith('/login?next=')) ||
  ((res.status === 401 || res.status === 403) && GUARD_MESSAGES.some((m) => messageOf(res).includes(m)));

function judge(cell: Cell, res: Response): { ok: boolean; why?: string } {
  const { route } = cell;
  if (res.status >= 500) return { ok: false, why: 'server error' };
  const msg = messageOf(res);
  switch (cell.expected) {
    case 'signin':
      if (route.access.kind === 'api') return { ok: res.status === 401 && msg.includes(en('errors.apiTokenRequired')), why: 'expected 401 (API token required)' };
      if (route.method === 'get') return { ok: res.status === 303 && String(res.headers.location).startsWith('/login?next='), why: 'expected 303 to /login' };
      return { ok: res.status === 401 && msg.includes(en('errors.signInRequired')), why: 'expected 401 (sign in)' };
    case 'forbidden':
      return { ok: res.status === 403 && msg.includes(en('errors.forbidden')), why: 'expected 403 from the access guard' };
    case 'hidden':
      return { ok: ((res.status === 404 || res.status === 403) && !isGuardAnswer(res)) || cell.sameAsReference === true, why: "expected 404/403 from the owner's service" };
    case 'neutral-404':
      return { ok: res.status === 404 || cell.sameAsReference === true, why: 'expected the neutral 404' };
    case 'allowed':
      return { ok: !isGuardAnswer(res) && !(route.access.kind === 'link' && res.status === 404), why: 'expected to pass the access guard' };
  }
}

async function perform(cell: Cell, path = cell.path): Promise<Response> {
  const actor = actorOf(cell.actor);
  const { route } = cell;
  let req = actor.agent[route.method](path);
  if (route.access.kind === 'api' && actor.apiToken) req = req.set('Authorization', `Bearer ${actor.apiToken}`);
  if (route.method === 'get' || route.method === 'delete') return req;
  const kind = route.body?.[0] ?? (route.access.kind === 'api' ? 'json' : 'form');
  switch (kind) {
    case 'json':
      return req.set('Content-Type', 'application/json').set('X-CSRF-Token', actor.csrf || 'none').send('{}');
    case 'multipart':
      return req.field('_csrf', actor.csrf || 'none');
    case 'csv':
      return req.set('Content-Type', 'text/csv').set('X-CSRF-Token', actor.csrf || 'none').send('');
    default:
      return req.type('form').send({ _csrf: actor.csrf || 'none' });
  }
}

/** Order of the allowed cells: link routes, pages, forms, forms that delete or close things, public forms, signing out. */
function allowedOrder(cell: Cell): number {
  const r = cell.route;
  if (r.path === '/logout') return 7;
  if (r.access.kind === 'link') return 1;
  if (r.method === 'get') return 2;
  if (r.access.kind === 'public') return 6;
  if (r.path.endsWith('/delete')) return 5;
  return /\/(close|revoke|disable|retire|reissue)$/.test(r.path) ? 4 : 3;
}

function buildCells(): void {
    for (const route of t.routes) {
      const { path, ownership, unfilled } = concretePath(world, route);
      if (unfilled.length) unclassified.push(`${route.method.toUpperCase()} ${route.path}: no fixture for :${unfilled.join(', :')} (add it to fillParam in security-world.ts)`);
      for (const actor of ALL_ACTORS) {
        const expected = expectationOf(route, actor, ownership);
        if (!expected) {
          unclassified.push(`${route.method.toUpperCase()} ${route.path}: access ${JSON.stringify(route.access)} not classifiable for ${actor}`);
          continue;
        }
        const link = linkToken(route, actor);
        const holder = link && route.access.kind === 'link' ? linkToken(route, HOLDER[route.access.link]) : undefined;
        cells.push({
          route,
          actor,
          expected,
          path: link ? path.replace(FORGED_TOKEN, link.token) : path,
          reference: holder ? path.replace(FORGED_TOKEN, holder.token) : concretePath(world, route, { missingOwned: true }).path,
        });
      }
    }
}

describe('access-control matrix over the whole route table', () => {
  it('classifies every route for every caller', () => {
    expect(unclassified).toEqual([]);
    expect(cells).toHaveLength(t.routes.length * ALL_ACTORS.length);
    for (const kind of ['public', 'session', 'api', 'link'] as const) expect(t.routes.some((r) => r.access.kind === kind)).toBe(true);
  });

  it('every API route answers a forged, malformed or revoked token with 401 (and a link token is no API token)', async () => {
    const revoked = await t.services.apiTokens.create(world.actors.admin.user!, 'to revoke', null, null);
    await t.db('api_tokens').where({ id: revoked.id }).update({ revoked_at: new Date().toISOString() });
    const failures: string[] = [];
    const headers = [`Bearer cahp_${'x'.repeat(43)}`, 'Bearer nonsense', `Bearer ${revoked.token}`, `Bearer ${world.tokens.expert}`, `Basic ${Buffer.from('admin:admin').toString('base64')}`];
    for (const route of t.routes.filter((r) => r.access.kind === 'api')) {
      const { path } = concretePath(world, route);
      for (const header of headers) {
        const res = await world.actors.anonymous.agent[route.method](path).set('Authorization', header);
        if (res.status !== 401 || !GUARD_MESSAGES.some((m) => messageOf(res).includes(m))) failures.push(`${route.method.toUpperCase()} ${route.path} ${header.slice(0, 20)} → ${res.status}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it("another researcher with a well-formed form: cannot change or delete a researcher's model draft (403), the author and an administrator can", async () => {
    // The matrix's empty forms never reach the author check (the form is refused first); this one does. Runs before
    // the matrix, whose last cells sign everyone out.
    const draft = await t.services.models.createDraft(world.owner, { name: 'Author check', description: '', rationale: 'Test.', source: { kind: 'template' } }, { unchecked: true });
    const details = (name: string) => ({ name, description: '', effectiveFrom: '', missingPolicy: 'renormalise-within-criterion', collateralMode: 'borrower-score', rationale: 'Test.' });
    const post = (actor: Actor, path: string, body: Record<string, string>) => actor.agent.post(path).type('form').send({ ...body, _csrf: actor.csrf });
    const a = world.actors;
    const before = await t.services.models.getModelVersion(draft);
    const other = await post(a['other-researcher'], `/models/${draft}/details`, details('Changed by another'));
    expect(other.status).toBe(403);
    expect((await post(a['other-researcher'], `/models/${draft}/delete`, {})).status).toBe(403);
    expect(await t.services.models.getModelVersion(draft)).toEqual(before);
    expect((await post(a.researcher, `/models/${draft}/details`, details('Changed by the author'))).status).toBe(303);
    expect((await post(a.admin, `/models/${draft}/details`, details('Changed by an administrator'))).status).toBe(303);
    expect((await t.services.models.getModelVersion(draft)).name).toBe('Changed by an administrator');
  });

  it('answers every cell as the declared access says, denials changing nothing', async () => {
    const denials = cells.filter((c) => c.expected !== 'allowed');
    const allowed = cells.filter((c) => c.expected === 'allowed').sort((a, b) => allowedOrder(a) - allowedOrder(b));
    const before = await rowCounts(t.db);
    for (const cell of denials) {
      const res = await perform(cell);
      if ((cell.expected === 'hidden' && res.status !== 404) || (cell.expected === 'neutral-404' && res.status !== 404)) {
        const ref = await perform(cell, cell.reference);
        cell.sameAsReference = ref.status === res.status && messageOf(ref) === messageOf(res) && ref.status < 500;
      }
      Object.assign(cell, { status: res.status }, judge(cell, res));
    }
    expect(await rowCounts(t.db)).toEqual(before);
    for (const cell of allowed) {
      const res = await perform(cell);
      Object.assign(cell, { status: res.status }, judge(cell, res));
    }
    const failures = cells.filter((c) => !c.ok).map((c) => `${c.actor.padEnd(16)} ${c.route.method.toUpperCase()} ${c.path} → ${c.status} (${c.why})`);
    expect(failures).toEqual([]);
  }, 300_000);

  it('records the matrix', () => {
    const short: Record<Expectation, string> = { allowed: 'ok', signin: 'login', forbidden: 'deny', hidden: 'hide', 'neutral-404': 'x404' };
    const lines = [`| route | access | ${ALL_ACTORS.join(' | ')} |`, `|---|---|${ALL_ACTORS.map(() => '---').join('|')}|`];
    for (const route of t.routes) {
      const row = cells.filter((c) => c.route === route);
      const access = route.access.kind === 'link' ? `link:${route.access.link}` : route.access.kind === 'public' ? 'public' : `${route.access.kind}:${route.access.roles.join(',')}`;
      lines.push(`| ${route.method.toUpperCase()} ${route.path} | ${access} | ${row.map((c) => `${short[c.expected]} ${c.status ?? '-'}${c.sameAsReference ? '*' : ''}${c.ok === false ? ' ✗' : ''}`).join(' | ')} |`);
    }
    const table = lines.join('\n');
    if (process.env.ACCESS_MATRIX_OUT) writeFileSync(process.env.ACCESS_MATRIX_OUT, `${table}\n`);
    const legend = 'ok = past the access guard; login = 303 to sign-in / 401; deny = 403 from the guard; hide = 404/403 from the owning service; x404 = neutral 404 of a link; * = refused before the object or token is looked at, with the same answer as for a missing object or a real token (no oracle)';
    console.log(`access matrix: ${t.routes.length} routes × ${ALL_ACTORS.length} callers = ${cells.length} cells\n${legend}\n${table}`);
    expect(cells.every((c) => c.status !== undefined)).toBe(true);
  });
});
