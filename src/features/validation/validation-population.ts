import { createHash } from 'node:crypto';
import { LOAN_CLASSIFICATIONS } from '../../domain/credit/loan-classification.js';
import { groupIntoStrata } from '../../domain/validation/group-into-strata.js';
import { collapseSmallStrata, stratumKey } from '../../domain/validation/collapse-small-strata.js';
import type { SamplingDesign } from '../../domain/validation/sampling-design.js';
import { SIZE_BANDS } from '../borrowers/snapshot-fields.js';
import { outcomesOf, type OutcomeDefinition, type OutcomeExclusion, type OutcomeSnapshot } from './outcome-definition.js';

/** Which snapshots make up the population a sample is drawn from (all given conditions must hold). */
export interface PopulationFilter {
  /** Borrowers of this portfolio only (null: every portfolio). */
  portfolio: string | null;
  /** as_of ≥ this date (ISO). */
  asOfFrom: string | null;
  /** as_of ≤ this date (ISO). */
  asOfTo: string | null;
  /** Snapshots of this industry code only. */
  industry: string | null;
  /** Only the latest snapshot of each borrower within the date window. */
  latestPerBorrower: boolean;
}

/** Variables a stratified design may use: snapshot fields, or the grade under a reference model version. */
export const STRATIFY_VARIABLES = ['industry', 'sizeBand', 'classification', 'region', 'grade'] as const;
export type StratifyVariable = (typeof STRATIFY_VARIABLES)[number];

/** The value given to a unit whose stratification field is not known (never invented). */
export const UNKNOWN_LEVEL = 'unknown';
/** The grade value of a unit without a stored evaluation under the reference version. */
export const UNSCORED_LEVEL = 'unscored';

/** The fields of a snapshot the population reads (a SnapshotRecord satisfies it). */
export interface PopulationSnapshot extends OutcomeSnapshot {
  portfolio: string;
  industry: string | null;
  sizeBand: string | null;
  region: string | null;
}

export interface PopulationUnit {
  snapshotId: number;
  outcome: 0 | 1;
  values: Record<StratifyVariable, string>;
}

export interface Population {
  /** Units with an outcome under the definition, ascending snapshot id (the order the sample indices refer to). */
  units: PopulationUnit[];
  /** Snapshots matching the filter. */
  matched: number;
  /** Matching snapshots left out for want of an outcome, by reason. */
  exclusions: Partial<Record<OutcomeExclusion, number>>;
}

/** Does a snapshot pass the filter's field conditions (the latest-per-borrower rule is applied separately)? */
function passes(s: PopulationSnapshot, f: PopulationFilter): boolean {
  if (f.portfolio !== null && s.portfolio !== f.portfolio) return false;
  if (f.asOfFrom !== null && s.asOf < f.asOfFrom) return false;
  if (f.asOfTo !== null && s.asOf > f.asOfTo) return false;
  if (f.industry !== null && s.industry !== f.industry) return false;
  return true;
}

/**
 * The population of a validation sample: the snapshots matching the filter that have an outcome under the
 * definition (units without one are counted by reason and left out: a validation unit needs an outcome), in
 * ascending snapshot id. `all` holds every snapshot the outcome may read (the later snapshots of the same
 * borrowers, for the classification definition); `gradeOf` gives the grade under the reference version for
 * stratification by grade.
 */
export function selectPopulation(all: readonly PopulationSnapshot[], filter: PopulationFilter, definition: OutcomeDefinition,
  gradeOf: ReadonlyMap<number, string> = new Map()): Population {
  let matched = all.filter((s) => passes(s, filter));
  if (filter.latestPerBorrower) {
    const latest = new Map<number, PopulationSnapshot>();
    for (const s of matched) {
      const current = latest.get(s.borrowerId);
      if (!current || s.asOf > current.asOf || (s.asOf === current.asOf && s.id > current.id)) latest.set(s.borrowerId, s);
    }
    matched = [...latest.values()];
  }
  matched.sort((a, b) => a.id - b.id);
  const outcomes = outcomesOf(matched, all, definition);
  const units: PopulationUnit[] = [];
  const exclusions: Partial<Record<OutcomeExclusion, number>> = {};
  matched.forEach((s, i) => {
    const o = outcomes[i]!;
    if (o.outcome === null) {
      const reason = o.exclusion ?? 'no-outcome';
      exclusions[reason] = (exclusions[reason] ?? 0) + 1;
      return;
    }
    units.push({
      snapshotId: s.id, outcome: o.outcome,
      values: {
        industry: s.industry ?? UNKNOWN_LEVEL,
        sizeBand: s.sizeBand ?? UNKNOWN_LEVEL,
        classification: s.classification ?? UNKNOWN_LEVEL,
        region: s.region ?? UNKNOWN_LEVEL,
        grade: gradeOf.get(s.id) ?? UNSCORED_LEVEL,
      },
    });
  });
  return { units, matched: matched.length, exclusions };
}

/**
 * The order of each variable's values, so neighbouring strata are neighbours in meaning when small strata are
 * collapsed: size bands micro → large, classifications normal → loss, grades in the reference scale's order,
 * "unknown"/"unscored" last. Industry and region keep the default order (codes sorted).
 */
export function levelOrderFor(units: readonly PopulationUnit[], stratifyBy: readonly StratifyVariable[], gradeOrder: readonly string[]): Record<string, string[]> {
  const order: Record<string, string[]> = {};
  const present = (v: StratifyVariable) => new Set(units.map((u) => u.values[v]));
  for (const v of stratifyBy) {
    const seen = present(v);
    let base: readonly string[] | null = null;
    if (v === 'sizeBand') base = [...SIZE_BANDS, UNKNOWN_LEVEL];
    else if (v === 'classification') base = [...LOAN_CLASSIFICATIONS, UNKNOWN_LEVEL];
    else if (v === 'grade') base = [...gradeOrder, UNSCORED_LEVEL];
    if (base === null) continue;
    const listed = base.filter((x) => seen.has(x));
    // Values outside the known list (e.g. a grade of another scale) go after it, sorted.
    const extra = [...seen].filter((x) => !base!.includes(x)).sort();
    order[v] = [...listed, ...extra];
  }
  return order;
}

/** The population as the sampling functions read it: one column per stratification variable and the outcomes. */
export function samplingColumns(units: readonly PopulationUnit[], stratifyBy: readonly StratifyVariable[]): Record<string, string[]> {
  const columns: Record<string, string[]> = {};
  for (const v of stratifyBy) columns[v] = units.map((u) => u.values[v]);
  return columns;
}

/**
 * The stratum label of every unit under a (normalised) design, exactly as the stratified sampler forms its strata:
 * the same grouping (`groupIntoStrata`) and the same collapsing of small strata (`collapseSmallStrata`), so the
 * labels match the keys of the drawn sample's strata table. "all" for a simple random sample.
 */
export function stratumLabels(units: readonly PopulationUnit[], design: SamplingDesign): string[] {
  if (design.method !== 'stratified') return units.map(() => 'all');
  const columns = samplingColumns(units, design.stratifyBy as StratifyVariable[]);
  const grouped = groupIntoStrata(columns, design.stratifyBy, design.levelOrder);
  const collapsed = collapseSmallStrata(grouped.strata, design.minPerStratum, design.smallStrata, design.stratifyBy);
  const keys = collapsed.strata.map((s) => stratumKey(s.labels));
  return Array.from(grouped.stratumOf, (p) => keys[collapsed.stratumOfPopulationStratum[p]!]!);
}

/**
 * SHA-256 over what a draw reads from the population: each unit's snapshot id, outcome and stratification values,
 * in population order. The same fingerprint means the same population for this design, so the stored seed and
 * design give the same sample again; a different one says the data changed since the sample was drawn.
 */
export function populationFingerprint(units: readonly PopulationUnit[], stratifyBy: readonly StratifyVariable[]): string {
  const hash = createHash('sha256');
  for (const u of units) hash.update(`${u.snapshotId}|${u.outcome}|${stratifyBy.map((v) => u.values[v]).join('\u001f')}\n`);
  return hash.digest('hex');
}
