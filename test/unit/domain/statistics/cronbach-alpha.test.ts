import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../../src/domain/domain-error.js';
import { cronbachAlpha } from '../../../../src/domain/statistics/cronbach-alpha.js';
import { feldtAlphaInterval } from '../../../../src/domain/statistics/feldt-alpha-interval.js';

// Hand-made table: 5 respondents × 3 five-point items (columns are items).
//   R1: 4 5 4 · R2: 3 3 2 · R3: 5 4 5 · R4: 2 2 3 · R5: 4 4 4
// Independent hand derivation with exact fractions (checked with Python's fractions module):
//   every item mean = 18/5; variances 13/10 each; covariances C12 = C13 = 21/20, C23 = 4/5;
//   totals 13, 8, 14, 7, 12 → var(total) = 97/10;  α = 3/2·(1 − (39/10)/(97/10)) = 87/97.
//   Dropping item 1: α = 2·(1 − (26/10)/(42/10)) = 16/21; dropping item 2 or 3: 42/47.
//   r.drop(item 1) = cov(x1, x2 + x3)/√(var x1 · var(x2 + x3)) = (21/10)/√(13/10 · 21/5);
//   r.drop(items 2, 3) = (37/20)/√(13/10 · 47/10).
// psych::alpha reports exactly these quantities (raw_alpha, alpha.drop raw_alpha, item.stats r.drop).
const ITEMS = [
  [4, 3, 5, 2, 4],
  [5, 3, 4, 2, 4],
  [4, 2, 5, 3, 4],
];

describe('cronbachAlpha', () => {
  it('hand-derived example: α = 87/97, alpha-if-deleted 16/21, 42/47, 42/47, r.drop as derived', () => {
    const result = cronbachAlpha(ITEMS);
    expect(result.alpha).toBeCloseTo(87 / 97, 14);
    expect(result.n).toBe(5);
    expect(result.k).toBe(3);
    expect(result.alphaIfDeleted[0]).toBeCloseTo(16 / 21, 14);
    expect(result.alphaIfDeleted[1]).toBeCloseTo(42 / 47, 14);
    expect(result.alphaIfDeleted[2]).toBeCloseTo(42 / 47, 14);
    expect(result.itemTotal[0]).toBeCloseTo(2.1 / Math.sqrt(1.3 * 4.2), 14);
    expect(result.itemTotal[1]).toBeCloseTo(1.85 / Math.sqrt(1.3 * 4.7), 14);
  });

  it('Feldt 95 % interval of the hand example: [0.4791100807, 0.9885191981] (SciPy 1.17 f.ppf, independent)', () => {
    const [lower, upper] = cronbachAlpha(ITEMS).ci;
    expect(lower).toBeCloseTo(0.47911008068417404, 10);
    expect(upper).toBeCloseTo(0.9885191981428424, 10);
  });

  it('listwise deletion: a respondent with a missing answer is left out entirely', () => {
    const withMissing = ITEMS.map((column, j) => [...column, j === 1 ? null : 1]);
    const result = cronbachAlpha(withMissing);
    expect(result.n).toBe(5);
    expect(result.dropped).toBe(1);
    expect(result.alpha).toBeCloseTo(87 / 97, 14);
  });

  it('two items: alpha defined, alpha-if-deleted null (one item left), r.drop = their correlation', () => {
    const result = cronbachAlpha([ITEMS[0], ITEMS[1]]);
    // Hand: α = 2·(1 − 2.6/(2.6 + 2·1.05)) = 2·(1 − 2.6/4.7) = 4.2/4.7.
    expect(result.alpha).toBeCloseTo(4.2 / 4.7, 14);
    expect(result.alphaIfDeleted).toEqual([null, null]);
    expect(result.itemTotal[0]).toBeCloseTo(1.05 / 1.3, 14);
  });

  it('k < 2, n < 2 and all-equal answers are DomainErrors, never NaN', () => {
    expect(() => cronbachAlpha([ITEMS[0]])).toThrow(DomainError);
    expect(() => cronbachAlpha([[1], [2]])).toThrow(DomainError);
    expect(() => cronbachAlpha([[3, 3, 3], [3, 3, 3]])).toThrow(/no variance/);
  });

  it('an item without variance gets a null item-total correlation', () => {
    const result = cronbachAlpha([[1, 2, 3, 4], [2, 3, 4, 5], [3, 3, 3, 3]]);
    expect(result.itemTotal[2]).toBeNull();
    expect(Number.isFinite(result.alpha)).toBe(true);
  });

  const answerMatrix = fc.integer({ min: 2, max: 6 }).chain((k) =>
    fc.array(fc.array(fc.integer({ min: 1, max: 5 }), { minLength: k, maxLength: k }), { minLength: 3, maxLength: 40 }));

  it('α ≤ 1, the interval brackets α, and every output is finite or null (property)', () => {
    fc.assert(fc.property(answerMatrix, (respondents) => {
      const items = respondents[0].map((_, j) => respondents.map((r) => r[j]));
      let result;
      try { result = cronbachAlpha(items); } catch (e) { return e instanceof DomainError; }
      const finiteOrNull = [...result.alphaIfDeleted, ...result.itemTotal].every((x) => x === null || Number.isFinite(x));
      return result.alpha <= 1 && result.ci[0] <= result.alpha + 1e-12 && result.alpha <= result.ci[1] + 1e-12 && finiteOrNull;
    }));
  });

  it('gives no item-total correlation for an item whose rest score has no variance, whatever the item order (found by the property below)', () => {
    // Items [3,3,5], [4,2,2], [3,3,1]: without the middle item every respondent scores 6, so its r.drop is undefined.
    const items = [[3, 3, 5], [4, 2, 2], [3, 3, 1]];
    expect(cronbachAlpha(items).itemTotal[1]).toBeNull();
    expect(cronbachAlpha([...items].reverse()).itemTotal[1]).toBeNull();
  });

  it('refuses a total score without variance in any respondent order (rounding noise is not variance; found by the property below)', () => {
    const respondents = [[3, 1, 4], [5, 1, 2], [3, 4, 1]]; // every total is 8
    for (const order of [[0, 1, 2], [2, 1, 0], [1, 0, 2]]) {
      const rows = order.map((i) => respondents[i]!);
      expect(() => cronbachAlpha([0, 1, 2].map((j) => rows.map((r) => r[j]!)))).toThrow(DomainError);
    }
  });

  it('is invariant to the order of respondents and permutes with the items (property)', () => {
    fc.assert(fc.property(answerMatrix, fc.nat(), (respondents, seed) => {
      const items = respondents[0].map((_, j) => respondents.map((r) => r[j]));
      let base;
      try { base = cronbachAlpha(items); } catch (e) { return e instanceof DomainError; }
      const shuffledRows = respondents.map((r, i) => ({ r, key: (i * 7919 + seed) % 104729 })).sort((a, b) => a.key - b.key).map((x) => x.r);
      const reordered = cronbachAlpha(shuffledRows[0].map((_, j) => shuffledRows.map((r) => r[j])));
      const reversedItems = cronbachAlpha([...items].reverse());
      // Summing in another order changes the last bits, and alpha can be far from [0, 1] when the total variance
      // is tiny: compare relative to the size of the value.
      const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a));
      return close(base.alpha, reordered.alpha) && close(base.alpha, reversedItems.alpha)
        && base.itemTotal.every((x, j) => {
          const y = reversedItems.itemTotal[items.length - 1 - j];
          return x === null ? y === null : y !== null && close(x, y);
        });
    }));
  });
});

describe('feldtAlphaInterval', () => {
  it('Feldt, Woodruff & Salih (1987) example inputs α = .79, k = 26, n = 41, 90 % → [0.70468, 0.86161] (SciPy f.ppf, independent)', () => {
    const [lower, upper] = feldtAlphaInterval(0.79, 41, 26, 0.9);
    expect(lower).toBeCloseTo(0.7046759614862377, 10);
    expect(upper).toBeCloseTo(0.8616144525848588, 10);
  });

  it('same example at 95 %: [0.68514, 0.87258] (psych::alpha.ci formula: 1 − (1 − α)·qf(…, n − 1, (n − 1)(k − 1)))', () => {
    const [lower, upper] = feldtAlphaInterval(0.79, 41, 26);
    expect(lower).toBeCloseTo(0.6851372816667141, 10);
    expect(upper).toBeCloseTo(0.8725839361273218, 10);
  });

  it('rejects n < 2, k < 2 and α > 1', () => {
    expect(() => feldtAlphaInterval(0.8, 1, 5)).toThrow(DomainError);
    expect(() => feldtAlphaInterval(0.8, 10, 1)).toThrow(DomainError);
    expect(() => feldtAlphaInterval(1.2, 10, 3)).toThrow(DomainError);
  });
});
