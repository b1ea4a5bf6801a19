import { DomainError } from '../domain-error.js';
import type { ApplicationInput } from './application-input.js';
import { checkAutoApprovalAmount } from './check-auto-approval-amount.js';
import { checkCompleteness } from './check-completeness.js';
import { checkContradictoryRatios } from './check-contradictory-ratios.js';
import { checkDuplicateApplication } from './check-duplicate-application.js';
import { checkEarlyWarning } from './check-early-warning.js';
import { checkExposure } from './check-exposure.js';
import { checkGrade } from './check-grade.js';
import { checkImplausibleValues } from './check-implausible-values.js';
import { checkIndustryConcentration } from './check-industry-concentration.js';
import { checkKnockOuts } from './check-knock-outs.js';
import { checkReviewFlags } from './check-review-flags.js';
import { checkSplitApplications } from './check-split-applications.js';
import { checkStaleData } from './check-stale-data.js';
import { checkStatementConsistency } from './check-statement-consistency.js';
import { checkTerm } from './check-term.js';
import { exposureLimit } from './exposure-limit.js';
import { gradeAction } from './grade-action.js';
import { isoInstantMs } from './iso-instant-ms.js';
import { mostSevereDecision, sortReasonsBySeverity } from './most-severe-decision.js';
import type { PolicyDefinition } from './policy-definition.js';
import type { PolicyDecision, PolicyReason } from './policy-reason.js';
import { validatePolicy } from './validate-policy.js';

export interface DecisionResult {
  readonly decision: PolicyDecision;
  /** Every rule that fired, most severe first (decline, refer, info), in rule order within a severity. */
  readonly reasons: readonly PolicyReason[];
  /** 0 for decline; otherwise the offered amount min(requested, exposure headroom) — for refer, the most an
   *  officer may approve without breaking the exposure table. */
  readonly limit: number;
}

const validated = new WeakSet<PolicyDefinition>();
const LEVELS = new Set(['green', 'yellow', 'orange', 'red']);
const DECISIONS = new Set(['approve', 'refer', 'decline']);

/**
 * The online approval decision (issue 9, item 2): a pure, deterministic function of its input (the clock is
 * `asOf`). Rules, in order, each documented in its own file:
 * knock-outs (checkKnockOuts) · grade thresholds (checkGrade) · exposure by grade × size band with existing
 * exposure (checkExposure; skipped when the grade declines) · automatic approval ceiling (checkAutoApprovalAmount)
 * · maximum term (checkTerm) · data completeness (checkCompleteness) · early-warning level (checkEarlyWarning) ·
 * industry concentration after the offered amount (checkIndustryConcentration) · loophole checks: duplicate
 * (checkDuplicateApplication), split (checkSplitApplications), implausible values (checkImplausibleValues),
 * contradictory ratios (checkContradictoryRatios), statement consistency (checkStatementConsistency), stale data
 * (checkStaleData) · the model's review flags not already covered (checkReviewFlags).
 * Decision = the most severe reason (decline > refer > approve); limit = 0 for decline, else
 * min(amount, max(0, table limit − existing exposure)).
 * Throws DomainError `invalid-policy` (problems listed; the validation is cached per policy object) or
 * `invalid-application` (every input problem listed), or `invalid-date` for an unreadable date.
 */
export function decideApplication(input: ApplicationInput): DecisionResult {
  const { policy, evaluation, borrower, amount, asOf } = input;
  if (!validated.has(policy)) {
    const errors = validatePolicy(policy).filter((p) => p.severity === 'error');
    if (errors.length > 0) {
      throw new DomainError('invalid-policy', `The policy is invalid: ${errors.map((p) => p.message).join(' ')}`, { problems: errors });
    }
    validated.add(policy);
  }
  validateInput(input);

  const grade = evaluation.grade;
  const gradeDecision = gradeAction(policy, grade);
  const exposure = gradeDecision === 'decline' ? null : exposureLimit(policy, grade, borrower.sizeBand, borrower.existingExposure, amount);
  const offered = exposure === null ? 0 : exposure.offered;
  const loop = policy.loopholeChecks;
  const plaus = loop.plausibility;

  const reasons: PolicyReason[] = [
    ...checkKnockOuts(policy.knockOuts, evaluation, borrower),
    ...checkGrade(policy, evaluation),
    ...(exposure === null ? [] : checkExposure(policy, grade, borrower.sizeBand, borrower.existingExposure, amount)),
    ...checkAutoApprovalAmount(policy.autoApprovalMaxAmount, amount),
    ...checkTerm(policy.maxTermMonths, input.termMonths),
    ...checkCompleteness(policy.minCompleteness, input.completeness),
    ...checkEarlyWarning(policy.warningLevelActions, input.warningLevel),
    ...checkIndustryConcentration(policy.industryConcentration, borrower.industry, input.portfolio, offered),
    ...checkDuplicateApplication(loop.duplicate, input.history, asOf, input.requestId),
    ...checkSplitApplications(loop.split, input.history, amount, asOf, input.requestId),
  ];
  const flagged = new Set<string>();
  if (plaus !== null) {
    const bounds = checkImplausibleValues(plaus.bounds, borrower.indicators);
    for (const r of bounds) flagged.add(r.params.indicator as string);
    reasons.push(...bounds, ...checkContradictoryRatios(plaus, borrower.indicators));
    if (plaus.statement !== null && borrower.statement) {
      reasons.push(...checkStatementConsistency(plaus.statement, borrower.statement, borrower.indicators));
    }
  }
  reasons.push(...checkStaleData(loop.staleness, borrower.snapshotAsOf, asOf));
  reasons.push(...checkReviewFlags(policy.reviewFlagAction, evaluation, flagged));

  const decision = mostSevereDecision(reasons);
  return { decision, reasons: sortReasonsBySeverity(reasons), limit: decision === 'decline' ? 0 : offered };
}

function validateInput(input: ApplicationInput): void {
  const problems: string[] = [];
  const finite = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
  const { policy, evaluation, borrower, portfolio } = input;
  if (!finite(input.amount) || input.amount <= 0) problems.push(`amount must be a finite number > 0, got ${String(input.amount)}.`);
  if (!finite(input.termMonths) || input.termMonths <= 0) problems.push(`termMonths must be a finite number > 0, got ${String(input.termMonths)}.`);
  if (!finite(input.completeness) || input.completeness < 0 || input.completeness > 1) problems.push(`completeness must be in [0, 1], got ${String(input.completeness)}.`);
  if (!LEVELS.has(input.warningLevel)) problems.push(`warningLevel must be green, yellow, orange or red, got ${String(input.warningLevel)}.`);
  if (!evaluation || !finite(evaluation.score)) problems.push('evaluation.score must be a finite number.');
  else {
    const scale = policy.gradeScale;
    if (evaluation.grade !== scale.defaultGrade && !scale.bands.some((b) => b.grade === evaluation.grade)) {
      problems.push(`evaluation.grade "${String(evaluation.grade)}" is not on the policy's grade scale.`);
    }
  }
  if (!borrower) problems.push('borrower is required.');
  else {
    if (typeof borrower.id !== 'string' || borrower.id === '') problems.push('borrower.id is required.');
    if (!policy.sizeBands.includes(borrower.sizeBand)) problems.push(`borrower.sizeBand "${String(borrower.sizeBand)}" is not one of ${policy.sizeBands.join(', ')}.`);
    if (!finite(borrower.existingExposure) || borrower.existingExposure < 0) problems.push(`borrower.existingExposure must be a finite number ≥ 0, got ${String(borrower.existingExposure)}.`);
    for (const id in borrower.indicators) {
      const v = borrower.indicators[id];
      if (typeof v === 'number' && !Number.isFinite(v)) problems.push(`borrower.indicators.${id} must be finite, got ${String(v)}.`);
    }
    tryDate(borrower.snapshotAsOf, 'borrower.snapshotAsOf', problems);
  }
  if (!portfolio || !finite(portfolio.totalBalance) || portfolio.totalBalance < 0) problems.push('portfolio.totalBalance must be a finite number ≥ 0.');
  else if (borrower && borrower.industry !== null && borrower.industry !== undefined) {
    const b = portfolio.balanceByIndustry[borrower.industry];
    if (b !== undefined && (!finite(b) || b < 0 || b > portfolio.totalBalance)) {
      problems.push(`portfolio.balanceByIndustry.${borrower.industry} must be between 0 and the total balance, got ${String(b)}.`);
    }
  }
  tryDate(input.asOf, 'asOf', problems);
  input.history.forEach((h, i) => {
    if (!finite(h.amount) || h.amount < 0) problems.push(`history.${i}.amount must be a finite number ≥ 0.`);
    if (!DECISIONS.has(h.decision)) problems.push(`history.${i}.decision must be approve, refer or decline.`);
    tryDate(h.at, `history.${i}.at`, problems);
  });
  if (problems.length > 0) {
    throw new DomainError('invalid-application', `The application cannot be decided: ${problems.join(' ')}`, { problems });
  }
}

function tryDate(value: string, field: string, problems: string[]): void {
  try { isoInstantMs(value); } catch { problems.push(`${field} must be an ISO date or instant with Z or an offset, got ${JSON.stringify(value)}.`); }
}
