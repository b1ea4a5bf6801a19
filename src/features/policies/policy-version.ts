import type { PolicyDefinition } from '../../domain/policy/policy-definition.js';
import type { PolicyDryRunResult } from '../../domain/policy/policy-dry-run.js';

/** draft (editable by its author or an administrator) → approved (immutable) → retired (kept for history). */
export type PolicyStatus = 'draft' | 'approved' | 'retired';
export const POLICY_STATUSES: readonly PolicyStatus[] = ['draft', 'approved', 'retired'];

/** Where a version's rules came from. */
export interface PolicySource {
  kind: 'default' | 'copy' | 'json';
  /** A sentence for people, e.g. "copy of #3 Demo policy". */
  label: string;
  baseVersionId?: number | null;
}

/** What the approver saw: the dry run's mix and comparison (no per-case list), with the data it ran on. */
export interface ApprovalDryRun {
  ranAt: string;
  portfolio: string | null;
  cases: number;
  baselinePolicyId: number | null;
  result: Omit<PolicyDryRunResult, 'comparison' | 'errors'> & {
    comparison: Omit<NonNullable<PolicyDryRunResult['comparison']>, 'changes'> | null;
    errors: number;
  };
}

/** A policy version as services return it. `definition` is the version's own copy (do not mutate it). */
export interface PolicyVersion {
  id: number;
  name: string;
  description: string;
  /** The credit model version (credit_models.id) whose evaluations the policy decides on. */
  modelVersionId: number;
  modelVersionName: string | null;
  status: PolicyStatus;
  /** ISO date (YYYY-MM-DD) from which the version applies (required to approve). */
  effectiveFrom: string | null;
  definition: PolicyDefinition;
  source: PolicySource;
  parentId: number | null;
  isDemo: boolean;
  createdBy: number | null;
  createdByName: string | null;
  createdAt: string;
  updatedAt: string;
  approvedBy: number | null;
  /** Name of the approver (or "system (demo)" for the demo seeder). */
  approvedByName: string | null;
  approvedAt: string | null;
  approvalRationale: string | null;
  approvalDryRun: ApprovalDryRun | null;
  retiredBy: number | null;
  retiredByName: string | null;
  retiredAt: string | null;
  retireRationale: string | null;
}

/** The list row (no definition). */
export type PolicyVersionSummary = Omit<PolicyVersion, 'definition' | 'approvalDryRun'> & {
  proposal: boolean;
  approveFrom: string;
  referFrom: string;
};
