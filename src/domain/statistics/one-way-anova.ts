import { DomainError } from '../domain-error.js';
import { fSurvival } from './distributions/f-distribution.js';

export interface OneWayAnovaResult {
  /** F = (SS_between/df1)/(SS_within/df2). */
  f: number;
  /** g − 1 (non-empty groups). */
  df1: number;
  /** N − g. */
  df2: number;
  /** P(F_{df1, df2} > F). */
  p: number;
  /** Between-groups and within-groups sums of squares. */
  ssBetween: number;
  ssWithin: number;
  /** η² = SS_between / SS_total, the share of variance explained by the groups. */
  etaSquared: number;
}

/**
 * Classical one-way analysis of variance with equal variances (Fisher 1925) — R's
 * oneway.test(y ~ g, var.equal = TRUE) and summary(aov(y ~ g)):
 *   F = [Σ n_i(ȳ_i − ȳ)²/(g − 1)] / [Σ_i Σ_j (y_ij − ȳ_i)²/(N − g)],  p = P(F_{g−1, N−g} > F).
 * Empty groups are ignored. Throws when fewer than two groups have data, N − g < 1, or there is no variation
 * within the groups (F would be infinite or undefined).
 * Example (R datasets::PlantGrowth, weight ~ group): F = 4.846, df = 2 and 27, p = 0.01591.
 */
export function oneWayAnova(groups: ReadonlyArray<ArrayLike<number>>): OneWayAnovaResult {
  const nonEmpty = groups.filter((g) => g.length > 0);
  const g = nonEmpty.length;
  if (g < 2) throw new DomainError('too-few-groups', 'A one-way ANOVA needs at least two groups with data.', { groups: g });
  let total = 0;
  let grandSum = 0;
  const means = new Float64Array(g);
  for (let k = 0; k < g; k++) {
    const group = nonEmpty[k];
    let s = 0;
    for (let i = 0; i < group.length; i++) {
      const x = group[i];
      if (!Number.isFinite(x)) throw new DomainError('invalid-value', `Value ${i + 1} of group ${k + 1} is not a finite number.`, { group: k, index: i, value: x });
      s += x;
    }
    means[k] = s / group.length;
    grandSum += s;
    total += group.length;
  }
  if (total - g < 1) {
    throw new DomainError('too-few-observations', 'A one-way ANOVA needs more observations than groups.', { n: total, groups: g });
  }
  const grandMean = grandSum / total;
  let ssBetween = 0;
  let ssWithin = 0;
  for (let k = 0; k < g; k++) {
    const group = nonEmpty[k];
    const m = means[k];
    let s = 0;
    let c = 0;
    for (let i = 0; i < group.length; i++) {
      const d = group[i] - m;
      s += d * d;
      c += d;
    }
    ssWithin += s - (c * c) / group.length; // corrected two-pass sum of squares
    const dm = m - grandMean;
    ssBetween += group.length * dm * dm;
  }
  if (!Number.isFinite(ssWithin) || !Number.isFinite(ssBetween) || !Number.isFinite(grandMean)) {
    throw new DomainError('values-too-large', 'A one-way ANOVA of these values is not possible: their sums of squares are too large to represent.', { n: total, groups: g });
  }
  if (!(ssWithin > 0)) {
    throw new DomainError('zero-within-variance', 'A one-way ANOVA is undefined: there is no variation within the groups.', { n: total, groups: g });
  }
  const df1 = g - 1;
  const df2 = total - g;
  const f = (ssBetween / df1) / (ssWithin / df2);
  return { f, df1, df2, p: fSurvival(f, df1, df2), ssBetween, ssWithin, etaSquared: ssBetween / (ssBetween + ssWithin) };
}
