import { DomainError } from '../domain-error.js';
import { chiSquareSurvival } from './distributions/chi-square-distribution.js';

export interface ChiSquareIndependenceResult {
  /** Pearson's X² = Σ (O − E)²/E, no continuity correction. */
  statistic: number;
  /** (r − 1)(c − 1) over the non-empty rows and columns. */
  df: number;
  /** P(χ²_df > X²). */
  p: number;
  /** Cramér's V = √(X² / (n·(min(r, c) − 1))), 0…1. */
  cramersV: number;
  /** Expected counts E_ij = row_i·col_j/n of the table actually tested (empty rows and columns removed). */
  expected: number[][];
  /** Cochran's rule is broken: some expected count < 1, or more than 20 % of the cells have expected < 5. */
  lowExpected: boolean;
  /** Total count n. */
  n: number;
  /** Indices (into the input) of the rows and columns that were kept. */
  keptRows: number[];
  keptCols: number[];
}

/**
 * Pearson's chi-square test of independence for an r × c table of counts, without continuity correction —
 * the same as R's chisq.test(table, correct = FALSE) (and chisq.test's default for tables larger than 2 × 2).
 * X² = Σ_ij (O_ij − E_ij)²/E_ij with E_ij = R_i·C_j/n, df = (r − 1)(c − 1), p from the chi-square upper tail;
 * Cramér's V (Cramér 1946) and Cochran's (1954) small-expected-count warning. Rows or columns with no counts are
 * removed first (they carry no information and would make E = 0). Throws when fewer than two non-empty rows or
 * columns remain. Example (R documentation of chisq.test): rbind(c(762, 327, 468), c(484, 239, 477)) →
 * X² = 30.07, df = 2, p = 2.954e-07.
 */
export function chiSquareIndependence(counts: ReadonlyArray<ReadonlyArray<number>>): ChiSquareIndependenceResult {
  const rows = counts.length;
  if (rows === 0) throw new DomainError('empty-table', 'The contingency table is empty.', {});
  const cols = counts[0].length;
  const rowTotals = new Float64Array(rows);
  const colTotals = new Float64Array(cols);
  for (let i = 0; i < rows; i++) {
    if (counts[i].length !== cols) throw new DomainError('ragged-table', 'Every row of the contingency table needs the same number of columns.', { row: i });
    for (let j = 0; j < cols; j++) {
      const x = counts[i][j];
      if (!Number.isFinite(x) || x < 0) throw new DomainError('invalid-count', `Cell (${i + 1}, ${j + 1}) must be a count ≥ 0, got ${x}.`, { row: i, col: j, value: x });
      rowTotals[i] += x;
      colTotals[j] += x;
    }
  }
  const keptRows: number[] = [];
  const keptCols: number[] = [];
  for (let i = 0; i < rows; i++) if (rowTotals[i] > 0) keptRows.push(i);
  for (let j = 0; j < cols; j++) if (colTotals[j] > 0) keptCols.push(j);
  if (keptRows.length < 2 || keptCols.length < 2) {
    throw new DomainError('degenerate-table', 'The chi-square test needs at least two non-empty rows and two non-empty columns.', {
      nonEmptyRows: keptRows.length, nonEmptyCols: keptCols.length,
    });
  }
  let n = 0;
  for (const i of keptRows) n += rowTotals[i];
  let statistic = 0;
  let below5 = 0;
  let below1 = false;
  const expected: number[][] = [];
  for (const i of keptRows) {
    const line: number[] = [];
    for (const j of keptCols) {
      const e = (rowTotals[i] * colTotals[j]) / n;
      const d = counts[i][j] - e;
      statistic += (d * d) / e;
      if (e < 5) below5++;
      if (e < 1) below1 = true;
      line.push(e);
    }
    expected.push(line);
  }
  const df = (keptRows.length - 1) * (keptCols.length - 1);
  const cells = keptRows.length * keptCols.length;
  const cramersV = Math.min(1, Math.sqrt(statistic / (n * (Math.min(keptRows.length, keptCols.length) - 1))));
  return {
    statistic,
    df,
    p: chiSquareSurvival(statistic, df),
    cramersV,
    expected,
    lowExpected: below1 || below5 > 0.2 * cells,
    n,
    keptRows,
    keptCols,
  };
}
