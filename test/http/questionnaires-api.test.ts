import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
let researcher: string;
let manager: string;
let id: number;

const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

/**
 * Hand-made data set for the contract checks: 8 respondents, two roles, a 3-item dimension (item c reverse-coded)
 * and a branch question. Expected values are computed by hand in the comments.
 */
const ROWS = [
  { role: 'teller', branch: 'north', a: 1, b: 2, c: 5 },
  { role: 'teller', branch: 'north', a: 2, b: 2, c: 4 },
  { role: 'teller', branch: 'south', a: 2, b: 3, c: 4 },
  { role: 'teller', branch: 'south', a: 1, b: 1, c: 5 },
  { role: 'officer', branch: 'north', a: 4, b: 4, c: 2 },
  { role: 'officer', branch: 'north', a: 5, b: 4, c: 1 },
  { role: 'officer', branch: 'south', a: 4, b: 5, c: 2 },
  { role: 'officer', branch: 'south', a: 3, b: 4, c: 3 },
];

beforeAll(async () => {
  t = await createTestApp();
  researcher = await t.apiToken('researcher');
  manager = await t.apiToken('manager');
  const created = await request(t.app).post('/api/v1/questionnaires').set(auth(researcher)).send({
    title: 'Contract survey',
    schema: {
      elements: [
        { type: 'radiogroup', name: 'role', choices: ['teller', 'officer'] },
        { type: 'radiogroup', name: 'branch', choices: ['north', 'south'] },
        { type: 'rating', name: 'a', dimension: 'trust' },
        { type: 'rating', name: 'b', dimension: 'trust' },
        { type: 'rating', name: 'c', dimension: 'trust', reverse: true },
      ],
    },
  });
  id = created.body.id;
  const imported = await request(t.app).post(`/api/v1/questionnaires/${id}/responses`).set(auth(researcher)).send({ rows: ROWS });
  expect(imported.status).toBe(201);
});
afterAll(async () => t.close());

describe('POST /api/v1/questionnaires', () => {
  it('answers 201 { id } for valid SurveyJS JSON', async () => {
    const res = await request(t.app).post('/api/v1/questionnaires').set(auth(researcher)).send({ title: 'x', schema: { elements: [{ type: 'comment', name: 'q' }] } });
    expect(res.status).toBe(201);
    expect(Object.keys(res.body)).toEqual(['id']);
    expect(Number.isInteger(res.body.id)).toBe(true);
  });

  it('answers 400 with one issue per problem naming the element', async () => {
    const res = await request(t.app).post('/api/v1/questionnaires').set(auth(researcher)).send({
      title: 'x', schema: { elements: [{ type: 'file', name: 'cv' }, { type: 'rating', name: 'cv' }] },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe('The questionnaire JSON was not saved because of these problems:');
    expect(res.body.error.details.issues).toEqual([
      'cv: the element type "file" is not supported; use text, comment, radiogroup, dropdown, checkbox, tagbox, rating, boolean, html or panel.',
      'cv: the name "cv" is used by more than one element.',
    ]);
  });

  it('rejects unknown keys, missing fields, a manager token (403) and no token (401)', async () => {
    expect((await request(t.app).post('/api/v1/questionnaires').set(auth(researcher)).send({ title: 'x', schema: {}, owner: 1 })).status).toBe(400);
    expect((await request(t.app).post('/api/v1/questionnaires').set(auth(researcher)).send({ title: 'x' })).status).toBe(400);
    expect((await request(t.app).post('/api/v1/questionnaires').set(auth(manager)).send({ title: 'x', schema: { elements: [] } })).status).toBe(403);
    expect((await request(t.app).post('/api/v1/questionnaires').send({ title: 'x', schema: {} })).status).toBe(401);
  });
});

describe('GET /api/v1/questionnaires/{id}/analysis', () => {
  it('has the documented shape and hand-checkable values', async () => {
    const res = await request(t.app).get(`/api/v1/questionnaires/${id}/analysis`).set(auth(manager));
    expect(res.status).toBe(200);
    expect(res.body.responses).toBe(8);
    const a = res.body.items.a;
    for (const key of ['n', 'mean', 'sd', 'median', 'frequencies']) expect(a).toHaveProperty(key);
    // a = 1,2,2,1,4,5,4,3 → n 8, mean 22/8 = 2.75, median (2 + 3)/2 = 2.5
    expect(a.n).toBe(8);
    expect(a.mean).toBeCloseTo(2.75, 12);
    expect(a.median).toBe(2.5);
    expect(a.frequencies.map((f: { value: number; count: number }) => [f.value, f.count])).toEqual([[1, 2], [2, 2], [3, 1], [4, 2], [5, 1]]);
    const trust = res.body.dimensions.trust;
    for (const key of ['items', 'alpha', 'alphaCi', 'alphaIfDeleted', 'itemTotal', 'mean', 'sd']) expect(trust).toHaveProperty(key);
    expect(trust.items).toEqual(['a', 'b', 'c']);
    expect(trust.alphaCi).toHaveLength(2);
    expect(trust.alphaCi[0]).toBeLessThan(trust.alpha);
    expect(trust.alphaCi[1]).toBeGreaterThan(trust.alpha);
    expect(Object.keys(trust.alphaIfDeleted)).toEqual(['a', 'b', 'c']);
    expect(Object.keys(trust.itemTotal)).toEqual(['a', 'b', 'c']);
    // Scores after reverse-coding c (6 − c): tellers (1+2+1)/3, (2+2+2)/3, (2+3+2)/3, (1+1+1)/3; officers (4+4+4)/3, (5+4+5)/3,
    // (4+5+4)/3, (3+4+3)/3 → sum = (4+6+7+3+12+14+13+10)/3 = 69/3 = 23; mean 23/8 = 2.875.
    expect(trust.mean).toBeCloseTo(2.875, 12);
  });

  it('applies the version and profile filters', async () => {
    const res = await request(t.app).get(`/api/v1/questionnaires/${id}/analysis?f.role=officer`).set(auth(manager));
    expect(res.body.responses).toBe(4);
    expect(res.body.filters).toEqual([{ question: 'role', value: 'officer' }]);
    // officers' a = 4,5,4,3 → mean 4
    expect(res.body.items.a.mean).toBe(4);
    expect((await request(t.app).get(`/api/v1/questionnaires/${id}/analysis?f.a=4`).set(auth(manager))).status).toBe(400);
    expect((await request(t.app).get(`/api/v1/questionnaires/${id}/analysis?version=1`).set(auth(manager))).body.responses).toBe(8);
    expect((await request(t.app).get(`/api/v1/questionnaires/${id}/analysis?version=3`).set(auth(manager))).status).toBe(400);
  });
});

describe('GET /api/v1/questionnaires/{id}/crosstab', () => {
  it('answers { table, chiSquare, df, p, cramersV, lowExpected }', async () => {
    const res = await request(t.app).get(`/api/v1/questionnaires/${id}/crosstab?rows=role&cols=branch`).set(auth(manager));
    expect(res.status).toBe(200);
    for (const key of ['table', 'chiSquare', 'df', 'p', 'cramersV', 'lowExpected']) expect(res.body).toHaveProperty(key);
    // role × branch is 2 2 / 2 2: perfectly independent → χ² = 0, p = 1, V = 0, all expected counts 2 < 5 → warning.
    expect(res.body.table.counts).toEqual([[2, 2], [2, 2]]);
    expect(res.body.table.rows).toEqual(['teller', 'officer']);
    expect(res.body.chiSquare).toBe(0);
    expect(res.body.df).toBe(1);
    expect(res.body.p).toBeCloseTo(1, 12);
    expect(res.body.cramersV).toBe(0);
    expect(res.body.lowExpected).toBe(true);
  });

  it('keeps lowExpected a boolean when no test is possible (one category left after filtering)', async () => {
    const res = await request(t.app).get(`/api/v1/questionnaires/${id}/crosstab?rows=role&cols=branch&f.role=officer`).set(auth(manager));
    expect(res.status).toBe(200);
    expect(res.body.table.counts).toEqual([[2, 2]]);
    expect(res.body).toMatchObject({ chiSquare: null, df: null, p: null, cramersV: null, lowExpected: false });
    expect(res.body.notes.map((n: { code: string }) => n.code)).toContain('degenerate-table');
  });

  it('needs rows and cols naming single-answer questions', async () => {
    expect((await request(t.app).get(`/api/v1/questionnaires/${id}/crosstab?rows=role`).set(auth(manager))).status).toBe(400);
    expect((await request(t.app).get(`/api/v1/questionnaires/${id}/crosstab?rows=role&cols=nope`).set(auth(manager))).status).toBe(400);
    expect((await request(t.app).get(`/api/v1/questionnaires/${id}/crosstab?rows=role&cols=role`).set(auth(manager))).status).toBe(400);
  });
});

describe('GET /api/v1/questionnaires/{id}/compare', () => {
  it('answers { kruskalWallis: { statistic, df, p }, anova: { f, df1, df2, p }, groups }', async () => {
    const res = await request(t.app).get(`/api/v1/questionnaires/${id}/compare?dimension=trust&by=role`).set(auth(manager));
    expect(res.status).toBe(200);
    expect(Object.keys(res.body.kruskalWallis).sort()).toEqual(['df', 'p', 'statistic']);
    expect(Object.keys(res.body.anova).sort()).toEqual(['df1', 'df2', 'f', 'p']);
    expect(Object.keys(res.body.groups)).toEqual(['teller', 'officer']);
    // tellers' scores 4/3, 2, 7/3, 1 (mean 20/12 = 5/3); officers' 4, 14/3, 13/3, 10/3 (mean 49/12).
    expect(res.body.groups.teller.mean).toBeCloseTo(5 / 3, 12);
    expect(res.body.groups.officer.mean).toBeCloseTo(49 / 12, 12);
    expect(res.body.kruskalWallis.df).toBe(1);
    expect(res.body.anova.df1).toBe(1);
    expect(res.body.anova.df2).toBe(6);
    // Complete separation of 4 vs 4 ranks: H = 12/(8·9)·(10²/4 + 26²/4) − 3·9 = 5.333… (no ties in the scores).
    expect(res.body.kruskalWallis.statistic).toBeCloseTo(16 / 3, 10);
  });

  it('rejects an unknown dimension or a grouping that is not a profile question', async () => {
    expect((await request(t.app).get(`/api/v1/questionnaires/${id}/compare?dimension=nope&by=role`).set(auth(manager))).status).toBe(400);
    expect((await request(t.app).get(`/api/v1/questionnaires/${id}/compare?dimension=trust&by=a`).set(auth(manager))).status).toBe(400);
    expect((await request(t.app).get(`/api/v1/questionnaires/${id}/compare?by=role`).set(auth(manager))).status).toBe(400);
  });
});

describe('listing, reading and documentation', () => {
  it('lists and reads questionnaires, 404 for another researcher’s', async () => {
    const list = await request(t.app).get('/api/v1/questionnaires').set(auth(manager));
    expect(list.body.questionnaires.some((q: { id: number; responses: number }) => q.id === id && q.responses === 8)).toBe(true);
    const one = await request(t.app).get(`/api/v1/questionnaires/${id}`).set(auth(researcher));
    expect(one.body).toMatchObject({ id, title: 'Contract survey', status: 'draft', version: 1, dimensions: ['trust'] });
    expect(one.body.schema.elements).toHaveLength(5);
    const other = await t.apiToken('researcher');
    expect((await request(t.app).get(`/api/v1/questionnaires/${id}`).set(auth(other))).status).toBe(404);
    expect((await request(t.app).get(`/api/v1/questionnaires/${id}/analysis`).set(auth(other))).status).toBe(404);
    expect((await request(t.app).post(`/api/v1/questionnaires/${id}/responses`).set(auth(manager)).send({ rows: [{}] })).status).toBe(403);
  });

  it('documents every questionnaire API route in the OpenAPI document', async () => {
    const doc = await request(t.app).get('/api/v1/openapi.json');
    expect(doc.status).toBe(200);
    const documented = doc.body.paths;
    for (const r of t.routes.filter((x) => x.path.startsWith('/api/v1/questionnaires'))) {
      const path = r.path.replace('/api/v1', '').replace(/:([A-Za-z]+)/g, '{$1}');
      expect(documented[path]?.[r.method], `${r.method} ${path}`).toBeDefined();
    }
  });
});
