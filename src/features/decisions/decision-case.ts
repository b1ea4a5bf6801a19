import type { PolicyDecision, PolicyReason } from '../../domain/policy/policy-reason.js';
import type { OverrideKind } from '../../domain/policy/policy-definition.js';

/** Where a case is: a referral waiting for an officer, a decision waiting for a second officer, or final. */
export type CaseStatus = 'pending' | 'awaiting-second' | 'closed';
export const CASE_STATUSES: readonly CaseStatus[] = ['pending', 'awaiting-second', 'closed'];

export type FinalDecision = 'approve' | 'decline';
export type LoanOutcome = 'defaulted' | 'performing';

/** Kinds of entries in a case's trail (decision_actions). */
export type ActionKind = 'submitted' | 'decided' | 'proposed' | 'confirmed' | 'rejected' | 'outcome';

/** What the policy read besides the request, stored with the decision so it can be explained and replayed. */
export interface DecisionContext {
  /** Existing exposure to the borrower before this application, and where it came from. */
  existingExposure: number;
  exposureSource: 'request' | 'book';
  /** Portfolio position (total and this industry's balance) the concentration check used. */
  portfolio: { totalBalance: number; industryBalance: number | null; bookDate: string | null };
  /** Earlier applications of the borrower within the look-back window, as given to the policy. */
  history: { requestId: string; at: string; amount: number; decision: PolicyDecision }[];
  warningLevel: string;
  warningSignals: unknown[];
  completeness: number;
  prosperityIndex: number | null;
}

/** One stored, immutable decision (credit_decisions). */
export interface StoredDecision {
  id: number;
  requestId: string;
  requestHash: string;
  borrowerRef: string;
  borrowerName: string | null;
  industry: string | null;
  sizeBand: string;
  branch: string | null;
  amount: number;
  termMonths: number;
  snapshotAsOf: string;
  decidedAt: string;
  modelVersionId: number;
  modelVersionName: string | null;
  policyVersionId: number;
  policyVersionName: string | null;
  score: number;
  grade: string;
  warningLevel: string;
  completeness: number;
  policyDecision: PolicyDecision;
  policyLimit: number;
  reasons: PolicyReason[];
  /** The request body exactly as parsed (JSON). */
  request: Record<string, unknown>;
  evaluation: Record<string, unknown>;
  context: DecisionContext;
  submittedBy: number | null;
  submittedByName: string | null;
  submittedVia: 'api' | 'page' | 'demo';
  isDemo: boolean;
}

/** The workflow state of a decision (decision_cases). */
export interface CaseState {
  status: CaseStatus;
  finalDecision: FinalDecision | null;
  finalLimit: number | null;
  finalSource: 'policy' | 'officer' | null;
  overrideKind: OverrideKind | null;
  reasonCode: string | null;
  officerId: number | null;
  officerName: string | null;
  secondOfficerId: number | null;
  secondOfficerName: string | null;
  closedAt: string | null;
  proposal: null | {
    decision: FinalDecision;
    limit: number;
    kind: OverrideKind;
    reasonCode: string | null;
    by: number | null;
    byName: string | null;
    at: string;
  };
  outcome: LoanOutcome | null;
  outcomeAt: string | null;
  revision: number;
  updatedAt: string;
}

export interface DecisionCase extends StoredDecision {
  state: CaseState;
}

/** One entry of a case's trail. */
export interface CaseAction {
  id: number;
  decisionId: number;
  kind: ActionKind;
  decision: PolicyDecision | null;
  limit: number | null;
  overrideKind: OverrideKind | null;
  reasonCode: string | null;
  reason: string | null;
  note: string | null;
  actorUserId: number | null;
  actorName: string | null;
  at: string;
}
