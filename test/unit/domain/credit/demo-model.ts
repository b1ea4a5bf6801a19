import { buildCreditModel, type BuildCreditModelOptions } from '../../../../src/domain/credit/build-credit-model.js';
import type { CreditModelDefinition } from '../../../../src/domain/credit/credit-model-definition.js';
import { DEFAULT_INDEX_SYSTEM } from '../../../../src/domain/credit/default-index-system.js';
import { powerIteration } from './power-iteration.js';

/** The demo default model: local weights = principal eigenvectors (power iteration) of the demo matrices. */
export function demoModel(options: BuildCreditModelOptions = {}): CreditModelDefinition {
  return buildCreditModel(DEFAULT_INDEX_SYSTEM, (m) => powerIteration(m).vector, options);
}

/** Every indicator of the default model at a value scoring 100 (the best code, or past the best anchor). */
export function perfectIndicators(model: CreditModelDefinition): Record<string, number | string> {
  const out: Record<string, number | string> = {};
  for (const ind of model.indicators) {
    if (ind.rule.kind === 'codes') out[ind.id] = ind.rule.codes.reduce((a, b) => (b.score > a.score ? b : a)).code;
    else {
      const a = ind.rule.anchors;
      out[ind.id] = a[0].score > a[a.length - 1].score ? a[0].raw : a[a.length - 1].raw;
    }
  }
  return out;
}
