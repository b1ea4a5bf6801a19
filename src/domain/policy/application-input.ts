import type { BorrowerEvaluation } from '../credit/borrower-evaluation.js';
import type { FinancialStatement } from '../credit/derive-indicators.js';
import type { WarningLevel } from '../credit/evaluate-early-warnings.js';
import type { BorrowerFlag } from '../credit/grade-cap.js';
import type { PolicyDefinition } from './policy-definition.js';
import type { PolicyDecision } from './policy-reason.js';

/**
 * Everything decideApplication needs for one credit application (issue 9, item 2). All of it is supplied by the
 * caller (the web feature reads storage and the clock); the decision is a pure function of it.
 */

/** The parts of a credit-model evaluation the policy reads (a full BorrowerEvaluation fits). */
export type PolicyEvaluation = Pick<BorrowerEvaluation, 'score' | 'grade' | 'caps' | 'warnings'>;

export interface ApplicationBorrower {
  readonly id: string;
  /** Industry code as in the portfolio's balanceByIndustry; null = unknown (no concentration check). */
  readonly industry: string | null;
  /** One of the policy's size bands. */
  readonly sizeBand: string;
  /** Current total exposure of the bank to this borrower (currency, ≥ 0), before this application. */
  readonly existingExposure: number;
  /** ISO date (or instant) of the data the evaluation used. */
  readonly snapshotAsOf: string;
  /** Raw indicator values as scored (ids and units of the model); null = missing. */
  readonly indicators: Readonly<Record<string, number | string | null>>;
  /** Statement items the indicators were derived from, when the bank has them (for the consistency check). */
  readonly statement?: FinancialStatement | null;
  /** Borrower facts outside the indicators (same flags as the credit model's caps). */
  readonly flags?: Readonly<Partial<Record<BorrowerFlag, boolean>>> | null;
}

export interface PortfolioPosition {
  /** Total outstanding balance of the bank's SME portfolio (currency, ≥ 0). */
  readonly totalBalance: number;
  /** Outstanding balance by industry code (each ≥ 0 and ≤ totalBalance); an absent industry has 0. */
  readonly balanceByIndustry: Readonly<Record<string, number>>;
}

/** An earlier application of the same borrower. */
export interface PriorApplication {
  readonly requestId: string;
  /** ISO instant ('2024-06-30T09:15:00Z', with Z or an offset) or date ('2024-06-30' = 00:00 UTC). */
  readonly at: string;
  readonly amount: number;
  /** The final decision where known (an officer's), else the policy's. */
  readonly decision: PolicyDecision;
}

export interface ApplicationInput {
  readonly policy: PolicyDefinition;
  readonly evaluation: PolicyEvaluation;
  readonly warningLevel: WarningLevel;
  /** Share of indicator weight present, 0..1 (see dataCompleteness). */
  readonly completeness: number;
  /** Requested amount (currency, > 0). */
  readonly amount: number;
  /** Requested term in months (> 0). */
  readonly termMonths: number;
  readonly borrower: ApplicationBorrower;
  readonly portfolio: PortfolioPosition;
  /** Recent applications of the same borrower, any order; entries with this requestId or dated after asOf are ignored. */
  readonly history: readonly PriorApplication[];
  /** Id of this application, so that a replay of it in `history` is not taken for a duplicate. */
  readonly requestId?: string | null;
  /** The decision's clock: ISO instant or date (date = 00:00 UTC). */
  readonly asOf: string;
}
