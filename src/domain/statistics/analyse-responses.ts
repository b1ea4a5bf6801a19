import { DomainError } from '../domain-error.js';
import { summariseColumn, summariseScaleColumn } from './column-summary.js';
import { completeCaseCovariance } from './complete-case-covariance.js';
import { cronbachAlphaFromCovariance } from './cronbach-alpha.js';
import { dimensionScoreColumn, reverseCodeInPlace } from './dimension-scores.js';
import { compareCodes, frequencyTable, type FrequencyRow } from './frequency-table.js';
import { assertResponseRows, isMissingAnswer, itemScale, readCategoricalAnswers, readNumericColumns, type AnswerCode } from './item-answers.js';
import { readCategoryIndices } from './item-categories.js';
import type { ItemKind, ItemSpec } from './item-spec.js';
import type { StatisticsNote } from './statistics-note.js';
import { validateItemSpecs } from './validate-item-specs.js';

/** Number items list their frequencies only up to this many distinct values (otherwise the table is no summary). */
const MAX_NUMBER_FREQUENCIES = 100;

export interface AnalyseResponsesInput {
  items: ItemSpec[];
  rows: Array<Record<string, unknown>>;
}

export interface ItemAnalysis {
  kind: ItemKind;
  /** Respondents who answered the item. */
  n: number;
  /** Mean, SD (n − 1) and median of the answers as given (not reverse-coded); null for choice and text items. */
  mean: number | null;
  sd: number | null;
  median: number | null;
  /** Counts and percentages (of n) per answer code; all scale points for likert items. */
  frequencies: FrequencyRow[];
  /** Likert items: % of answers above / below the scale midpoint (top-2 / bottom-2 boxes on a 5-point scale). */
  agreePercent?: number | null;
  disagreePercent?: number | null;
  /** Present and true for reverse-coded items (their statistics here are as answered). */
  reverse?: boolean;
  dimension?: string;
  notes: StatisticsNote[];
}

export interface DimensionAnalysis {
  /** The dimension's items in questionnaire order. */
  items: string[];
  /** Respondents with a dimension score (answered at least one of its items). */
  n: number;
  /** Respondents used for reliability: those who answered every item (listwise deletion). */
  alphaN: number;
  /** Cronbach's alpha (raw) of the reverse-coded items; null with a note when undefined. */
  alpha: number | null;
  /** Feldt (1965) 95 % confidence interval of alpha. */
  alphaCi: [number, number] | null;
  /** Alpha with the item removed (psych "raw_alpha if dropped"). */
  alphaIfDeleted: Record<string, number | null>;
  /** Corrected item-total correlation (psych r.drop). */
  itemTotal: Record<string, number | null>;
  /** Mean, SD and median of the dimension scores (mean of the respondent's reverse-coded items). */
  mean: number | null;
  sd: number | null;
  median: number | null;
  /** When all items share one scale: % of respondents whose score lies above / below its midpoint. */
  agreePercent?: number | null;
  disagreePercent?: number | null;
  notes: StatisticsNote[];
}

export interface ResponseAnalysis {
  responses: number;
  items: Record<string, ItemAnalysis>;
  dimensions: Record<string, DimensionAnalysis>;
  notes: StatisticsNote[];
}

/**
 * The descriptive and reliability analysis of a questionnaire's responses (issue 5, point 5):
 * per item n, mean, sample SD, median, frequency table and, for likert items, % agree / % disagree (answers above /
 * below the scale midpoint); per dimension the score (mean of the respondent's answered items after reverse-coding
 * min + max − x) with its mean, SD and median, and Cronbach's alpha (Cronbach 1951) with its Feldt (1965) 95 %
 * interval, alpha-if-item-deleted and corrected item-total correlations as in R psych::alpha (listwise deletion:
 * reliability uses only respondents who answered every item of the dimension). Statistics that cannot be computed
 * (one item, fewer than two respondents, no variance) are null with a note, never NaN.
 * One pass per item column (counting for likert items) and one covariance pass per dimension.
 */
export function analyseResponses(input: AnalyseResponsesInput): ResponseAnalysis {
  const { items, rows } = input;
  if (!Array.isArray(items)) throw new DomainError('invalid-input', 'The analysis needs a list of items.', {});
  assertResponseRows(rows);
  validateItemSpecs(items);
  const notes: StatisticsNote[] = [];
  if (rows.length === 0) notes.push({ code: 'no-responses', message: 'There are no responses yet.' });

  const numericItems = items.filter((item) => item.kind === 'likert' || item.kind === 'number');
  const columns = readNumericColumns(rows, numericItems);
  const numericColumns = new Map<string, Float64Array>(numericItems.map((item, j) => [item.name, columns[j]]));
  const itemResults = new Map<string, ItemAnalysis>();
  for (const item of items) {
    if (item.kind === 'likert' || item.kind === 'number') {
      const column = numericColumns.get(item.name) as Float64Array;
      itemResults.set(item.name, item.kind === 'likert' ? analyseLikertItem(item, column) : analyseNumberItem(item, column));
    } else if (item.kind === 'choice') {
      itemResults.set(item.name, analyseChoiceItem(item, rows));
    } else {
      itemResults.set(item.name, analyseTextItem(item, rows));
    }
  }

  const dimensionMembers = new Map<string, ItemSpec[]>();
  for (const item of items) {
    if (item.dimension === undefined) continue;
    const members = dimensionMembers.get(item.dimension) ?? [];
    members.push(item);
    dimensionMembers.set(item.dimension, members);
  }
  const dimensionResults = new Map<string, DimensionAnalysis>();
  for (const [name, members] of dimensionMembers) {
    // Item statistics are done, and an item belongs to one dimension only: reverse-code in place (no copy).
    const columns = members.map((item) => {
      const column = numericColumns.get(item.name) as Float64Array;
      const scale = itemScale(item);
      return item.reverse === true && scale !== null ? reverseCodeInPlace(column, scale.min, scale.max) : column;
    });
    dimensionResults.set(name, analyseDimension(name, members, columns, rows.length));
  }

  return {
    responses: rows.length,
    items: Object.fromEntries(itemResults),
    dimensions: Object.fromEntries(dimensionResults),
    notes,
  };
}

function baseNotes(item: ItemSpec, n: number, sd: number | null): StatisticsNote[] {
  const notes: StatisticsNote[] = [];
  if (n === 0) notes.push({ code: 'no-answers', message: `Nobody answered "${item.name}".`, subject: item.name });
  else if (sd === null) notes.push({ code: 'sd-needs-two-answers', message: `The standard deviation of "${item.name}" needs at least two answers.`, subject: item.name });
  if (item.reverse === true) notes.push({ code: 'reverse-coded', message: `"${item.name}" is reverse-coded; its item statistics are shown as answered, its dimension uses min + max − x.`, subject: item.name });
  return notes;
}

function withMembership(item: ItemSpec, result: ItemAnalysis): ItemAnalysis {
  if (item.reverse === true) result.reverse = true;
  if (item.dimension !== undefined) result.dimension = item.dimension;
  return result;
}

function analyseLikertItem(item: ItemSpec, column: Float64Array): ItemAnalysis {
  const { min, max } = itemScale(item) as { min: number; max: number };
  const summary = summariseScaleColumn(column, min, max);
  const labels = new Map<string, string | undefined>((item.choices ?? []).map((c) => [String(c.value), c.label]));
  const base = summary.n > 0 ? summary.n : 1;
  const frequencies: FrequencyRow[] = [];
  for (let p = 0; p < summary.counts.length; p++) {
    const value = min + p;
    frequencies.push({ value, label: labels.get(String(value)) ?? String(value), count: summary.counts[p], percent: (100 * summary.counts[p]) / base });
  }
  return withMembership(item, {
    kind: item.kind,
    n: summary.n,
    mean: summary.mean,
    sd: summary.sd,
    median: summary.median,
    frequencies,
    agreePercent: summary.n > 0 ? (100 * summary.above) / summary.n : null,
    disagreePercent: summary.n > 0 ? (100 * summary.below) / summary.n : null,
    notes: baseNotes(item, summary.n, summary.sd),
  });
}

function analyseNumberItem(item: ItemSpec, column: Float64Array): ItemAnalysis {
  const summary = summariseColumn(column);
  const notes = baseNotes(item, summary.n, summary.sd);
  const counts = new Map<number, number>();
  for (let r = 0; r < column.length && counts.size <= MAX_NUMBER_FREQUENCIES; r++) {
    const x = column[r];
    if (x === x) counts.set(x, (counts.get(x) ?? 0) + 1);
  }
  let frequencies: FrequencyRow[] = [];
  if (counts.size <= MAX_NUMBER_FREQUENCIES) {
    const base = summary.n > 0 ? summary.n : 1;
    frequencies = [...counts.keys()].sort((a, b) => a - b)
      .map((value) => ({ value, label: String(value), count: counts.get(value) as number, percent: (100 * (counts.get(value) as number)) / base }));
  } else {
    notes.push({ code: 'too-many-values', message: `"${item.name}" has more than ${MAX_NUMBER_FREQUENCIES} distinct answers; no frequency table is given.`, subject: item.name });
  }
  const result: ItemAnalysis = { kind: item.kind, n: summary.n, mean: summary.mean, sd: summary.sd, median: summary.median, frequencies, notes };
  const scale = itemScale(item);
  if (scale !== null && summary.n > 0) {
    const midpoint = (scale.min + scale.max) / 2;
    let above = 0;
    let below = 0;
    for (let r = 0; r < column.length; r++) {
      const x = column[r];
      if (x > midpoint) above++;
      else if (x < midpoint) below++;
    }
    result.agreePercent = (100 * above) / summary.n;
    result.disagreePercent = (100 * below) / summary.n;
  }
  return withMembership(item, result);
}

function analyseChoiceItem(item: ItemSpec, rows: ReadonlyArray<Record<string, unknown>>): ItemAnalysis {
  const notes: StatisticsNote[] = [];
  let frequencies: FrequencyRow[];
  let n = 0;
  try {
    // Single answers (the usual case): one pass to category indices, then counts.
    const { categories, indices } = readCategoryIndices(rows, item);
    const counts = new Float64Array(categories.length);
    for (let r = 0; r < indices.length; r++) {
      if (indices[r] >= 0) { counts[indices[r]]++; n++; }
    }
    const base = n > 0 ? n : 1;
    frequencies = categories.map((c, i) => ({ value: c.value, label: c.label, count: counts[i], percent: (100 * counts[i]) / base }));
  } catch (error) {
    if (!(error instanceof DomainError) || error.code !== 'multi-select') throw error;
    // Multi-select answers: count every selected code; percentages are of respondents.
    const answers = readCategoricalAnswers(rows, item);
    const codes: AnswerCode[] = [];
    for (const answer of answers) {
      if (answer === null) continue;
      n++;
      if (Array.isArray(answer)) codes.push(...answer); else codes.push(answer);
    }
    frequencies = frequencyTable(codes, item.choices ?? [], n);
    notes.push({ code: 'multiple-answers', message: `"${item.name}" allows several answers; percentages are of respondents and can add up to more than 100.`, subject: item.name });
  }
  if (n === 0) notes.unshift({ code: 'no-answers', message: `Nobody answered "${item.name}".`, subject: item.name });
  const declared = new Set((item.choices ?? []).map((c) => String(c.value)));
  const undeclared = frequencies.filter((f) => !declared.has(String(f.value)) && f.count > 0).map((f) => f.value).sort(compareCodes);
  if (item.choices !== undefined && undeclared.length > 0) {
    notes.push({ code: 'undeclared-answers', message: `"${item.name}" has answers that are not among its choices: ${undeclared.join(', ')}.`, subject: item.name });
  }
  return withMembership(item, { kind: item.kind, n, mean: null, sd: null, median: null, frequencies, notes });
}

function analyseTextItem(item: ItemSpec, rows: ReadonlyArray<Record<string, unknown>>): ItemAnalysis {
  let n = 0;
  for (const row of rows) if (!isMissingAnswer(row[item.name])) n++;
  const notes = n === 0 ? [{ code: 'no-answers', message: `Nobody answered "${item.name}".`, subject: item.name }] : [];
  return withMembership(item, { kind: item.kind, n, mean: null, sd: null, median: null, frequencies: [], notes });
}

function analyseDimension(name: string, members: ItemSpec[], columns: Float64Array[], rows: number): DimensionAnalysis {
  const notes: StatisticsNote[] = [];
  const itemNames = members.map((m) => m.name);
  const scores = dimensionScoreColumn(columns, rows);
  const summary = summariseColumn(scores);
  const result: DimensionAnalysis = {
    items: itemNames,
    n: summary.n,
    alphaN: 0,
    alpha: null,
    alphaCi: null,
    alphaIfDeleted: Object.fromEntries(itemNames.map((item) => [item, null])),
    itemTotal: Object.fromEntries(itemNames.map((item) => [item, null])),
    mean: summary.mean,
    sd: summary.sd,
    median: summary.median,
    notes,
  };
  if (summary.n === 0) notes.push({ code: 'no-answers', message: `Nobody answered the items of dimension "${name}".`, subject: name });

  const scales = members.map(itemScale);
  const first = scales[0];
  if (first !== null && scales.every((s) => s !== null && s.min === first.min && s.max === first.max)) {
    const midpoint = (first.min + first.max) / 2;
    let above = 0;
    let below = 0;
    for (let r = 0; r < rows; r++) {
      const x = scores[r];
      if (x > midpoint) above++;
      else if (x < midpoint) below++;
    }
    result.agreePercent = summary.n > 0 ? (100 * above) / summary.n : null;
    result.disagreePercent = summary.n > 0 ? (100 * below) / summary.n : null;
  }

  if (members.length < 2) {
    notes.push({ code: 'too-few-items', message: `Cronbach's alpha needs at least two items; dimension "${name}" has one.`, subject: name });
    return result;
  }
  const { covariance, k, n, dropped } = completeCaseCovariance(columns);
  result.alphaN = n;
  if (dropped > 0 && rows > 0) {
    notes.push({ code: 'listwise-deletion', message: `Reliability of "${name}" uses the ${n} respondents who answered all its items (${dropped} left out).`, subject: name });
  }
  try {
    const alpha = cronbachAlphaFromCovariance(covariance, k, n);
    result.alpha = alpha.alpha;
    result.alphaCi = alpha.ci;
    result.alphaIfDeleted = Object.fromEntries(itemNames.map((item, j) => [item, alpha.alphaIfDeleted[j]]));
    result.itemTotal = Object.fromEntries(itemNames.map((item, j) => [item, alpha.itemTotal[j]]));
    if (k === 2) notes.push({ code: 'alpha-if-deleted-needs-three-items', message: `Alpha if an item is deleted needs at least three items; dimension "${name}" has two.`, subject: name });
    for (let j = 0; j < k; j++) {
      if (covariance[j * k + j] === 0) {
        notes.push({ code: 'item-without-variance', message: `Everyone gave "${itemNames[j]}" the same answer; its item-total correlation is undefined.`, subject: itemNames[j] });
      }
    }
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    notes.push({ code: error.code, message: `${error.message} (dimension "${name}")`, subject: name });
  }
  return result;
}
