import type { GradeScale } from '../../domain/credit/grade-scale.js';
import { approvalRateByGrade, type ApprovalRateRow } from '../../domain/policy/approval-rate-by-grade.js';
import type { DecisionRecord } from '../../domain/policy/decision-record.js';
import { decisionMix, type DecisionMixRow, type MixPeriod } from '../../domain/policy/decision-mix.js';
import { defaultRatesByDecisionPath, type DefaultRateRow } from '../../domain/policy/default-rates-by-decision-path.js';
import { overrideAlerts, type OverrideAlert } from '../../domain/policy/override-alerts.js';
import { overrideRates, type OverrideRateRow } from '../../domain/policy/override-rates.js';
import type { DecisionListRow } from './decisions-repository.js';

export interface MonitoringOptions {
  period: MixPeriod;
  /** Override-rate alert threshold, a share in [0, 1]. */
  threshold: number;
  /** Officer decisions a group needs before it can raise an alert. */
  minCount: number;
  utcOffsetMinutes: number;
}

/** Defaults of the monitoring page: 10 % override rate over at least 10 officer decisions, by month, China Standard Time. */
export const MONITORING_DEFAULTS: MonitoringOptions = { period: 'month', threshold: 0.1, minCount: 10, utcOffsetMinutes: 480 };

export interface Monitoring {
  total: number;
  mix: DecisionMixRow[];
  /** Final approval rate per grade (pending referrals counted apart). */
  approvalByGrade: ApprovalRateRow[];
  overrides: { officer: OverrideRateRow[]; branch: OverrideRateRow[]; grade: OverrideRateRow[] };
  alerts: OverrideAlert[];
  defaultRates: DefaultRateRow[];
  counts: { automatic: number; officer: number; overrides: number; pending: number; outcomesKnown: number };
}

/** A stored case as the monitoring functions read it (DecisionRecord). */
export function decisionRecord(r: DecisionListRow): DecisionRecord {
  const closed = r.status === 'closed' ? r.finalDecision : null;
  return {
    requestId: r.requestId,
    at: r.decidedAt,
    grade: r.grade,
    policyDecision: r.policyDecision,
    finalDecision: closed,
    officer: closed !== null && r.finalSource === 'officer' ? (r.officerName ?? `#${r.officerId ?? '?'}`) : null,
    branch: r.branch,
    defaulted: r.outcome === 'defaulted' ? true : r.outcome === 'performing' ? false : null,
  };
}

/**
 * The monitoring page's figures (issue 9 item 5), all from the domain functions: policy decision mix over time
 * (decisionMix), final approval rate by grade with Wilson intervals (approvalRateByGrade), override rates by
 * officer, branch and grade (overrideRates) and the alerts above the threshold (overrideAlerts, over all three
 * groupings), later default rates of policy approvals, approved referrals and low-side overrides
 * (defaultRatesByDecisionPath).
 */
export function monitoring(rows: readonly DecisionListRow[], scale: GradeScale | undefined, options: MonitoringOptions): Monitoring {
  const records = rows.map(decisionRecord);
  const officer = overrideRates(records, 'officer');
  const branch = overrideRates(records, 'branch');
  const grade = overrideRates(records, 'grade');
  const alerts = overrideAlerts([...officer, ...branch, ...grade], options.threshold, options.minCount);
  let automatic = 0, officerCount = 0, overrides = 0, pending = 0, outcomesKnown = 0;
  for (const r of rows) {
    if (r.status !== 'closed') pending++;
    else if (r.finalSource === 'officer') officerCount++;
    else automatic++;
    if (r.status === 'closed' && (r.overrideKind === 'decline-to-approve' || r.overrideKind === 'approve-to-decline')) overrides++;
    if (r.outcome !== null) outcomesKnown++;
  }
  return {
    total: rows.length,
    mix: rows.length ? decisionMix(records, options.period, { utcOffsetMinutes: options.utcOffsetMinutes }) : [],
    approvalByGrade: approvalRateByGrade(records, scale),
    overrides: { officer, branch, grade },
    alerts,
    defaultRates: defaultRatesByDecisionPath(records),
    counts: { automatic, officer: officerCount, overrides, pending, outcomesKnown },
  };
}
