import type { PopulationStratum } from './group-into-strata.js';
import type { SmallStratumRule } from './sampling-design.js';

export interface SamplingStratum {
  /** Indices of the population strata it is made of. */
  readonly members: number[];
  /** Its value on each stratification variable; merged values joined with "+". */
  readonly labels: string[];
  readonly size: number;
  /** Smaller than the minimum and kept: every unit is taken. */
  readonly census: boolean;
}

export interface CollapsedStrata {
  readonly strata: SamplingStratum[];
  /** Sampling stratum of each population stratum. */
  readonly stratumOfPopulationStratum: Uint32Array;
  readonly collapsed: { stratum: string; mergedInto: string }[];
  readonly warnings: string[];
}

/** Label of a stratum: its values joined with " × ". */
export function stratumKey(labels: readonly string[]): string {
  return labels.join(' × ');
}

/**
 * Handles strata too small to give the minimum sample per stratum (population N_h < minimum).
 *
 * Rule 'collapse' (Cochran 1977 §5A.12 "collapsed strata"; Kish 1965 §3.6): a small stratum is merged with its
 * neighbour — the stratum that has the same values on every stratification variable but the last, and the next
 * value of the last variable in its order (the previous one if it has the last value). Merging repeats, smallest
 * position first, until every stratum reaches the minimum. A stratum left without a neighbour (alone on its
 * values of the other variables) is kept whole: all its units are taken (census, weight 1) and a warning says so.
 * Rule 'warn': nothing is merged; every small stratum is taken completely and reported in a warning.
 * Deterministic: the result depends only on the strata and their order.
 */
export function collapseSmallStrata(strata: readonly PopulationStratum[], minimum: number, rule: SmallStratumRule, variables: readonly string[]): CollapsedStrata {
  const out: SamplingStratum[] = [];
  const stratumOfPopulationStratum = new Uint32Array(strata.length);
  const collapsed: { stratum: string; mergedInto: string }[] = [];
  const warnings: string[] = [];
  const last = variables.length - 1;
  const labelsOf = (s: PopulationStratum) => s.values.map(String);

  let start = 0;
  while (start < strata.length) {
    // A group: consecutive strata equal on all variables but the last.
    let end = start + 1;
    if (rule === 'collapse') {
      while (end < strata.length && sameLeadingRanks(strata[start], strata[end], last)) end++;
    }
    const cells = [];
    for (let k = start; k < end; k++) cells.push({ members: [k], lastLabels: [labelsOf(strata[k])[last]], size: strata[k].size });
    if (rule === 'collapse') {
      for (;;) {
        const i = cells.findIndex((c) => c.size < minimum);
        if (i < 0 || cells.length === 1) break;
        const j = i + 1 < cells.length ? i + 1 : i - 1;
        const [a, b] = i < j ? [i, j] : [j, i];
        cells.splice(a, 2, { members: [...cells[a].members, ...cells[b].members], lastLabels: [...cells[a].lastLabels, ...cells[b].lastLabels], size: cells[a].size + cells[b].size });
      }
    }
    for (const cell of cells) {
      const labels = labelsOf(strata[cell.members[0]]);
      labels[last] = cell.lastLabels.join('+');
      const census = cell.size < minimum;
      const key = stratumKey(labels);
      if (census) {
        warnings.push(`Stratum ${key} has ${cell.size} unit(s), fewer than the minimum of ${minimum} per stratum${rule === 'collapse' ? ' and no neighbour to merge with' : ''}: all its units are taken (weight 1).`);
      }
      if (cell.members.length > 1) for (const m of cell.members) collapsed.push({ stratum: stratumKey(labelsOf(strata[m])), mergedInto: key });
      for (const m of cell.members) stratumOfPopulationStratum[m] = out.length;
      out.push({ members: cell.members, labels, size: cell.size, census });
    }
    start = end;
  }
  if (collapsed.length > 0) {
    warnings.push(`${collapsed.length} stratum(s) smaller than the minimum of ${minimum} were merged with a neighbour on "${variables[last]}".`);
  }
  return { strata: out, stratumOfPopulationStratum, collapsed, warnings };
}

function sameLeadingRanks(a: PopulationStratum, b: PopulationStratum, last: number): boolean {
  for (let d = 0; d < last; d++) if (a.ranks[d] !== b.ranks[d]) return false;
  return true;
}
