import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../src/domain/policy/default-policy.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { application, daysAgo, decisionCount, GOOD_INDICATORS, setUpPolicy } from './decisions-fixtures.js';

let t: TestApp;
let token: string;
let managerToken: string;
let modelId: number;
let policyId: number;

beforeAll(async () => {
  t = await createTestApp();
  ({ modelId, policyId } = await setUpPolicy(t));
  token = await t.apiToken('credit-officer');
  managerToken = await t.apiToken('manager');
});
afterAll(async () => t?.close());

const post = (body: unknown, bearer = token) => request(t.app).post('/api/v1/decisions').set('Authorization', `Bearer ${bearer}`).send(body as object);

/** The scoring API (POST /api/v1/models/{id}/score) is the oracle for score and grade. */
async function scoredByModelsApi(indicators: Record<string, unknown>, asOf = daysAgo(10)) {
  const res = await request(t.app).post(`/api/v1/models/${modelId}/score`).set('Authorization', `Bearer ${token}`)
    .send({ industry: 'C', asOf, indicators, daysPastDue: 0 });
  expect(res.status).toBe(200);
  return res.body as { score: number; grade: string };
}

describe('POST /api/v1/decisions: contract', () => {
  it('approves a sound borrower, with the scoring API’s score and grade, the versions and a stored case', async () => {
    const before = await decisionCount(t);
    const body = application({ requestId: 'contract-1', ref: 'C-1', amount: 500_000 });
    const res = await post(body);
    expect(res.status).toBe(201);
    const oracle = await scoredByModelsApi(GOOD_INDICATORS);
    expect(res.body).toMatchObject({
      requestId: 'contract-1', decision: 'approve', limit: 500_000, score: oracle.score, grade: oracle.grade,
      modelVersion: { id: modelId, name: 'Test model' }, policyVersion: { id: policyId, name: 'Test policy' },
    });
    expect(Object.keys(res.body).sort()).toEqual(['decidedAt', 'decision', 'grade', 'id', 'limit', 'modelVersion', 'policyVersion', 'reasons', 'requestId', 'score']);
    expect(res.body.reasons.map((r: { code: string }) => r.code)).toEqual(['grade-approve']);
    expect(await decisionCount(t)).toEqual({ decisions: before.decisions + 1, cases: before.cases + 1, actions: before.actions + 1 });

    const got = await request(t.app).get(`/api/v1/decisions/${res.body.id}`).set('Authorization', `Bearer ${managerToken}`);
    expect(got.status).toBe(200);
    expect(got.body.request).toEqual(body);
    expect(got.body.case).toMatchObject({ status: 'closed', finalDecision: 'approve', finalLimit: 500_000, finalSource: 'policy' });
    expect(got.body.trail).toEqual([expect.objectContaining({ kind: 'submitted', decision: 'approve', limit: 500_000 })]);
    expect(got.body.context).toMatchObject({ existingExposure: 0, exposureSource: 'book', history: [], completeness: 1, warningLevel: 'green' });
  });

  it('refers an amount above the automatic approval ceiling (3,000,000) with its reason and the full amount as limit', async () => {
    const res = await post(application({ requestId: 'contract-2', ref: 'C-2', amount: 3_500_000 }));
    expect(res.status).toBe(201);
    expect(res.body.decision).toBe('refer');
    expect(res.body.limit).toBe(3_500_000); // within the AA × small table limit of 8,000,000
    expect(res.body.reasons[0]).toMatchObject({ code: 'amount-above-auto-approval', severity: 'refer' });
  });

  it('declines a borrower on the dishonest-debtor list (knock-out), limit 0', async () => {
    const res = await post(application({ requestId: 'contract-3', ref: 'C-3', extra: { flags: { dishonestDebtorList: true } } }));
    expect(res.status).toBe(201);
    expect(res.body.decision).toBe('decline');
    expect(res.body.limit).toBe(0);
    expect(res.body.reasons.map((r: { code: string }) => r.code)).toContain('knock-out');
  });

  it('offers only the exposure headroom: grade limit for a small firm minus the existing exposure', async () => {
    const oracle = await scoredByModelsApi(GOOD_INDICATORS);
    const tableLimit = DEFAULT_POLICY.exposureLimits[oracle.grade]!.small!; // AA × small = 8,000,000
    const res = await post(application({ requestId: 'contract-4', ref: 'C-4', amount: 1_500_000, extra: { existingExposure: tableLimit - 1_000_000 } }));
    expect(res.body.decision).toBe('approve');
    expect(res.body.limit).toBe(1_000_000);
    expect(res.body.reasons.find((r: { code: string }) => r.code === 'limit-reduced').params).toMatchObject({ tableLimit, headroom: 1_000_000, offered: 1_000_000 });
  });

  it('refuses callers without the submitting role (manager: 403) and without a token (401), storing nothing', async () => {
    const before = await decisionCount(t);
    expect((await post(application({ requestId: 'role-1', ref: 'R-1' }), managerToken)).status).toBe(403);
    expect((await request(t.app).post('/api/v1/decisions').send(application({ requestId: 'role-2', ref: 'R-1' }))).status).toBe(401);
    expect(await decisionCount(t)).toEqual(before);
  });
});

describe('idempotency', () => {
  it('answers the same requestId with the same stored decision, and a different body with 409', async () => {
    const body = application({ requestId: 'idem-1', ref: 'I-1' });
    const first = await post(body);
    expect(first.status).toBe(201);
    const before = await decisionCount(t);
    const again = await post(body);
    expect(again.status).toBe(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);
    // Same content, keys in another order: the same request.
    const reordered = { termMonths: body.termMonths, amount: body.amount, borrower: { ...body.borrower }, requestId: body.requestId };
    expect((await post(reordered)).body.id).toBe(first.body.id);
    const changed = await post({ ...body, amount: body.amount + 1 });
    expect(changed.status).toBe(409);
    expect(changed.body.error.details).toEqual({ id: first.body.id });
    expect(await decisionCount(t)).toEqual(before);
  });

  it('stores one row for ten concurrent requests with the same requestId, all answering its id', async () => {
    const body = application({ requestId: 'idem-parallel', ref: 'I-2' });
    const results = await Promise.all(Array.from({ length: 10 }, () => post(body)));
    const ids = new Set(results.map((r) => r.body.id));
    expect(results.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200, 201]);
    expect(ids.size).toBe(1);
    const rows = await t.db('credit_decisions').where({ request_id: 'idem-parallel' });
    expect(rows).toHaveLength(1);
    expect(await t.db('decision_actions').where({ decision_id: rows[0].id })).toHaveLength(1);
  });
});

describe('bad input → 400, nothing stored', () => {
  const bad: [string, unknown][] = [
    ['missing borrower ref', (() => { const b = application({ requestId: 'bad-1', ref: 'X' }); delete (b.borrower as Record<string, unknown>).ref; return b; })()],
    ['unknown top-level key', { ...application({ requestId: 'bad-2', ref: 'X' }), purpose: 'car' }],
    ['negative amount', application({ requestId: 'bad-3', ref: 'X', amount: -5 })],
    ['term 0', application({ requestId: 'bad-4', ref: 'X', termMonths: 0 })],
    ['requestId with a space', application({ requestId: 'bad 5', ref: 'X' })],
    ['asOf not a date', application({ requestId: 'bad-6', ref: 'X', asOf: '2026/01/01' })],
    ['unknown indicator id (scoring refuses it)', application({ requestId: 'bad-7', ref: 'X', indicators: { I99: 3 } })],
    ['unknown code of a categorical indicator', application({ requestId: 'bad-8', ref: 'X', indicators: { I53: 'Z' } })],
    ['size band not in the policy', application({ requestId: 'bad-9', ref: 'X', sizeBand: 'large' })],
    ['unknown statement item', application({ requestId: 'bad-10', ref: 'X', extra: { statement: { profit: 5 } } })],
    ['unknown borrower field (never silently dropped)', application({ requestId: 'bad-11', ref: 'X', extra: { turnover: 5 } })],
    ['borrower without asOf (the stale-data check needs it)', application({ requestId: 'bad-12', ref: 'X', extra: { asOf: null } })],
  ];
  for (const [name, body] of bad) {
    it(name, async () => {
      const before = await decisionCount(t);
      const auditBefore = Number(((await t.db('audit_events').count({ n: '*' }).first()) as { n: unknown }).n);
      const res = await post(body);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toEqual(expect.any(String));
      expect(await decisionCount(t)).toEqual(before);
      expect(Number(((await t.db('audit_events').count({ n: '*' }).first()) as { n: unknown }).n)).toBe(auditBefore);
    });
  }

  it('malformed JSON', async () => {
    const before = await decisionCount(t);
    const res = await request(t.app).post('/api/v1/decisions').set('Authorization', `Bearer ${token}`).set('Content-Type', 'application/json').send('{"requestId": ');
    expect(res.status).toBe(400);
    expect(await decisionCount(t)).toEqual(before);
  });
});

describe('immutability', () => {
  it('the database refuses to update or delete a stored decision or an action', async () => {
    const res = await post(application({ requestId: 'immut-1', ref: 'M-1' }));
    const id = res.body.id as number;
    await expect(t.db('credit_decisions').where({ id }).update({ policy_decision: 'decline' })).rejects.toThrow(/immutable/);
    await expect(t.db('credit_decisions').where({ id }).del()).rejects.toThrow(/immutable/);
    await expect(t.db('decision_actions').where({ decision_id: id }).update({ reason: 'x' })).rejects.toThrow(/immutable/);
    await expect(t.db('decision_actions').where({ decision_id: id }).del()).rejects.toThrow(/immutable/);
    const row = await t.db('credit_decisions').where({ id }).first();
    expect(row.policy_decision).toBe('approve');
  });

  it('an officer’s later decision leaves the stored decision and its replay unchanged', async () => {
    const body = application({ requestId: 'immut-2', ref: 'M-2', amount: 3_200_000 });
    const first = await post(body);
    expect(first.body.decision).toBe('refer');
    const other = await t.apiToken('credit-officer');
    const decided = await request(t.app).post(`/api/v1/decisions/${first.body.id}/officer-decision`).set('Authorization', `Bearer ${other}`)
      .send({ decision: 'approve', reason: 'Verified contracts cover the amount.', limit: 3_000_000 });
    expect(decided.status).toBe(200);
    expect(decided.body.case).toMatchObject({ status: 'closed', finalDecision: 'approve', finalLimit: 3_000_000, finalSource: 'officer', overrideKind: 'refer-approved' });
    const replay = await post(body);
    expect(replay.status).toBe(200);
    expect(replay.body).toEqual(first.body);
    expect(decided.body.request).toEqual(body);
  });
});

describe('loophole checks refer with their reason', () => {
  it('duplicate application by the same borrower within the 7-day window', async () => {
    const a = await post(application({ requestId: 'dup-a', ref: 'D-1', amount: 200_000 }));
    expect(a.body.decision).toBe('approve');
    const b = await post(application({ requestId: 'dup-b', ref: 'D-1', amount: 200_000 }));
    expect(b.body.decision).toBe('refer');
    expect(b.body.reasons.find((r: { code: string }) => r.code === 'duplicate-application')).toMatchObject({ severity: 'refer', params: { windowDays: 7, count: 1, requestIds: ['dup-a'] } });
    // Another borrower is not a duplicate.
    expect((await post(application({ requestId: 'dup-c', ref: 'D-2', amount: 200_000 }))).body.decision).toBe('approve');
  });

  it('split applications: each within 3,000,000 but together above it within 30 days', async () => {
    await post(application({ requestId: 'split-a', ref: 'S-1', amount: 1_200_000 }));
    await post(application({ requestId: 'split-b', ref: 'S-1', amount: 1_000_000 }));
    const c = await post(application({ requestId: 'split-c', ref: 'S-1', amount: 900_000 }));
    expect(c.body.decision).toBe('refer');
    const split = c.body.reasons.find((r: { code: string }) => r.code === 'split-application');
    expect(split.params).toMatchObject({ aggregateLimit: 3_000_000, count: 3, total: 3_100_000, requestIds: ['split-a', 'split-b'] });
  });

  it('stale data: a snapshot 100 days old against a 90-day maximum', async () => {
    const res = await post(application({ requestId: 'stale-1', ref: 'ST-1', asOf: daysAgo(100) }));
    expect(res.body.decision).toBe('refer');
    expect(res.body.reasons.find((r: { code: string }) => r.code === 'stale-data').params).toMatchObject({ ageDays: 100, maxAgeDays: 90 });
    const fresh = await post(application({ requestId: 'stale-2', ref: 'ST-2', asOf: daysAgo(89) }));
    expect(fresh.body.reasons.map((r: { code: string }) => r.code)).not.toContain('stale-data');
  });

  it('contradictory ratios: quick ratio above the current ratio', async () => {
    const res = await post(application({ requestId: 'contra-1', ref: 'CR-1', indicators: { I22: 1.1, I23: 1.4 } }));
    expect(res.body.decision).toBe('refer');
    expect(res.body.reasons.map((r: { code: string }) => r.code)).toContain('contradictory-ratios');
  });

  it('statement consistency: a debt-to-asset ratio that the statement contradicts', async () => {
    // Statement: liabilities 600 / assets 1,000 = 60 %, but the application says I21 = 45 %.
    const res = await post(application({ requestId: 'stmt-1', ref: 'SM-1', extra: { statement: { totalAssets: 1000, totalLiabilities: 600 } } }));
    expect(res.body.decision).toBe('refer');
    expect(res.body.reasons.find((r: { code: string }) => r.code === 'statement-mismatch')?.params).toMatchObject({ indicator: 'I21' });
  });
});

describe('GET /api/v1/decisions', () => {
  it('lists by requestId and status', async () => {
    const res = await request(t.app).get('/api/v1/decisions?requestId=contract-2').set('Authorization', `Bearer ${managerToken}`);
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(1);
    expect(res.body.items[0]).toMatchObject({ requestId: 'contract-2', decision: 'refer', case: { status: 'pending', finalDecision: null } });
    const pending = await request(t.app).get('/api/v1/decisions?status=pending&limit=500').set('Authorization', `Bearer ${managerToken}`);
    expect(pending.body.items.every((i: { case: { status: string } }) => i.case.status === 'pending')).toBe(true);
    expect((await request(t.app).get('/api/v1/decisions/999999').set('Authorization', `Bearer ${managerToken}`)).status).toBe(404);
  });
});

describe('OpenAPI', () => {
  it('documents every decisions route, the contract keys and the scoring API’s borrower fields', async () => {
    const doc = (await request(t.app).get('/api/v1/openapi.json')).body;
    const apiRoutes = t.routes.filter((r) => r.path.startsWith('/api/v1/decisions'));
    expect(apiRoutes).toHaveLength(6);
    for (const r of apiRoutes) {
      const path = r.path.replace('/api/v1', '').replace(/:(\w+)/g, '{$1}');
      expect(doc.paths[path]?.[r.method], `${r.method} ${path}`).toBeDefined();
    }
    const op = doc.paths['/decisions'].post;
    expect(op.security).toEqual([{ bearer: [] }]);
    expect(op.responses['201'].content['application/json'].schema.required.sort())
      .toEqual(['decidedAt', 'decision', 'grade', 'id', 'limit', 'modelVersion', 'policyVersion', 'reasons', 'requestId', 'score']);
    const body = op.requestBody.content['application/json'].schema;
    expect(body.required).toEqual(['requestId', 'borrower', 'amount', 'termMonths']);
    const scoring = doc.paths['/models/{id}/score'].post.requestBody.content['application/json'].schema;
    expect(Object.keys(body.properties.borrower.properties)).toEqual(expect.arrayContaining(Object.keys(scoring.properties)));
    for (const status of ['400', '401', '403', '409']) expect(op.responses[status]).toBeDefined();
  });
});
