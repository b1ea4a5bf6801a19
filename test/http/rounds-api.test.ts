import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoIfEmpty } from '../../src/storage/demo/seed-demo.js';
import { pino } from 'pino';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { SYSTEM, answerAll, autosave, blockJudgments, setUpRound, submit, type RoundSetup } from './rounds-fixtures.js';

/** The /api/v1 contract of issue 4 point 9, and the demo of point 10 (seeded into this file's database). */
let t: TestApp;
let token: string; // researcher who owns `setup`
let setup: RoundSetup;
let experts: { id: number; token: string }[] = [];
const api = (path: string, bearer = token) => request(t.app).get(`/api/v1${path}`).set('Authorization', `Bearer ${bearer}`);
const apiPost = (path: string, body: unknown, bearer = token) => request(t.app).post(`/api/v1${path}`).set('Authorization', `Bearer ${bearer}`).send(body as object);

beforeAll(async () => {
  t = await createTestApp();
  // The demo first, on the empty database, exactly as `npm start` does.
  expect(await seedDemoIfEmpty(t.services, pino({ level: 'silent' }))).toBe(true);
  const researcher = await t.createUser('researcher');
  token = (await t.services.apiTokens.create({ id: researcher.id }, 'api test', null, null)).token;
  setup = await setUpRound(t, { ownerId: researcher.id, title: 'API study' });
  experts = [];
  for (const [k, weight] of [[0, 2], [1, 1], [2, 1]] as const) {
    const { invitation, token: link } = await t.services.rounds.invite(SYSTEM, setup.roundId, { name: `API expert ${k + 1}`, weight });
    experts.push({ id: invitation.id, token: link });
  }
  await answerAll(t, experts[0]!.token, setup.blocks);
  await answerAll(t, experts[1]!.token, setup.blocks, (v, i, j) => ((i + j) % 3 === 0 && v >= 1 && v < 9 ? v + 1 : v));
  await submit(t, experts[0]!.token);
  await submit(t, experts[1]!.token);
  // the third expert only starts
  await autosave(t, experts[2]!.token, { judgments: blockJudgments(setup.blocks[0]!) });
});
afterAll(async () => t.close());

describe('GET /api/v1/studies and /studies/{id}/rounds', () => {
  it('lists the studies the token may read: its own and the demo', async () => {
    const res = await api('/studies');
    expect(res.status).toBe(200);
    expect(res.body.map((s: { title: string }) => s.title).sort()).toEqual(['API study', 'Demo: Z Commercial Bank SME credit risk (2026)']);
    expect(Object.keys(res.body[0]).sort()).toEqual(expect.arrayContaining(['id', 'title']));
  });

  it('lists a study’s rounds with id, label and status; another researcher’s study is 404', async () => {
    const res = await api(`/studies/${setup.studyId}/rounds`);
    expect(res.body).toEqual([expect.objectContaining({ id: setup.roundId, label: '2026 Q4', status: 'open' })]);
    const stranger = await t.apiToken('researcher');
    expect((await api(`/studies/${setup.studyId}/rounds`, stranger)).status).toBe(404);
    expect((await api('/studies/abc/rounds')).status).toBe(400);
  });
});

describe('GET /api/v1/rounds/{id}/judgments', () => {
  it('returns experts (id, name, weight, status) and judgments (expert, parent, left, right, value = left over right)', async () => {
    const res = await api(`/rounds/${setup.roundId}/judgments`);
    expect(res.status).toBe(200);
    expect(res.body.experts).toEqual([
      expect.objectContaining({ id: experts[0]!.id, name: 'API expert 1', weight: 2, status: 'submitted' }),
      expect.objectContaining({ id: experts[1]!.id, weight: 1, status: 'submitted' }),
      expect.objectContaining({ id: experts[2]!.id, status: 'started' }),
    ]);
    expect(res.body.judgments).toHaveLength(59 + 59 + 21);
    // C1 vs C2 on the demo matrix is 1/2: C1 is half as important as C2.
    const goal = setup.blocks[0]!;
    const c1c2 = res.body.judgments.find((j: { expert: number; left: number; right: number }) => j.expert === experts[0]!.id && j.left === goal.children[0]!.id && j.right === goal.children[1]!.id);
    expect(c1c2).toEqual({ expert: experts[0]!.id, parent: goal.id, left: goal.children[0]!.id, right: goal.children[1]!.id, value: 0.5 });
    const codes = res.body.nodes.map((n: { code: string }) => n.code);
    expect(codes).toHaveLength(34);
  });
});

describe('weight sets through the API', () => {
  let created: Record<string, any>;

  it('POST with no body uses the defaults: all submitted experts with their weights, AIJ, eigenvector, saaty', async () => {
    const res = await apiPost(`/rounds/${setup.roundId}/weight-sets`, {});
    expect(res.status).toBe(201);
    expect(res.headers.location).toBe(`/api/v1/weight-sets/${res.body.id}`);
    created = res.body;
    expect(created.settings).toMatchObject({ mode: 'aij', method: 'eigenvector', riTable: 'saaty', completion: 'optimal', seed: 1 });
    expect(created.experts.map((e: { id: number; weight: number }) => [e.id, e.weight])).toEqual([[experts[0]!.id, 2], [experts[1]!.id, 1]]);
    const goal = setup.blocks[0]!;
    expect(created.nodes[String(goal.id)]).toMatchObject({ name: 'SME credit quality', children: goal.children.map((c) => c.id) });
    expect(created.nodes[String(goal.id)].localWeights).toHaveLength(7);
    expect(typeof created.nodes[String(goal.id)].cr).toBe('number');
    expect(typeof created.nodes[String(goal.id)].consensus).toBe('number');
    const total = Object.values(created.globalWeights as Record<string, number>).reduce((s, w) => s + w, 0);
    expect(total).toBeCloseTo(1, 12);
    expect(Object.keys(created.globalWeightsByCode)).toContain('I21');
  });

  it('GET /weight-sets/{id} returns the same snapshot; the list shows it', async () => {
    const res = await api(`/weight-sets/${created.id}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual(created);
    const list = await api(`/rounds/${setup.roundId}/weight-sets`);
    expect(list.body).toEqual([expect.objectContaining({ id: created.id, experts: 2 })]);
  });

  it('is reproducible: the same request gives the same weights (a new, separate snapshot)', async () => {
    const again = await apiPost(`/rounds/${setup.roundId}/weight-sets`, {});
    expect(again.body.id).not.toBe(created.id);
    expect(again.body.globalWeights).toEqual(created.globalWeights);
  });

  it('takes chosen experts, expert weights, AIP and another RI table', async () => {
    const res = await apiPost(`/rounds/${setup.roundId}/weight-sets`, { experts: [experts[1]!.id], mode: 'aip-arithmetic', method: 'rgmm', riTable: 'donegan-dodd', label: 'One expert' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ label: 'One expert', settings: { mode: 'aip-arithmetic', method: 'rgmm', riTable: 'donegan-dodd' } });
    expect(res.body.experts).toHaveLength(1);
    const weighted = await apiPost(`/rounds/${setup.roundId}/weight-sets`, { expertWeights: { [experts[1]!.id]: 5 } });
    expect(weighted.body.experts.map((e: { weight: number }) => e.weight)).toEqual([2, 5]);
  });

  it.each([
    ['an expert who has not submitted', () => ({ experts: [experts[2]!.id] }), /not submitted/],
    ['an unknown expert', () => ({ experts: [999999] }), /not submitted/],
    ['no expert', () => ({ experts: [] }), /experts/],
    ['an unknown key', () => ({ weights: {} }), /weights|unrecognized/i],
    ['an unknown mode', () => ({ mode: 'average' }), /mode/],
    ['a weight for an expert not included', () => ({ experts: [experts[0]!.id], expertWeights: { [experts[1]!.id]: 2 } }), /not included/],
    ['a zero expert weight', () => ({ expertWeights: { [experts[0]!.id]: 0 } }), /expertWeights/],
  ])('refuses %s with 400 and stores nothing', async (_name, body, message) => {
    const before = await t.db('weight_sets').count<{ n: number }[]>({ n: '*' });
    const res = await apiPost(`/rounds/${setup.roundId}/weight-sets`, body());
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(message);
    expect(await t.db('weight_sets').count<{ n: number }[]>({ n: '*' })).toEqual(before);
  });

  it('enforces access: no token 401, a manager reads but may not create (403), a stranger gets 404', async () => {
    expect((await request(t.app).get(`/api/v1/weight-sets/${created.id}`)).status).toBe(401);
    const manager = await t.apiToken('manager');
    expect((await api(`/weight-sets/${created.id}`, manager)).status).toBe(200);
    expect((await apiPost(`/rounds/${setup.roundId}/weight-sets`, {}, manager)).status).toBe(403);
    const stranger = await t.apiToken('researcher');
    expect((await api(`/weight-sets/${created.id}`, stranger)).status).toBe(404);
    expect((await api(`/rounds/${setup.roundId}/judgments`, stranger)).status).toBe(404);
    expect((await apiPost(`/rounds/${setup.roundId}/weight-sets`, {}, stranger)).status).toBe(404);
  });

  it('is documented in the OpenAPI document', async () => {
    const doc = await request(t.app).get('/api/v1/openapi.json');
    for (const path of ['/studies', '/studies/{id}/rounds', '/rounds/{id}/judgments', '/rounds/{id}/weight-sets', '/weight-sets/{id}']) expect(doc.body.paths[path], path).toBeDefined();
    expect(doc.body.paths['/rounds/{id}/weight-sets'].post.security).toEqual([{ bearer: [] }]);
  });
});

describe('the demo (issue 4 point 10)', () => {
  it('seeds a demo study on the default hierarchy with a closed round of nine submitted demo experts and weight sets', async () => {
    const id = (await t.services.weightSets.latestDemoWeightSetId()) as number;
    const view = await t.services.weightSets.getWeightSet(id);
    expect(view.studyTitle).toBe('Demo: Z Commercial Bank SME credit risk (2026)');
    expect(view.roundLabel).toBe('Demo round 2026 Q4');
    expect(view.settings).toMatchObject({ mode: 'aij', method: 'eigenvector', riTable: 'saaty' });
    expect(view.experts).toHaveLength(9);
    expect(view.experts.every((e) => e.name.startsWith('Demo expert '))).toBe(true);
    expect(view.experts.filter((e) => e.flagged).length).toBeGreaterThanOrEqual(1);
    expect(view.experts.filter((e) => e.flagged).length).toBeLessThanOrEqual(2);
    expect(Object.keys(view.globalWeightsByCode).sort()).toEqual(
      ['I11', 'I12', 'I13', 'I14', 'I21', 'I22', 'I23', 'I24', 'I31', 'I32', 'I33', 'I34', 'I41', 'I42', 'I43', 'I44', 'I51', 'I52', 'I53', 'I54', 'I55', 'I61', 'I62', 'I63', 'I71', 'I72'],
    );
    // Close to the published demo weights: every expert is within one scale step of the demo matrices.
    const goal = view.nodes[String(view.tree.id)]!;
    [0.1174, 0.2143, 0.2032, 0.1063, 0.2143, 0.0661, 0.0785].forEach((w, i) => expect(Math.abs((goal.localWeights[i] as number) - w)).toBeLessThan(0.03));
    const round = await t.db('expert_rounds').where({ id: view.roundId }).first();
    expect(round.status).toBe('closed');
    const study = await t.db('studies').where({ id: view.studyId }).first();
    expect(Boolean(study.is_demo)).toBe(true);
    const noOpinion = await t.db('judgments').whereNull('value').join('expert_invitations', 'expert_invitations.id', 'judgments.invitation_id').where('expert_invitations.round_id', view.roundId).count<{ n: number }[]>({ n: '*' });
    expect(Number(noOpinion[0]!.n)).toBeGreaterThan(0);
  });

  it('lets every researcher read the demo and aggregate it, but not change it', async () => {
    const demoRound = (await t.db('expert_rounds').where({ label: 'Demo round 2026 Q4' }).first()).id;
    const other = await t.apiToken('researcher');
    expect((await api(`/rounds/${demoRound}/judgments`, other)).status).toBe(200);
    expect((await apiPost(`/rounds/${demoRound}/weight-sets`, { mode: 'aip-geometric' }, other)).status).toBe(201);
    const agent = await t.signedIn('researcher');
    const page = await agent.agent.get(`/rounds/${demoRound}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Demo expert 1');
    expect((await agent.agent.post(`/rounds/${demoRound}/open`).type('form').send({ _csrf: agent.csrf })).status).toBe(403);
  });
});
