import { describe, expect, it } from 'vitest';
import { psiByIndicator } from '../../../../src/domain/validation/psi-by-indicator.js';
import { categoricalPsi, indicatorPsi, numericPsi } from '../../../../src/features/validation/weighted-psi.js';

describe('categoricalPsi', () => {
  it('Siddiqi-style example: shares (0.5, 0.5) → (0.6, 0.4) give 0.1·ln 1.2 + 0.1·ln 1.25 = 0.0405465', () => {
    const r = categoricalPsi(['a', 'a', 'b', 'b'], ['a', 'a', 'a', 'b', 'b'], { currentWeights: [1, 1, 1, 1, 1] });
    // current: a = 3/5, b = 2/5
    expect(r.psi).toBeCloseTo(0.1 * Math.log(1.2) + 0.1 * Math.log(1.25), 12);
    expect(r.bins.map((b) => b.label)).toEqual(['a', 'b']);
    expect(r.interpretation).toBe('stable');
  });

  it('a weight counts like replicated units; categories follow the given order; null is "missing"', () => {
    const weighted = categoricalPsi(['B', 'A', 'A', null], ['A', 'B'], { currentWeights: [3, 1], order: ['A', 'B'] });
    const replicated = categoricalPsi(['B', 'A', 'A', null], ['A', 'A', 'A', 'B'], { order: ['A', 'B'] });
    expect(weighted.psi).toBeCloseTo(replicated.psi, 14);
    expect(weighted.bins.map((b) => b.label)).toEqual(['A', 'B', 'missing']);
    expect(weighted.bins[2]!.actualShare).toBe(0);
  });

  it('one category on both sides: PSI 0, stable (nothing can shift)', () => {
    expect(categoricalPsi(['A', 'A'], ['A'])).toMatchObject({ psi: 0, interpretation: 'stable' });
  });
});

describe('numericPsi', () => {
  const ref = Array.from({ length: 200 }, (_, i) => (i * 37) % 101);
  const cur = Array.from({ length: 150 }, (_, i) => ((i * 53) % 97) + 10);

  it('unweighted equals the domain psiByIndicator (reference deciles, right-closed bins)', () => {
    const ours = numericPsi(ref, cur)!;
    const domain = psiByIndicator({ x: ref }, { x: cur }).x;
    expect(ours.psi).toBeCloseTo(domain.psi, 12);
    expect(ours.bins.map((b) => b.actualShare)).toEqual(domain.bins.map((b) => b.actualShare));
  });

  it('missing values form their own bin; null without any reference value', () => {
    const r = numericPsi([1, 2, 3, null], [1, null, null])!;
    expect(r.bins[r.bins.length - 1]).toMatchObject({ label: 'missing', expectedShare: 0.25 });
    expect(r.bins[r.bins.length - 1]!.actualShare).toBeCloseTo(2 / 3, 12);
    expect(numericPsi([null, null], [1])).toBeNull();
  });
});

describe('indicatorPsi', () => {
  it('coded indicators by category, numeric ones by deciles, in the given order; indicators without reference values left out', () => {
    const reference = [{ I51: 'clean', I21: 40 }, { I51: 'cured30', I21: 60 }, { I51: 'clean', I21: 55 }, { I51: 'clean', I21: null }];
    const current = [{ I51: 'clean', I21: 70, I99: 5 }, { I51: 'cured30', I21: 80 }];
    const rows = indicatorPsi(reference, current, [1, 3], ['I21', 'I51']);
    expect(rows.map((r) => r.indicator)).toEqual(['I21', 'I51']);
    expect(rows[1]!.result.bins.map((b) => b.label)).toEqual(['clean', 'cured30']);
    expect(rows[1]!.result.bins[0]!.actualShare).toBeCloseTo(0.25, 12);
    expect(rows[0]!.result.psi).toBeGreaterThan(0.25);
  });
});
