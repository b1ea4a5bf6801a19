import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { consistencyRatio } from '../../../../src/domain/ahp/consistency-ratio.js';
import { principalEigenvector } from '../../../../src/domain/ahp/principal-eigenvector.js';
import { priorityReport } from '../../../../src/domain/ahp/priority-report.js';
import { rowGeometricMean } from '../../../../src/domain/ahp/row-geometric-mean.js';
import { DomainError } from '../../../../src/domain/domain-error.js';
import { CRITERIA_MATRIX, CRITERIA_WEIGHTS } from './default-credit-hierarchy.js';
import { ratioMatrix, scaleMatrix } from './pairs-to-matrix.js';

function allFinite(x: unknown): boolean {
  if (typeof x === 'number') return Number.isFinite(x);
  if (Array.isArray(x)) return x.every(allFinite);
  if (x && typeof x === 'object') return Object.values(x).every(allFinite);
  return true;
}

describe('priorityReport (POST /api/v1/ahp/priorities)', () => {
  it('demo criteria matrix: weights, λmax 7.0603, CR .0076 (RI 1.32, saaty) as in credit-default-model.md', () => {
    const r = priorityReport({ matrix: CRITERIA_MATRIX });
    expect(Object.keys(r).sort()).toEqual(['ci', 'cr', 'gci', 'inconsistencies', 'lambdaMax', 'method', 'ri', 'riTable', 'weights']);
    r.weights.forEach((w, i) => expect(w).toBeCloseTo(CRITERIA_WEIGHTS[i], 4));
    expect(r.lambdaMax).toBeCloseTo(7.0603, 4);
    expect(r.cr).toBeCloseTo(0.0076, 4);
    expect(r).toMatchObject({ ri: 1.32, riTable: 'saaty', method: 'eigenvector' });
    expect(r.inconsistencies).toHaveLength(3);
  });

  it('ranks judgments by max(e, 1/e), e_ij = a_ij w_j / w_i, and gives the nearest scale value and the CR after that change', () => {
    // A consistent matrix for w ∝ (8, 4, 2, 1) with a_14 reversed from 8 to 1/8: that judgment must top the list.
    const m = ratioMatrix([8, 4, 2, 1]);
    m[0][3] = 1 / 8; m[3][0] = 8;
    const r = priorityReport({ matrix: m, top: 6 });
    const first = r.inconsistencies[0];
    expect([first.i, first.j, first.value]).toEqual([0, 3, 1 / 8]);
    for (const x of r.inconsistencies) {
      const e = (m[x.i][x.j] * r.weights[x.j]) / r.weights[x.i];
      expect(x.error).toBeCloseTo(Math.max(e, 1 / e), 12);
      // crIfChanged re-derived by changing the one cell and recomputing λmax independently
      const changed = m.map((row) => [...row]);
      changed[x.i][x.j] = x.suggested; changed[x.j][x.i] = 1 / x.suggested;
      expect(x.crIfChanged).toBeCloseTo(consistencyRatio(principalEigenvector(changed).lambdaMax, 4).cr, 10);
    }
    expect(r.inconsistencies.map((x) => x.error)).toEqual([...r.inconsistencies.map((x) => x.error)].sort((a, b) => b - a));
    expect(first.crIfChanged).toBeLessThan(r.cr);
  });

  it('intransitive 3-cycle: equal weights, CR = (2/3)/0.58, each judgment off by a factor 3 and suggested 1', () => {
    const r = priorityReport({ matrix: [[1, 3, 1 / 3], [1 / 3, 1, 3], [3, 1 / 3, 1]] });
    expect(r.cr).toBeCloseTo(2 / 3 / 0.58, 10);
    expect(r.inconsistencies.map((x) => [x.i, x.j, x.suggested])).toEqual([[0, 1, 1], [0, 2, 1], [1, 2, 1]]);
    r.inconsistencies.forEach((x) => expect(x.error).toBeCloseTo(3, 10));
  });

  it('consistent matrix: CR 0 and no inconsistency listed', () => {
    const r = priorityReport({ matrix: ratioMatrix([5, 3, 1, 1]) });
    expect(r.cr).toBeCloseTo(0, 12);
    expect(r.inconsistencies).toEqual([]);
  });

  it('edge cases n = 1, 2, 15 and 30 give finite reports with Σw = 1', () => {
    for (const n of [1, 2, 15, 30]) {
      const m = scaleMatrix(n, Array.from({ length: 435 }, (_, k) => (k * 5 + 8) % 17));
      const r = priorityReport({ matrix: m, riTable: 'alonso-lamata' });
      expect(allFinite(r)).toBe(true);
      expect(r.weights.reduce((s, w) => s + w, 0)).toBeCloseTo(1, 12);
      if (n <= 2) expect(r.cr).toBe(0);
      if (n === 30) expect(r.ri).toBeCloseTo((1.7699 * 30 - 4.3513) / 29, 12);
    }
  });

  it('rgmm returns the row geometric mean as weights while λmax and CR stay Saaty’s', () => {
    const m = scaleMatrix(6, [12, 3, 9, 14, 1, 10, 7, 4, 13, 16, 2, 11, 5, 8, 15]);
    const r = priorityReport({ matrix: m, method: 'rgmm' });
    r.weights.forEach((w, i) => expect(w).toBeCloseTo(rowGeometricMean(m)[i], 14));
    expect(r.lambdaMax).toBeCloseTo(principalEigenvector(m).lambdaMax, 12);
    expect(r.method).toBe('rgmm');
  });

  it('incomplete input: completedMatrix appears, missing cells are never listed as inconsistent', () => {
    const m = [[1, 1, 5, 2], [1, 1, 3, 4], [1 / 5, 1 / 3, 1, null], [1 / 2, 1 / 4, null, 1]];
    const r = priorityReport({ matrix: m, top: 6 });
    expect(r.completedMatrix?.[2][3]).toBeCloseTo(0.730297, 5);
    expect(r.inconsistencies.some((x) => x.i === 2 && x.j === 3)).toBe(false);
    const h = priorityReport({ matrix: m, completion: 'harker' });
    expect(h.completedMatrix).toBeDefined();
    expect(priorityReport({ matrix: CRITERIA_MATRIX }).completedMatrix).toBeUndefined();
  });

  it('rejects bad options with DomainErrors', () => {
    expect(() => priorityReport({ matrix: CRITERIA_MATRIX, method: 'average' as never })).toThrow(DomainError);
    expect(() => priorityReport({ matrix: CRITERIA_MATRIX, riTable: 'x' as never })).toThrow(DomainError);
    expect(() => priorityReport({ matrix: CRITERIA_MATRIX, completion: 'x' as never })).toThrow(DomainError);
    expect(() => priorityReport({ matrix: CRITERIA_MATRIX, top: -1 })).toThrow(DomainError);
    expect(() => priorityReport({ matrix: CRITERIA_MATRIX, top: 1.5 })).toThrow(DomainError);
    expect(() => priorityReport(null as never)).toThrow(DomainError);
  });

  it('property: any input gives a report with finite numbers only, or a DomainError — never NaN', () => {
    const cell = fc.oneof(fc.constant(null), fc.double(), fc.constantFrom(1, 2, 3, 1 / 3, 0.5, 9, 1 / 9), fc.string());
    fc.assert(fc.property(fc.integer({ min: 0, max: 5 }), fc.array(cell, { minLength: 25, maxLength: 25 }), fc.boolean(), (n, cells, mirror) => {
      const m = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : cells[i * 5 + j])));
      if (mirror) for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) { const v = m[j][i]; m[i][j] = typeof v === 'number' && v !== 0 ? 1 / v : v; }
      try {
        expect(allFinite(priorityReport({ matrix: m as (number | null)[][] }))).toBe(true);
      } catch (e) {
        expect(e).toBeInstanceOf(DomainError);
      }
    }), { numRuns: 400 });
  });
});
