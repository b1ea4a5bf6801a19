import { describe, expect, it } from 'vitest';
import { gradeOrderOf, ILLUSTRATIVE_PD_SCALE, pdScaleFor } from '../../../../src/features/validation/pd-master-scale.js';

const template = { bands: [['AAA', 90], ['AA', 85], ['A', 80], ['BBB', 75], ['BB', 70], ['B', 65], ['CCC', 60], ['CC', 50], ['C', 0]].map(([grade, minScore]) => ({ grade: grade as string, minScore: minScore as number })), defaultGrade: 'D' };

describe('PD master scale', () => {
  it('orders the grades best first with the default grade last (DESIGN §5 scale)', () => {
    expect(gradeOrderOf(template)).toEqual(['AAA', 'AA', 'A', 'BBB', 'BB', 'B', 'CCC', 'CC', 'C', 'D']);
  });

  it('takes the illustrative PDs, increasing by notch, D = 1', () => {
    const pd = pdScaleFor(template);
    expect(pd).toEqual(ILLUSTRATIVE_PD_SCALE);
    const values = gradeOrderOf(template).map((g) => pd[g]!);
    for (let i = 1; i < values.length; i++) expect(values[i]).toBeGreaterThan(values[i - 1]!);
  });

  it('given PDs win; a grade unknown to both gets twice the PD above it (at most 0.5)', () => {
    const scale = { bands: [{ grade: 'A1', minScore: 80 }, { grade: 'A2', minScore: 60 }, { grade: 'B', minScore: 0 }], defaultGrade: 'X' };
    expect(pdScaleFor(scale, { A1: 0.01 })).toEqual({ A1: 0.01, A2: 0.02, B: 0.045, X: 1 });
    expect(pdScaleFor(scale, { A1: 0.4 })).toEqual({ A1: 0.4, A2: 0.5, B: 0.045, X: 1 });
  });
});
