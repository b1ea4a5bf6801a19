import { DomainError } from '../domain-error.js';
import { summariseColumn } from './column-summary.js';
import { kruskalWallis } from './kruskal-wallis.js';
import { oneWayAnova } from './one-way-anova.js';
import { assertResponseRows, readNumericAnswers, type AnswerCode } from './item-answers.js';
import { asItemSpec, readCategoryIndices } from './item-categories.js';
import type { ItemSpec } from './item-spec.js';
import type { StatisticsNote } from './statistics-note.js';
import { validateItemSpecs } from './validate-item-specs.js';

export interface GroupSummary {
  /** The grouping answer code. */
  value: AnswerCode;
  n: number;
  mean: number | null;
  sd: number | null;
  median: number | null;
}

export interface GroupComparison {
  /** Respondents with both a score and a group. */
  n: number;
  /** Kruskal–Wallis H with tie correction (R kruskal.test); nulls with a note when untestable. */
  kruskalWallis: { statistic: number | null; df: number | null; p: number | null };
  /** One-way ANOVA with equal variances (R oneway.test(var.equal = TRUE), aov); nulls with a note when untestable. */
  anova: { f: number | null; df1: number | null; df2: number | null; p: number | null };
  /** Per group, keyed by the group's label, in category order. */
  groups: Record<string, GroupSummary>;
  notes: StatisticsNote[];
}

function isScoreList(value: unknown): value is ArrayLike<number | null> {
  return Array.isArray(value) || ArrayBuffer.isView(value);
}

/**
 * Compares scores across the groups of a profile question (e.g. a dimension score by role): per group n, mean,
 * SD and median; the Kruskal–Wallis test (rank based, the default for Likert-type scores) and the one-way ANOVA F
 * test as an option. `scores` is either a list of scores aligned with `rows` (e.g. from `dimensionScores`, null =
 * missing) or a numeric item whose answers are compared as given. Respondents missing a score or a group are left
 * out; groups nobody is in are listed with n = 0 and ignored by the tests.
 */
export function compareGroups(
  rows: ReadonlyArray<Record<string, unknown>>,
  scores: ArrayLike<number | null> | ItemSpec | string,
  byItem: ItemSpec | string,
): GroupComparison {
  assertResponseRows(rows);
  let values: Float64Array;
  if (isScoreList(scores)) {
    if (scores.length !== rows.length) {
      throw new DomainError('misaligned-scores', `There are ${scores.length} scores for ${rows.length} responses; they must be aligned.`, { scores: scores.length, rows: rows.length });
    }
    values = new Float64Array(rows.length);
    for (let r = 0; r < rows.length; r++) {
      const x = scores[r];
      if (x === null || x === undefined) values[r] = Number.NaN;
      else if (typeof x !== 'number' || !Number.isFinite(x)) throw new DomainError('invalid-value', `Score ${r + 1} is not a finite number.`, { row: r });
      else values[r] = x;
    }
  } else {
    const item = asItemSpec(scores, 'number');
    validateItemSpecs([item]);
    if (item.kind !== 'likert' && item.kind !== 'number') {
      throw new DomainError('not-numeric', `"${item.name}" is a ${item.kind} item; groups can only be compared on numeric scores.`, { item: item.name });
    }
    values = readNumericAnswers(rows, item);
  }
  const bySpec = asItemSpec(byItem);
  validateItemSpecs([bySpec]);
  const { categories, indices } = readCategoryIndices(rows, bySpec);
  const sizes = new Int32Array(categories.length);
  for (let r = 0; r < rows.length; r++) {
    if (indices[r] >= 0 && values[r] === values[r]) sizes[indices[r]]++;
  }
  const members = categories.map((_, i) => new Float64Array(sizes[i]));
  const fill = new Int32Array(categories.length);
  let n = 0;
  for (let r = 0; r < rows.length; r++) {
    const i = indices[r];
    if (i < 0 || values[r] !== values[r]) continue;
    members[i][fill[i]++] = values[r];
    n++;
  }
  const notes: StatisticsNote[] = [];
  const groups: Record<string, GroupSummary> = {};
  categories.forEach((category, i) => {
    const summary = summariseColumn(members[i]);
    Object.defineProperty(groups, category.label, {
      value: { value: category.value, n: summary.n, mean: summary.mean, sd: summary.sd, median: summary.median },
      enumerable: true, writable: true, configurable: true,
    });
  });
  const result: GroupComparison = {
    n,
    kruskalWallis: { statistic: null, df: null, p: null },
    anova: { f: null, df1: null, df2: null, p: null },
    groups,
    notes,
  };
  const nonEmpty = members.filter((m) => m.length > 0);
  if (nonEmpty.length < 2) {
    notes.push({ code: 'too-few-groups', message: `Only ${nonEmpty.length} group of "${bySpec.name}" has scores; a comparison needs at least two.` });
    return result;
  }
  try {
    const kw = kruskalWallis(nonEmpty);
    result.kruskalWallis = { statistic: kw.statistic, df: kw.df, p: kw.p };
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    notes.push({ code: error.code, message: `Kruskal–Wallis: ${error.message}` });
  }
  try {
    const anova = oneWayAnova(nonEmpty);
    result.anova = { f: anova.f, df1: anova.df1, df2: anova.df2, p: anova.p };
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    notes.push({ code: error.code, message: `ANOVA: ${error.message}` });
  }
  return result;
}
