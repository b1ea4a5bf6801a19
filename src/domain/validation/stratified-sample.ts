import { DomainError, describeValue } from '../domain-error.js';
import { seededRandom } from '../random/seeded-random.js';
import { collapseSmallStrata, stratumKey } from './collapse-small-strata.js';
import { groupIntoStrata } from './group-into-strata.js';
import {
  SAMPLING_ALGORITHM, type DrawnSample, type SamplingPopulation, type StratifiedDesign, type StratifiedDesignInput, type StratumSummary,
} from './sampling-design.js';
import { selectWithoutReplacement } from './select-without-replacement.js';
import { allocateSample } from './stratum-allocation.js';
import { validateOutcomes } from './validate-scored-outcomes.js';

/** Fills a stratified design's defaults: proportional allocation, minimum 2 per stratum, collapse small strata, no oversampling. */
export function normalizeStratifiedDesign(design: StratifiedDesignInput): StratifiedDesign {
  const normalized: StratifiedDesign = {
    method: 'stratified',
    sampleSize: design.sampleSize,
    stratifyBy: [...design.stratifyBy],
    levelOrder: design.levelOrder ?? {},
    allocation: design.allocation ?? 'proportional',
    neymanVariable: design.neymanVariable ?? 'default-indicator',
    minPerStratum: design.minPerStratum ?? 2,
    smallStrata: design.smallStrata ?? 'collapse',
    oversampleDefaults: design.oversampleDefaults ?? null,
  };
  if (normalized.allocation !== 'proportional' && normalized.allocation !== 'neyman') {
    throw new DomainError('invalid-allocation', `Allocation must be "proportional" or "neyman", got "${describeValue(normalized.allocation)}".`, { allocation: normalized.allocation });
  }
  if (normalized.smallStrata !== 'collapse' && normalized.smallStrata !== 'warn') {
    throw new DomainError('invalid-small-strata-rule', `Small strata are handled by "collapse" or "warn", got "${describeValue(normalized.smallStrata)}".`, { smallStrata: normalized.smallStrata });
  }
  const factor = normalized.oversampleDefaults?.factor;
  if (factor !== undefined && !(factor >= 1 && factor <= 1e6)) {
    throw new DomainError('invalid-oversampling', `The default oversampling factor must be between 1 and 1,000,000, got ${factor}.`, { factor });
  }
  return normalized;
}

/**
 * Stratified random sample without replacement (Cochran 1977, ch. 5): units are grouped by the design's
 * stratification variables (`groupIntoStrata`), strata smaller than the minimum are collapsed with a neighbour or
 * taken completely (`collapseSmallStrata`), the sample size is allocated proportionally or by Neyman
 * (`allocateSample`; Neyman's S_h is the SD of the default indicator, √(N_h/(N_h − 1)·p_h(1 − p_h)), or of the
 * auxiliary variable), and a simple random sample is drawn in each cell with one seeded generator, cells in
 * stratum order. With `oversampleDefaults: { factor: k }` each stratum's n_h is split between its defaults (D_h)
 * and non-defaults (G_h) so that defaults are sampled at k times the rate of non-defaults,
 *   n_hD = round(n_h·k·D_h / (k·D_h + G_h)) (within 0 … D_h and leaving ≤ G_h non-defaults),
 * keeping at least one of each when n_h ≥ 2, and every sampled unit carries the design weight N_cell / n_cell of its cell (stratum × default status), so
 * weighted estimates stay unbiased (Horvitz & Thompson 1952). Same population + design + seed → the same sample.
 */
export function stratifiedSample(population: SamplingPopulation, designInput: StratifiedDesignInput, seed: number): DrawnSample {
  const design = normalizeStratifiedDesign(designInput);
  if (!Number.isSafeInteger(seed)) throw new DomainError('invalid-seed', `The seed must be a whole number, got ${seed}.`, { seed });
  const { strata: popStrata, stratumOf: popStratumOf } = groupIntoStrata(population.columns ?? {}, design.stratifyBy, design.levelOrder);
  const N = popStratumOf.length;
  const outcomes = population.outcomes;
  const needOutcomes = design.oversampleDefaults !== null || (design.allocation === 'neyman' && design.neymanVariable === 'default-indicator');
  if (outcomes !== undefined) {
    if (outcomes.length !== N) {
      throw new DomainError('length-mismatch', `The population has ${N} units but ${outcomes.length} outcomes.`, { label: 'outcomes', length: outcomes.length, expected: N });
    }
    validateOutcomes(outcomes, { requireBothClasses: false });
  } else if (needOutcomes) {
    throw new DomainError('missing-outcomes', design.oversampleDefaults !== null
      ? 'Oversampling defaults needs the default indicator (outcomes) of every unit.'
      : 'Neyman allocation on the default indicator needs the outcomes of every unit.', {});
  }

  const collapsed = collapseSmallStrata(popStrata, design.minPerStratum, design.smallStrata, design.stratifyBy);
  const H = collapsed.strata.length;
  const stratumOf = new Uint32Array(N);
  const sizes = new Array<number>(H).fill(0);
  const defaults = new Array<number>(H).fill(0);
  for (let i = 0; i < N; i++) {
    const h = collapsed.stratumOfPopulationStratum[popStratumOf[i]];
    stratumOf[i] = h; sizes[h]++;
    if (outcomes && outcomes[i] === 1) defaults[h]++;
  }
  const warnings = [...collapsed.warnings];

  let dispersions: number[] | undefined;
  if (design.allocation === 'neyman') {
    if (design.neymanVariable === 'default-indicator') {
      dispersions = sizes.map((Nh, h) => (Nh < 2 ? 0 : Math.sqrt((Nh / (Nh - 1)) * (defaults[h] / Nh) * (1 - defaults[h] / Nh))));
    } else {
      dispersions = auxiliaryDispersions(population.auxiliary, stratumOf, sizes);
    }
  }
  const allocation = allocateSample({ sizes, sampleSize: design.sampleSize, minimum: design.minPerStratum, dispersions });
  if (allocation.fellBackToProportional) warnings.push('Every stratum has zero dispersion of the Neyman variable: the sample was allocated proportionally instead.');

  // Cells: one per stratum, or (defaults, non-defaults) per stratum when oversampling; defaults cell first.
  const oversample = design.oversampleDefaults;
  const cellsPerStratum = oversample ? 2 : 1;
  const cellSample = new Array<number>(H * cellsPerStratum).fill(0);
  const cellSize = new Array<number>(H * cellsPerStratum).fill(0);
  for (let h = 0; h < H; h++) {
    const nh = allocation.sizes[h];
    if (!oversample) { cellSize[h] = sizes[h]; cellSample[h] = nh; continue; }
    const D = defaults[h], G = sizes[h] - D, k = oversample.factor;
    const ideal = D + G > 0 ? (nh * k * D) / (k * D + G) : 0;
    let nD = Math.min(D, nh, Math.max(nh - G, 0, Math.round(ideal)));
    // Both cells are represented whenever the stratum's sample allows it, so every unit has a weight.
    if (D > 0 && G > 0 && nh >= 2) nD = Math.min(nh - 1, Math.max(1, nD));
    cellSize[2 * h] = D; cellSample[2 * h] = nD;
    cellSize[2 * h + 1] = G; cellSample[2 * h + 1] = nh - nD;
    if (D > 0 && nD === 0) warnings.push(`Stratum ${stratumKey(collapsed.strata[h].labels)}: its sample of ${nh} has no defaulted loan despite oversampling.`);
  }

  // Members of every cell in ascending unit order (counting sort).
  const C = cellSample.length;
  const cellOf = (i: number) => (oversample ? 2 * stratumOf[i] + (outcomes![i] === 1 ? 0 : 1) : stratumOf[i]);
  const start = new Uint32Array(C + 1);
  for (let i = 0; i < N; i++) start[cellOf(i) + 1]++;
  for (let c = 0; c < C; c++) start[c + 1] += start[c];
  const fill = start.slice(0, C);
  const members = new Uint32Array(N);
  for (let i = 0; i < N; i++) members[fill[cellOf(i)]++] = i;

  const rng = seededRandom(seed);
  const weightOf = new Float64Array(N);
  const cellWeight = new Array<number>(C).fill(0);
  for (let c = 0; c < C; c++) {
    const n = cellSample[c];
    if (n === 0) continue;
    const chosen = selectWithoutReplacement(members.subarray(start[c], start[c + 1]), n, rng);
    const w = cellSize[c] / n;
    cellWeight[c] = w;
    for (let k = 0; k < chosen.length; k++) weightOf[chosen[k]] = w;
  }
  const indices: number[] = [];
  const weights: number[] = [];
  for (let i = 0; i < N; i++) if (weightOf[i] > 0) { indices.push(i); weights.push(weightOf[i]); }

  const strata: StratumSummary[] = collapsed.strata.map((s, h) => {
    const values: Record<string, string> = {};
    design.stratifyBy.forEach((v, d) => { values[v] = s.labels[d]; });
    const summary: StratumSummary = {
      key: stratumKey(s.labels), values, populationSize: sizes[h], sampleSize: allocation.sizes[h], target: allocation.targets[h],
      weight: oversample ? cellWeight[2 * h + 1] : cellWeight[h], census: allocation.sizes[h] === sizes[h] && s.census,
      ...(outcomes ? { defaults: defaults[h], sampledDefaults: oversample ? cellSample[2 * h] : countSampledDefaults(members, start, h, weightOf, outcomes) } : {}),
      ...(oversample ? { defaultWeight: cellWeight[2 * h] } : {}),
    };
    return summary;
  });
  return { algorithm: SAMPLING_ALGORITHM, seed, design, populationSize: N, indices, weights, strata, collapsed: collapsed.collapsed, warnings };
}

function countSampledDefaults(members: Uint32Array, start: Uint32Array, h: number, weightOf: Float64Array, outcomes: ArrayLike<number>): number {
  let count = 0;
  for (let k = start[h]; k < start[h + 1]; k++) { const i = members[k]; if (weightOf[i] > 0 && outcomes[i] === 1) count++; }
  return count;
}

/** Sample SD (divisor N_h − 1) of the auxiliary variable in each stratum, by two passes. */
function auxiliaryDispersions(auxiliary: ArrayLike<number> | undefined, stratumOf: Uint32Array, sizes: number[]): number[] {
  const N = stratumOf.length;
  if (auxiliary === undefined) throw new DomainError('missing-auxiliary', 'Neyman allocation on an auxiliary variable needs that variable for every unit.', {});
  if (auxiliary.length !== N) throw new DomainError('length-mismatch', `The population has ${N} units but ${auxiliary.length} auxiliary values.`, { length: auxiliary.length, expected: N });
  const H = sizes.length;
  const mean = new Float64Array(H), ss = new Float64Array(H);
  for (let i = 0; i < N; i++) {
    const v = auxiliary[i];
    if (typeof v !== 'number' || v - v !== 0) throw new DomainError('invalid-value', `Auxiliary value ${i + 1} is ${describeValue(v)}; it must be a finite number.`, { index: i });
    mean[stratumOf[i]] += v;
  }
  for (let h = 0; h < H; h++) mean[h] /= sizes[h];
  for (let i = 0; i < N; i++) { const d = auxiliary[i] - mean[stratumOf[i]]; ss[stratumOf[i]] += d * d; }
  return sizes.map((Nh, h) => (Nh < 2 ? 0 : Math.sqrt(ss[h] / (Nh - 1))));
}
