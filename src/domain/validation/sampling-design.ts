/**
 * Sampling designs and drawn samples (issue 7 point 1). A drawn sample records the algorithm version, the seed and
 * the complete design with every default filled in, so `drawSample(population, sample.design, sample.seed)` on the
 * same population draws the identical units again.
 */

/** Version tag of the drawing algorithm; changes whenever the same design + seed could give other units. */
export const SAMPLING_ALGORITHM = 'credit-ahp/sampling-v1 (xoshiro128**, partial Fisher–Yates per cell)';

export interface SimpleRandomDesign {
  readonly method: 'simple-random';
  readonly sampleSize: number;
}

export type AllocationMethod = 'proportional' | 'neyman';
export type SmallStratumRule = 'collapse' | 'warn';

export interface StratifiedDesign {
  readonly method: 'stratified';
  readonly sampleSize: number;
  /** Stratification variables (population column names), most significant first; the last is collapsed first. */
  readonly stratifyBy: readonly string[];
  /** Order of the values of a variable (neighbours for collapsing); unlisted variables sort numbers then text. */
  readonly levelOrder: Readonly<Record<string, readonly (string | number)[]>>;
  readonly allocation: AllocationMethod;
  /** Neyman's S_h: of the default indicator (the population's outcomes) or of the population's auxiliary variable. */
  readonly neymanVariable: 'default-indicator' | 'auxiliary';
  /** Minimum sample per stratum (strata with fewer units are collapsed or taken completely). */
  readonly minPerStratum: number;
  readonly smallStrata: SmallStratumRule;
  /** Sample defaults at `factor` × the rate of non-defaults within each stratum (null: no oversampling). */
  readonly oversampleDefaults: { readonly factor: number } | null;
}

export type SamplingDesign = SimpleRandomDesign | StratifiedDesign;

/** A stratified design as a caller writes it: everything but the sample size and variables is optional. */
export type StratifiedDesignInput = Pick<StratifiedDesign, 'sampleSize' | 'stratifyBy'> & Partial<Omit<StratifiedDesign, 'sampleSize' | 'stratifyBy' | 'method'>> & { readonly method?: 'stratified' };

export interface StratumSummary {
  /** "C13 × small × normal"; merged values are joined with "+". */
  readonly key: string;
  readonly values: Readonly<Record<string, string>>;
  readonly populationSize: number;
  readonly sampleSize: number;
  /** Unrounded allocation before integer rounding. */
  readonly target: number;
  /** Defaults in the stratum and in its sample (when outcomes are known). */
  readonly defaults?: number;
  readonly sampledDefaults?: number;
  /** Design weight N_cell / n_cell of the sampled non-defaults (of all sampled units without oversampling); 0 when the cell got no sample. */
  readonly weight: number;
  /** Design weight of the sampled defaults when oversampling. */
  readonly defaultWeight?: number;
  /** True when the stratum is smaller than the minimum and was taken completely. */
  readonly census: boolean;
}

export interface DrawnSample {
  readonly algorithm: string;
  readonly seed: number;
  readonly design: SamplingDesign;
  readonly populationSize: number;
  /** Positions of the sampled units in the population, ascending. */
  readonly indices: number[];
  /** Design weight N_cell/n_cell of each sampled unit (aligned with `indices`); Σ weights = population size whenever every non-empty cell is sampled. */
  readonly weights: number[];
  readonly strata: StratumSummary[];
  /** Strata merged into a neighbour because they were smaller than the minimum. */
  readonly collapsed: { readonly stratum: string; readonly mergedInto: string }[];
  readonly warnings: string[];
}

/** The population a sample is drawn from: stratification columns plus optional outcomes and auxiliary variable. */
export interface SamplingPopulation {
  /** Number of units (needed when there are no columns, e.g. a simple random sample). */
  readonly size?: number;
  readonly columns?: Readonly<Record<string, ArrayLike<string | number>>>;
  /** Default indicator per unit (1 = defaulted): Neyman allocation on defaults and oversampling need it. */
  readonly outcomes?: ArrayLike<number>;
  /** A numeric variable per unit for Neyman allocation with neymanVariable = 'auxiliary'. */
  readonly auxiliary?: ArrayLike<number>;
}
