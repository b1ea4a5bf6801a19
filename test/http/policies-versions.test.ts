import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
