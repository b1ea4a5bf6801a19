import type { TestApp } from '../helpers/test-app.js';

/** Today and dates relative to it (the decision clock is the real one), as YYYY-MM-DD. */
export function daysAgo(days: number): string {
  return new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * A borrower that the template model grades AA (score ≈ 90.55, all 26 indicators present, completeness 1) and that
 * passes every plausibility check of the default policy: quick 1.3 ≤ current 1.8; DuPont I31 6 = I32 5 × I44 1.2.
 */
export const GOOD_INDICATORS: Record<string, number | string> = {
  I11: 'none', I12: 10, I13: 15, I14: 'tax_matched', I21: 45, I22: 1.8, I23: 1.3, I24: 6, I31: 6, I32: 5, I33: 0.4, I34: 1.6,
  I41: 45, I42: 50, I43: 12, I44: 1.2, I51: 'clean', I52: 'none', I53: 'A', I54: 'no_arrears', I55: 'none', I61: 110,
  I62: 'permitted', I63: 30, I71: 1.2, I72: 'guarantee_company',
};

export interface ApplicationOptions {
  requestId: string;
  ref: string;
  amount?: number;
  termMonths?: number;
  asOf?: string;
  sizeBand?: string;
  industry?: string;
  branch?: string;
  indicators?: Record<string, number | string | null>;
  extra?: Record<string, unknown>;
}

export function application(o: ApplicationOptions) {
  return {
    requestId: o.requestId,
    borrower: {
      ref: o.ref, sizeBand: o.sizeBand ?? 'small', industry: o.industry ?? 'C', branch: o.branch ?? 'Hangzhou', asOf: o.asOf ?? daysAgo(10),
      indicators: { ...GOOD_INDICATORS, ...(o.indicators ?? {}) }, daysPastDue: 0, ...(o.extra ?? {}),
    },
    amount: o.amount ?? 500_000,
    termMonths: o.termMonths ?? 12,
  };
}

/** An approved template model (effective 2020-01-01) and the shipped default policy on it, approved. */
export async function setUpPolicy(t: TestApp): Promise<{ modelId: number; policyId: number }> {
  const system = { id: 0, role: 'admin' as const };
  const modelId = await t.services.models.createDraft(system, { name: 'Test model', rationale: 'test', source: { kind: 'template' } });
  await t.services.models.approve(system, modelId, { effectiveFrom: '2020-01-01', rationale: 'test' });
  const policyId = await t.services.policies.createDraft(system, { name: 'Test policy', modelVersionId: modelId, source: { kind: 'default' } });
  await t.services.policies.approve(system, policyId, { effectiveFrom: '2020-01-01', rationale: 'test' });
  return { modelId, policyId };
}

export async function decisionCount(t: TestApp): Promise<{ decisions: number; cases: number; actions: number }> {
  const n = async (table: string) => Number(((await t.db(table).count({ n: '*' }).first()) as { n: unknown }).n);
  return { decisions: await n('credit_decisions'), cases: await n('decision_cases'), actions: await n('decision_actions') };
}
