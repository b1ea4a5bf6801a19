import { DomainError, describeValue } from '../domain-error.js';
import { compareCodes } from './frequency-table.js';
import type { AnswerCode } from './item-answers.js';
import { itemScale } from './item-answers.js';
import type { ItemSpec } from './item-spec.js';

export interface ItemCategory {
  value: AnswerCode;
  label: string;
}

/**
 * The categories of an item for tables and group comparisons, in display order: a likert item's scale points
 * (min…max, labelled by its choices where given), a choice item's declared choices, then any observed codes that
 * were not declared (ascending). Labels are made unique by appending the code when two categories share one.
 */
export function itemCategories(item: ItemSpec, observed: Iterable<AnswerCode>): ItemCategory[] {
  const labels = new Map<string, string | undefined>((item.choices ?? []).map((c) => [String(c.value), c.label]));
  const categories: ItemCategory[] = [];
  const seen = new Set<string>();
  const add = (value: AnswerCode): void => {
    const key = String(value);
    if (seen.has(key)) return;
    seen.add(key);
    categories.push({ value, label: labels.get(key) ?? key });
  };
  const scale = item.kind === 'likert' ? itemScale(item) : null;
  if (scale !== null) for (let v = scale.min; v <= scale.max; v++) add(v);
  for (const choice of item.choices ?? []) add(choice.value);
  const extra = [...new Set(observed)].filter((v) => !seen.has(String(v))).sort(compareCodes);
  for (const value of extra) add(value);
  const counts = new Map<string, number>();
  for (const c of categories) counts.set(c.label, (counts.get(c.label) ?? 0) + 1);
  return categories.map((c) => ((counts.get(c.label) ?? 0) > 1 ? { value: c.value, label: `${c.label} (${describeValue(c.value)})` } : c));
}

/** An item given by name only is treated as a categorical ('choice') item without declared choices. */
export function asItemSpec(item: ItemSpec | string, kind: ItemSpec['kind'] = 'choice'): ItemSpec {
  return typeof item === 'string' ? { name: item, kind } : item;
}

export interface CategoryIndices {
  /** The item's categories in display order (see `itemCategories`). */
  categories: ItemCategory[];
  /** indices[r] = the category of row r's answer, or −1 when row r did not answer. */
  indices: Int32Array;
}

/**
 * Reads a single-answer categorical item in one pass as category indices (an Int32Array, −1 = missing) together
 * with its categories in display order — the fast form used by cross-tabulation and group comparison.
 * Codes match declared choices by their text form ("2" and 2), like `readCategoricalAnswers`. Throws a
 * DomainError for a multi-select answer (a list) or an answer that is not a code.
 */
export function readCategoryIndices(rows: ReadonlyArray<Record<string, unknown>>, item: ItemSpec): CategoryIndices {
  const base = itemCategories(item, []);
  const known = new Map<string, number>(base.map((c, i) => [String(c.value), i]));
  const extra = new Map<string, { value: AnswerCode; provisional: number }>();
  const indices = new Int32Array(rows.length);
  const name = item.name;
  for (let r = 0; r < rows.length; r++) {
    const raw = rows[r][name];
    if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) { indices[r] = -1; continue; }
    let key: string;
    if (typeof raw === 'string') key = raw;
    else if ((typeof raw === 'number' && Number.isFinite(raw)) || typeof raw === 'boolean') key = String(raw);
    else if (Array.isArray(raw)) {
      throw new DomainError('multi-select', `Response ${r + 1}: "${name}" has several answers; this analysis needs one answer per respondent.`, { row: r, item: name });
    } else {
      throw new DomainError('invalid-answer', `Response ${r + 1}: the answer to "${name}" is not a code.`, { row: r, item: name });
    }
    let index = known.get(key);
    if (index === undefined && typeof raw === 'string') index = known.get(raw.trim());
    if (index === undefined) {
      let entry = extra.get(key);
      if (entry === undefined) {
        entry = { value: typeof raw === 'boolean' ? key : (raw as AnswerCode), provisional: base.length + extra.size };
        extra.set(key, entry);
      }
      index = entry.provisional;
    }
    indices[r] = index;
  }
  if (extra.size === 0) return { categories: base, indices };
  const categories = itemCategories(item, [...extra.values()].map((e) => e.value));
  const finalIndex = new Map<string, number>(categories.map((c, i) => [String(c.value), i]));
  const remap = new Int32Array(base.length + extra.size);
  for (let i = 0; i < base.length; i++) remap[i] = i;
  for (const [key, entry] of extra) remap[entry.provisional] = finalIndex.get(key) as number;
  for (let r = 0; r < indices.length; r++) if (indices[r] >= base.length) indices[r] = remap[indices[r]];
  return { categories, indices };
}
