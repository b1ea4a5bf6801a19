import { DomainError } from '../domain-error.js';
import { assertResponseRows, itemScale, readNumericColumns } from './item-answers.js';
import type { ItemSpec } from './item-spec.js';
import { validateItemSpecs } from './validate-item-specs.js';

/** Reverse-codes a column of answers in place, x' = min + max − x (NaN, i.e. missing, stays NaN); returns it. */
export function reverseCodeInPlace(values: Float64Array, min: number, max: number): Float64Array {
  const sum = min + max;
  for (let r = 0; r < values.length; r++) values[r] = sum - values[r];
  return values;
}

/** A reverse-coded copy of a column of answers: x' = min + max − x (NaN, i.e. missing, stays NaN). */
export function reverseCodedColumn(values: Float64Array, min: number, max: number): Float64Array {
  const out = new Float64Array(values.length);
  const sum = min + max;
  for (let r = 0; r < values.length; r++) out[r] = sum - values[r];
  return out;
}

/**
 * Per-respondent dimension score from the (already reverse-coded) item columns: the mean of the items the
 * respondent answered (SPSS MEAN(…) / “available items” convention), NaN when none was answered
 * (typed-array form used internally; see `dimensionScores` for the public form).
 */
export function dimensionScoreColumn(columns: readonly Float64Array[], rows: number): Float64Array {
  const scores = new Float64Array(rows);
  const k = columns.length;
  for (let r = 0; r < rows; r++) {
    let sum = 0;
    let answered = 0;
    for (let j = 0; j < k; j++) {
      const x = columns[j][r];
      if (x === x) { sum += x; answered++; } // x === x is false only for NaN (missing)
    }
    scores[r] = answered > 0 ? sum / answered : Number.NaN;
  }
  return scores;
}

/** The analysis columns of a dimension's items: answers read and reverse-coded where the item says so. */
export function dimensionColumns(rows: ReadonlyArray<Record<string, unknown>>, items: readonly ItemSpec[]): Float64Array[] {
  const columns = readNumericColumns(rows, items);
  return items.map((item, j) => {
    const values = columns[j];
    const scale = itemScale(item);
    return item.reverse === true && scale !== null ? reverseCodedColumn(values, scale.min, scale.max) : values;
  });
}

/**
 * Dimension scores, one per response row in row order: the mean of the respondent's answers to the dimension's
 * items after reverse-coding (min + max − x) the items flagged `reverse`; items left unanswered are skipped, and a
 * respondent who answered none of them gets null. Units: the items' scale (e.g. 1–5).
 * Example: items a, b (b reversed, 1–5), answers a = 4, b = 2 → (4 + 4)/2 = 4.
 */
export function dimensionScores(rows: ReadonlyArray<Record<string, unknown>>, items: readonly ItemSpec[], dimension: string): Array<number | null> {
  assertResponseRows(rows);
  validateItemSpecs(items);
  const members = items.filter((item) => item.dimension === dimension);
  if (members.length === 0) throw new DomainError('unknown-dimension', `No item belongs to the dimension "${dimension}".`, { dimension });
  const scores = dimensionScoreColumn(dimensionColumns(rows, members), rows.length);
  return Array.from(scores, (x) => (Number.isNaN(x) ? null : x));
}
