import { describe, expect, it } from 'vitest';
import { DEFAULT_INDEX_SYSTEM } from '../../../../src/domain/credit/default-index-system.js';
import { gradeForScore } from '../../../../src/domain/credit/grade-for-score.js';
import { DomainError } from '../../../../src/domain/domain-error.js';

const scale = DEFAULT_INDEX_SYSTEM.gradeScale;

// Oracle: DESIGN §5 grade bands AAA ≥90 · AA ≥85 · A ≥80 · BBB ≥75 · BB ≥70 · B ≥65 · CCC ≥60 · CC ≥50 · C <50.
describe('gradeForScore (DESIGN §5 bands)', () => {
  it('gives each band at its lower boundary and the next band just below it', () => {
    const cases: [number, string][] = [[100, 'AAA'], [90, 'AAA'], [89.999, 'AA'], [85, 'AA'], [80, 'A'], [79.99, 'BBB'], [75, 'BBB'],
      [70, 'BB'], [65, 'B'], [60, 'CCC'], [59.9, 'CC'], [50, 'CC'], [49.999, 'C'], [0, 'C']];
    for (const [s, g] of cases) expect(gradeForScore(s, scale), String(s)).toBe(g);
  });

  it('treats a floating-point near miss (89.99999999999999) as reaching the boundary', () => {
    expect(gradeForScore(89.99999999999999, scale)).toBe('AAA');
    expect(gradeForScore(89.9999999, scale)).toBe('AA');
  });

  it('rejects NaN', () => {
    expect(() => gradeForScore(Number.NaN, scale)).toThrow(DomainError);
  });
});
