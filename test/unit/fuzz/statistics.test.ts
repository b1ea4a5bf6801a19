import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyseResponses } from '../../../src/domain/statistics/analyse-responses.js';
import { chiSquareIndependence } from '../../../src/domain/statistics/chi-square-independence.js';
import { compareGroups } from '../../../src/domain/statistics/compare-groups.js';
import { cronbachAlpha } from '../../../src/domain/statistics/cronbach-alpha.js';
import { crossTabulate } from '../../../src/domain/statistics/cross-tabulate.js';
import { feldtAlphaInterval } from '../../../src/domain/statistics/feldt-alpha-interval.js';
import type { ItemSpec } from '../../../src/domain/statistics/item-spec.js';
import { kruskalWallis } from '../../../src/domain/statistics/kruskal-wallis.js';
import { likertAgreement } from '../../../src/domain/statistics/likert-agreement.js';
import { mean } from '../../../src/domain/statistics/mean.js';
import { median } from '../../../src/domain/statistics/median.js';
import { oneWayAnova } from '../../../src/domain/statistics/one-way-anova.js';
import { quantile } from '../../../src/domain/statistics/quantile.js';
import { sampleStandardDeviation } from '../../../src/domain/statistics/sample-standard-deviation.js';
import { RUNS, domainOnly, expectFinite, hostileNumber, hostileValue } from './fuzz-support.js';

/**
 * Issue 8 point 6, questionnaire statistics: finite outputs (p-values in [0, 1], α ≤ 1, V in [0, 1]) for any
 * data the server can hold, and only DomainError for hostile data (NaN, ±Infinity, 1e308, strings, wrong shapes).
 */

const likert = fc.integer({ min: 1, max: 5 });
const real = fc.oneof(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.constantFrom(1e308, -1e308, 1.7e308, 1e200, -1e200));
const group = fc.array(real, { maxLength: 12 });
/** Internal functions are typed (lists of numbers); their hostile input is the numbers in the list. */
const hostileList = fc.array(hostileNumber, { maxLength: 8 });

const inUnit = (p: number) => expect(p >= 0 && p <= 1).toBe(true);

describe('descriptive statistics', () => {
  it('mean, median, quantile and SD of finite data are finite; NaN, ±Infinity or no data → DomainError only', () => {
    fc.assert(fc.property(fc.array(real, { minLength: 2, maxLength: 40 }), fc.double({ min: 0, max: 1, noNaN: true }), (xs, p) => {
      expectFinite([mean(xs), median(xs), quantile(xs, p), domainOnly(() => sampleStandardDeviation(xs)) ?? 0]);
      expect(quantile(xs, p)).toBeGreaterThanOrEqual(Math.min(...xs));
      expect(quantile(xs, p)).toBeLessThanOrEqual(Math.max(...xs));
    }), RUNS);
    fc.assert(fc.property(hostileList, hostileNumber, (xs, p) => {
      for (const f of [() => mean(xs), () => median(xs), () => quantile(xs, p), () => sampleStandardDeviation(xs)]) {
        const r = domainOnly(f);
        if (r !== undefined) expectFinite(r);
      }
    }), RUNS);
  });

  it('likertAgreement: percentages in [0, 100]; answers off the scale or a bad scale → DomainError only', () => {
    fc.assert(fc.property(fc.array(likert, { maxLength: 30 }), (xs) => {
      const r = domainOnly(() => likertAgreement(xs, 1, 5));
      if (r) expectFinite(r);
    }), RUNS);
    fc.assert(fc.property(hostileList, hostileNumber, hostileNumber, (xs, min, max) => {
      const r = domainOnly(() => likertAgreement(xs, min, max));
      if (r) expectFinite(r);
    }), RUNS);
  });
});

describe('tests between groups', () => {
  it('one-way ANOVA: F ≥ 0, p and η² in [0, 1] when defined; degenerate or hostile groups → DomainError only', () => {
    fc.assert(fc.property(fc.array(group, { minLength: 1, maxLength: 6 }), (groups) => {
      const r = domainOnly(() => oneWayAnova(groups));
      if (!r) return;
      expectFinite(r);
      expect(r.f).toBeGreaterThanOrEqual(0);
      inUnit(r.p);
      expect(r.etaSquared).toBeGreaterThanOrEqual(-1e-12);
      expect(r.etaSquared).toBeLessThanOrEqual(1 + 1e-12);
    }), RUNS);
    fc.assert(fc.property(fc.array(hostileList, { maxLength: 4 }), (groups) => {
      const r = domainOnly(() => oneWayAnova(groups));
      if (r) expectFinite(r);
    }), RUNS);
  });

  it('Kruskal–Wallis: H ≥ 0 and p in [0, 1] when defined (ties included); hostile groups → DomainError only', () => {
    const tied = fc.array(fc.array(likert, { maxLength: 12 }), { minLength: 1, maxLength: 6 });
    fc.assert(fc.property(fc.oneof(tied, fc.array(group, { minLength: 1, maxLength: 6 })), (groups) => {
      const r = domainOnly(() => kruskalWallis(groups));
      if (!r) return;
      expectFinite(r);
      inUnit(r.p);
    }), RUNS);
    fc.assert(fc.property(fc.array(hostileList, { maxLength: 4 }), (groups) => {
      const r = domainOnly(() => kruskalWallis(groups));
      if (r) expectFinite(r);
    }), RUNS);
  });

  it('chi-square of independence: X² ≥ 0, p and Cramér’s V in [0, 1]; hostile counts → DomainError only', () => {
    const table = fc.integer({ min: 1, max: 5 }).chain((c) => fc.array(fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: c, maxLength: c }), { minLength: 1, maxLength: 5 }));
    fc.assert(fc.property(table, (counts) => {
      const r = domainOnly(() => chiSquareIndependence(counts));
      if (!r) return;
      expectFinite(r);
      expect(r.statistic).toBeGreaterThanOrEqual(0);
      inUnit(r.p);
      expect(r.cramersV).toBeGreaterThanOrEqual(0);
      expect(r.cramersV).toBeLessThanOrEqual(1 + 1e-9);
    }), RUNS);
    fc.assert(fc.property(fc.array(fc.array(hostileNumber, { maxLength: 4 }), { maxLength: 4 }), (counts) => {
      const r = domainOnly(() => chiSquareIndependence(counts));
      if (r) expectFinite(r);
    }), RUNS);
  });
});

describe('reliability and response analysis', () => {
  it("Cronbach's α ≤ 1 with a finite interval, or null / DomainError when undefined; hostile items → DomainError only", () => {
    const items = fc.integer({ min: 2, max: 30 }).chain((n) => fc.array(fc.array(fc.option(likert, { freq: 8 }), { minLength: n, maxLength: n }), { minLength: 1, maxLength: 6 }));
    fc.assert(fc.property(items, (xs) => {
      const r = domainOnly(() => cronbachAlpha(xs));
      if (!r) return;
      expectFinite(r);
      if (typeof r.alpha === 'number') expect(r.alpha).toBeLessThanOrEqual(1 + 1e-9);
    }), RUNS);
    fc.assert(fc.property(fc.array(fc.array(fc.option(hostileNumber), { maxLength: 8 }), { maxLength: 4 }), hostileNumber, (xs, level) => {
      const r = domainOnly(() => cronbachAlpha(xs, level));
      if (r) expectFinite(r);
    }), RUNS);
    fc.assert(fc.property(hostileNumber, hostileNumber, hostileNumber, hostileNumber, (alpha, n, k, level) => {
      const r = domainOnly(() => feldtAlphaInterval(alpha, n, k, level));
      if (r) expectFinite(r);
    }), RUNS);
  });

  const ITEMS: ItemSpec[] = [
    { name: 'a', kind: 'likert', dimension: 'd' },
    { name: 'b', kind: 'likert', dimension: 'd', reverse: true },
    { name: 'c', kind: 'likert', min: 0, max: 10 },
    { name: 'role', kind: 'choice', choices: [{ value: 'x' }, { value: 'y' }, { value: 'z' }] },
    { name: 'n', kind: 'number' },
    { name: 't', kind: 'text' },
  ];
  const answer = fc.record({
    a: fc.option(likert),
    b: fc.option(likert),
    c: fc.option(fc.integer({ min: 0, max: 10 })),
    role: fc.option(fc.constantFrom('x', 'y', 'z')),
    n: fc.option(fc.oneof(fc.integer({ min: -1000, max: 1000 }), fc.constantFrom(1e308, -1e308, 1.7e308, -1.7e308, 1e200))),
    t: fc.option(fc.string({ maxLength: 10 })),
  }, { requiredKeys: [] });

  it('analyseResponses, crossTabulate and compareGroups on stored answers: finite, percentages in [0, 100]', () => {
    fc.assert(fc.property(fc.array(answer, { maxLength: 40 }), (rows) => {
      const analysis = analyseResponses({ items: ITEMS, rows });
      expectFinite(analysis);
      const crosstab = domainOnly(() => crossTabulate(rows, ITEMS[3]!, { name: 'a', kind: 'choice', choices: [1, 2, 3, 4, 5].map((value) => ({ value })) }));
      if (crosstab) expectFinite(crosstab);
      for (const scores of [ITEMS[0]!, ITEMS[4]!]) {
        const compared = domainOnly(() => compareGroups(rows, scores, ITEMS[3]!));
        if (compared) expectFinite(compared);
      }
    }), { numRuns: 60 });
  });

  it('analyseResponses on hostile rows (answers that are NaN, ±Infinity, 1e308, objects, off-scale) → DomainError only', () => {
    const hostileRow = fc.dictionary(fc.constantFrom('a', 'b', 'c', 'role', 'n', 't', '__proto__', 'constructor'), hostileValue, { maxKeys: 6 });
    fc.assert(fc.property(fc.oneof(fc.array(hostileRow, { maxLength: 10 }), hostileValue), (rows) => {
      const r = domainOnly(() => analyseResponses({ items: ITEMS, rows: rows as Array<Record<string, unknown>> }));
      if (r) expectFinite(r);
      const c = domainOnly(() => compareGroups(rows as Array<Record<string, unknown>>, ITEMS[2]!, ITEMS[3]!));
      if (c) expectFinite(c);
    }), RUNS);
  });
});
