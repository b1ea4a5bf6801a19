import { DomainError, describeValue } from '../domain-error.js';
import { itemScale } from './item-answers.js';
import type { ItemSpec } from './item-spec.js';

const KINDS = new Set(['likert', 'choice', 'text', 'number']);

/**
 * Checks item specifications before analysis: unique non-empty names, a known kind, a valid scale for likert
 * items (whole numbers, min < max), dimensions only on numeric items, and reverse-coding only where the scale is
 * known (reverse-coding uses the item's own scale, min + max − x). Throws a DomainError naming the item.
 */
export function validateItemSpecs(items: readonly ItemSpec[]): void {
  const seen = new Set<string>();
  for (const item of items) {
    if (typeof item.name !== 'string' || item.name === '') {
      throw new DomainError('invalid-item', 'Every item needs a non-empty name.', { item: item.name });
    }
    if (seen.has(item.name)) throw new DomainError('duplicate-item', `The item name "${item.name}" is used twice.`, { item: item.name });
    seen.add(item.name);
    if (!KINDS.has(item.kind)) throw new DomainError('invalid-item', `Item "${item.name}" has an unknown kind "${describeValue(item.kind)}".`, { item: item.name });
    const scale = itemScale(item);
    if (item.kind === 'likert' && scale !== null) {
      if (!Number.isInteger(scale.min) || !Number.isInteger(scale.max) || scale.min >= scale.max || scale.max - scale.min > 1000) {
        throw new DomainError('invalid-scale', `Item "${item.name}" needs whole-number scale points with min < max, got ${scale.min}–${scale.max}.`, { item: item.name, ...scale });
      }
    }
    if (item.kind === 'number' && item.min !== undefined && item.max !== undefined && !(item.min < item.max)) {
      throw new DomainError('invalid-scale', `Item "${item.name}" needs min < max, got ${item.min}–${item.max}.`, { item: item.name, min: item.min, max: item.max });
    }
    if (item.dimension !== undefined && item.kind !== 'likert' && item.kind !== 'number') {
      throw new DomainError('invalid-dimension-item', `Item "${item.name}" is a ${item.kind} item and cannot be part of dimension "${item.dimension}"; only likert and number items can.`, { item: item.name, dimension: item.dimension });
    }
    if (item.reverse === true && scale === null) {
      throw new DomainError('reverse-without-scale', `Item "${item.name}" is reverse-coded but has no scale; give it min and max.`, { item: item.name });
    }
  }
}
