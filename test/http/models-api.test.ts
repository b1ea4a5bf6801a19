import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SUGGESTED_OVERLAY } from '../../src/domain/credit/overlay-points.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

/*
 * The credit-model API (issue 6 item 8): GET /api/v1/models, GET /api/v1/models/{id}, POST …/score and
 * POST …/score-batch, their contract and their errors, on versions made through the service.
 */

let t: TestApp;
let token: string;
let approved: number;
let draft: number;
let retired: number;
let withOverlay: number;
const system = { id: 0, role: 'admin' as const };

/*
 * The hand-computed borrower of test/unit/domain/credit/score-borrower.test.ts (anchors of credit-default-model.md
 * by hand, weights = numpy eigenvectors of the demo matrices): S = 71.854815, grade BB; I32 and I61 missing.
 * C1 67.175421 · C2 62.5 · C3 60.8 · C4 79.285714 · C5 90.887877 · C6 75 · C7 68.333333.
 */
const HAND = {
  industry: 'C13', asOf: '2024-06-30',
  indicators: {
    I11: 'cured30', I12: 4, I13: 2.5, I14: 'tax_matched',
    I21: 62.5, I22: 1.1, I23: 0.9, I24: 2.25,
    I31: 3.5, I32: null, I33: 0.15, I34: 1.1,
    I41: 75, I42: 20, I43: 5, I44: 0.8,
    I51: 'clean', I52: 'once_le7', I53: 'B', I54: 'no_arrears', I55: 'none',
    I62: 'permitted', I63: 40,
    I71: 1.1, I72: 'owner_personal',
  },
};
const RESULT_KEYS = ['adjustments', 'caps', 'criteria', 'grade', 'indicators', 'missing', 'score', 'warnings'];

const score = (id: number | string, body: unknown, auth = token) =>
  request(t.app).post(`/api/v1/models/${id}/score`).set('Authorization', `Bearer ${auth}`).send(body as object);

beforeAll(async () => {
  t = await createTestApp();
  token = await t.apiToken('credit-officer');
  const m = t.services.models;
  approved = await m.createDraft(system, { name: 'Template', rationale: 'test', source: { kind: 'template' } });
  await m.approve(system, approved, { effectiveFrom: '2026-01-01', rationale: 'test approval' });
  draft = await m.createDraft(system, { name: 'Draft copy', rationale: 'test', source: { kind: 'copy', versionId: approved } });
  retired = await m.createDraft(system, { name: 'Old', rationale: 'test', source: { kind: 'template' } });
  await m.approve(system, retired, { effectiveFrom: '2025-01-01', rationale: 'test' });
  await m.retire(system, retired, 'replaced');
  withOverlay = await m.createDraft(system, { name: 'Overlay', rationale: 'test', source: { kind: 'template' } });
  await m.setOverlay(system, withOverlay, { ...SUGGESTED_OVERLAY }, 'bounded overlay');
  await m.approve(system, withOverlay, { effectiveFrom: '2026-06-01', rationale: 'test' });
});
afterAll(async () => t.close());

describe('GET /api/v1/models and /api/v1/models/{id}', () => {
  it('lists every version with its status and effective date, newest first', async () => {
    const res = await request(t.app).get('/api/v1/models').set('Authorization', `Bearer ${token}`);
    expect(res.status).toBe(200);
    expect(res.body.map((v: { id: number }) => v.id)).toEqual([withOverlay, retired, draft, approved]);
    const byId = new Map(res.body.map((v: { id: number }) => [v.id, v]));
    expect(byId.get(approved)).toMatchObject({ name: 'Template', status: 'approved', effectiveFrom: '2026-01-01', uncalibrated: true, approvedBy: 'system (demo)', approvalRationale: 'test approval' });
    expect(byId.get(draft)).toMatchObject({ status: 'draft', effectiveFrom: null, approvedAt: null, parentId: approved });
    expect(byId.get(retired)).toMatchObject({ status: 'retired', retireRationale: 'replaced' });
  });

  it('gives a version with weights (local and global), rules, grades, caps and adjustments', async () => {
    const res = await request(t.app).get(`/api/v1/models/${approved}`).set('Authorization', `Bearer ${token}`);
    expect(res.status).toBe(200);
    const m = res.body;
    // credit-default-model.md: principal eigenvector of the demo criteria matrix.
    const expected = { C1: 0.1174, C2: 0.2143, C3: 0.2032, C4: 0.1063, C5: 0.2143, C6: 0.0661, C7: 0.0785 };
    for (const [id, w] of Object.entries(expected)) expect(m.weights.criteria[id].weight).toBeCloseTo(w, 4);
    expect(Object.keys(m.weights.indicators)).toHaveLength(26);
    const globals = Object.values(m.weights.indicators).map((i) => (i as { globalWeight: number }).globalWeight);
    expect(globals.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    // C2 local matrix [1,2,2,1]… → 1/3 1/6 1/6 1/3; I21 global = .214282/3.
    expect(m.weights.indicators.I21.localWeight).toBeCloseTo(1 / 3, 9);
    expect(m.weights.indicators.I21.globalWeight).toBeCloseTo(0.214282 / 3, 6);
    expect(m.rules.I21).toMatchObject({ kind: 'anchors', unit: '%', direction: 'decreasing', anchors: [{ raw: 40, score: 100 }, { raw: 55, score: 80 }, { raw: 70, score: 50 }, { raw: 85, score: 0 }] });
    expect(m.rules.I53.codes.map((c: { code: string; score: number }) => [c.code, c.score])).toEqual([['A', 100], ['B', 80], ['M', 65], ['C', 30], ['D', 0]]);
    expect(m.grades.bands.map((b: { grade: string; minScore: number }) => `${b.grade}${b.minScore}`).join(' ')).toBe('AAA90 AA85 A80 BBB75 BB70 B65 CCC60 CC50 C0');
    expect(m.grades.defaultGrade).toBe('D');
    expect(m.caps.map((c: { id: string }) => c.id)).toEqual(expect.arrayContaining(['knock-out-dishonest-debtor', 'knock-out-eliminated-industry', 'knock-out-insolvency', 'knock-out-past-due-90', 'cap-restricted-industry']));
    expect(m.missingPolicy).toBe('renormalise-within-criterion');
    expect(m.adjustments[0]).toMatchObject({ kind: 'other', rationale: 'test' });
  });

  it('an unknown version is 404, a missing token 401', async () => {
    expect((await request(t.app).get('/api/v1/models/9999').set('Authorization', `Bearer ${token}`)).status).toBe(404);
    expect((await request(t.app).get('/api/v1/models')).status).toBe(401);
    expect((await request(t.app).post(`/api/v1/models/${approved}/score`).send(HAND)).status).toBe(401);
  });
});

describe('POST /api/v1/models/{id}/score — the contract', () => {
  it('scores the hand-computed borrower: 71.854815, BB, with exactly the documented keys', async () => {
    const res = await score(approved, HAND);
    expect(res.status).toBe(200);
    expect(res.headers['x-model-version']).toBe(String(approved));
    expect(res.headers['x-model-status']).toBe('approved');
    const r = res.body;
    expect(Object.keys(r).sort()).toEqual(RESULT_KEYS);
    expect(r.score).toBeCloseTo(71.854815, 5);
    expect(r.grade).toBe('BB');
    const criterionScores = { C1: 67.175421, C2: 62.5, C3: 60.8, C4: 79.285714, C5: 90.887877, C6: 75, C7: 68.333333 };
    for (const [id, s] of Object.entries(criterionScores)) {
      expect(Object.keys(r.criteria[id]).sort()).toEqual(['score', 'weight']);
      expect(r.criteria[id].score).toBeCloseTo(s, 5);
    }
    expect(Object.keys(r.criteria)).toHaveLength(7);
    expect(Object.keys(r.indicators)).toHaveLength(26);
    expect(r.indicators.I21).toEqual({ value: 62.5, score: 65, weight: expect.any(Number) });
    expect(r.indicators.I53).toEqual({ value: 'B', score: 80, weight: expect.any(Number) });
    expect(r.indicators.I32).toEqual({ value: null, score: null, weight: 0 });
    // Global weight actually applied: I31 = W_C3 · (1/6) / (5/6) after I32 is renormalised away.
    expect(r.indicators.I31.weight).toBeCloseTo(0.203168 / 5, 6);
    // I62 = W_C6 · .4 / .6 after I61 is renormalised away.
    expect(r.indicators.I62.weight).toBeCloseTo(0.066148 * (0.4 / 0.6), 6);
    const present = Object.entries(r.indicators).filter(([id]) => !r.missing.includes(id)).map(([, v]) => (v as { weight: number }).weight);
    expect(present.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(Object.values(r.criteria).reduce((a: number, c) => a + (c as { weight: number }).weight, 0)).toBeCloseTo(1, 12);
    // S = Σ applied global weight × indicator score.
    expect(Object.values(r.indicators).reduce((a: number, i) => a + (i as { weight: number; score: number | null }).weight * ((i as { score: number | null }).score ?? 0), 0)).toBeCloseTo(r.score, 9);
    expect(r.missing).toEqual(['I32', 'I61']);
    expect(r.caps).toEqual([]);
    expect(r.adjustments).toEqual([]);
    expect(r.warnings.map((w: { code: string }) => w.code)).toEqual(['missing-indicators', 'model-uncalibrated']);
    expect(r.warnings[0].indicators).toEqual(['I32', 'I61']);
  });

  it('lists knock-outs and caps with their reasons: dishonest-debtor record → C; restricted industry caps a better score at B', async () => {
    const ko = (await score(approved, { ...HAND, indicators: { ...HAND.indicators, I55: 'dishonest_list' } })).body;
    expect(ko.grade).toBe('C');
    expect(ko.caps).toEqual([{ id: 'knock-out-dishonest-debtor-record', kind: 'knock-out', maxGrade: 'C', binding: true, reason: expect.stringMatching(/dishonest-debtor/), labels: { en: expect.any(String), zh: expect.any(String) } }]);
    // A borrower at the top of every anchor with a restricted industry: score ≥ 90 but at most B.
    const best = { I11: 'none', I12: 10, I13: 8, I14: 'audited', I21: 40, I22: 2, I23: 1.2, I24: 6, I31: 10, I32: 10, I33: 0.4, I34: 2, I41: 30, I42: 30, I43: 20, I44: 1.5, I51: 'clean', I52: 'none', I53: 'A', I54: 'no_arrears', I55: 'none', I61: 130, I62: 'restricted', I63: 30, I71: 1.5, I72: 'government_fund' };
    const capped = (await score(approved, { indicators: best })).body;
    expect(capped.score).toBeGreaterThan(85);
    expect(capped.grade).toBe('B');
    expect(capped.caps).toEqual([expect.objectContaining({ id: 'cap-restricted-industry', kind: 'cap', maxGrade: 'B', binding: true, reason: 'Restricted industry: grade at most B.' })]);
    // More than 90 days past due now: knock-out; in default: D.
    const late = (await score(approved, { indicators: best, daysPastDue: 91 })).body;
    expect(late.caps.map((c: { id: string }) => c.id)).toEqual(['knock-out-past-due-90', 'cap-restricted-industry']);
    expect(late.grade).toBe('C');
    expect((await score(approved, { indicators: best, inDefault: true })).body.grade).toBe('D');
  });

  it('shows the bounded overlay in adjustments; the index comes from the request (or the table)', async () => {
    const r = (await score(withOverlay, { ...HAND, prosperityIndex: 60 })).body;
    // SUGGESTED_OVERLAY: .25 points per index point around 100, at most ±5 → index 60 gives −5 (bounded, not −10).
    expect(r.adjustments).toEqual([{ kind: 'overlay', prosperityIndex: 60, points: -5, scoreBefore: expect.closeTo(71.854815, 5), rationale: 'bounded overlay' }]);
    expect(r.score).toBeCloseTo(66.854815, 5);
    const none = (await score(withOverlay, HAND)).body;
    expect(none.adjustments).toEqual([]);
    expect(none.warnings.map((w: { code: string }) => w.code)).toContain('overlay-index-missing');
    await t.services.models.importProsperity(system, [{ industry: 'C13', periodEnd: '2024-06-30', periodLabel: '2024Q2', value: 108 }], { source: 'test' });
    const fromTable = (await score(withOverlay, HAND)).body;
    expect(fromTable.adjustments[0]).toMatchObject({ kind: 'overlay', prosperityIndex: 108, points: 2 });
  });

  it('a draft scores its current state and says so; a retired version says it is retired', async () => {
    const d = await score(draft, HAND);
    expect(d.status).toBe(200);
    expect(d.headers['x-model-status']).toBe('draft');
    expect(d.body.score).toBeCloseTo(71.854815, 5);
    expect(d.body.warnings.find((w: { code: string }) => w.code === 'model-draft').message).toMatch(/draft.*may still change/);
    expect(Number((await t.db('evaluations').count({ n: '*' }).first())?.n)).toBe(0);
    const r = await score(retired, HAND);
    expect(r.status).toBe(200);
    expect(r.body.warnings.map((w: { code: string }) => w.code)).toContain('model-retired');
  });

  it('any role that reads models may score (manager)', async () => {
    const managerToken = await t.apiToken('manager');
    expect((await score(approved, HAND, managerToken)).status).toBe(200);
  });
});

describe('POST /api/v1/models/{id}/score — errors are 400 with a clear message, never 500', () => {
  it('an unknown indicator id', async () => {
    const res = await score(approved, { indicators: { I21: 50, I99: 3 } });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe('The borrower has unknown indicator ids I99.');
    expect(res.body.error.details.unknownIndicators).toEqual(['I99']);
  });

  it('a value of the wrong type, and an unknown code (the allowed codes are listed)', async () => {
    const wrong = await score(approved, { indicators: { I21: 'high' } });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.message).toBe('The borrower has invalid values for I21 (expected a finite number).');
    const code = await score(approved, { indicators: { I21: 50, I53: 'Z' } });
    expect(code.status).toBe(400);
    expect(code.body.error.message).toBe('The borrower has invalid values for I53 (unknown code; expected one of A, B, M, C, D).');
    expect(code.body.error.details.invalidValues).toEqual([{ indicator: 'I53', value: 'Z', problem: 'unknown code; expected one of A, B, M, C, D' }]);
    const numberForCode = await score(approved, { indicators: { I53: 3 } });
    expect(numberForCode.status).toBe(400);
    expect(numberForCode.body.error.message).toMatch(/I53 \(expected a code \(text\)\)/);
  });

  it('malformed JSON, a wrong content type, unknown fields, bad scalars, no usable value', async () => {
    const bad = await request(t.app).post(`/api/v1/models/${approved}/score`).set('Authorization', `Bearer ${token}`).set('Content-Type', 'application/json').send('{"indicators": {"I21": 5');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toBe('The request body is not valid JSON.');
    const text = await request(t.app).post(`/api/v1/models/${approved}/score`).set('Authorization', `Bearer ${token}`).set('Content-Type', 'text/plain').send('I21=5');
    expect(text.status).toBe(415);
    const extra = await score(approved, { indicators: { I21: 5 }, colour: 'red' });
    expect(extra.status).toBe(400);
    expect(extra.body.error.message).toMatch(/Unrecognized key\(s\) in object: 'colour'/);
    const noIndicators = await score(approved, { industry: 'C' });
    expect(noIndicators.status).toBe(400);
    expect(noIndicators.body.error.message).toMatch(/"indicators"/);
    const dpd = await score(approved, { indicators: { I21: 5 }, daysPastDue: -3 });
    expect(dpd.status).toBe(400);
    const date = await score(approved, { indicators: { I21: 5 }, asOf: '30/09/2026' });
    expect(date.status).toBe(400);
    expect(date.body.error.message).toMatch(/asOf must be a date YYYY-MM-DD/);
    const empty = await score(approved, { indicators: {} });
    expect(empty.status).toBe(400);
    expect(empty.body.error.message).toBe('No indicator of the borrower has a value that counts in the score.');
  });

  it('an unknown version is 404', async () => {
    const res = await score(424242, HAND);
    expect(res.status).toBe(404);
    expect(res.body.error.message).toBe('This model version does not exist.');
  });
});

describe('POST /api/v1/models/{id}/score-batch', () => {
  it('scores each borrower like the single call; a bad item gets its own error, the others their results', async () => {
    const items = [HAND, { indicators: { I21: 50, I99: 1 } }, { indicators: { I53: 'C' }, daysPastDue: 120 }, { indicators: { I21: 50 }, colour: 1 }];
    const res = await request(t.app).post(`/api/v1/models/${approved}/score-batch`).set('Authorization', `Bearer ${token}`).send({ borrowers: items });
    expect(res.status).toBe(200);
    expect(res.body.model).toEqual({ id: approved, name: 'Template', status: 'approved', uncalibrated: true });
    expect(res.body.count).toBe(4);
    expect(res.body.failed).toBe(2);
    expect(res.body.results[0]).toEqual({ index: 0, result: (await score(approved, HAND)).body });
    expect(res.body.results[1]).toEqual({ index: 1, error: { message: 'The borrower has unknown indicator ids I99.', details: { unknownIndicators: ['I99'], invalidValues: [] } } });
    expect(res.body.results[2].result.grade).toBe('C');
    expect(res.body.results[2].result.score).toBeCloseTo(30, 9);
    expect(res.body.results[3].error.message).toMatch(/colour/);
  });

  it('refuses an empty or oversized list, and an unknown version', async () => {
    const post = (id: number, body: unknown) => request(t.app).post(`/api/v1/models/${id}/score-batch`).set('Authorization', `Bearer ${token}`).send(body as object);
    expect((await post(approved, { borrowers: [] })).status).toBe(400);
    const tooMany = await post(approved, { borrowers: Array.from({ length: 10_001 }, () => ({ indicators: { I21: 1 } })) });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.message).toMatch(/borrowers/);
    expect((await post(99999, { borrowers: [HAND] })).status).toBe(404);
  });
});

describe('OpenAPI', () => {
  it('documents the four routes and the exact result keys', async () => {
    const doc = (await request(t.app).get('/api/v1/openapi.json')).body;
    expect(doc.paths['/models'].get).toBeDefined();
    expect(doc.paths['/models/{id}'].get).toBeDefined();
    expect(doc.paths['/models/{id}/score-batch'].post).toBeDefined();
    const op = doc.paths['/models/{id}/score'].post;
    expect(op.security).toEqual([{ bearer: [] }]);
    const schema = op.responses['200'].content['application/json'].schema;
    expect([...schema.required].sort()).toEqual(RESULT_KEYS);
    expect(Object.keys(schema.properties).sort()).toEqual([...RESULT_KEYS, 'facility'].sort());
    expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['200', '400', '401', '404']));
    expect(op.description).toMatch(/draft/);
  });
});
