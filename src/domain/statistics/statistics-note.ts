/**
 * Why a statistic is missing (null) or needs care: a stable `code` for programs and translations, and an
 * English sentence for people. Domain statistics return null plus a note instead of NaN or Infinity.
 */
export interface StatisticsNote {
  code: string;
  message: string;
  /** What the note is about: an item name, a dimension name, or a table. */
  subject?: string;
}
