import { DomainError } from '../domain-error.js';
import { chiSquareSurvival } from '../statistics/distributions/chi-square-distribution.js';
import { binIndex, quantileBinEdges } from './quantile-bin-edges.js';
import { validateFiniteValues, validateOutcomes } from './validate-scored-outcomes.js';

export interface HosmerLemeshowGroup {
  readonly label: string;
  readonly obligors: number;
  /** Observed defaults O_g. */
  readonly observed: number;
  /** Expected defaults E_g = Σ PD. */
  readonly expected: number;
  readonly meanPd: number;
}

export interface HosmerLemeshowResult {
  /** Ĉ = Σ_g (O_g − E_g)² / (E_g·(1 − E_g/n_g)). */
  readonly statistic: number;
  /** g − 2. */
  readonly degreesOfFreedom: number;
  /** P(χ²_(g−2) ≥ Ĉ). */
  readonly p: number;
  readonly groups: HosmerLemeshowGroup[];
}

/**
 * Hosmer–Lemeshow goodness-of-fit test of PDs against observed defaults from grouped counts:
 *   Ĉ = Σ_g (O_g − n_g·π̄_g)² / (n_g·π̄_g·(1 − π̄_g)),  π̄_g = E_g/n_g,  df = g − 2
 * (Hosmer & Lemeshow 1980, Commun. Stat. A9:1043–1069; Applied Logistic Regression 2nd ed. 2000, §5.2.2).
 * Needs ≥ 3 groups and no group whose mean PD is 0 or 1 (its variance term would vanish).
 */
export function hosmerLemeshowFromGroups(groups: readonly HosmerLemeshowGroup[]): HosmerLemeshowResult {
  if (groups.length < 3) {
    throw new DomainError('too-few-groups', `The Hosmer–Lemeshow test needs at least 3 groups (df = g − 2); there are ${groups.length}.`, { groups: groups.length });
  }
  let statistic = 0;
  for (const g of groups) {
    const variance = g.expected * (1 - g.expected / g.obligors);
    if (!(variance > 0)) {
      throw new DomainError('degenerate-group', `Group "${g.label}" has a mean PD of ${g.meanPd}; the Hosmer–Lemeshow term is undefined when all PDs of a group are 0 or 1.`,
        { group: g.label, meanPd: g.meanPd });
    }
    const term = ((g.observed - g.expected) ** 2) / variance;
    if (!Number.isFinite(term)) {
      // A mean PD so close to 0 or 1 (e.g. 1e-320) that the term overflows: as undefined as a PD of exactly 0 or 1.
      throw new DomainError('degenerate-group', `Group "${g.label}" has a mean PD of ${g.meanPd}; the Hosmer–Lemeshow term is undefined when all PDs of a group are 0 or 1.`,
        { group: g.label, meanPd: g.meanPd });
    }
    statistic += term;
  }
  const degreesOfFreedom = groups.length - 2;
  return { statistic, degreesOfFreedom, p: chiSquareSurvival(statistic, degreesOfFreedom), groups: [...groups] };
}

/**
 * Hosmer–Lemeshow test from unit-level PDs and outcomes, grouped either into `groups` (default 10) quantile
 * groups of the PD ("deciles of risk": cut at type-7 quantiles, right-closed, ties kept together, empty groups
 * dropped — as R ResourceSelection::hoslem.test) or by a supplied label per unit (e.g. the rating grade; groups
 * then ordered by mean PD). Unweighted.
 */
export function hosmerLemeshowTest(outcomes: ArrayLike<number>, pds: ArrayLike<number>,
  options: { groupBy?: 'deciles' | readonly string[]; groups?: number } = {}): HosmerLemeshowResult {
  validateOutcomes(outcomes, { requireBothClasses: false });
  validateFiniteValues(pds, outcomes.length, 'PDs');
  for (let i = 0; i < pds.length; i++) {
    if (pds[i] < 0 || pds[i] > 1) throw new DomainError('not-a-probability', `PD ${i + 1} is ${pds[i]}; PDs must be between 0 and 1.`, { index: i, value: pds[i] });
  }
  const groupBy = options.groupBy ?? 'deciles';
  let groups: HosmerLemeshowGroup[];
  if (groupBy === 'deciles') {
    const edges = quantileBinEdges(pds, options.groups ?? 10);
    const k = edges.length + 1;
    const n = new Float64Array(k), o = new Float64Array(k), e = new Float64Array(k);
    for (let i = 0; i < pds.length; i++) { const b = binIndex(pds[i], edges); n[b]++; o[b] += outcomes[i]; e[b] += pds[i]; }
    const labels = edges.length === 0 ? ['all'] : [
      `[min, ${edges[0]}]`, ...edges.slice(1).map((x, j) => `(${edges[j]}, ${x}]`), `(${edges[edges.length - 1]}, max]`];
    groups = [];
    for (let b = 0; b < k; b++) {
      if (n[b] > 0) groups.push({ label: labels[b], obligors: n[b], observed: o[b], expected: e[b], meanPd: e[b] / n[b] });
    }
  } else {
    if (groupBy.length !== outcomes.length) {
      throw new DomainError('length-mismatch', `The group labels have ${groupBy.length} values but there are ${outcomes.length} outcomes.`, { length: groupBy.length, expected: outcomes.length });
    }
    const tally = new Map<string, { n: number; o: number; e: number }>();
    for (let i = 0; i < groupBy.length; i++) {
      let t = tally.get(groupBy[i]);
      if (!t) { t = { n: 0, o: 0, e: 0 }; tally.set(groupBy[i], t); }
      t.n++; t.o += outcomes[i]; t.e += pds[i];
    }
    groups = [...tally.entries()].map(([label, t]) => ({ label, obligors: t.n, observed: t.o, expected: t.e, meanPd: t.e / t.n }))
      .sort((a, b) => a.meanPd - b.meanPd);
  }
  return hosmerLemeshowFromGroups(groups);
}
