import { seededRandom } from '../../src/domain/random/seeded-random.js';
import type { SnapshotInput } from '../../src/features/borrowers/snapshot-fields.js';
import type { TestApp } from '../helpers/test-app.js';

export const FIXTURE_PORTFOLIO = 'Validation test portfolio (synthetic)';
const system = { id: 0, role: 'admin' as const };

/**
 * A synthetic portfolio for the validation tests: `n` firms at one date, industries C and F, size bands small and
 * medium, financial ratios and conduct codes driven by a latent quality, and an outcome (1 = defaulted) whose
 * probability falls with quality; two model versions: the template (v1) and a draft with a stricter debt-ratio
 * rule (v2), so the two rank the firms slightly differently.
 */
export async function seedValidationFixture(t: TestApp, options: { n?: number; seed?: number; v2Name?: string } = {}) {
  const n = options.n ?? 400;
  const rng = seededRandom(options.seed ?? 2026);
  const snapshots: SnapshotInput[] = Array.from({ length: n }, (_, i) => {
    const q = rng.nextNormal();
    const bad = rng.next() < 1 / (1 + Math.exp(2.2 + 1.3 * q)) ? 1 : 0;
    const noisy = (sd: number) => q + sd * rng.nextNormal();
    return {
      borrowerRef: `VT-${String(i + 1).padStart(4, '0')}`, borrowerName: `Test firm ${i + 1}`, asOf: '2025-12-31',
      industry: rng.next() < 0.6 ? 'C' : 'F', sizeBand: rng.next() < 0.5 ? 'small' : 'medium', region: 'Test',
      indicators: {
        I21: Math.round((60 - 12 * noisy(0.8)) * 10) / 10,
        I22: Math.round((1.3 + 0.35 * noisy(0.8)) * 100) / 100,
        I31: Math.round((2 + 3 * noisy(0.9)) * 10) / 10,
        I51: noisy(1) < -1 ? 'cured30' : 'clean',
        I52: noisy(1) < -1.2 ? 'dpd8_30' : 'none',
      },
      statement: null, loanBalance: 1000 + i, classification: 'normal', daysPastDue: 0, outcome: bad as 0 | 1, extra: {},
    };
  });
  const ids = await t.services.borrowers.insertSnapshots(system, snapshots, { portfolio: FIXTURE_PORTFOLIO, isDemo: false, isSynthetic: true });
  const models = t.services.models;
  const v1 = await models.createDraft(system, { name: 'Test model v1 (template)', rationale: 'Test.', source: { kind: 'template' } });
  const v2 = await models.createDraft(system, { name: options.v2Name ?? 'Test model v2 (stricter debt ratio)', rationale: 'Test.', source: { kind: 'template' } });
  await models.updateRule(system, v2, 'I21', {
    rule: { kind: 'anchors', anchors: [{ raw: 35, score: 100 }, { raw: 50, score: 70 }, { raw: 65, score: 30 }, { raw: 80, score: 0 }] }, unit: '%', direction: 'decreasing',
  }, 'Test: stricter debt ratio.');
  return { v1, v2, snapshotIds: ids, bads: snapshots.filter((s) => s.outcome === 1).length, n };
}

/** The form body of a stratified sample of the fixture portfolio. */
export function sampleForm(csrf: string, over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    _csrf: csrf, name: 'Test sample', description: '', portfolio: FIXTURE_PORTFOLIO, outcomeKind: 'stored', horizonMonths: '12', dpdAbove: '90',
    method: 'stratified', stratifyBy: ['industry', 'sizeBand'], allocation: 'proportional', minPerStratum: '2', smallStrata: 'collapse',
    sampleSize: '120', seed: '123', ...over,
  };
}

/** The form body of a run comparing v1 (reference) with v2. */
export function runForm(csrf: string, sampleId: number, v1: number, v2: number, over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    _csrf: csrf, sampleId: String(sampleId), name: 'Test run', versionIds: [String(v1), String(v2)], referenceVersionId: String(v1),
    outcomeKind: 'sample', horizonMonths: '12', dpdAbove: '90', cutoffGrade: 'CCC', costRatio: '5', ...over,
  };
}
