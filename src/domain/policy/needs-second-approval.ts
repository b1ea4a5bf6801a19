import { DomainError } from '../domain-error.js';
import type { OverrideKind, PolicyDefinition } from './policy-definition.js';

/**
 * Four-eyes rule for overrides (issue 9, item 4: "above a configurable amount a second officer's approval"):
 * true when `kind` is one of policy.overrides.secondApprovalKinds and amount > secondApprovalAboveAmount
 * (strictly; a null threshold never requires one). `amount` is what the officer approves (for a decline, the
 * amount requested). Example (DEFAULT_POLICY, threshold 1,000,000, both override kinds): decline-to-approve of
 * 1,000,000 → false; of 1,000,001 → true; refer-approved of 5,000,000 → false.
 * Throws DomainError `invalid-amount` for a negative or non-finite amount.
 */
export function needsSecondApproval(policy: PolicyDefinition, amount: number, kind: OverrideKind): boolean {
  if (typeof amount !== 'number' || !Number.isFinite(amount) || amount < 0) {
    throw new DomainError('invalid-amount', `The amount must be a finite number ≥ 0, got ${String(amount)}.`, { amount });
  }
  const threshold = policy.overrides.secondApprovalAboveAmount;
  return threshold !== null && amount > threshold && policy.overrides.secondApprovalKinds.includes(kind);
}
