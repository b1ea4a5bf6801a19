/**
 * A grade scale: bands from best to worst, each with the lowest score (inclusive) that earns it, plus the
 * grade given to a borrower in default whatever the score (DESIGN §5: AAA ≥90 … CC ≥50, C <50, D = in default).
 *
 * Notch order (used for "downgrade by ≥ 2 notches" and caps) is the band order followed by the default grade.
 */
export interface GradeBand {
  readonly grade: string;
  /** Lowest score (inclusive) for this grade, 0–100; the last band must have minScore 0. */
  readonly minScore: number;
}

export interface GradeScale {
  /** Best first, minScore strictly decreasing, last band's minScore 0. */
  readonly bands: readonly GradeBand[];
  /** Grade of a borrower in default (after all bands in notch order), e.g. 'D'. */
  readonly defaultGrade: string;
}
