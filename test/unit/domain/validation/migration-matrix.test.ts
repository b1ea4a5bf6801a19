import { describe, expect, it } from 'vitest';
import { migrationMatrix } from '../../../../src/domain/validation/migration-matrix.js';

const order = ['AAA', 'AA', 'A', 'BBB', 'BB', 'B', 'CCC', 'CC', 'C', 'D'];

describe('migrationMatrix', () => {
  it('hand-derived: 5 borrowers, moves 0, +1, −2, +3, 0 notches', () => {
    const m = migrationMatrix(['A', 'A', 'BBB', 'AA', 'B'], ['A', 'BBB', 'AA', 'BB', 'B'], order);
    expect(m.counts[2][2]).toBe(1);
    expect(m.counts[2][3]).toBe(1);
    expect(m.counts[3][1]).toBe(1);
    expect(m.total).toBe(5);
    expect(m.unchanged).toBe(0.4);
    expect(m.withinOneNotch).toBe(0.6);
    expect(m.withinTwoNotches).toBe(0.8);
    expect(m.upgraded).toBe(0.2);
    expect(m.downgraded).toBe(0.4);
  });

  it('row sums are the old distribution, column sums the new; weights count', () => {
    const m = migrationMatrix(['A', 'A', 'B'], ['A', 'B', 'B'], order, [2, 1, 1]);
    expect(m.counts[2].reduce((s, x) => s + x, 0)).toBe(3);
    expect(m.unchanged).toBe(0.75);
  });

  it('unknown grades or different lengths give clear messages', () => {
    expect(() => migrationMatrix(['A'], ['Q'], order)).toThrow(/Grade "Q" \(unit 1\)/);
    expect(() => migrationMatrix(['A'], [], order)).toThrow(/differ in length/);
  });
});
