import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { policyDryRun } from '../../src/domain/policy/policy-dry-run.js';
import { createBorrowersRepository } from '../../src/features/borrowers/borrowers-repository.js';
import { demoSmePortfolio } from '../../src/features/borrowers/demo-sme-portfolio.js';
import { DEFAULT_ASSUMPTIONS, portfolioCases } from '../../src/features/policies/dry-run-cases.js';
import { createTestApp, type SignedInAgent, type TestApp } from '../helpers/test-app.js';

const system = { id: 0, role: 'admin' as const };
const PORTFOLIO = 'Dry-run test portfolio';
let t: TestApp;
let modelId: number, currentId: number, draftId: number;
let reader: SignedInAgent, approver: SignedInAgent;

beforeAll(async () => {
  t = await createTestApp();
  const { models, policies, borrowers, scoring } = t.services;
  modelId = await models.createDraft(system, { name: 'Model', rationale: 'test', source: { kind: 'template' } });
  await models.approve(system, modelId, { effectiveFrom: '2026-01-01', rationale: 'test' });
  await borrowers.insertSnapshots(system, demoSmePortfolio(30), { portfolio: PORTFOLIO, isDemo: true, isSynthetic: true });
  await scoring.scoreAll(system, modelId, { portfolio: PORTFOLIO }, 2000);
  currentId = await policies.createDraft(system, { name: 'Current', modelVersionId: modelId, source: { kind: 'default' } });
  await policies.approve(system, currentId, { effectiveFrom: '2026-01-01', rationale: 'test', dryRun: null });
  draftId = await policies.createDraft(system, { name: 'Stricter', source: { kind: 'copy', versionId: currentId } });
  const d = await policies.getPolicyVersion(draftId);
  await policies.updateDraft(system, draftId, { definition: { ...d.definition, gradeThresholds: { approveFrom: 'A', referFrom: 'BB' } } });
  reader = await t.signedIn('manager');
  approver = await t.signedIn('researcher');
});
afterAll(async () => t?.close());

/** The domain's dry run on the same data: latest snapshots of the portfolio with their stored evaluations. */
async function expected(sampleSize: number | null = null, seed = 1) {
  const rows = await createBorrowersRepository(t.db).evaluationsWithSnapshots(modelId, { portfolio: PORTFOLIO, latestPerBorrower: true });
  const model = await t.services.models.getModelVersion(modelId);
  const cases = portfolioCases(model.definition, rows, { ...DEFAULT_ASSUMPTIONS, sampleSize, seed, unknownSizeBand: 'micro' });
  const current = await t.services.policies.getPolicyVersion(currentId), draft = await t.services.policies.getPolicyVersion(draftId);
  return { rows, cases, result: policyDryRun(draft.definition, cases.map((c) => c.case), { baseline: current.definition }) };
}

const cell = (html: string, re: RegExp) => re.exec(html)?.[1];

describe('dry run', () => {
  it('shows the figures of the domain policyDryRun on the portfolio, against the current policy', async () => {
    const { rows, result } = await expected();
    expect(rows.length).toBe(30); // one latest snapshot per borrower
    expect(result.mix.total + result.errors.length).toBe(30);
    expect(result.comparison!.changed).toBeGreaterThan(0); // BBB no longer approves
    const res = await reader.agent.get(`/policies/${draftId}/dry-run?portfolio=${encodeURIComponent(PORTFOLIO)}`);
    expect(res.status).toBe(200);
    const html = res.text;
    expect(Number(cell(html, /id="dry-run-cases">(\d+)</))).toBe(result.mix.total);
    expect(Number(cell(html, /id="dry-run-changed">(\d+)</))).toBe(result.comparison!.changed);
    for (const d of ['approve', 'refer', 'decline'] as const) {
      const tr = cell(html, new RegExp(`<tr data-decision="${d}">([\\s\\S]*?)</tr>`))!;
      const nums = [...tr.matchAll(/<td class="num">([^<]*)<\/td>/g)].map((m) => m[1]);
      // current count, current %, this count, this %, change
      expect(Number(nums[0])).toBe(result.comparison!.baselineMix[d]);
      expect(Number(nums[2])).toBe(result.mix[d]);
      expect(nums[3]).toBe(`${((result.mix[`${d}Share`] as number) * 100).toFixed(1)}%`);
    }
    // The 3 × 3 table of transitions.
    const table = cell(html, /<table class="compact" id="dry-run-transitions">([\s\S]*?)<\/table>/)!;
    const counts = [...table.matchAll(/<td class="num[^"]*">(\d+)<\/td>/g)].map((m) => Number(m[1]));
    const t3 = result.comparison!.table;
    expect(counts).toEqual([t3.approve.approve, t3.approve.refer, t3.approve.decline, t3.refer.approve, t3.refer.refer, t3.refer.decline, t3.decline.approve, t3.decline.refer, t3.decline.decline]);
    // Changed cases listed.
    const changes = cell(html, /<table class="compact" id="dry-run-changes">([\s\S]*?)<\/table>/)!;
    const body = cell(changes, /<tbody>([\s\S]*)<\/tbody>/)!;
    expect((body.match(/<tr>/g) ?? []).length).toBe(result.comparison!.changed);
  });

  it('per-grade rows are the domain dry run on each grade and add up to the whole', async () => {
    const { cases } = await expected();
    const run = await t.services.policies.dryRun(draftId, { portfolio: PORTFOLIO });
    const grades = [...new Set(cases.map((c) => c.grade))];
    expect(run.report.byGrade.map((g) => g.grade).sort()).toEqual(grades.sort());
    const current = await t.services.policies.getPolicyVersion(currentId), draft = await t.services.policies.getPolicyVersion(draftId);
    for (const g of run.report.byGrade) {
      const direct = policyDryRun(draft.definition, cases.filter((c) => c.grade === g.grade).map((c) => c.case), { baseline: current.definition });
      expect(g.mix).toEqual(direct.mix);
      expect(g.baselineMix).toEqual(direct.comparison!.baselineMix);
      expect(g.changed).toBe(direct.comparison!.changed);
    }
    const sum = (k: 'approve' | 'refer' | 'decline' | 'total') => run.report.byGrade.reduce((s, g) => s + g.mix[k], 0);
    expect(sum('total')).toBe(run.report.result.mix.total);
    expect(sum('approve')).toBe(run.report.result.mix.approve);
    // Grades at BBB approve under the current policy and refer under the draft.
    const bbb = run.report.byGrade.find((g) => g.grade === 'BBB');
    if (bbb) {
      expect(bbb.mix.approve).toBe(0);
      expect(bbb.baselineMix!.approve).toBeGreaterThanOrEqual(0);
    }
  });

  it('a seeded sample gives the domain result on that sample, the same for the same seed', async () => {
    const { result } = await expected(10, 7);
    const a = await t.services.policies.dryRun(draftId, { portfolio: PORTFOLIO, assumptions: { sampleSize: 10, seed: 7 } });
    const b = await t.services.policies.dryRun(draftId, { portfolio: PORTFOLIO, assumptions: { sampleSize: 10, seed: 7 } });
    expect(a.report.cases).toBe(10);
    expect(a.report.result.mix).toEqual(result.mix);
    expect(a.report.result.comparison!.table).toEqual(result.comparison!.table);
    expect(b.report.result).toEqual(a.report.result);
  });

  it('approval keeps the dry run it ran (same figures), with its portfolio and baseline', async () => {
    const { result } = await expected();
    const res = await approver.agent.post(`/policies/${draftId}/approve`).type('form')
      .send({ _csrf: approver.csrf, effectiveFrom: '2026-12-01', rationale: 'After the dry run', portfolio: PORTFOLIO });
    expect(res.status).toBe(303);
    const v = await t.services.policies.getPolicyVersion(draftId);
    expect(v.approvalDryRun).toMatchObject({ portfolio: PORTFOLIO, cases: 30, baselinePolicyId: currentId });
    expect(v.approvalDryRun!.result.mix).toEqual(result.mix);
    expect(v.approvalDryRun!.result.comparison).toEqual({ baselineMix: result.comparison!.baselineMix, changed: result.comparison!.changed, table: result.comparison!.table });
  });

  it('an unknown portfolio → 400', async () => {
    const res = await reader.agent.get(`/policies/${currentId}/dry-run?portfolio=nope`);
    expect(res.status).toBe(400);
  });
});
