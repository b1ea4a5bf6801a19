import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DecisionRequestBody } from '../../src/features/decisions/decisions-schemas.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { application, decisionCount, setUpPolicy } from './decisions-fixtures.js';

let t: TestApp;
const actor = { id: 0, role: 'credit-officer' as const, label: 'Concurrency test' };
const decide = (body: unknown) => t.services.decisions.decide(actor, body as DecisionRequestBody, { via: 'api' });

beforeAll(async () => {
  t = await createTestApp();
  await setUpPolicy(t);
});
afterAll(async () => t?.close());

/**
 * Decisions that arrive together are stored together (group commit). Each must still be decided exactly as if the
 * earlier ones had been stored one by one: these tests send many at once and check the history each one saw.
 */
describe('decisions arriving together', () => {
  it('twenty applications of one borrower at once: the k-th sees k − 1 earlier ones (duplicate) and the running total (split)', async () => {
    const results = await Promise.all(Array.from({ length: 20 }, (_, k) => decide(application({ requestId: `same-${k}`, ref: 'SAME-1', amount: 200_000 }))));
    expect(results.every((r) => r.created)).toBe(true);
    const byId = results.map((r) => r.decision).sort((a, b) => a.id - b.id);
    byId.forEach((d, k) => {
      const dup = d.reasons.find((r) => r.code === 'duplicate-application');
      if (k === 0) expect(dup).toBeUndefined();
      else expect(dup?.params.count).toBe(k);
      // Split: 200,000 each; from the 16th on (k = 15) the total 200,000 × (k + 1) exceeds 3,000,000.
      const split = d.reasons.find((r) => r.code === 'split-application');
      if (k < 15) expect(split).toBeUndefined();
      else expect(split?.params.total).toBe(200_000 * (k + 1));
    });
    expect(byId[0]!.policyDecision).toBe('approve');
  });

  it('an approval earlier in the same batch counts in the next application’s exposure', async () => {
    const results = await Promise.all([1, 2, 3].map((k) => decide(application({ requestId: `exp-${k}`, ref: 'EXP-1', amount: 1_000_000 }))));
    const [first, second, third] = results.map((r) => r.decision).sort((a, b) => a.id - b.id);
    expect(first!.policyDecision).toBe('approve');
    expect(first!.context.existingExposure).toBe(0);
    expect(second!.context.existingExposure).toBe(1_000_000); // the first one's approved limit
    expect(second!.policyDecision).toBe('refer'); // duplicate within 7 days: pending, adds no exposure
    expect(third!.context.existingExposure).toBe(1_000_000);
  });

  it('a refused application among others is refused alone; the others are stored', async () => {
    const before = await decisionCount(t);
    const settled = await Promise.allSettled([
      decide(application({ requestId: 'mix-1', ref: 'MIX-1' })),
      decide(application({ requestId: 'mix-2', ref: 'MIX-2', sizeBand: 'large' })),
      decide(application({ requestId: 'mix-3', ref: 'MIX-3' })),
    ]);
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(String((settled[1] as PromiseRejectedResult).reason)).toMatch(/sizeBand "large"/);
    expect(await decisionCount(t)).toEqual({ decisions: before.decisions + 2, cases: before.cases + 2, actions: before.actions + 2 });
  });

  it('the same requestId twice in one batch is stored once; a different body for it is a conflict', async () => {
    const body = application({ requestId: 'twice-1', ref: 'TW-1' });
    const settled = await Promise.allSettled([decide(body), decide(body), decide({ ...body, amount: 123_000 })]);
    expect(settled[0]!.status).toBe('fulfilled');
    expect(settled[1]!.status).toBe('fulfilled');
    const [a, b] = settled.slice(0, 2).map((s) => (s as PromiseFulfilledResult<Awaited<ReturnType<typeof decide>>>).value);
    expect([a!.created, b!.created]).toEqual([true, false]);
    expect(b!.decision.id).toBe(a!.decision.id);
    expect(settled[2]!.status).toBe('rejected');
    expect((settled[2] as PromiseRejectedResult).reason.status).toBe(409);
    expect(await t.db('credit_decisions').where({ request_id: 'twice-1' })).toHaveLength(1);
  });
});
