import { DEFAULT_INDEX_SYSTEM } from '../../domain/credit/default-index-system.js';
import type { NewHierarchyNode } from './hierarchy-document.js';

/**
 * The shipped template of credit-default-model.md as a hierarchy: goal "SME credit quality" → 7 criteria
 * (codes C1…C7) → 26 indicators (codes I11…I72, their definitions as descriptions), names in English and Chinese.
 */
export function defaultHierarchyTemplate(): NewHierarchyNode {
  const system = DEFAULT_INDEX_SYSTEM;
  return {
    code: 'GOAL',
    names: { en: system.goal.names.en, zh: system.goal.names.zh },
    descriptions: { en: '', zh: '' },
    children: system.criteria.map((criterion) => ({
      code: criterion.id,
      names: { en: criterion.names.en, zh: criterion.names.zh },
      descriptions: { en: '', zh: '' },
      children: system.indicators
        .filter((indicator) => indicator.criterion === criterion.id)
        .map((indicator) => ({
          code: indicator.id,
          names: { en: indicator.names.en, zh: indicator.names.zh },
          descriptions: { en: indicator.definition.en, zh: indicator.definition.zh ?? '' },
          children: [],
        })),
    })),
  };
}

/** An empty study: only its goal. */
export function emptyHierarchyTemplate(goalName: { en: string; zh: string }): NewHierarchyNode {
  return { code: 'GOAL', names: goalName, descriptions: { en: '', zh: '' }, children: [] };
}
