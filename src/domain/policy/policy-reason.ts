import type { LocalizedText } from '../credit/scoring-rule.js';

/** The three outcomes of the policy (issue 9): decline is more severe than refer, refer than approve. */
export type PolicyDecision = 'approve' | 'refer' | 'decline';

/** What a reason does to the decision: 'decline' and 'refer' force at least that outcome; 'info' explains only. */
export type ReasonSeverity = 'decline' | 'refer' | 'info';

/** Every reason code the policy emits; POLICY_REASON_CODES holds a title for each. */
export type PolicyReasonCode =
  | 'knock-out'
  | 'grade-approve' | 'grade-refer' | 'grade-decline'
  | 'limit-reduced' | 'no-exposure-headroom'
  | 'amount-above-auto-approval' | 'term-too-long'
  | 'data-incomplete' | 'early-warning' | 'industry-concentration' | 'review-flag'
  | 'duplicate-application' | 'split-application'
  | 'implausible-value' | 'review-value' | 'contradictory-ratios' | 'statement-mismatch' | 'statement-inconsistent'
  | 'stale-data' | 'snapshot-in-future';

/** Numbers and names behind a reason, for display and message templates (JSON-safe, never NaN). */
export type ReasonParams = Readonly<Record<string, number | string | boolean | null | readonly string[]>>;

export interface PolicyReason {
  readonly code: PolicyReasonCode;
  readonly severity: ReasonSeverity;
  /** A full sentence in English and Chinese with the numbers filled in. */
  readonly message: LocalizedText;
  readonly params: ReasonParams;
}

/** Builds a reason; `en` and `zh` are the finished sentences. */
export function policyReason(code: PolicyReasonCode, severity: ReasonSeverity, params: ReasonParams, en: string, zh: string): PolicyReason {
  return { code, severity, message: { en, zh }, params };
}
