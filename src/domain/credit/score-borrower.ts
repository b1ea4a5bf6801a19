import type { BorrowerEvaluation, BorrowerInput } from './borrower-evaluation.js';
import { compileModel, type CompiledCreditModel } from './compile-model.js';
import type { CreditModelDefinition } from './credit-model-definition.js';

const compiledCache = new WeakMap<CreditModelDefinition, CompiledCreditModel>();

/**
 * Scores one borrower under a credit model: score S = Σ applied global weight × indicator score (0–100, full
 * precision), grade from the scale, then requirements, caps, knock-outs and default; missing indicators handled
 * by the model's policy and flagged; industry variant and overlay listed in `adjustments` (see compileModel for
 * the formulas; DESIGN §5; credit-default-model.md).
 *
 * The compiled form is cached per definition object, so a definition must not be mutated after its first use
 * (approved model versions are immutable). For batch work call compileModel once and use its `score`.
 * Throws DomainError `invalid-model`, `invalid-borrower` (unknown ids, wrong types, unknown codes — all listed
 * in details) or `no-indicator-values`.
 */
export function scoreBorrower(model: CreditModelDefinition, borrower: BorrowerInput): BorrowerEvaluation {
  let compiled = compiledCache.get(model);
  if (!compiled) {
    compiled = compileModel(model);
    compiledCache.set(model, compiled);
  }
  return compiled.score(borrower);
}
