import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { areaUnderRocCurve } from '../../../src/domain/validation/area-under-roc-curve.js';
import { binomialDefaultTest } from '../../../src/domain/validation/binomial-default-test.js';
import { brierScore } from '../../../src/domain/validation/brier-score.js';
import { hosmerLemeshowTest } from '../../../src/domain/validation/hosmer-lemeshow-test.js';
import { jeffreysDefaultTest } from '../../../src/domain/validation/jeffreys-default-test.js';
import { kolmogorovSmirnovStatistic } from '../../../src/domain/validation/kolmogorov-smirnov-statistic.js';
import { mcNemarTest } from '../../../src/domain/validation/mcnemar-test.js';
import { populationStabilityIndex } from '../../../src/domain/validation/population-stability-index.js';
import { quantileBinEdges } from '../../../src/domain/validation/quantile-bin-edges.js';
import { spearmanCorrelation } from '../../../src/domain/validation/spearman-correlation.js';
import { kendallTauB } from '../../../src/domain/validation/kendall-tau-b.js';
import { validationMetrics } from '../../../src/domain/validation/validation-metrics.js';
import { RUNS, FEW_RUNS, domainOnly, expectFinite, hostileNumber } from './fuzz-support.js';

/**
 * Issue 8 point 6, model validation: AUC, KS, PSI, Hosmer–Lemeshow, Brier, default tests and the metrics behind
 * POST /api/v1/validation/metrics — finite outputs in their ranges for any sample, only DomainError otherwise.
 */

const outcome = fc.constantFrom(0, 1);
const score = fc.oneof(fc.double({ min: 0, max: 100, noNaN: true }), fc.integer({ min: 0, max: 10 }), fc.constantFrom(1e308, -1e308, 5e-324));
const pd = fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(0, 1, 1e-300, 1 - 1e-16));
/** A sample of units: outcomes with one or two score columns and optional weights. */
const sample = fc.integer({ min: 1, max: 60 }).chain((n) => fc.record({
  outcomes: fc.array(outcome, { minLength: n, maxLength: n }),
  a: fc.array(score, { minLength: n, maxLength: n }),
  b: fc.array(score, { minLength: n, maxLength: n }),
  pds: fc.array(pd, { minLength: n, maxLength: n }),
  weights: fc.option(fc.array(fc.double({ min: 0.01, max: 100, noNaN: true }), { minLength: n, maxLength: n })),
}));
const inUnit = (x: number) => expect(x >= -1e-12 && x <= 1 + 1e-12).toBe(true);

describe('discrimination', () => {
  it('AUC and KS in [0, 1] for any scored sample with both classes (ties, weights, huge scores); one class → DomainError', () => {
    fc.assert(fc.property(sample, fc.boolean(), (s, higherIsRiskier) => {
      const options = { higherIsRiskier, weights: s.weights ?? undefined };
      const auc = domainOnly(() => areaUnderRocCurve(s.outcomes, s.a, options));
      const ks = domainOnly(() => kolmogorovSmirnovStatistic(s.outcomes, s.a, options));
      const bothClasses = s.outcomes.includes(0) && s.outcomes.includes(1);
      if (bothClasses) {
        expect(auc).toBeDefined();
        inUnit(auc!);
        expectFinite(ks);
        inUnit(ks!.ks);
      }
    }), RUNS);
  });

  it('validationMetrics (the API computation): finite metrics for two models with PDs, cut-off, curves and weights', () => {
    fc.assert(fc.property(sample, fc.option(fc.double({ min: 0, max: 100, noNaN: true })), (s, cutoff) => {
      const r = domainOnly(() => validationMetrics({
        outcomes: s.outcomes, scores: { a: s.a, b: s.b, pd: s.pds }, weights: s.weights ?? undefined, cutoff: cutoff ?? undefined, scoresArePd: false, curves: { maxPoints: 20 },
      }));
      if (!r) return;
      expectFinite(r);
      for (const m of Object.values(r.models)) {
        inUnit(m.auc);
        expect(m.gini).toBeCloseTo(2 * m.auc - 1, 9);
      }
      r.comparisons.forEach((c) => inUnit(c.delong.p));
    }), FEW_RUNS);
  });

  it('validationMetrics on hostile numbers (NaN, ±Infinity, 1e308, wrong lengths, outcomes 2 or -1, negative weights) → DomainError only', () => {
    // The route's schema gives the domain typed lists; what can still be hostile is the numbers in them.
    const column = fc.array(fc.oneof(hostileNumber, outcome), { maxLength: 8 });
    fc.assert(fc.property(column, column, fc.option(column), fc.option(hostileNumber), fc.option(hostileNumber), (outcomes, scores, weights, cutoff, confidence) => {
      const r = domainOnly(() => validationMetrics({
        outcomes, scores: { m: scores }, weights: weights ?? undefined, cutoff: cutoff ?? undefined, confidence: confidence ?? undefined,
      }));
      if (r) expectFinite(r);
    }), RUNS);
  });
});

describe('calibration and stability', () => {
  it('Brier score in [0, 1], Hosmer–Lemeshow statistic ≥ 0 with p in [0, 1]; hostile PDs → DomainError only', () => {
    fc.assert(fc.property(sample, fc.integer({ min: 2, max: 12 }), (s, groups) => {
      const brier = domainOnly(() => brierScore(s.outcomes, s.pds, s.weights ?? undefined));
      if (brier !== undefined) inUnit(brier);
      const hl = domainOnly(() => hosmerLemeshowTest(s.outcomes, s.pds, { groups }));
      if (hl) {
        expectFinite(hl);
        inUnit(hl.p);
      }
    }), RUNS);
    fc.assert(fc.property(fc.array(hostileNumber, { maxLength: 8 }), fc.array(hostileNumber, { maxLength: 8 }), hostileNumber, (outcomes, pds, groups) => {
      const hl = domainOnly(() => hosmerLemeshowTest(outcomes, pds, { groups }));
      if (hl) expectFinite(hl);
      const b = domainOnly(() => brierScore(outcomes, pds));
      if (b !== undefined) expectFinite(b);
    }), RUNS);
  });

  it('PSI ≥ 0 and finite for any bin counts (empty bins floored); hostile counts → DomainError only', () => {
    const counts = fc.integer({ min: 1, max: 12 }).chain((k) => fc.tuple(
      fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: k, maxLength: k }),
      fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: k, maxLength: k }),
    ));
    fc.assert(fc.property(counts, ([expected, actual]) => {
      const r = domainOnly(() => populationStabilityIndex(expected, actual));
      if (!r) return;
      expectFinite(r);
      expect(r.psi).toBeGreaterThanOrEqual(-1e-12);
    }), RUNS);
    fc.assert(fc.property(fc.array(hostileNumber, { maxLength: 6 }), fc.array(hostileNumber, { maxLength: 6 }), hostileNumber, (e, a, floor) => {
      const r = domainOnly(() => populationStabilityIndex(e, a, { floor }));
      if (r) expectFinite(r);
    }), RUNS);
  });

  it('quantile bin edges are finite and non-decreasing, even for values near ±1.8e308', () => {
    fc.assert(fc.property(fc.array(fc.oneof(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.constantFrom(1.7e308, -1.7e308, 1e308)), { minLength: 1, maxLength: 50 }), fc.integer({ min: 1, max: 20 }), (xs, bins) => {
      const edges = domainOnly(() => quantileBinEdges(xs, bins));
      if (!edges) return;
      expectFinite(edges);
      edges.forEach((e, i) => i === 0 || expect(e).toBeGreaterThanOrEqual(edges[i - 1]!));
    }), RUNS);
  });
});

describe('default-rate tests and rank correlation', () => {
  it('binomial and Jeffreys tests: p in [0, 1], interval inside [0, 1]; impossible counts or PDs → DomainError only', () => {
    const counts = fc.integer({ min: 0, max: 5000 }).chain((n) => fc.tuple(fc.integer({ min: 0, max: n }), fc.constant(n)));
    fc.assert(fc.property(counts, pd, ([d, n], p) => {
      const b = domainOnly(() => binomialDefaultTest(d, n, p));
      if (b) inUnit(b.p);
      const j = domainOnly(() => jeffreysDefaultTest(d, n, p));
      if (j) {
        expectFinite(j);
        inUnit(j.p);
        j.interval.forEach(inUnit);
      }
    }), RUNS);
    fc.assert(fc.property(hostileNumber, hostileNumber, hostileNumber, hostileNumber, (d, n, p, conf) => {
      const b = domainOnly(() => binomialDefaultTest(d, n, p));
      if (b) expectFinite(b);
      const j = domainOnly(() => jeffreysDefaultTest(d, n, p, conf));
      if (j) expectFinite(j);
    }), RUNS);
  });

  it('McNemar, Spearman and Kendall: finite statistics and p in [0, 1]; hostile input → DomainError only', () => {
    fc.assert(fc.property(fc.nat(10_000), fc.nat(10_000), (b, c) => {
      const r = domainOnly(() => mcNemarTest(b, c));
      if (r) expectFinite(r);
    }), RUNS);
    const pairs = fc.integer({ min: 0, max: 40 }).chain((n) => fc.tuple(fc.array(score, { minLength: n, maxLength: n }), fc.array(score, { minLength: n, maxLength: n })));
    fc.assert(fc.property(pairs, ([x, y]) => {
      for (const r of [domainOnly(() => spearmanCorrelation(x, y)), domainOnly(() => kendallTauB(x, y))]) {
        if (!r) continue;
        expectFinite(r);
        inUnit(r.p);
      }
    }), RUNS);
    fc.assert(fc.property(hostileNumber, hostileNumber, fc.array(hostileNumber, { maxLength: 6 }), fc.array(hostileNumber, { maxLength: 6 }), (b, c, x, y) => {
      for (const r of [domainOnly(() => mcNemarTest(b, c)), domainOnly(() => spearmanCorrelation(x, y)), domainOnly(() => kendallTauB(x, y))]) if (r) expectFinite(r);
    }), RUNS);
  });
});
