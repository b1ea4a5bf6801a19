import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../../src/domain/random/seeded-random.js';
import { areaUnderRocCurve } from '../../../../src/domain/validation/area-under-roc-curve.js';
import { downsampleIndices } from '../../../../src/domain/validation/downsample-indices.js';
import { rocCurve } from '../../../../src/domain/validation/roc-curve.js';
import { poor, s100b } from './asah.js';

function trapezoid(points: { falsePositiveRate: number; truePositiveRate: number }[]): number {
  let area = 0;
  for (let i = 1; i < points.length; i++) {
    area += (points[i].falsePositiveRate - points[i - 1].falsePositiveRate) * (points[i].truePositiveRate + points[i - 1].truePositiveRate) / 2;
  }
  return area;
}

describe('rocCurve', () => {
  it('R pROC documentation, coords(roc(aSAH$outcome, aSAH$s100b), "best"): threshold 0.205 → specificity 0.8056, sensitivity 0.6341', () => {
    // pROC's threshold 0.205 lies between the observed scores 0.19 and 0.22 (pROC uses midpoints); our vertex is "s100b ≥ 0.22 classified poor".
    const point = rocCurve(poor, s100b, { higherIsRiskier: true }).find((p) => p.threshold === 0.22)!;
    expect(point.truePositiveRate).toBeCloseTo(26 / 41, 14);
    expect((1 - point.falsePositiveRate).toFixed(4)).toBe('0.8056');
    expect(point.truePositiveRate.toFixed(4)).toBe('0.6341');
  });

  it('starts at (0, 0), ends at (1, 1); the trapezoidal area of the full curve is the AUC (Fawcett 2006, Algorithm 2)', () => {
    const curve = rocCurve(poor, s100b, { higherIsRiskier: true, maxPoints: 10_000 });
    expect(curve[0]).toEqual({ threshold: null, falsePositiveRate: 0, truePositiveRate: 0 });
    expect(curve[curve.length - 1]).toMatchObject({ falsePositiveRate: 1, truePositiveRate: 1 });
    expect(trapezoid(curve)).toBeCloseTo(0.731368563685637, 14);
  });

  it('is thinned to ≤ 200 monotone points for a large sample, still close in area', () => {
    const rng = seededRandom(11);
    const y: number[] = [], s: number[] = [];
    for (let i = 0; i < 20_000; i++) { const b = rng.next() < 0.1 ? 1 : 0; y.push(b); s.push(rng.nextNormal() - b); }
    const curve = rocCurve(y, s);
    expect(curve.length).toBeLessThanOrEqual(200);
    for (let i = 1; i < curve.length; i++) {
      expect(curve[i].falsePositiveRate).toBeGreaterThanOrEqual(curve[i - 1].falsePositiveRate);
      expect(curve[i].truePositiveRate).toBeGreaterThanOrEqual(curve[i - 1].truePositiveRate);
    }
    expect(Math.abs(trapezoid(curve) - areaUnderRocCurve(y, s))).toBeLessThan(0.002);
  });

  it('downsampleIndices keeps both ends and never exceeds the limit', () => {
    expect(downsampleIndices(5, 200)).toEqual([0, 1, 2, 3, 4]);
    const idx = downsampleIndices(100_001, 200);
    expect(idx.length).toBe(200);
    expect(idx[0]).toBe(0);
    expect(idx[idx.length - 1]).toBe(100_000);
    expect(() => downsampleIndices(10, 1)).toThrow(/at least 2/);
  });
});
