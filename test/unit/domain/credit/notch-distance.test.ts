import { describe, expect, it } from 'vitest';
import { DEFAULT_INDEX_SYSTEM } from '../../../../src/domain/credit/default-index-system.js';
import { gradeRank, notchDistance } from '../../../../src/domain/credit/notch-distance.js';

const scale = DEFAULT_INDEX_SYSTEM.gradeScale;

// Oracle: notch order of the DESIGN §5 scale AAA, AA, A, BBB, BB, B, CCC, CC, C, then D, counted by hand.
describe('notchDistance (band order, then D)', () => {
  it('AA → BBB is a downgrade of 2 notches (AA, A, BBB); BBB → AA is −2; C → D is 1', () => {
    expect(notchDistance('AA', 'BBB', scale)).toBe(2);
    expect(notchDistance('BBB', 'AA', scale)).toBe(-2);
    expect(notchDistance('C', 'D', scale)).toBe(1);
    expect(gradeRank('AAA', scale)).toBe(0);
    expect(gradeRank('D', scale)).toBe(9);
  });

  it('rejects a grade not on the scale', () => {
    expect(() => notchDistance('AA+', 'A', scale)).toThrow(expect.objectContaining({ code: 'unknown-grade' }));
  });
});
