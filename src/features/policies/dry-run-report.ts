import { decideApplication } from '../../domain/policy/decide-application.js';
import type { PolicyDefinition } from '../../domain/policy/policy-definition.js';
import { policyDryRun, type DryRunMix, type PolicyDryRunResult } from '../../domain/policy/policy-dry-run.js';
import type { PolicyDecision, PolicyReason } from '../../domain/policy/policy-reason.js';
import type { PortfolioCase } from './dry-run-cases.js';
import type { ApprovalDryRun } from './policy-version.js';

export interface GradeRow {
  grade: string;
  mix: DryRunMix;
  baselineMix: DryRunMix | null;
  changed: number;
}

export interface ChangedCase {
  snapshotId: number;
  borrowerId: number;
  borrowerRef: string;
  borrowerName: string | null;
  grade: string;
  from: PolicyDecision;
  to: PolicyDecision;
  /** Reasons under the policy (most severe first). */
  reasons: readonly PolicyReason[];
}

export interface DryRunReport {
  /** policyDryRun on every case (with the baseline when given). */
  result: PolicyDryRunResult;
  /** policyDryRun on each grade's cases, grades in scale order (then any other grade). */
  byGrade: GradeRow[];
  /** Changed cases (at most `maxChanges`), in case order. */
  changes: ChangedCase[];
  cases: number;
}

/**
 * The dry run's figures: the domain's policyDryRun over all cases and over each grade's cases (so the per-grade
 * rows add up to the overall mix), and the changed cases with the policy's reasons (decideApplication again, on
 * the changed cases only).
 */
export function dryRunReport(policy: PolicyDefinition, cases: readonly PortfolioCase[], baseline: PolicyDefinition | null,
  gradeOrder: readonly string[], maxChanges = 200): DryRunReport {
  const options = { baseline };
  const result = policyDryRun(policy, cases.map((c) => c.case), options);
  const groups = new Map<string, PortfolioCase[]>();
  for (const c of cases) {
    const list = groups.get(c.grade) ?? [];
    list.push(c);
    groups.set(c.grade, list);
  }
  const grades = [...gradeOrder.filter((g) => groups.has(g)), ...[...groups.keys()].filter((g) => !gradeOrder.includes(g)).sort()];
  const byGrade = grades.map((grade) => {
    const r = policyDryRun(policy, (groups.get(grade) as PortfolioCase[]).map((c) => c.case), options);
    return { grade, mix: r.mix, baselineMix: r.comparison?.baselineMix ?? null, changed: r.comparison?.changed ?? 0 };
  });
  const changes: ChangedCase[] = (result.comparison?.changes ?? []).slice(0, maxChanges).map((ch) => {
    const c = cases[ch.index] as PortfolioCase;
    return {
      snapshotId: c.snapshotId, borrowerId: c.borrowerId, borrowerRef: c.borrowerRef, borrowerName: c.borrowerName, grade: c.grade,
      from: ch.from, to: ch.to, reasons: decideApplication({ ...c.case, policy }).reasons,
    };
  });
  return { result, byGrade, changes, cases: cases.length };
}

/** What is kept with an approval: the mix, reasons and comparison table (no per-case lists). */
export function approvalSummary(report: DryRunReport, meta: { ranAt: string; portfolio: string | null; baselinePolicyId: number | null }): ApprovalDryRun {
  const r = report.result;
  return {
    ranAt: meta.ranAt, portfolio: meta.portfolio, cases: report.cases, baselinePolicyId: meta.baselinePolicyId,
    result: {
      mix: r.mix, reasonCounts: r.reasonCounts, errors: r.errors.length,
      comparison: r.comparison ? { baselineMix: r.comparison.baselineMix, changed: r.comparison.changed, table: r.comparison.table } : null,
    },
  };
}
