import { chiSquareIndependence } from './chi-square-independence.js';
import { assertResponseRows, type AnswerCode } from './item-answers.js';
import { asItemSpec, readCategoryIndices } from './item-categories.js';
import type { ItemSpec } from './item-spec.js';
import type { StatisticsNote } from './statistics-note.js';
import { validateItemSpecs } from './validate-item-specs.js';

export interface CrossTable {
  /** Row and column labels (categories with no respondents are dropped). */
  rows: string[];
  cols: string[];
  /** The answer codes behind the labels, for exports with codes. */
  rowValues: AnswerCode[];
  colValues: AnswerCode[];
  /** counts[i][j] = respondents answering rows[i] and cols[j]. */
  counts: number[][];
}

export interface CrossTabulation {
  table: CrossTable;
  /** Respondents who answered both items. */
  n: number;
  /** Pearson's X² without continuity correction (R chisq.test(correct = FALSE)); null with a note when untestable. */
  chiSquare: number | null;
  df: number | null;
  p: number | null;
  cramersV: number | null;
  /** Cochran's warning: an expected count below 1 or more than 20 % of cells below 5 (p is then unreliable). */
  lowExpected: boolean | null;
  /** Expected counts under independence, aligned with `table.counts`. */
  expected: number[][] | null;
  notes: StatisticsNote[];
}

/**
 * Cross-tabulation of two single-answer categorical items (choice or likert) with Pearson's χ² test of
 * independence, p-value, Cramér's V and Cochran's small-expected-count warning (see `chiSquareIndependence`;
 * identical to R's chisq.test(table(rows, cols), correct = FALSE)). Respondents missing either answer are left out;
 * categories nobody chose are dropped from the table with a note. Multi-select items are rejected, since one
 * respondent would count in several cells and the χ² test would not apply.
 */
export function crossTabulate(rows: ReadonlyArray<Record<string, unknown>>, rowItem: ItemSpec | string, colItem: ItemSpec | string): CrossTabulation {
  assertResponseRows(rows);
  const rowSpec = asItemSpec(rowItem);
  const colSpec = asItemSpec(colItem);
  validateItemSpecs([rowSpec, colSpec]);
  const { categories: rowCategories, indices: rowIndices } = readCategoryIndices(rows, rowSpec);
  const { categories: colCategories, indices: colIndices } = readCategoryIndices(rows, colSpec);
  const notes: StatisticsNote[] = [];
  const cols = colCategories.length;
  const flat = new Float64Array(rowCategories.length * cols);
  let n = 0;
  for (let r = 0; r < rows.length; r++) {
    const i = rowIndices[r];
    const j = colIndices[r];
    if (i < 0 || j < 0) continue;
    flat[i * cols + j]++;
    n++;
  }
  const full = rowCategories.map((_, i) => Array.from(flat.subarray(i * cols, (i + 1) * cols)));
  const missing = rows.length - n;
  if (missing > 0) notes.push({ code: 'missing-excluded', message: `${missing} respondents did not answer both items and are left out.` });

  const keptRows = rowCategories.map((_, i) => i).filter((i) => full[i].some((x) => x > 0));
  const keptCols = colCategories.map((_, j) => j).filter((j) => full.some((line) => line[j] > 0));
  const droppedRows = rowCategories.filter((_, i) => !keptRows.includes(i)).map((c) => c.label);
  const droppedCols = colCategories.filter((_, j) => !keptCols.includes(j)).map((c) => c.label);
  if (n > 0 && droppedRows.length + droppedCols.length > 0) {
    notes.push({ code: 'empty-categories-dropped', message: `Categories nobody chose were left out of the table: ${[...droppedRows, ...droppedCols].join(', ')}.` });
  }
  const table: CrossTable = {
    rows: keptRows.map((i) => rowCategories[i].label),
    cols: keptCols.map((j) => colCategories[j].label),
    rowValues: keptRows.map((i) => rowCategories[i].value),
    colValues: keptCols.map((j) => colCategories[j].value),
    counts: keptRows.map((i) => keptCols.map((j) => full[i][j])),
  };
  const result: CrossTabulation = { table, n, chiSquare: null, df: null, p: null, cramersV: null, lowExpected: null, expected: null, notes };
  if (n === 0) {
    notes.push({ code: 'no-answers', message: 'Nobody answered both items; there is nothing to test.' });
    return result;
  }
  if (keptRows.length < 2 || keptCols.length < 2) {
    notes.push({ code: 'degenerate-table', message: 'The χ² test needs at least two answered categories on each item.' });
    return result;
  }
  const test = chiSquareIndependence(table.counts);
  result.chiSquare = test.statistic;
  result.df = test.df;
  result.p = test.p;
  result.cramersV = test.cramersV;
  result.lowExpected = test.lowExpected;
  result.expected = test.expected;
  if (test.lowExpected) {
    notes.push({ code: 'low-expected', message: 'Some expected counts are small (below 1, or below 5 in more than 20 % of cells); the χ² p-value is unreliable. Merge categories or collect more responses.' });
  }
  return result;
}
