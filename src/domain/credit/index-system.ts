import type { ClassificationRules } from './loan-classification.js';
import type { EarlyWarningConfig } from './early-warning-config.js';
import type { GradeCap, GradeRequirement } from './grade-cap.js';
import type { GradeScale } from './grade-scale.js';
import type { IndicatorDirection, IndicatorUnit, LocalizedText, ScoringRule } from './scoring-rule.js';

/**
 * An index system: goal → criteria → indicators, with the AHP judgment matrices that give their weights,
 * each indicator's scoring rule, the grade scale with caps, early warnings and loan classification.
 * It is the template a study starts from; a CreditModelDefinition adds the weights actually used.
 */
export interface CriterionDefinition {
  /** 'C1' … 'C7' in the default system. */
  readonly id: string;
  readonly names: LocalizedText;
}

export interface IndicatorDefinition {
  /** 'I11' … 'I72' in the default system (criterion digit, then position). */
  readonly id: string;
  /** Id of the criterion this indicator belongs to. */
  readonly criterion: string;
  readonly names: LocalizedText;
  /** What is measured and how; `zh` where available. */
  readonly definition: { readonly en: string; readonly zh?: string };
  readonly unit: IndicatorUnit;
  readonly direction: IndicatorDirection;
  readonly rule: ScoringRule;
  /** A raw value above this raises a review warning (not a score change), e.g. revenue growth > 100 %. */
  readonly reviewAbove?: { readonly value: number; readonly reason: LocalizedText };
}

export interface IndexSystem {
  readonly goal: { readonly names: LocalizedText };
  /** In matrix order. */
  readonly criteria: readonly CriterionDefinition[];
  /** Saaty 1–9 reciprocal matrix over `criteria` (rows and columns in the same order). */
  readonly criteriaMatrix: readonly (readonly number[])[];
  /** Grouped by criterion, in each criterion's local matrix order. */
  readonly indicators: readonly IndicatorDefinition[];
  /** Per criterion id: reciprocal matrix over that criterion's indicators in listed order. */
  readonly localMatrices: Readonly<Record<string, readonly (readonly number[])[]>>;
  readonly gradeScale: GradeScale;
  /** Knock-outs and caps. */
  readonly gradeCaps: readonly GradeCap[];
  readonly gradeRequirements: readonly GradeRequirement[];
  readonly earlyWarnings: EarlyWarningConfig;
  readonly classification: ClassificationRules;
  /** True until a bank fits the system to its own defaults; must be shown to users. */
  readonly uncalibrated: boolean;
  readonly source: string;
}
