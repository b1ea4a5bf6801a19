import type { BorrowerFlag } from './grade-cap.js';
import type { LocalizedText } from './scoring-rule.js';

/**
 * The input and output of scoring one borrower (issue 6, item 8: the scoring API's shape).
 */

/** A borrower as scored: indicator values use the ids and units of the model (e.g. I21 in %, I53 a code). */
export interface BorrowerInput {
  /** Industry code; selects an industry variant when one matches exactly. */
  readonly industry?: string | null;
  /** ISO date (YYYY-MM-DD) of the data; carried for the caller, not used in the score. */
  readonly asOf?: string | null;
  /** Raw values by indicator id: a finite number for anchor indicators, a code string for categorical ones;
   *  null or an absent key = missing. */
  readonly indicators: Readonly<Record<string, number | string | null>>;
  readonly flags?: Readonly<Partial<Record<BorrowerFlag, boolean>>>;
  /** Days past due now (≥ 0). */
  readonly daysPastDue?: number | null;
  /** In default now: graded with the scale's default grade (D) whatever the score. */
  readonly inDefault?: boolean | null;
  /** Industry prosperity index for the overlay (100 = neutral); ignored when the model has no overlay. */
  readonly prosperityIndex?: number | null;
}

export interface IndicatorResult {
  /** The raw value as given (null when missing). */
  readonly value: number | string | null;
  /** 0–100, full precision; null when missing (under 'score-zero' a missing indicator scores 0). */
  readonly score: number | null;
  /** Global weight actually applied (after variant, missing-value renormalisation and collateral mode). */
  readonly weight: number;
}

export interface CriterionResult {
  /** Global weight actually applied; the applied criterion weights sum to 1. */
  readonly weight: number;
  /** Weighted mean of the criterion's scored indicators, 0–100; null when all its indicators are missing. */
  readonly score: number | null;
}

export interface AppliedCap {
  /** The rule id (e.g. 'knock-out-insolvency', 'cap-restricted-industry', 'aaa-requires-clean-record', 'in-default'). */
  readonly id: string;
  readonly kind: 'knock-out' | 'cap' | 'requirement' | 'default';
  /** Best grade the rule allows. */
  readonly maxGrade: string;
  /** True when the rule lowered the grade (the score alone would have given a better one). */
  readonly binding: boolean;
  readonly labels: LocalizedText;
}

export type AppliedAdjustment =
  | { readonly kind: 'industry-variant'; readonly industry: string; readonly rationale: string }
  | {
    readonly kind: 'overlay';
    readonly prosperityIndex: number;
    /** Points added (bounded), full precision. */
    readonly points: number;
    /** Weighted score before the overlay. */
    readonly scoreBefore: number;
    readonly rationale: string;
  };

export interface EvaluationWarning {
  /** 'missing-indicators' | 'criterion-missing' | 'review-value' | 'overlay-index-missing'. */
  readonly code: string;
  readonly message: string;
  readonly indicators?: readonly string[];
  readonly criterion?: string;
}

export interface BorrowerEvaluation {
  /** 0–100, full precision (round only for display). */
  readonly score: number;
  readonly grade: string;
  readonly criteria: Readonly<Record<string, CriterionResult>>;
  readonly indicators: Readonly<Record<string, IndicatorResult>>;
  /** Ids of missing indicators, in model order. */
  readonly missing: readonly string[];
  /** Knock-outs, caps and requirements whose condition holds (binding or not), and default. */
  readonly caps: readonly AppliedCap[];
  readonly adjustments: readonly AppliedAdjustment[];
  readonly warnings: readonly EvaluationWarning[];
  /** Only with collateralMode 'facility-grade-only': the collateral criterion's own score and grade. */
  readonly facility?: { readonly criterion: string; readonly score: number | null; readonly grade: string | null };
}
