import { describe, expect, it } from 'vitest';
import { DEFAULT_INDEX_SYSTEM } from '../../../../src/domain/credit/default-index-system.js';
import { powerIteration } from './power-iteration.js';

// Oracle: ../shared/credit-default-model.md (the transcription source) and its stated eigenvector.
describe('DEFAULT_INDEX_SYSTEM (credit-default-model.md)', () => {
  const sys = DEFAULT_INDEX_SYSTEM;

  it('has 7 criteria and 26 indicators with 4,4,4,4,5,3,2 per criterion (credit-default-model.md tables)', () => {
    expect(sys.criteria.map((c) => c.id)).toEqual(['C1', 'C2', 'C3', 'C4', 'C5', 'C6', 'C7']);
    expect(sys.indicators).toHaveLength(26);
    const counts = sys.criteria.map((c) => sys.indicators.filter((i) => i.criterion === c.id).length);
    expect(counts).toEqual([4, 4, 4, 4, 5, 3, 2]);
    expect(new Set(sys.indicators.map((i) => i.id)).size).toBe(26);
    expect(sys.uncalibrated).toBe(true);
  });

  it('every matrix is square, of the right size and reciprocal (a_ji = 1/a_ij, a_ii = 1; DESIGN §4)', () => {
    const all: [string, readonly (readonly number[])[]][] = [['criteria', sys.criteriaMatrix], ...Object.entries(sys.localMatrices)];
    for (const [name, m] of all) {
      const expected = name === 'criteria' ? 7 : sys.indicators.filter((i) => i.criterion === name).length;
      expect(m.length, name).toBe(expected);
      for (let i = 0; i < m.length; i++) {
        expect(m[i].length, name).toBe(expected);
        expect(m[i][i]).toBe(1);
        for (let j = 0; j < m.length; j++) expect(m[i][j] * m[j][i]).toBeCloseTo(1, 14);
      }
    }
  });

  it('criteria eigenvector matches the document: C1 .1174 C2 .2143 C3 .2032 C4 .1063 C5 .2143 C6 .0661 C7 .0785, λmax 7.0603', () => {
    const { vector, lambdaMax } = powerIteration(sys.criteriaMatrix);
    const stated = [0.1174, 0.2143, 0.2032, 0.1063, 0.2143, 0.0661, 0.0785];
    vector.forEach((w, i) => expect(Math.abs(w - stated[i])).toBeLessThan(0.00006));
    expect(lambdaMax).toBeCloseTo(7.0603, 3);
    // CR = (λmax − 7)/6 / 1.32 = .0076 (classic RI for n = 7)
    expect(((lambdaMax - 7) / 6) / 1.32).toBeCloseTo(0.0076, 4);
  });

  it('anchor rules transcribe the document exactly (spot checks I21, I41, I63, I71)', () => {
    const anchors = (id: string) => {
      const rule = sys.indicators.find((i) => i.id === id)!.rule;
      return rule.kind === 'anchors' ? rule.anchors.map((a) => [a.raw, a.score]) : null;
    };
    expect(anchors('I21')).toEqual([[40, 100], [55, 80], [70, 50], [85, 0]]);
    expect(anchors('I41')).toEqual([[30, 100], [60, 80], [90, 60], [180, 20], [270, 0]]);
    expect(anchors('I63')).toEqual([[30, 100], [50, 70], [70, 40], [90, 10]]);
    expect(anchors('I71')).toEqual([[0, 0], [0.5, 35], [1.0, 70], [1.2, 85], [1.5, 100]]);
    expect(sys.indicators.find((i) => i.id === 'I21')!.direction).toBe('decreasing');
    expect(sys.indicators.find((i) => i.id === 'I22')!.direction).toBe('increasing');
  });

  it('code tables transcribe the document (I53 A100 B80 M65 C30 D0; I72 90/80/70/50/20)', () => {
    const codes = (id: string) => {
      const rule = sys.indicators.find((i) => i.id === id)!.rule;
      return rule.kind === 'codes' ? rule.codes.map((c) => [c.code, c.score]) : null;
    };
    expect(codes('I53')).toEqual([['A', 100], ['B', 80], ['M', 65], ['C', 30], ['D', 0]]);
    expect(codes('I72')!.map((c) => c[1])).toEqual([90, 80, 70, 50, 20]);
    expect(codes('I52')!.map((c) => c[1])).toEqual([100, 80, 50, 20, 0]);
  });

  it('grade scale AAA ≥90 … CC ≥50, C <50, D in default', () => {
    expect(sys.gradeScale.bands.map((b) => [b.grade, b.minScore])).toEqual([
      ['AAA', 90], ['AA', 85], ['A', 80], ['BBB', 75], ['BB', 70], ['B', 65], ['CCC', 60], ['CC', 50], ['C', 0]]);
    expect(sys.gradeScale.defaultGrade).toBe('D');
  });

  it('is frozen so no caller can change the shipped template', () => {
    expect(Object.isFrozen(sys.indicators[0].rule)).toBe(true);
  });
});
