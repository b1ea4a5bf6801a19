import type { AppliedCap } from '../credit/borrower-evaluation.js';
import type { WarningLevel } from '../credit/evaluate-early-warnings.js';
import type { BorrowerFlag } from '../credit/grade-cap.js';
import type { GradeScale } from '../credit/grade-scale.js';
import type { LocalizedText } from '../credit/scoring-rule.js';

/**
 * An online approval decision policy (issue 9, item 1): the rules that turn a credit-model evaluation, its early
 * warnings and the data quality into approve / refer / decline with a limit. Plain JSON-safe data, stored as a
 * policy version attached to a model version; approved versions are immutable, so a definition must not be mutated
 * after first use (decideApplication caches its validation per definition object).
 *
 * Units: money amounts in the bank's one currency (plain numbers, no scaling); shares and completeness as
 * fractions 0..1 (0.25 = 25 %); days and months as counts; indicator bounds in the model's own units
 * (credit-default-model.md: '%' as percentages, '×' as plain ratios, days).
 */

/** What a rule does when it fires. 'none' only where a rule can be switched off per case (warning levels). */
export type PolicyAction = 'none' | 'refer' | 'decline';

/**
 * Grade thresholds (grades on `gradeScale`, best first): grade at or better than `approveFrom` → approve; at or
 * better than `referFrom` (but worse than `approveFrom`) → refer; worse than `referFrom`, and the default grade,
 * → decline. Example (DEFAULT_POLICY): approveFrom 'BBB', referFrom 'B' — AAA…BBB approve, BB and B refer,
 * CCC, CC, C and D decline.
 */
export interface GradeThresholds {
  readonly approveFrom: string;
  readonly referFrom: string;
}

/**
 * When a knock-out rule fires:
 * - 'cap-kind': the evaluation lists a cap of one of these kinds (credit model caps: 'knock-out', 'cap',
 *   'requirement', 'default'), binding or not — one reason per matching cap;
 * - 'cap-id': the evaluation lists a cap with one of these ids (e.g. 'cap-restricted-industry');
 * - 'flag': the application's borrower has this flag set true (e.g. dishonest-debtor list), independently of
 *   whether the model has a cap for it (defence in depth: a bank's model may drop a knock-out);
 * - 'indicator-code': the borrower's categorical indicator has one of these codes (e.g. I55 'dishonest_list').
 */
export type KnockOutCondition =
  | { readonly kind: 'cap-kind'; readonly capKinds: readonly AppliedCap['kind'][] }
  | { readonly kind: 'cap-id'; readonly capIds: readonly string[] }
  | { readonly kind: 'flag'; readonly flag: BorrowerFlag }
  | { readonly kind: 'indicator-code'; readonly indicator: string; readonly codes: readonly string[] };

export interface KnockOutRule {
  /** Stable id, e.g. 'model-knock-out', 'dishonest-debtor-flag'. */
  readonly id: string;
  readonly condition: KnockOutCondition;
  readonly action: 'refer' | 'decline';
  /** Why the rule exists, shown in the reason. */
  readonly labels: LocalizedText;
}

/**
 * A plausibility bound on one indicator (in the model's unit). 'implausible': outside [min, max] the value is
 * impossible or almost surely an input error (debt-to-asset < 0 % or > 300 %); 'review': possible but unusual
 * enough to need a person (revenue growth > 100 %, credit-default-model.md I43). Both refer. A null bound is open.
 */
export interface PlausibilityBound {
  readonly indicator: string;
  readonly kind: 'implausible' | 'review';
  readonly min: number | null;
  readonly max: number | null;
}

export interface PlausibilityParams {
  readonly bounds: readonly PlausibilityBound[];
  /**
   * Quick ratio I23 may exceed current ratio I22 by at most this (×): quick = (CA − inventory)/CL ≤ CA/CL = current
   * whenever inventory ≥ 0, so a larger quick ratio contradicts itself beyond rounding.
   */
  readonly quickAboveCurrentTolerance: number;
  /**
   * DuPont identity ROA = net margin × asset turnover (I31 % = I32 % × I44 ×; exact under the definitions of
   * credit-default-model.md, both over average total assets). Flag when |I31 − I32·I44| > absolutePct +
   * relative·max(|I31|, |I32·I44|). null switches the check off.
   */
  readonly dupont: { readonly absolutePct: number; readonly relative: number } | null;
  /**
   * When statement items are given: each indicator derivable from them (deriveIndicators) is recomputed and compared
   * with the supplied value; a mismatch is |supplied − derived| > max(absolute[unit], relative·|derived|).
   * `itemRelative` is the slack for the statement's own identities (e.g. current assets ≤ total assets · (1 + itemRelative)).
   * null switches the statement checks off.
   */
  readonly statement: {
    readonly relative: number;
    readonly absolute: { readonly pct: number; readonly ratio: number; readonly days: number };
    readonly itemRelative: number;
  } | null;
}

/** Loophole checks (issue 9, item 3); each refers with a reason; null switches a check off. */
export interface LoopholeCheckParams {
  /** Another application by the same borrower at most `windowDays` before asOf (inclusive) → refer. */
  readonly duplicate: { readonly windowDays: number } | null;
  /**
   * Applications by the same borrower within `windowDays` before asOf (inclusive; declined ones excluded), this one
   * included, that are each ≤ `aggregateLimit` but together exceed it → refer.
   */
  readonly split: { readonly windowDays: number; readonly aggregateLimit: number } | null;
  /** Borrower snapshot more than `maxAgeDays` whole days old at asOf → refer (a snapshot dated after asOf refers too). */
  readonly staleness: { readonly maxAgeDays: number } | null;
  readonly plausibility: PlausibilityParams | null;
}

/** Industry concentration (share of the portfolio balance by industry, after this loan). */
export interface ConcentrationLimits {
  /** Limit for an industry not listed in `maxShareByIndustry`; null = no limit. Fraction in (0, 1]. */
  readonly defaultMaxShare: number | null;
  readonly maxShareByIndustry: Readonly<Record<string, number>>;
  /** Below this total portfolio balance the check does not apply (a young portfolio is concentrated by nature). */
  readonly minPortfolioBalance: number;
}

/** Kinds of officer decision relative to the policy (see classifyOverride). */
export type OverrideKind = 'unchanged' | 'refer-approved' | 'refer-declined' | 'decline-to-approve' | 'approve-to-decline';

export interface OverridePolicy {
  /** Above this amount (strictly) the kinds below need a second officer's approval; null = never. */
  readonly secondApprovalAboveAmount: number | null;
  readonly secondApprovalKinds: readonly OverrideKind[];
}

export interface PolicyDefinition {
  /** Must be the grade scale of the model version the policy is attached to. */
  readonly gradeScale: GradeScale;
  readonly gradeThresholds: GradeThresholds;
  readonly knockOuts: readonly KnockOutRule[];
  /** Size bands the bank uses, e.g. ['micro', 'small', 'medium'] (the borrower's band must be one of them). */
  readonly sizeBands: readonly string[];
  /**
   * Maximum total exposure to one borrower by grade × size band: exposureLimits[grade][band] (currency). Every
   * grade that can approve or refer needs an entry for every band; a missing entry (decline grades) counts as 0.
   * Offered limit = min(requested, max(0, table limit − existing exposure)).
   */
  readonly exposureLimits: Readonly<Record<string, Readonly<Record<string, number>>>>;
  /** What happens when existing exposure already reaches the table limit (no headroom at all). */
  readonly noHeadroomAction: 'refer' | 'decline';
  /** Requested amounts above this (strictly) are beyond automatic authority → refer; null = no ceiling. */
  readonly autoApprovalMaxAmount: number | null;
  /** Terms longer than this (months, strictly) → refer; null = no limit. */
  readonly maxTermMonths: number | null;
  /** Minimum share of indicator weight present, 0..1 (below → refer; exactly at the minimum passes). */
  readonly minCompleteness: number;
  /** Action per early-warning level (credit-default-model.md levels). */
  readonly warningLevelActions: Readonly<Record<WarningLevel, PolicyAction>>;
  readonly industryConcentration: ConcentrationLimits;
  /** Evaluation warnings 'review-value' (the model's reviewAbove flags) → refer, unless a plausibility bound already flagged that indicator. */
  readonly reviewFlagAction: 'none' | 'refer';
  readonly loopholeChecks: LoopholeCheckParams;
  readonly overrides: OverridePolicy;
  /** True for a shipped proposal that the bank has not adopted; must be shown. */
  readonly proposal: boolean;
  /** Free-text notes on where the numbers come from. */
  readonly notes?: string;
}
