import type { GradeScale } from '../../domain/credit/grade-scale.js';

/**
 * The PD each grade is tested against in a validation run (a "master scale"). The shipped model is uncalibrated
 * and carries no PDs, so a run states the PDs it tests: these defaults are an ILLUSTRATIVE master scale, roughly
 * doubling per notch from 0.03 % (AAA) to 35 % (C), in the spirit of agencies' long-run default rates per rating
 * (e.g. S&P Global, Default, Transition, and Recovery studies) — not a calibration. The default grade D has PD 1.
 */
export const ILLUSTRATIVE_PD_SCALE: Readonly<Record<string, number>> = {
  AAA: 0.0003, AA: 0.001, A: 0.003, BBB: 0.008, BB: 0.02, B: 0.045, CCC: 0.1, CC: 0.2, C: 0.35, D: 1,
};

/** Every grade of a scale in notch order (best first, the default grade last). */
export function gradeOrderOf(scale: GradeScale): string[] {
  return [...scale.bands.map((b) => b.grade), scale.defaultGrade];
}

/**
 * A PD for every grade of the scale: the given value, else the illustrative one; a grade unknown to both gets
 * twice the PD of the grade above it (at most 0.5; 0.001 for a first grade), the default grade 1.
 */
export function pdScaleFor(scale: GradeScale, given: Readonly<Record<string, number>> = {}): Record<string, number> {
  const out: Record<string, number> = {};
  let previous: number | null = null;
  for (const g of gradeOrderOf(scale)) {
    const known = given[g] ?? (g === scale.defaultGrade ? 1 : ILLUSTRATIVE_PD_SCALE[g]);
    const pd: number = known ?? (previous === null ? 0.001 : Math.min(0.5, previous * 2));
    out[g] = pd;
    previous = pd;
  }
  return out;
}
