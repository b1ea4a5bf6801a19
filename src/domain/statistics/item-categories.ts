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
  return categories.map((c) => ((counts.get(c.label) ?? 0) > 1 ? { value: c.value, label: `${c.label} (${String(c.value)})` } : c));
}

/** An item given by name only is treated as a categorical ('choice') item without declared choices. */
export function asItemSpec(item: ItemSpec | string, kind: ItemSpec['kind'] = 'choice'): ItemSpec {
  return typeof item === 'string' ? { name: item, kind } : item;
}
