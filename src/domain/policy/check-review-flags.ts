import type { PolicyEvaluation } from './application-input.js';
import { policyReason, type PolicyReason } from './policy-reason.js';

/**
 * The credit model's own review flags (evaluation warnings with code 'review-value', e.g. revenue growth above
 * 100 %, credit-default-model.md I43) → refer ('review-flag', params { indicator }), one per indicator, except
 * indicators in `alreadyFlagged` (a plausibility bound already gave a reason for them). action 'none' → nothing.
 */
export function checkReviewFlags(action: 'none' | 'refer', evaluation: PolicyEvaluation, alreadyFlagged: readonly string[]): PolicyReason[] {
  if (action === 'none') return [];
  const out: PolicyReason[] = [];
  const seen: string[] = [];
  for (const w of evaluation.warnings) {
    if (w.code !== 'review-value') continue;
    for (const id of w.indicators ?? []) {
      if (alreadyFlagged.includes(id) || seen.includes(id)) continue;
      seen.push(id);
      const text = w.message.replace(/[.\s]+$/, '');
      out.push(policyReason('review-flag', 'refer', { indicator: id },
        `The credit model flags ${id} for review: ${text}.`,
        `信用模型标记指标${id}需复核。`));
    }
  }
  return out;
}
