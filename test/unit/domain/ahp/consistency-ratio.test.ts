import { describe, expect, it } from 'vitest';
import { consistencyRatio } from '../../../../src/domain/ahp/consistency-ratio.js';
import { principalEigenvector } from '../../../../src/domain/ahp/principal-eigenvector.js';
import { CRITERIA_MATRIX } from './default-credit-hierarchy.js';
import { DRINKS, pairsToMatrix } from './pairs-to-matrix.js';

describe('consistencyRatio', () => {
  it('demo criteria matrix: CR .0076 with the classic RI 1.32 (credit-default-model.md)', () => {
    const { lambdaMax } = principalEigenvector(CRITERIA_MATRIX);
    const r = consistencyRatio(lambdaMax, 7);
    expect(r.ri).toBe(1.32);
    expect(r.riTable).toBe('saaty');
    expect(r.cr).toBeCloseTo(0.0076, 4);
  });

  it('Saaty drinks: CR 0.022 with Saaty (2005) RI and 0.0235 with Donegan–Dodd (AHPy test_drinks_cr_saaty / _dd)', () => {
    const { lambdaMax } = principalEigenvector(pairsToMatrix(DRINKS).matrix as number[][]);
    expect(Number(consistencyRatio(lambdaMax, 7, 'saaty2005').cr.toFixed(3))).toBe(0.022);
    expect(Number(consistencyRatio(lambdaMax, 7, 'donegan-dodd').cr.toFixed(4))).toBe(0.0235);
  });

  it('beyond the table equals AHP-OS setAlonsoCr: CR = (λ − n)/(2.7699n − 4.3513 − n)', () => {
    const n = 16, lambda = 17.3;
    expect(consistencyRatio(lambda, n).cr).toBeCloseTo((lambda - n) / (2.7699 * n - 4.3513 - n), 12);
  });

  it('n ≤ 2 gives CR 0; a consistent λmax = n gives CI = CR = 0 even with rounding below n', () => {
    expect(consistencyRatio(2, 2).cr).toBe(0);
    expect(consistencyRatio(5 - 1e-14, 5)).toMatchObject({ ci: 0, cr: 0 });
  });

  it('intransitive 3-cycle: λmax = 13/3, CI = 2/3, CR = (2/3)/0.58 (closed form for a circulant)', () => {
    expect(consistencyRatio(13 / 3, 3).cr).toBeCloseTo(2 / 3 / 0.58, 12);
  });

  it('rejects impossible input', () => {
    expect(() => consistencyRatio(2.5, 3)).toThrow(/below n/);
    expect(() => consistencyRatio(NaN, 3)).toThrow();
  });
});
