import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import request, { type Response } from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BodyKind, RouteDef } from '../../src/web/route-table.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { TEST_SCHEMA } from './questionnaires-fixtures.js';
import { autosave, blockJudgments, snapshot, submit } from './rounds-fixtures.js';
import { FORGED_TOKEN, buildWorld, concretePath, rowCounts, type Actor, type World } from './security-world.js';

/**
 * Issue 8 point 3, the bad-input catalogue. Each entry asserts the status, a clean error body (a message; JSON
 * for /api and fetch callers; no stack trace, no SQL) and that nothing was stored (row counts of every table).
 * The generic entries run over the whole route table, so new routes are covered. Entries that already exist
 * elsewhere are referenced, not repeated:
 * - out-of-scale judgments 0, negative, 10, 2.5, 1/10, 1e-9, "3", "NaN", objects, lists, true, missing value,
 *   "no opinion" where not allowed, foreign pairs, unknown keys, `__proto__`, 501 judgments, cross-site requests,
 *   forged / revoked / expired / re-issued expert links, closed / draft / past-deadline rounds, incomplete and
 *   second submits: test/http/rounds-rejections.test.ts;
 * - CSRF, cross-site Origin, forged API tokens: test/http/security.test.ts; access per route and caller:
 *   test/http/access-matrix.test.ts; stored XSS: test/http/stored-xss.test.ts.
 */

/** Formula prefixes OWASP lists for CSV injection; each free text of the world starts with one of them. */
const FORMULAS = ["=cmd|' /C calc'!A0 ", '+1+cmd|calc ', '-2+3+cmd|calc ', '@SUM(1+1)*cmd|calc ', '\t=1+1 ', '\r=1+1 '];
let formulaIndex = 0;
const formula = (text: string) => `${FORMULAS[formulaIndex++ % FORMULAS.length]}${text}`;

const SQL_INJECTIONS = ["1' OR '1'='1", '1 OR 1=1', "1; DROP TABLE users;--", "' UNION SELECT email, password_hash FROM users--", '1)) OR ((1=1'];
const DIRTY = /\bat \S+\.(ts|js|mjs):\d+|SQLITE_|syntax error|(?<![<\/\w])select\s+[\w*,."\s]{1,80}\s+from\s+\w|\binsert into\b|\bknex\b|node_modules|"stack":/i;

let t: TestApp;
let world: World;
let before: Record<string, number>;
let formulaRound = 0;
let formulaWeightSet = 0;

beforeAll(async () => {
  t = await createTestApp();
  world = await buildWorld(t, { label: formula });
  // A respondent answers the owner's questionnaire with formulas in every text answer.
  const answered = await request(t.app).post(`/q/${world.tokens.shared}/submit`).set('X-Requested-With', 'fetch').send({ version: 1, data: { role: 'a', r1: 4, note: '=HYPERLINK("http://x.test","click")', dept: 'other', 'dept-Comment': '@SUM(1+1)' } });
  expect(answered.status, JSON.stringify(answered.body)).toBe(201);
  // Criterion names from an imported outline start with formulas too (no "|" in them: it starts the Chinese name);
  // an expert whose name is a formula answers and submits, and a weight set is made.
  const study = await t.services.studies.create(world.owner, { title: formula('Formula study'), description: '', locale: 'en', template: 'empty' });
  await t.services.studies.importHierarchy(world.owner, study.id, 'outline', ['[G] =1+1 Goal', "  [C1] =cmd!A0 Criterion", '  [C2] +cmd Criterion', '  [C3] @SUM(1) Criterion'].join('\n'));
  formulaRound = await t.services.rounds.create(world.owner, study.id, { label: formula('Round'), priorityMethod: 'eigenvector', riTable: 'saaty', crThreshold: 0.1, allowNoOpinion: true, crPolicy: 'warn', deadline: null, intro: { en: '', zh: '' } });
  await t.services.rounds.open(world.owner, formulaRound);
  const expert = await t.services.rounds.invite(world.owner, formulaRound, { name: '-2+3+cmd|calc Expert', organisation: '=HYPERLINK("x")', weight: 1 });
  const goal = await t.db('round_nodes').where({ round_id: formulaRound }).whereNull('parent_id').first('id');
  const kids = (await t.db('round_nodes').where({ round_id: formulaRound, parent_id: goal.id }).orderBy('position').select('id')).map((r: { id: number }) => r.id);
  const judgments = [[0, 1], [0, 2], [1, 2]].map(([i, j]) => ({ parent: goal.id, left: kids[i!], right: kids[j!], value: 2 }));
  expect((await autosave(t, expert.token, { judgments })).status).toBe(200);
  expect((await submit(t, expert.token)).status).toBe(200);
  formulaWeightSet = await t.services.weightSets.create(world.owner, formulaRound, {});
  before = await rowCounts(t.db);
}, 120_000);
afterAll(async () => t?.close());

/** The caller allowed on a route (administrator, or the holder of the link) and the path it uses. */
function callerOf(route: RouteDef): { actor: Actor; path: string } | undefined {
  const { path, unfilled } = concretePath(world, route);
  if (unfilled.length) return undefined;
  const a = world.actors;
  // The first role the route allows, in this order (the researcher is the owner of the world's study and questionnaire).
  const allowed = (roles: readonly string[]) => a[(['admin', 'researcher', 'manager', 'credit-officer'] as const).find((r) => roles.includes(r)) ?? 'admin'];
  switch (route.access.kind) {
    case 'public':
      return { actor: a.admin, path };
    case 'session':
    case 'api':
      return { actor: allowed(route.access.roles), path };
    case 'link': {
      const token = route.access.link === 'expert' ? world.tokens.expert : route.access.link === 'user-invitation' ? world.tokens.userInvitation : route.path.startsWith('/q/') ? world.tokens.shared : world.tokens.personal;
      const holder = route.access.link === 'expert' ? a['expert-link'] : route.access.link === 'user-invitation' ? a.invitee : a['staff-link'];
      return { actor: holder, path: path.replace(FORGED_TOKEN, token) };
    }
  }
}

function send(route: RouteDef, actor: Actor, path: string) {
  let req = actor.agent[route.method](path).set('X-Requested-With', 'fetch').set('Accept', 'application/json');
  if (route.access.kind === 'api' && actor.apiToken) req = req.set('Authorization', `Bearer ${actor.apiToken}`);
  if (actor.csrf) req = req.set('X-CSRF-Token', actor.csrf);
  return req;
}

const bodyKinds = (route: RouteDef): BodyKind[] => route.body ?? (route.method === 'get' || route.method === 'delete' ? ['none'] : route.access.kind === 'api' ? ['json'] : ['form']);
const bodyRoutes = () => t.routes.filter((r) => r.method !== 'get' && r.path !== '/logout' && bodyKinds(r).some((k) => k !== 'none'));

/** A refused request: the status, a message, JSON for fetch/API callers, and nothing from the inside. */
function cleanError(res: Response, statuses: number[]): string | undefined {
  if (!statuses.includes(res.status)) return `status ${res.status}`;
  if (!/json/.test(String(res.headers['content-type']))) return `content-type ${res.headers['content-type']}`;
  if (typeof res.body?.error?.message !== 'string' || !res.body.error.message) return 'no error message';
  if (DIRTY.test(res.text)) return `leaks internals: ${res.text.slice(0, 200)}`;
  return undefined;
}

function limitBytes(limit: string | undefined): number {
  const m = /^(\d+)(kb|mb)$/i.exec(limit ?? '64kb')!;
  return Number(m[1]) * (m[2]!.toLowerCase() === 'kb' ? 1024 : 1024 * 1024);
}

async function expectNothingStored() {
  expect(await rowCounts(t.db)).toEqual(before);
}

describe('bodies the routes do not take (generated over the route table)', () => {
  it('malformed JSON to every JSON route → 400 with a clean JSON message', async () => {
    const failures: string[] = [];
    for (const route of bodyRoutes().filter((r) => bodyKinds(r).includes('json'))) {
      const c = callerOf(route);
      if (!c) continue;
      for (const body of ['{"a": ', '{"a":1,}', "{'a':1}", '[1,2', '\u0000']) {
        const res = await send(route, c.actor, c.path).set('Content-Type', 'application/json').send(body);
        const problem = cleanError(res, [400]);
        if (problem) failures.push(`${route.method.toUpperCase()} ${route.path} ${JSON.stringify(body)}: ${problem}`);
      }
    }
    expect(failures).toEqual([]);
    await expectNothingStored();
  }, 120_000);

  it('a body over the route’s limit → 413 with a clean message (limits up to 2 MB; larger limits are bulk imports)', async () => {
    const failures: string[] = [];
    let checked = 0;
    for (const route of bodyRoutes()) {
      const c = callerOf(route);
      const kinds = bodyKinds(route);
      const limit = limitBytes(route.bodyLimit);
      if (!c || limit > 2 * 1024 * 1024 || (!kinds.includes('json') && !kinds.includes('form'))) continue;
      const big = 'x'.repeat(limit + 1024);
      const res = kinds.includes('json')
        ? await send(route, c.actor, c.path).set('Content-Type', 'application/json').send(JSON.stringify({ text: big }))
        : await send(route, c.actor, c.path).type('form').send({ _csrf: c.actor.csrf, text: big });
      checked++;
      const problem = cleanError(res, [413]);
      if (problem) failures.push(`${route.method.toUpperCase()} ${route.path}: ${problem}`);
    }
    expect(checked).toBeGreaterThan(30);
    expect(failures).toEqual([]);
    await expectNothingStored();
  }, 120_000);

  it('an uploaded file over 20 MB to every upload route → 413 with a clean message', async () => {
    const failures: string[] = [];
    const big = Buffer.alloc(20 * 1024 * 1024 + 1024, 'a');
    let checked = 0;
    for (const route of bodyRoutes().filter((r) => bodyKinds(r).includes('multipart'))) {
      const c = callerOf(route);
      if (!c) continue;
      const res = await send(route, c.actor, c.path).field('_csrf', c.actor.csrf).attach('file', big, 'big.csv');
      checked++;
      const problem = cleanError(res, [413]);
      if (problem) failures.push(`${route.method.toUpperCase()} ${route.path}: ${problem}`);
    }
    expect(checked).toBeGreaterThanOrEqual(4);
    expect(failures).toEqual([]);
    await expectNothingStored();
  }, 120_000);

  it('a Content-Type the route does not take (XML, YAML, plain text to a JSON route) → 415', async () => {
    const failures: string[] = [];
    for (const route of bodyRoutes()) {
      const c = callerOf(route);
      if (!c) continue;
      const types = ['application/xml', 'application/x-yaml', ...(bodyKinds(route).includes('csv') ? [] : ['text/plain'])];
      for (const type of types) {
        const res = await send(route, c.actor, c.path).set('Content-Type', type).send('<a>1</a>');
        const problem = cleanError(res, [415]);
        if (problem) failures.push(`${route.method.toUpperCase()} ${route.path} ${type}: ${problem}`);
      }
    }
    expect(failures).toEqual([]);
    await expectNothingStored();
  }, 120_000);

  it('unknown keys on strict JSON endpoints (expert submit, staff autosave and submit, API weight sets) → 400, nothing stored', async () => {
    const cases: Array<[string, () => request.Test]> = [
      ['expert submit', () => submit(t, world.tokens.expert).send({ force: true })],
      ['staff autosave', () => request(t.app).post(`/s/${world.tokens.personal}/autosave`).set('X-Requested-With', 'fetch').send({ version: 1, data: { role: 'a' }, status: 'submitted' })],
      ['staff submit', () => request(t.app).post(`/s/${world.tokens.personal}/submit`).set('X-Requested-With', 'fetch').send({ version: 1, data: { role: 'a', r1: 3 }, respondent: 'x' })],
      ['shared submit', () => request(t.app).post(`/q/${world.tokens.shared}/submit`).set('X-Requested-With', 'fetch').send({ version: 1, data: { role: 'a', r1: 3 }, createdAt: '2000-01-01' })],
      ['API weight set', () => request(t.app).post(`/api/v1/rounds/${world.ids.round}/weight-sets`).set('Authorization', `Bearer ${world.actors.researcher.apiToken}`).send({ label: 'x', isAdmin: true })],
    ];
    for (const [name, run] of cases) {
      const res = await run();
      expect(cleanError(res, [400]), name).toBeUndefined();
    }
    await expectNothingStored();
  });
});

describe('judgments off the 1–9 scale on the expert autosave', () => {
  it.each([
    ['1e308', 1e308], ['-1e308', -1e308], ['5e-324', 5e-324], ['9.0001 (beyond the 1e-6 tolerance)', 9.0001], ['1/9 − 1e-4', 1 / 9 - 1e-4], ['"Infinity"', 'Infinity'], ['"-Infinity"', '-Infinity'], ['"1/3"', '1/3'], ['"" (empty)', ''], ['a long string', 'x'.repeat(10_000)],
  ])('%s → 400, clean message, nothing stored', async (_name, value) => {
    const block = world.round.blocks[1]!;
    const before1 = await snapshot(t, world.ids.expertInvitation);
    const res = await autosave(t, world.tokens.expert, { judgments: [{ parent: block.id, left: block.children[0]!.id, right: block.children[1]!.id, value }] });
    expect(cleanError(res, [400])).toBeUndefined();
    expect(await snapshot(t, world.ids.expertInvitation)).toEqual(before1);
  });

  it('the raw JSON tokens NaN, Infinity and 1e999 are not JSON → 400, nothing stored', async () => {
    const block = world.round.blocks[1]!;
    for (const literal of ['NaN', 'Infinity', '-Infinity', '1e999']) {
      const res = await request(t.app).post(`/e/${world.tokens.expert}/autosave`).set('X-Requested-With', 'fetch').set('Content-Type', 'application/json')
        .send(`{"judgments":[{"parent":${block.id},"left":${block.children[0]!.id},"right":${block.children[1]!.id},"value":${literal}}]}`);
      expect(res.status, literal).toBe(400);
    }
    await expectNothingStored();
  });
});

describe('links that are forged, foreign, revoked, disabled or expired', () => {
  async function neutral(path: string, method: 'get' | 'post' = 'get', body: object = { version: 1, data: { role: 'a', r1: 3 } }) {
    const req = method === 'get' ? request(t.app).get(path) : request(t.app).post(path).set('X-Requested-With', 'fetch').send(body);
    const res = await req;
    expect(res.status, path).toBe(404);
    if (method === 'post') expect(cleanError(res, [404])).toBeUndefined();
    return res;
  }

  it('an expert link on the staff routes and staff links on the expert routes (foreign tokens) → 404, nothing stored', async () => {
    await neutral(`/s/${world.tokens.expert}`);
    await neutral(`/q/${world.tokens.expert}`);
    await neutral(`/s/${world.tokens.expert}/autosave`, 'post');
    await neutral(`/q/${world.tokens.expert}/submit`, 'post');
    await neutral(`/e/${world.tokens.personal}`);
    await neutral(`/e/${world.tokens.shared}/autosave`, 'post', { judgments: [] });
    await neutral(`/q/${world.tokens.personal}`);
    await neutral(`/s/${world.tokens.shared}`);
    await neutral(`/invite/${world.tokens.expert}`);
    await expectNothingStored();
  });

  it('a valid expert link of another round sending judgments on this round’s blocks → 400, nothing stored in either round', async () => {
    const block = world.round.blocks[1]!;
    const counts = await rowCounts(t.db);
    const res = await autosave(t, world.tokens.foreignExpert, { judgments: [{ parent: block.id, left: block.children[0]!.id, right: block.children[1]!.id, value: 3 }], page: block.id });
    expect(cleanError(res, [400])).toBeUndefined();
    expect((await submit(t, world.tokens.foreignExpert)).status).toBe(400); // nothing answered in its own round
    expect(await rowCounts(t.db)).toEqual(counts);
  });

  it('a forged staff token with a well-formed answer → the same 404 as an unknown page, nothing stored', async () => {
    const reference = await neutral(`/s/${FORGED_TOKEN}/submit`, 'post');
    const other = await neutral(`/q/${'B'.repeat(43)}/submit`, 'post');
    expect(other.body).toEqual(reference.body);
    await expectNothingStored();
  });

  it('a revoked personal link, a disabled shared link and an expired shared link → 404, nothing stored', async () => {
    const owner = world.owner;
    const q = await t.services.questionnaires.create(owner, { title: 'Links', description: '', schema: TEST_SCHEMA }, (key) => key);
    await t.services.questionnaires.updateSettings(owner, q, { status: 'open', deadline: null, responseLimit: null, anonymous: true });
    const [link] = await t.services.questionnaires.createLinks(owner, q, ['Revoked']);
    const row = await t.db('questionnaire_links').where({ questionnaire_id: q, label: 'Revoked' }).first('id');
    await t.services.questionnaires.revokeLink(owner, q, row.id);
    const expired = await t.services.questionnaires.createSharedLink(owner, q, { limit: null, expiresOn: '2020-01-01' });
    const counts = await rowCounts(t.db);
    const answer = { version: 1, data: { role: 'a', r1: 3 } };
    await neutral(`/s/${link!.token}`);
    await neutral(`/s/${link!.token}/autosave`, 'post', answer);
    await neutral(`/s/${link!.token}/submit`, 'post', answer);
    await neutral(`/q/${expired}`);
    await neutral(`/q/${expired}/submit`, 'post', answer);
    const disabled = await t.services.questionnaires.createSharedLink(owner, q, { limit: null, expiresOn: null });
    await t.services.questionnaires.disableSharedLink(owner, q);
    const afterDisable = await rowCounts(t.db);
    await neutral(`/q/${disabled}/submit`, 'post', answer);
    expect(await rowCounts(t.db)).toEqual(afterDisable);
    expect(afterDisable.questionnaire_responses).toBe(counts.questionnaire_responses);
  });
});

describe('answers after submitting, and ten submits at once', () => {
  it('ten parallel submits of one expert link: exactly one succeeds, nine get 409; answers afterwards → 409, nothing stored', async () => {
    const { token, invitation } = await t.services.rounds.invite(world.owner, world.ids.round, { name: 'Parallel', weight: 1 });
    for (const block of world.round.blocks) expect((await autosave(t, token, { judgments: blockJudgments(block), page: block.id })).status).toBe(200);
    const statuses = (await Promise.all(Array.from({ length: 10 }, () => submit(t, token)))).map((r) => r.status).sort();
    expect(statuses).toEqual([200, ...Array(9).fill(409)]);
    const after = await snapshot(t, invitation.id);
    const late = await autosave(t, token, { judgments: blockJudgments(world.round.blocks[0]!, () => 1) });
    expect(cleanError(late, [409])).toBeUndefined();
    expect(await snapshot(t, invitation.id)).toEqual(after);
  });

  it('ten parallel submits of one personal staff link: exactly one response stored; autosave and submit afterwards → 409', async () => {
    const [link] = await t.services.questionnaires.createLinks(world.owner, world.ids.questionnaire, ['Parallel staff']);
    const responsesBefore = (await rowCounts(t.db)).questionnaire_responses!;
    const answer = { version: 1, data: { role: 'a', r1: 4 } };
    const post = (path: string) => request(t.app).post(`/s/${link!.token}/${path}`).set('X-Requested-With', 'fetch').send(answer);
    const statuses = (await Promise.all(Array.from({ length: 10 }, () => post('submit')))).map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s !== 201).every((s) => s === 409)).toBe(true);
    expect((await rowCounts(t.db)).questionnaire_responses).toBe(responsesBefore + 1);
    const counts = await rowCounts(t.db);
    expect(cleanError(await post('autosave'), [409])).toBeUndefined();
    expect(cleanError(await post('submit'), [409])).toBeUndefined();
    expect(await rowCounts(t.db)).toEqual(counts);
  });
});

describe('SQL injection strings in every id, token and filter (generated over the route table)', () => {
  it('in every path parameter → 400 or 404, clean, tables intact', async () => {
    const failures: string[] = [];
    const counts = await rowCounts(t.db);
    for (const route of t.routes.filter((r) => r.path.includes(':') && r.path !== '/logout')) {
      const c = callerOf(route);
      if (!c) continue;
      for (const sql of SQL_INJECTIONS) {
        const path = route.path.replace(/:([A-Za-z]+)/g, (_m, name: string) => (name === 'token' ? encodeURIComponent(sql) : encodeURIComponent(sql)));
        let req = send(route, c.actor, path);
        if (route.method !== 'get') req = bodyKinds(route).includes('json') ? req.send({}) : req.type('form').send({ _csrf: c.actor.csrf });
        const res = await req;
        // 415: a multipart-only route refuses the body before it looks at the id.
        const problem = cleanError(res, route.method === 'get' ? [400, 404] : [400, 404, 415]);
        if (problem) failures.push(`${route.method.toUpperCase()} ${route.path} ${sql}: ${problem}`);
      }
    }
    expect(failures).toEqual([]);
    expect(await rowCounts(t.db)).toEqual(counts);
  }, 180_000);

  it('in the query parameters of every GET page and API list → never 5xx, no SQL in the answer, tables intact', async () => {
    const failures: string[] = [];
    const counts = await rowCounts(t.db);
    const names = ['q', 'search', 'status', 'portfolio', 'industry', 'grade', 'level', 'model', 'version', 'a', 'b', 'rows', 'cols', 'dimension', 'by', 'page', 'limit', 'offset', 'sort', 'order', 'from', 'to', 'event', 'user', 'decision', 'borrowerRef', 'requestId', 'snapshot', 'format', 'exclude', 'lang'];
    for (const route of t.routes.filter((r) => r.method === 'get')) {
      const c = callerOf(route);
      if (!c) continue;
      for (const sql of SQL_INJECTIONS.slice(0, 3)) {
        const query = names.map((n) => `${n}=${encodeURIComponent(sql)}`).join('&');
        const res = await send(route, c.actor, `${c.path}?${query}`);
        if (res.status >= 500) failures.push(`GET ${route.path} ${sql} → ${res.status}`);
        if (DIRTY.test(res.text)) failures.push(`GET ${route.path} ${sql}: internals in the answer`);
      }
    }
    expect(failures).toEqual([]);
    expect(await rowCounts(t.db)).toEqual(counts);
  }, 180_000);
});

describe('exports: server-made file names and neutralised formulas', () => {
  /** Every GET route that answers with a file (Content-Disposition: attachment), as the owner. */
  async function exports(query = ''): Promise<Array<{ route: RouteDef; res: Response }>> {
    const out: Array<{ route: RouteDef; res: Response }> = [];
    for (const route of t.routes.filter((r) => r.method === 'get' && r.access.kind === 'session')) {
      const c = callerOf(route);
      if (!c) continue;
      for (const format of ['', 'csv', 'xlsx']) {
        const res = await world.actors.researcher.agent.get(`${c.path}?${format ? `format=${format}&` : ''}${query}`).buffer(true).parse((r, cb) => {
          const chunks: Buffer[] = [];
          r.on('data', (d: Buffer) => chunks.push(d));
          r.on('end', () => cb(null, Buffer.concat(chunks)));
        });
        if (/attachment/.test(String(res.headers['content-disposition']))) out.push({ route, res });
      }
    }
    return out;
  }

  it('path traversal in export names is ignored: every attachment name is made by the server', async () => {
    const files = await exports('name=..%2F..%2Fetc%2Fpasswd&filename=..%5C..%5Cboot.ini&file=%2Fetc%2Fshadow');
    expect(files.length).toBeGreaterThanOrEqual(8);
    for (const { route, res } of files) {
      const disposition = String(res.headers['content-disposition']);
      expect(disposition, route.path).toMatch(/^attachment; filename="[A-Za-z0-9._-]+\.(csv|xlsx|json|txt)"$/);
      expect(disposition).not.toMatch(/\.\.|passwd|shadow|boot/);
    }
    for (const id of ['..%2F..%2Fetc%2Fpasswd', '..%5C..%5Cwindows', '%2e%2e%2f%2e%2e%2f']) {
      const res = await world.actors.researcher.agent.get(`/rounds/${id}/export/judgments`).set('Accept', 'application/json');
      expect([400, 404]).toContain(res.status);
    }
  }, 120_000);

  it('formula payloads (= + - @ tab CR) in study titles, criterion names, expert names and organisations, questionnaire answers, link labels and borrower names are neutralised in every CSV and XLSX export', async () => {
    const files = await exports();
    for (const path of [`/rounds/${formulaRound}/export/judgments`, `/rounds/${formulaRound}/export/matrices`, `/weight-sets/${formulaWeightSet}/export`]) {
      for (const format of ['csv', 'xlsx']) {
        const res = await world.actors.researcher.agent.get(`${path}?format=${format}`).buffer(true).parse((r, cb) => {
          const chunks: Buffer[] = [];
          r.on('data', (d: Buffer) => chunks.push(d));
          r.on('end', () => cb(null, Buffer.concat(chunks)));
        });
        expect(res.status, path).toBe(200);
        files.push({ route: { path } as RouteDef, res });
      }
    }
    // The links file is a POST (it carries the tokens just issued).
    const links = await world.actors.researcher.agent.post(`/rounds/${world.ids.round}/links.csv`).type('form').send({ _csrf: world.actors.researcher.csrf, token: world.tokens.expert }).buffer(true);
    const cells: Array<{ file: string; value: string }> = [];
    for (const { route, res } of [...files, { route: { path: '/rounds/:id/links.csv' } as RouteDef, res: links }]) {
      const type = String(res.headers['content-type']);
      if (/csv/.test(type)) {
        const text = Buffer.isBuffer(res.body) ? res.body.toString('utf8') : res.text;
        for (const row of parse(text.replace(/^\ufeff/, ''), { relax_column_count: true }) as string[][]) for (const value of row) cells.push({ file: route.path, value });
      } else if (/spreadsheetml/.test(type)) {
        const workbook = new ExcelJS.Workbook();
        await workbook.xlsx.load(res.body as unknown as ArrayBuffer);
        workbook.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => {
          if (typeof cell.value === 'string') cells.push({ file: route.path, value: cell.value });
          if (cell.value && typeof cell.value === 'object' && 'formula' in cell.value) cells.push({ file: route.path, value: `=${String((cell.value as { formula: string }).formula)}` });
        })));
      }
    }
    const dangerous = cells.filter((c) => /^[=+\-@\t\r]/.test(c.value) && !/^-?\d+(\.\d+)?(e[+-]?\d+)?$/i.test(c.value));
    expect(dangerous.map((c) => `${c.file}: ${JSON.stringify(c.value.slice(0, 60))}`)).toEqual([]);
    // The payloads are in the files, neutralised with a leading quote.
    const neutralised = cells.filter((c) => /^'[=+\-@\t\r]/.test(c.value));
    expect(new Set(neutralised.map((c) => c.file)).size).toBeGreaterThanOrEqual(4);
    expect(neutralised.some((c) => c.value.includes('cmd|'))).toBe(true);
    expect(neutralised.some((c) => c.value.startsWith("'=HYPERLINK"))).toBe(true);
    // Criterion names and expert names of the formula round, in its exports.
    for (const text of ["'=1+1 Goal", "'=cmd!A0 Criterion", "'+cmd Criterion", "'@SUM(1) Criterion", "'-2+3+cmd|calc Expert"]) {
      expect(neutralised.some((c) => c.value.startsWith(text)), text).toBe(true);
    }
  }, 120_000);
});

// Last: these requests go through with their other fields empty, so routes that delete or close things do so.
describe('prototype pollution (generated over the route table)', () => {
  it('`__proto__` and `constructor.prototype` keys in JSON and forms pollute nothing and never cause a 500', async () => {
    const failures: string[] = [];
    const pollution = '{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}},"a":{"__proto__":{"polluted":"yes"}}}';
    for (const route of bodyRoutes()) {
      const c = callerOf(route);
      if (!c) continue;
      const kinds = bodyKinds(route);
      const res = kinds.includes('json')
        ? await send(route, c.actor, c.path).set('Content-Type', 'application/json').send(pollution)
        : kinds.includes('form')
          ? await send(route, c.actor, c.path).type('form').send(`_csrf=${encodeURIComponent(c.actor.csrf)}&__proto__[polluted]=yes&constructor[prototype][polluted]=yes&__proto__=x`)
          : undefined;
      if (res && res.status >= 500) failures.push(`${route.method.toUpperCase()} ${route.path} → ${res.status}`);
      if (res && DIRTY.test(res.text)) failures.push(`${route.method.toUpperCase()} ${route.path}: leaks internals`);
    }
    expect(failures).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined();
  }, 120_000);
});
