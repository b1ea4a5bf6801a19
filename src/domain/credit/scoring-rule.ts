/**
 * Scoring rules: how one indicator's raw value becomes a 0–100 score (higher = better).
 *
 * Two kinds, as in DESIGN §5 and credit-default-model.md:
 * - `anchors`: monotone anchor points (raw → score), raw strictly increasing; the score is linear between
 *   neighbouring anchors and clamped (flat) outside the first and last anchor. Scores may rise (higher raw is
 *   better, e.g. current ratio) or fall (lower raw is better, e.g. debt-to-asset) along the anchors.
 * - `codes`: a categorical indicator; a table code → score. Codes are short stable machine values
 *   (e.g. tax grade 'A'), labels are for people.
 */

/** Unit of an indicator's raw value. '%' values are percentages (55 means 55 %), '×' are plain ratios (1.2). */
export type IndicatorUnit = '%' | '×' | 'days' | 'years' | 'index' | 'code';

/** 'increasing': a higher raw value scores higher; 'decreasing': lower scores higher; 'categorical': code table. */
export type IndicatorDirection = 'increasing' | 'decreasing' | 'categorical';

export interface LocalizedText {
  readonly en: string;
  readonly zh: string;
}

export interface AnchorPoint {
  /** Raw value in the indicator's unit. */
  readonly raw: number;
  /** Score 0–100 at that raw value. */
  readonly score: number;
}

export interface AnchorScoringRule {
  readonly kind: 'anchors';
  /** At least two anchors, raw strictly increasing, scores monotone (all non-decreasing or all non-increasing). */
  readonly anchors: readonly AnchorPoint[];
}

export interface CodeOption {
  /** Short stable machine value, e.g. 'A' or 'dpd31_90'. */
  readonly code: string;
  /** Score 0–100 for that code. */
  readonly score: number;
  readonly labels: LocalizedText;
}

export interface CodeScoringRule {
  readonly kind: 'codes';
  /** Listed from best to worst by convention; codes are unique. */
  readonly codes: readonly CodeOption[];
}

export type ScoringRule = AnchorScoringRule | CodeScoringRule;
