/**
 * How a questionnaire item is analysed. Built by the questionnaire feature from the SurveyJS JSON
 * (rating → 'likert' with rateMin/rateMax, radiogroup/dropdown/checkbox → 'choice', text/comment → 'text',
 * numeric text → 'number'); `dimension` and `reverse` come from the custom question properties.
 */
export type ItemKind = 'likert' | 'choice' | 'text' | 'number';

export interface ItemChoice {
  value: string | number;
  label?: string;
}

export interface ItemSpec {
  /** The question name, the key of the answer in each response row. */
  name: string;
  kind: ItemKind;
  /** Lowest scale point (likert: defaults to 1, SurveyJS's rateMin default). */
  min?: number;
  /** Highest scale point (likert: defaults to 5, SurveyJS's rateMax default). */
  max?: number;
  /** Reverse-coded item: analysed as min + max − x in dimension scores and reliability. */
  reverse?: boolean;
  /** The dimension (subscale) the item belongs to. */
  dimension?: string;
  /** Declared choices, in display order (choice items). */
  choices?: ItemChoice[];
}

/** SurveyJS's default rating scale, 1–5. */
export const DEFAULT_LIKERT_MIN = 1;
export const DEFAULT_LIKERT_MAX = 5;
