import { describe, expect, it } from 'vitest';
import { DEFAULT_INDEX_SYSTEM } from '../../../../src/domain/credit/default-index-system.js';
import { nodeConsistency } from '../../../../src/features/rounds/node-consistency.js';

describe('nodeConsistency (what the server stores after every autosave)', () => {
  const criteria = DEFAULT_INDEX_SYSTEM.criteriaMatrix;
  const ids = [11, 12, 13, 14, 15, 16, 17];
  const all = ids.flatMap((left, i) => ids.slice(i + 1).map((right, k) => ({ leftId: left, rightId: right, value: (criteria[i] as number[])[i + 1 + k] as number })));

  it('reproduces the published weights and CR of the demo criteria matrix (credit-default-model.md: CR .0076)', () => {
    const r = nodeConsistency(ids, all, 'eigenvector', 'saaty');
    expect(r).toMatchObject({ pairs: 21, answered: 21, noOpinion: 0, connected: true });
    expect(r.cr).toBeCloseTo(0.0076, 4);
    expect(r.lambdaMax).toBeCloseTo(7.0603, 4);
    [0.1174, 0.2143, 0.2032, 0.1063, 0.2143, 0.0661, 0.0785].forEach((w, i) => expect(r.weights?.[i]).toBeCloseTo(w, 4));
    expect(r.inconsistencies).toHaveLength(3);
    for (const x of r.inconsistencies) expect(ids).toContain(x.left);
  });

  it('names the most inconsistent judgment and its consistent value after one judgment is reversed', () => {
    // C2 vs C3 from 1 to 1/9: the group of judgments now contradicts it, so it tops the list (Saaty 2003 e_ij).
    const changed = all.map((j) => (j.leftId === 12 && j.rightId === 13 ? { ...j, value: 1 / 9 } : j));
    const r = nodeConsistency(ids, changed, 'eigenvector', 'saaty');
    expect(r.cr).toBeGreaterThan(0.05); // from .0076
    expect(r.inconsistencies[0]).toMatchObject({ left: 12, right: 13, value: 1 / 9 });
    expect(r.inconsistencies[0]?.suggested).toBeGreaterThan(1 / 9);
    expect(r.inconsistencies[0]?.crIfChanged).toBeLessThan(r.cr as number);
  });

  it('gives no CR while the answers leave an element unlinked, and a CR once they link all (incomplete)', () => {
    const partial = all.filter((j) => j.leftId === 11).slice(0, 5); // 17 not linked
    expect(nodeConsistency(ids, partial, 'eigenvector', 'saaty')).toMatchObject({ answered: 5, connected: false, cr: null, weights: null });
    const linked = all.filter((j) => j.leftId === 11);
    const r = nodeConsistency(ids, [...linked, { leftId: 12, rightId: 13, value: null }], 'eigenvector', 'saaty');
    expect(r).toMatchObject({ answered: 7, noOpinion: 1, connected: true });
    // A spanning star of judgments from the demo matrix is consistent by construction: CR 0 (completion is exact).
    expect(r.cr).toBeCloseTo(0, 9);
  });
});
