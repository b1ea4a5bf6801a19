import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { overlayPoints, SUGGESTED_OVERLAY } from '../../../../src/domain/credit/overlay-points.js';
import { DomainError } from '../../../../src/domain/domain-error.js';

// Oracle: the formula clamp(k·(index − neutral), −max, max) of issue 6 item 3c, evaluated by hand.
describe('overlayPoints (bounded macro/industry overlay)', () => {
  it('neutral index adds nothing; 92 → −2; 108 → +2 (0.25 points per index point)', () => {
    expect(overlayPoints(100, SUGGESTED_OVERLAY)).toBe(0);
    expect(overlayPoints(92, SUGGESTED_OVERLAY)).toBe(-2);
    expect(overlayPoints(108, SUGGESTED_OVERLAY)).toBe(2);
  });

  it('is bounded at ±5 exactly at and beyond ±20 index points', () => {
    expect(overlayPoints(80, SUGGESTED_OVERLAY)).toBe(-5);
    expect(overlayPoints(120, SUGGESTED_OVERLAY)).toBe(5);
    expect(overlayPoints(0, SUGGESTED_OVERLAY)).toBe(-5);
    expect(overlayPoints(1e9, SUGGESTED_OVERLAY)).toBe(5);
  });

  it('a bound of 0 switches the overlay off', () => {
    expect(overlayPoints(150, { ...SUGGESTED_OVERLAY, maxPoints: 0 })).toBe(0);
  });

  it('rejects a non-finite index', () => {
    expect(() => overlayPoints(Number.NaN, SUGGESTED_OVERLAY)).toThrow(DomainError);
  });

  it('property: |points| ≤ maxPoints for any finite index (fast-check)', () => {
    fc.assert(fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.double({ min: 0, max: 20, noNaN: true }), (index, max) => {
      expect(Math.abs(overlayPoints(index, { ...SUGGESTED_OVERLAY, maxPoints: max }))).toBeLessThanOrEqual(max);
    }));
  });
});
