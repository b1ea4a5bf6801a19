import type { CriterionDefinition, IndicatorDefinition } from './index-system.js';
import type { GradeCap, GradeRequirement } from './grade-cap.js';
import type { GradeScale } from './grade-scale.js';
import type { LocalizedText, ScoringRule } from './scoring-rule.js';

/**
 * A credit model definition: everything needed to score a borrower, as plain JSON-safe data (stored in
 * `credit_models`; approved versions are immutable, so definitions must not be mutated after first use —
 * scoreBorrower caches the compiled form per definition object).
 *
 * Weights are LOCAL: criterion weights sum to 1 over the criteria; indicator weights sum to 1 within their
 * criterion. The global weight of an indicator is criterion weight × indicator weight (DESIGN §4, "Hierarchy").
 */

/**
 * What to do with a missing indicator value (null or absent):
 * - 'renormalise-within-criterion' (default, credit-default-model.md): drop it and rescale the remaining local
 *   weights of its criterion to sum 1; if every indicator of a criterion is missing, drop the criterion and
 *   rescale the remaining criterion weights to sum 1. Always flagged.
 * - 'score-zero': the missing indicator scores 0 at its full weight (conservative). Always flagged.
 */
export type MissingValuePolicy = 'renormalise-within-criterion' | 'score-zero';

/**
 * Where the guarantee & collateral criterion counts (credit-default-model.md, "Option"):
 * 'borrower-score' (default) in the borrower score; 'facility-grade-only': left out of the borrower score (the
 * other criterion weights rescaled to sum 1) and reported separately as a facility score and grade.
 */
export type CollateralMode = 'borrower-score' | 'facility-grade-only';

export interface ModelCriterion extends CriterionDefinition {
  /** Local weight (share of the goal), ≥ 0; all criteria sum to 1. */
  readonly weight: number;
}

export interface ModelIndicator extends IndicatorDefinition {
  /** Local weight within its criterion, ≥ 0; sums to 1 within each criterion. */
  readonly weight: number;
}

/**
 * An industry-specific variant (issue 6, 3b) inheriting everything it does not override.
 * Tilts are multiplicative factors (≥ 0, finite) on local weights, then renormalised: criterion tilts across
 * the criteria, indicator tilts within each criterion. An unlisted id keeps factor 1.
 * Rule overrides replace the scoring rule of an indicator (e.g. looser inventory-days anchors for wholesale).
 */
export interface IndustryVariant {
  /** Industry code as the bank uses it (e.g. GB/T 4754 'F51'); matched exactly. */
  readonly industry: string;
  readonly names?: LocalizedText;
  readonly criterionTilts?: Readonly<Record<string, number>>;
  readonly indicatorTilts?: Readonly<Record<string, number>>;
  readonly ruleOverrides?: Readonly<Record<string, ScoringRule>>;
  readonly rationale: string;
}

/**
 * Macro/industry overlay (issue 6, 3c): points = clamp(pointsPerIndexPoint × (index − neutralIndex),
 * −maxPoints, +maxPoints), added to the weighted score, the result clamped to 0..100.
 */
export interface OverlayConfig {
  /** Index value that adds nothing (100 for a prosperity index centred on 100). */
  readonly neutralIndex: number;
  /** Score points per index point, e.g. 0.25 (so ±20 index points reach ±5). */
  readonly pointsPerIndexPoint: number;
  /** Bound on the absolute points, e.g. 5. */
  readonly maxPoints: number;
  readonly rationale: string;
}

/** A change recorded in the model version with its reason (issue 6, item 3: "stored with its rationale"). */
export interface ModelAdjustment {
  readonly kind: 'expert-round' | 'blend' | 'time-decay' | 'industry-variant' | 'overlay' | 'rule-change' | 'other';
  readonly description: string;
  readonly rationale: string;
  /** ISO date (YYYY-MM-DD) when it was decided, if known. */
  readonly date?: string;
  readonly params?: Readonly<Record<string, unknown>>;
}

export interface CreditModelDefinition {
  readonly goal: { readonly names: LocalizedText };
  readonly criteria: readonly ModelCriterion[];
  /** Grouped by criterion in display order. */
  readonly indicators: readonly ModelIndicator[];
  readonly gradeScale: GradeScale;
  /** Knock-outs and caps. */
  readonly gradeCaps: readonly GradeCap[];
  readonly gradeRequirements: readonly GradeRequirement[];
  readonly missingPolicy: MissingValuePolicy;
  readonly collateralMode: CollateralMode;
  /** Id of the guarantee & collateral criterion that `collateralMode` moves ('C7' in the default system). */
  readonly collateralCriterion: string;
  readonly industryVariants: readonly IndustryVariant[];
  /** null: no overlay. */
  readonly overlay: OverlayConfig | null;
  readonly adjustments: readonly ModelAdjustment[];
  /** True until fitted to the bank's own defaults; must be shown. */
  readonly uncalibrated: boolean;
}
