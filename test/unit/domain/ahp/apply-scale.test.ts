import { describe, expect, it } from 'vitest';
import { applyScale, JUDGMENT_SCALES, scaleIntensity, scaleMaximum } from '../../../../src/domain/ahp/apply-scale.js';
import { DomainError } from '../../../../src/domain/domain-error.js';

const X = [1, 2, 3, 4, 5, 6, 7, 8, 9];

describe('judgment scales (AHP-OS AhpGroup::calcScale; Goepel 2018 IJAHP 10(3), table of scales)', () => {
  it('balanced scale = Salo & Hämäläinen (1997) values 1, 1.22, 1.5, 1.86, 2.33, 3, 4, 5.67, 9', () => {
    const published = [1, 1.22, 1.5, 1.86, 2.33, 3, 4, 5.67, 9];
    X.forEach((x, k) => expect(scaleIntensity(x, 'balanced')).toBeCloseTo(published[k], 2));
  });

  it('inverse-linear scale = Ma & Zheng (1991) values 9/(10 − x): 1, 1.13, 1.29, 1.5, 1.8, 2.25, 3, 4.5, 9', () => {
    const published = [1, 1.125, 1.2857, 1.5, 1.8, 2.25, 3, 4.5, 9];
    X.forEach((x, k) => expect(scaleIntensity(x, 'inverse-linear')).toBeCloseTo(published[k], 4));
  });

  it('geometric (Lootsma 1989) 2^(x−1), power x², root-square √x (Harker & Vargas 1987), logarithmic log2(x+1) (Ishizaka et al. 2011)', () => {
    expect(X.map((x) => scaleIntensity(x, 'geometric'))).toEqual([1, 2, 4, 8, 16, 32, 64, 128, 256]);
    expect(X.map((x) => scaleIntensity(x, 'power'))).toEqual([1, 4, 9, 16, 25, 36, 49, 64, 81]);
    expect(scaleIntensity(4, 'root-square')).toBe(2);
    expect(scaleIntensity(3, 'logarithmic')).toBe(2);
    expect(scaleIntensity(7, 'logarithmic')).toBe(3);
  });

  it('every scale maps 1 to 1, and M = f(9) matches AHP-OS $ahpScale (9, 9, 81, 256, 3.321928095, 3, 9)', () => {
    for (const s of JUDGMENT_SCALES) expect(scaleIntensity(1, s)).toBeCloseTo(1, 14);
    expect(JUDGMENT_SCALES.map((s) => scaleMaximum(s))).toEqual([9, 9, 81, 256, Math.log2(10), 3, 9]);
    expect(scaleMaximum('logarithmic')).toBeCloseTo(3.321928095, 9);
  });

  it('applyScale keeps direction, reciprocity and missing judgments', () => {
    const m = applyScale([[1, 3, null], [1 / 3, 1, 1 / 5], [null, 5, 1]], 'power');
    expect(m[0][1]).toBe(9);
    expect(m[1][0]).toBeCloseTo(1 / 9, 15);
    expect(m[1][2]).toBeCloseTo(1 / 25, 15);
    expect(m[0][2]).toBeNull();
  });

  it('rejects off-scale judgments and unknown scales', () => {
    expect(() => applyScale([[1, 12], [1 / 12, 1]], 'balanced')).toThrow(DomainError);
    expect(() => applyScale([[1]], 'cubic' as never)).toThrow(DomainError);
  });
});
