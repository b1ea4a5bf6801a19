import { DomainError } from '../domain-error.js';
import type { ApplicationInput } from './application-input.js';
import { decideApplication, type DecisionResult } from './decide-application.js';
import type { PolicyDefinition } from './policy-definition.js';
import type { PolicyDecision, PolicyReasonCode } from './policy-reason.js';
import { POLICY_REASON_CODES } from './policy-reason-codes.js';
import { validatePolicy } from './validate-policy.js';

/** One case of a dry run: an application without its policy (the dry run supplies it). */
export type DryRunCase = Omit<ApplicationInput, 'policy'> & { readonly caseId?: string };

export interface DryRunMix {
  /** Cases decided (cases that could not be decided are in `errors`). */
  readonly total: number;
  readonly approve: number;
  readonly refer: number;
  readonly decline: number;
  /** Shares of `total`; null when total = 0. */
  readonly approveShare: number | null;
  readonly referShare: number | null;
  readonly declineShare: number | null;
  /** Σ limits (what approvals and referrals could book at most). */
  readonly totalLimit: number;
}

export interface DryRunComparison {
  readonly baselineMix: DryRunMix;
  /** Cases whose decision differs between the baseline and the policy. */
  readonly changed: number;
  /** table[from][to]: cases decided `from` under the baseline and `to` under the policy. */
  readonly table: Readonly<Record<PolicyDecision, Readonly<Record<PolicyDecision, number>>>>;
  /** Every changed case, in input order. */
  readonly changes: readonly { readonly index: number; readonly caseId: string | null; readonly from: PolicyDecision; readonly to: PolicyDecision }[];
}

export interface PolicyDryRunResult {
  readonly mix: DryRunMix;
  /** Cases with at least one reason of each code, in catalogue order (codes that never fired are left out). */
  readonly reasonCounts: readonly { readonly code: PolicyReasonCode; readonly cases: number }[];
  /** Present when a baseline policy was given. */
  readonly comparison: DryRunComparison | null;
  /** Cases that could not be decided (bad input), with the error; they count in no mix. */
  readonly errors: readonly { readonly index: number; readonly caseId: string | null; readonly code: string; readonly message: string }[];
}

const ORDER: readonly PolicyDecision[] = ['approve', 'refer', 'decline'];

/**
 * Dry run of a policy on a portfolio or a sample (issue 9, item 1: "before approving, a dry run shows the decision
 * mix it would produce and how it differs from the current policy"): decideApplication on every case under
 * `policy` (and under `options.baseline`, the current policy, when given), then the decision mix, how often each
 * reason fires, and the baseline × policy table of decisions (a 3 × 3 from → to count; changed = off-diagonal sum).
 * A case whose input is rejected (DomainError) is listed in `errors` and left out everywhere, so one bad row does
 * not stop the run. Throws DomainError `invalid-policy` when either policy has errors.
 */
export function policyDryRun(policy: PolicyDefinition, cases: readonly DryRunCase[],
  options: { readonly baseline?: PolicyDefinition | null } = {}): PolicyDryRunResult {
  const baseline = options.baseline ?? null;
  for (const [name, p] of [['policy', policy], ['baseline', baseline]] as const) {
    if (p === null) continue;
    const errors = validatePolicy(p).filter((x) => x.severity === 'error');
    if (errors.length > 0) throw new DomainError('invalid-policy', `The ${name} policy is invalid: ${errors.map((x) => x.message).join(' ')}`, { which: name, problems: errors });
  }
  const mixAcc = newMix(), baseAcc = newMix();
  const reasonCases = new Map<PolicyReasonCode, number>();
  const table: Record<PolicyDecision, Record<PolicyDecision, number>> = {
    approve: { approve: 0, refer: 0, decline: 0 }, refer: { approve: 0, refer: 0, decline: 0 }, decline: { approve: 0, refer: 0, decline: 0 },
  };
  const changes: { index: number; caseId: string | null; from: PolicyDecision; to: PolicyDecision }[] = [];
  const errors: { index: number; caseId: string | null; code: string; message: string }[] = [];

  cases.forEach((c, index) => {
    const caseId = c.caseId ?? null;
    let result: DecisionResult, before: DecisionResult | null = null;
    try {
      result = decideApplication({ ...c, policy });
      if (baseline !== null) before = decideApplication({ ...c, policy: baseline });
    } catch (e) {
      if (e instanceof DomainError) { errors.push({ index, caseId, code: e.code, message: e.message }); return; }
      throw e;
    }
    add(mixAcc, result);
    const seen = new Set<PolicyReasonCode>();
    for (const r of result.reasons) seen.add(r.code);
    for (const code of seen) reasonCases.set(code, (reasonCases.get(code) ?? 0) + 1);
    if (before !== null) {
      add(baseAcc, before);
      table[before.decision][result.decision]++;
      if (before.decision !== result.decision) changes.push({ index, caseId, from: before.decision, to: result.decision });
    }
  });

  return {
    mix: finish(mixAcc),
    reasonCounts: POLICY_REASON_CODES.filter((i) => reasonCases.has(i.code)).map((i) => ({ code: i.code, cases: reasonCases.get(i.code) as number })),
    comparison: baseline === null ? null : { baselineMix: finish(baseAcc), changed: changes.length, table, changes },
    errors,
  };
}

function newMix() {
  return { approve: 0, refer: 0, decline: 0, totalLimit: 0 };
}

function add(acc: { approve: number; refer: number; decline: number; totalLimit: number }, r: DecisionResult): void {
  acc[r.decision]++;
  acc.totalLimit += r.limit;
}

function finish(acc: { approve: number; refer: number; decline: number; totalLimit: number }): DryRunMix {
  const total = ORDER.reduce((s, d) => s + acc[d], 0);
  const share = (x: number) => (total > 0 ? x / total : null);
  return {
    total, approve: acc.approve, refer: acc.refer, decline: acc.decline,
    approveShare: share(acc.approve), referShare: share(acc.refer), declineShare: share(acc.decline), totalLimit: acc.totalLimit,
  };
}
