import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

/** The demo criteria matrix of credit-default-model.md; its eigenvector and CR are published there. */
const DEMO = [
  [1, 1 / 2, 1 / 2, 1, 1 / 2, 2, 2],
  [2, 1, 1, 2, 1, 3, 3],
  [2, 1, 1, 2, 1, 3, 2],
  [1, 1 / 2, 1 / 2, 1, 1 / 2, 2, 1],
  [2, 1, 1, 2, 1, 3, 3],
  [1 / 2, 1 / 3, 1 / 3, 1 / 2, 1 / 3, 1, 1],
  [1 / 2, 1 / 3, 1 / 2, 1, 1 / 3, 1, 1],
];

const post = (path: string, body: unknown) => request(t.app).post(`/api/v1/ahp/${path}`).send(body as object);

describe('POST /api/v1/ahp/priorities', () => {
  it('returns the published weights and CR of the default criteria matrix (credit-default-model.md)', async () => {
    const res = await post('priorities', { matrix: DEMO });
    expect(res.status).toBe(200);
    const expected = [0.1174, 0.2143, 0.2032, 0.1063, 0.2143, 0.0661, 0.0785];
    res.body.weights.forEach((w: number, i: number) => expect(w).toBeCloseTo(expected[i] as number, 4));
    expect(res.body.lambdaMax).toBeCloseTo(7.0603, 4);
    expect(res.body.cr).toBeCloseTo(0.0076, 4);
    expect(res.body).toMatchObject({ ri: 1.32, riTable: 'saaty', method: 'eigenvector' });
    expect(res.body.inconsistencies).toHaveLength(3);
    expect(res.body.completedMatrix).toBeUndefined();
    expect(Object.keys(res.body.inconsistencies[0]).sort()).toEqual(['crIfChanged', 'error', 'i', 'j', 'suggested', 'value']);
    // Sensitivity: C2 and C5 tie at the top (.2143 each), so the smallest change that reorders them is zero.
    expect(res.body.sensitivity).toHaveLength(7);
    const moving = res.body.sensitivity.filter((e: { delta: number | null }) => e.delta !== null);
    expect(moving.length).toBeGreaterThan(0);
  });

  it('completes missing judgments and says so', async () => {
    const res = await post('priorities', { matrix: [[1, 3, null], [1 / 3, 1, 2], [null, 1 / 2, 1]], completion: 'harker', riTable: 'alonso-lamata', method: 'rgmm' });
    expect(res.status).toBe(200);
    expect(res.body.completedMatrix).toHaveLength(3);
    expect(res.body.riTable).toBe('alonso-lamata');
    expect(res.body.method).toBe('rgmm');
    // Consistent completion: a_13 = a_12 · a_23 = 6 (Harker 1987 gives the consistent value for a 3×3 chain).
    expect(res.body.completedMatrix[0][2]).toBeCloseTo(6, 6);
  });

  it.each([
    ['not square', { matrix: [[1, 2], [0.5, 1], [1, 1]] }, /square/i],
    ['zero', { matrix: [[1, 0], [0, 1]] }, /positive|zero/i],
    ['negative', { matrix: [[1, -2], [-0.5, 1]] }, /positive|negative/i],
    ['strings', { matrix: [[1, '3'], ['1/3', 1]] }, /number/i],
    ['non-reciprocal', { matrix: [[1, 3], [3, 1]] }, /reciprocal/i],
    ['too large', { matrix: Array.from({ length: 31 }, () => Array(31).fill(1)) }, /at most 30/i],
    ['unknown key', { matrix: [[1]], foo: 1 }, /foo|unrecognized/i],
    ['bad method', { matrix: [[1]], method: 'average' }, /method/i],
    ['missing matrix', {}, /matrix/i],
    ['NaN as string', { matrix: [[1, 'NaN'], ['NaN', 1]] }, /number/i],
  ])('rejects %s with 400 and a message naming the problem', async (_name, body, pattern) => {
    const res = await post('priorities', body);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(pattern);
    expect(JSON.stringify(res.body)).not.toMatch(/NaN|Infinity|at \w+ \(/);
  });

  it('rejects a number that overflows to Infinity', async () => {
    const res = await request(t.app).post('/api/v1/ahp/priorities').set('Content-Type', 'application/json').send('{"matrix":[[1,1e999],[1e-999,1]]}');
    expect(res.status).toBe(400);
  });

  it('answers malformed JSON with 400 and a form body with 415', async () => {
    const bad = await request(t.app).post('/api/v1/ahp/priorities').set('Content-Type', 'application/json').send('{"matrix": [[1,');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/not valid JSON/);
    const form = await request(t.app).post('/api/v1/ahp/priorities').type('form').send({ matrix: '1' });
    expect(form.status).toBe(415);
  });
});

describe('POST /api/v1/ahp/aggregate', () => {
  it('aggregates by weighted geometric mean: identical experts give their own matrix', async () => {
    const res = await post('aggregate', { matrices: [DEMO, DEMO, DEMO], expertWeights: [1, 2, 3] });
    expect(res.status).toBe(200);
    res.body.matrix.forEach((row: number[], i: number) => row.forEach((v, j) => expect(v).toBeCloseTo(DEMO[i]![j]!, 10)));
    expect(res.body.consensus.sStar).toBeCloseTo(1, 6);
    expect(res.body.individual).toHaveLength(3);
  });

  it('honours expert weights: a_ij = Π a_ij(k)^λk', async () => {
    const res = await post('aggregate', { matrices: [[[1, 4], [1 / 4, 1]], [[1, 1], [1, 1]]], expertWeights: [3, 1] });
    expect(res.status).toBe(200);
    // λ = (0.75, 0.25): 4^0.75 · 1^0.25 = 2.828427…
    expect(res.body.matrix[0][1]).toBeCloseTo(Math.pow(4, 0.75), 10);
    expect(res.body.matrix[1][0]).toBeCloseTo(1 / Math.pow(4, 0.75), 10);
  });

  it('rejects more than 500 matrices, mismatched sizes and bad weights', async () => {
    expect((await post('aggregate', { matrices: Array.from({ length: 501 }, () => [[1]]) })).status).toBe(400);
    expect((await post('aggregate', { matrices: [[[1, 2], [0.5, 1]], [[1]]] })).status).toBe(400);
    expect((await post('aggregate', { matrices: [[[1]]], expertWeights: [-1] })).status).toBe(400);
  });
});

describe('POST /api/v1/ahp/hierarchy and /uncertainty', () => {
  it('synthesises global weights as products along the path', async () => {
    const res = await post('hierarchy', {
      goal: 'G',
      nodes: [
        { id: 'G', children: ['C1', 'C2'], matrix: [[1, 3], [1 / 3, 1]] },
        { id: 'C1', children: ['a', 'b'], matrix: [[1, 1], [1, 1]] },
        { id: 'C2', children: ['c', 'd'], matrix: [[1, 4], [1 / 4, 1]] },
      ],
    });
    expect(res.status).toBe(200);
    expect(res.body.localWeights.G[0]).toBeCloseTo(0.75, 10);
    expect(res.body.globalWeights.a).toBeCloseTo(0.375, 10);
    expect(res.body.globalWeights.c).toBeCloseTo(0.25 * 0.8, 10);
    expect(res.body.cr).toEqual({ G: 0, C1: 0, C2: 0 });
  });

  it('rejects an unknown child with a message naming it', async () => {
    const res = await post('hierarchy', { goal: 'G', nodes: [{ id: 'G', children: ['X', 'Y'], matrix: [[1, 2], [0.5, 1]] }, { id: 'X', children: ['Q', 'R'], matrix: [[1, 2, 3]] }] });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBeTruthy();
  });

  it('gives seeded, repeatable weight bands', async () => {
    const body = { matrix: DEMO, draws: 500, seed: 42 };
    const a = await post('uncertainty', body);
    const b = await post('uncertainty', body);
    expect(a.status).toBe(200);
    expect(a.body).toEqual(b.body);
    expect(a.body.elements).toHaveLength(7);
    for (const e of a.body.elements) {
      expect(e.p2_5).toBeLessThanOrEqual(e.mean);
      expect(e.p97_5).toBeGreaterThanOrEqual(e.mean);
      expect(e.rankReversalProbability).toBeGreaterThanOrEqual(0);
      expect(e.rankReversalProbability).toBeLessThanOrEqual(1);
    }
  });
});

describe('calculator page and documentation', () => {
  it('shows the calculator to signed-in users only', async () => {
    expect((await request(t.app).get('/ahp/calculator')).status).toBe(303);
    const r = await t.signedIn('researcher');
    const page = await r.agent.get('/ahp/calculator');
    expect(page.status).toBe(200);
    expect(page.text).toContain('/static/js/ahp-calculator.js');
    expect(page.text).toContain('chart.umd.min.js');
  });

  it('documents every AHP endpoint in the OpenAPI document', async () => {
    const doc = (await request(t.app).get('/api/v1/openapi.json')).body;
    for (const path of ['/ahp/priorities', '/ahp/aggregate', '/ahp/hierarchy', '/ahp/uncertainty']) expect(doc.paths[path]?.post).toBeDefined();
  });
});
