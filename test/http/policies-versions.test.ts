import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { DEFAULT_POLICY } from '../../src/domain/policy/default-policy.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

const system = { id: 0, role: 'admin' as const };
let t: TestApp;
let modelA: number, modelB: number;

beforeAll(async () => {
  t = await createTestApp();
  const { models } = t.services;
  modelA = await models.createDraft(system, { name: 'Model A', rationale: 'test', source: { kind: 'template' } });
  await models.approve(system, modelA, { effectiveFrom: '2026-01-01', rationale: 'test' });
  modelB = await models.createDraft(system, { name: 'Model B', rationale: 'test', source: { kind: 'template' } });
  await models.approve(system, modelB, { effectiveFrom: '2026-06-01', rationale: 'test' });
});
afterAll(async () => t?.close());

async function approvedPolicy(modelVersionId: number, effectiveFrom: string, name = `P ${effectiveFrom}`) {
  const id = await t.services.policies.createDraft(system, { name, modelVersionId, source: { kind: 'default' } });
  await t.services.policies.approve(system, id, { effectiveFrom, rationale: 'test' });
  return id;
}

describe('effectivePolicy', () => {
  it('picks the approved version in force by date, for the model in force when none is given', async () => {
    const { policies } = t.services;
    const a1 = await approvedPolicy(modelA, '2026-01-01');
    const a2 = await approvedPolicy(modelA, '2026-03-01');
    const b1 = await approvedPolicy(modelB, '2026-06-15');
    const draft = await policies.createDraft(system, { name: 'draft', modelVersionId: modelB, source: { kind: 'default' } });
    expect(await policies.effectivePolicy(modelA, '2025-12-31')).toBeUndefined();
    expect((await policies.effectivePolicy(modelA, '2026-01-01'))?.id).toBe(a1);
    expect((await policies.effectivePolicy(modelA, '2026-02-28'))?.id).toBe(a1);
    expect((await policies.effectivePolicy(modelA, '2026-03-01T10:00:00Z'))?.id).toBe(a2);
    // Model B is in force from 2026-06-01, its first policy from 2026-06-15.
    expect((await policies.effectivePolicy(undefined, '2026-05-31'))?.id).toBe(a2);
    expect(await policies.effectivePolicy(undefined, '2026-06-10')).toBeUndefined();
    const inForce = await policies.effectivePolicy(undefined, '2026-06-15');
    expect(inForce).toMatchObject({ id: b1, modelVersionId: modelB, status: 'approved', effectiveFrom: '2026-06-15' });
    expect(inForce?.definition).toEqual(JSON.parse(JSON.stringify(DEFAULT_POLICY)));
    expect(draft).toBeGreaterThan(b1);
  });
});

describe('effectivePolicy and retirement', () => {
  it('a retired version stops being in force from its retirement day, and stays in force for dates before it', async () => {
    const { policies } = t.services;
    const m = await t.services.models.createDraft(system, { name: 'Model C', rationale: 'test', source: { kind: 'template' } });
    await t.services.models.approve(system, m, { effectiveFrom: '2020-01-01', rationale: 'test' });
    const old = await approvedPolicy(m, '2020-01-01', 'old');
    const newer = await approvedPolicy(m, '2021-01-01', 'newer');
    const today = new Date().toISOString().slice(0, 10);
    expect((await policies.effectivePolicy(m, today))?.id).toBe(newer);
    await policies.retire(system, newer, 'replaced');
    expect((await policies.effectivePolicy(m, today))?.id).toBe(old);
    expect((await policies.effectivePolicy(m, '2021-06-30'))?.id).toBe(newer);
    expect((await policies.effectivePolicy(m))?.id).toBe(old);
  });

  it('refuses a policy for a draft model (400) and an unknown model (400); nothing stored', async () => {
    const { policies } = t.services;
    const before = (await t.db('policy_versions').count({ n: '*' }))[0]!.n;
    const draftModel = await t.services.models.createDraft(system, { name: 'Draft model', rationale: 'test', source: { kind: 'template' } });
    await expect(policies.createDraft(system, { name: 'x', modelVersionId: draftModel, source: { kind: 'default' } })).rejects.toMatchObject({ status: 400, message: 'policies.modelNotApproved' });
    await expect(policies.createDraft(system, { name: 'x', modelVersionId: 999999, source: { kind: 'default' } })).rejects.toMatchObject({ status: 400 });
    expect((await t.db('policy_versions').count({ n: '*' }))[0]!.n).toBe(before);
  });

  it('updateDraft validates the definition against validatePolicy: 400 with the problems by path, nothing changed', async () => {
    const { policies } = t.services;
    const id = await policies.createDraft(system, { name: 'v', modelVersionId: modelA, source: { kind: 'default' } });
    const before = await t.db('policy_versions').where({ id }).first();
    const bad = { ...DEFAULT_POLICY, minCompleteness: 2, sizeBands: [] };
    await expect(policies.updateDraft(system, id, { definition: bad })).rejects.toMatchObject({
      status: 400,
      fieldErrors: { minCompleteness: 'minCompleteness must be in [0, 1], got 2.', sizeBands: 'At least one size band is needed, each a non-empty name.' },
    });
    expect(await t.db('policy_versions').where({ id }).first()).toEqual(before);
  });
});

describe('API', () => {
  it('GET /api/v1/policies, /{id} and /effective with a token; 401 without; 404 unknown; 400 bad query', async () => {
    const token = await t.apiToken('credit-officer');
    const auth = { Authorization: `Bearer ${token}` };
    const list = await request(t.app).get('/api/v1/policies').set(auth);
    expect(list.status).toBe(200);
    const all = await t.services.policies.listPolicyVersions();
    expect(list.body.map((p: { id: number }) => p.id)).toEqual(all.map((p) => p.id));
    expect(list.body[0]).toMatchObject({ id: all[0]!.id, status: all[0]!.status, modelVersionId: all[0]!.modelVersionId, proposal: true });
    const drafts = await request(t.app).get('/api/v1/policies?status=draft').set(auth);
    expect(drafts.body.length).toBe(all.filter((p) => p.status === 'draft').length);
    expect(drafts.body.every((p: { status: string }) => p.status === 'draft')).toBe(true);
    const one = await request(t.app).get(`/api/v1/policies/${all[0]!.id}`).set(auth);
    expect(one.status).toBe(200);
    expect(one.body.definition.gradeThresholds).toEqual({ approveFrom: 'BBB', referFrom: 'B' });
    const eff = await request(t.app).get(`/api/v1/policies/effective?modelVersionId=${modelA}&at=2026-02-01`).set(auth);
    expect(eff.status).toBe(200);
    expect(eff.body.id).toBe((await t.services.policies.effectivePolicy(modelA, '2026-02-01'))!.id);
    expect((await request(t.app).get(`/api/v1/policies/effective?modelVersionId=${modelA}&at=2019-01-01`).set(auth)).status).toBe(404);
    expect((await request(t.app).get('/api/v1/policies/999999').set(auth)).status).toBe(404);
    expect((await request(t.app).get('/api/v1/policies?status=bogus').set(auth)).status).toBe(400);
    expect((await request(t.app).get('/api/v1/policies')).status).toBe(401);
  });

  it('the OpenAPI document lists the policy paths', async () => {
    const res = await request(t.app).get('/api/v1/openapi.json');
    expect(res.status).toBe(200);
    expect(Object.keys(res.body.paths)).toEqual(expect.arrayContaining(['/policies', '/policies/{id}', '/policies/effective']));
  });
});
