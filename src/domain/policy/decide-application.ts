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

  const reasons: PolicyReason[] = [];
  append(reasons, checkKnockOuts(policy.knockOuts, evaluation, borrower));
  append(reasons, checkGrade(policy, evaluation));
  if (exposure !== null) append(reasons, checkExposure(policy, grade, borrower.sizeBand, borrower.existingExposure, amount));
  append(reasons, checkAutoApprovalAmount(policy.autoApprovalMaxAmount, amount));
  append(reasons, checkTerm(policy.maxTermMonths, input.termMonths));
  append(reasons, checkCompleteness(policy.minCompleteness, input.completeness));
  append(reasons, checkEarlyWarning(policy.warningLevelActions, input.warningLevel));
  append(reasons, checkIndustryConcentration(policy.industryConcentration, borrower.industry, input.portfolio, offered));
  if (input.history.length > 0) {
    append(reasons, checkDuplicateApplication(loop.duplicate, input.history, asOf, input.requestId));
    append(reasons, checkSplitApplications(loop.split, input.history, amount, asOf, input.requestId));
  }
  const flagged: string[] = [];
  if (plaus !== null) {
    const bounds = checkImplausibleValues(plaus.bounds, borrower.indicators);
    for (const r of bounds) flagged.push(r.params.indicator as string);
    append(reasons, bounds);
    append(reasons, checkContradictoryRatios(plaus, borrower.indicators));
    if (plaus.statement !== null && borrower.statement) {
      append(reasons, checkStatementConsistency(plaus.statement, borrower.statement, borrower.indicators));
    }
  }
  append(reasons, checkStaleData(loop.staleness, borrower.snapshotAsOf, asOf));
  append(reasons, checkReviewFlags(policy.reviewFlagAction, evaluation, flagged));

  const decision = mostSevereDecision(reasons);
  return { decision, reasons: sortReasonsBySeverity(reasons), limit: decision === 'decline' ? 0 : offered };
}

function validateInput(input: ApplicationInput): void {
  const problems: string[] = [];
  const { policy, evaluation, borrower, portfolio } = input;
  if (!isFiniteNumber(input.amount) || input.amount <= 0) problems.push(`amount must be a finite number > 0, got ${String(input.amount)}.`);
  if (!isFiniteNumber(input.termMonths) || input.termMonths <= 0) problems.push(`termMonths must be a finite number > 0, got ${String(input.termMonths)}.`);
  if (!isFiniteNumber(input.completeness) || input.completeness < 0 || input.completeness > 1) problems.push(`completeness must be in [0, 1], got ${String(input.completeness)}.`);
  if (!LEVELS.has(input.warningLevel)) problems.push(`warningLevel must be green, yellow, orange or red, got ${String(input.warningLevel)}.`);
  if (!evaluation || !isFiniteNumber(evaluation.score)) problems.push('evaluation.score must be a finite number.');
  else if (!onScale(policy, evaluation.grade)) problems.push(`evaluation.grade "${String(evaluation.grade)}" is not on the policy's grade scale.`);
  if (!borrower) problems.push('borrower is required.');
  else {
    if (typeof borrower.id !== 'string' || borrower.id === '') problems.push('borrower.id is required.');
    if (!policy.sizeBands.includes(borrower.sizeBand)) problems.push(`borrower.sizeBand "${String(borrower.sizeBand)}" is not one of ${policy.sizeBands.join(', ')}.`);
    if (!isFiniteNumber(borrower.existingExposure) || borrower.existingExposure < 0) problems.push(`borrower.existingExposure must be a finite number ≥ 0, got ${String(borrower.existingExposure)}.`);
    const indicators = borrower.indicators;
    for (const id in indicators) {
      const v = indicators[id];
      if (typeof v === 'number' && !Number.isFinite(v)) problems.push(`borrower.indicators.${id} must be finite, got ${String(v)}.`);
    }
    checkDate(borrower.snapshotAsOf, 'borrower.snapshotAsOf', problems);
  }
  if (!portfolio || !isFiniteNumber(portfolio.totalBalance) || portfolio.totalBalance < 0) problems.push('portfolio.totalBalance must be a finite number ≥ 0.');
  else if (borrower && borrower.industry !== null && borrower.industry !== undefined) {
    const b = portfolio.balanceByIndustry[borrower.industry];
    if (b !== undefined && (!isFiniteNumber(b) || b < 0 || b > portfolio.totalBalance)) {
      problems.push(`portfolio.balanceByIndustry.${borrower.industry} must be between 0 and the total balance, got ${String(b)}.`);
    }
  }
  checkDate(input.asOf, 'asOf', problems);
  const history = Array.isArray(input.history) ? input.history : [];
  if (!Array.isArray(input.history)) problems.push('history must be a list (empty when the borrower has no earlier applications).');
  for (let i = 0; i < history.length; i++) {
    const h = history[i];
    if (!isFiniteNumber(h.amount) || h.amount < 0) problems.push(`history.${i}.amount must be a finite number ≥ 0.`);
    if (!DECISIONS.has(h.decision)) problems.push(`history.${i}.decision must be approve, refer or decline.`);
    checkDate(h.at, `history.${i}.at`, problems);
  }
  if (problems.length > 0) {
    throw new DomainError('invalid-application', `The application cannot be decided: ${problems.join(' ')}`, { problems });
  }
}

function append(into: PolicyReason[], from: readonly PolicyReason[]): void {
  for (let i = 0; i < from.length; i++) into.push(from[i]);
}

function isFiniteNumber(x: unknown): x is number {
  return typeof x === 'number' && Number.isFinite(x);
}

function onScale(policy: PolicyDefinition, grade: string): boolean {
  if (grade === policy.gradeScale.defaultGrade) return true;
  const bands = policy.gradeScale.bands;
  for (let i = 0; i < bands.length; i++) if (bands[i].grade === grade) return true;
  return false;
}

function checkDate(value: string, field: string, problems: string[]): void {
  try { isoInstantMs(value); } catch { problems.push(`${field} must be an ISO date or instant with Z or an offset, got ${JSON.stringify(value)}.`); }
}
