export interface FrequencyRow {
  /** The answer code as stored. */
  value: string | number;
  /** Text shown for the code (the choice label, or the code itself). */
  label: string;
  count: number;
  /** Share of the n respondents who answered, in percent (multi-select items can sum to more than 100). */
  percent: number;
}

export interface FrequencyCategory {
  value: string | number;
  label?: string;
}

/**
 * Frequency table of answer codes: count and percent (count/n·100) per category. Declared categories come first
 * in their own order (zero counts kept, so stacked bars line up across items); codes that were not declared follow
 * in ascending order. `n` is the number of respondents who answered (the percent base); by default the number of
 * values. Example: frequencyTable([1, 2, 2]) → [{ value: 1, count: 1, percent: 33.3 }, { value: 2, count: 2, … }].
 */
export function frequencyTable(
  values: ReadonlyArray<string | number>,
  categories: readonly FrequencyCategory[] = [],
  n: number = values.length,
): FrequencyRow[] {
  const counts = new Map<string | number, number>();
  for (const category of categories) counts.set(category.value, 0);
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  const declared = new Set(categories.map((c) => c.value));
  const undeclared = [...counts.keys()].filter((v) => !declared.has(v)).sort(compareCodes);
  const base = n > 0 ? n : 1;
  const rows: FrequencyRow[] = [];
  for (const category of categories) {
    const count = counts.get(category.value) ?? 0;
    rows.push({ value: category.value, label: category.label ?? String(category.value), count, percent: (100 * count) / base });
  }
  for (const value of undeclared) {
    const count = counts.get(value) ?? 0;
    rows.push({ value, label: String(value), count, percent: (100 * count) / base });
  }
  return rows;
}

/** Numbers before strings, numbers ascending, strings by code unit order (deterministic across locales). */
export function compareCodes(a: string | number, b: string | number): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'number') return -1;
  if (typeof b === 'number') return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}
