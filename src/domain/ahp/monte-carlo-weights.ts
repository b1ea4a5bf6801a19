import { DomainError, describeValue } from '../domain-error.js';
import { seededRandom } from '../random/seeded-random.js';
import type { CompletionMethod, PriorityMethod } from './ahp-types.js';
import { compileHierarchy, type CompiledHierarchy } from './compile-hierarchy.js';
import { assertCompletionMethod, completePairwiseData } from './complete-matrix.js';
import { assertPriorityMethod, prioritiesOf } from './compute-priorities.js';
import type { HierarchyReportNode } from './hierarchy-report.js';
import { AHP_OS_VARIATION, perturbJudgment } from './perturb-judgment.js';
import { principalEigenvectorInto } from './principal-eigenvector.js';
import { quantileSorted } from './quantile-sorted.js';
import { assertRiTableName, randomIndex, type RiTableName } from './random-index.js';
import { rowGeometricMeanInto } from './row-geometric-mean.js';
import { synthesiseOf } from './synthesise-hierarchy.js';
import { parsePairwiseMatrix, type PairwiseData } from './validate-pairwise-matrix.js';

/** AHP-OS discards perturbed matrices with CR above 0.25 (AhpGroup::CRLMT). */
export const DEFAULT_MC_CR_LIMIT = 0.25;
export const DEFAULT_MC_DRAWS = 1_000;
export const DEFAULT_MC_SEED = 1;
export const MAX_MC_DRAWS = 100_000;

export interface MonteCarloOptions {
  /** Number of perturbed draws (1 … 100 000; default 1 000). */
  readonly draws?: number;
  /** Seed of the generator (any safe integer; default 1); returned with the result so it can be repeated. */
  readonly seed?: number;
  /** Draws in which any matrix has a CR above this are discarded (default 0.25, as AHP-OS). */
  readonly crLimit?: number;
  /** Step d of the judgment variation (default 0.5 = AHP-OS for one decision maker; use 0.5/√k for k). */
  readonly variation?: number;
  readonly method?: PriorityMethod;
  readonly riTable?: RiTableName;
  readonly completion?: CompletionMethod;
}

/** Distribution of one element's weight over the accepted draws. */
export interface WeightBand {
  /** Weight from the unperturbed judgments. */
  readonly weight: number;
  readonly mean: number;
  /** Sample standard deviation (divisor m − 1; 0 for a single accepted draw). */
  readonly sd: number;
  /** 2.5th and 97.5th percentiles (type 7). */
  readonly p2_5: number;
  readonly p97_5: number;
  /** Share of accepted draws in which the element's rank differs from its base rank (ties: any rank in the tie counts as equal). */
  readonly rankReversalProbability: number;
}

export interface MonteCarloOf {
  readonly seed: number;
  readonly draws: number;
  readonly accepted: number;
  readonly bands: WeightBand[];
}

function validateOptions(o: MonteCarloOptions): Required<MonteCarloOptions> {
  const draws = o.draws ?? DEFAULT_MC_DRAWS, seed = o.seed ?? DEFAULT_MC_SEED, crLimit = o.crLimit ?? DEFAULT_MC_CR_LIMIT;
  const variation = o.variation ?? AHP_OS_VARIATION;
  if (typeof draws !== 'number' || !Number.isInteger(draws) || draws < 1 || draws > MAX_MC_DRAWS) {
    throw new DomainError('bad-option', `"draws" must be a whole number from 1 to ${MAX_MC_DRAWS}, got ${describeValue(draws)}.`, { option: 'draws', value: draws });
  }
  if (typeof seed !== 'number' || !Number.isSafeInteger(seed)) {
    throw new DomainError('bad-option', `"seed" must be a whole number, got ${describeValue(seed)}.`, { option: 'seed', value: seed });
  }
  if (typeof crLimit !== 'number' || !Number.isFinite(crLimit) || crLimit <= 0) {
    throw new DomainError('bad-option', `"crLimit" must be a positive number, got ${describeValue(crLimit)}.`, { option: 'crLimit', value: crLimit });
  }
  if (typeof variation !== 'number' || !Number.isFinite(variation) || variation < 0 || variation > 8) {
    throw new DomainError('bad-option', `"variation" must be a number from 0 to 8, got ${describeValue(variation)}.`, { option: 'variation', value: variation });
  }
  const method = o.method ?? 'eigenvector', riTable = o.riTable ?? 'saaty', completion = o.completion ?? 'optimal';
  assertPriorityMethod(method);
  assertRiTableName(riTable);
  assertCompletionMethod(completion);
  return { draws, seed, crLimit, variation, method, riTable, completion };
}

/**
 * Monte Carlo weight bands for a compiled hierarchy whose node matrices (by topological position) are given in
 * working form. Each draw perturbs every given judgment a_ij, i < j, of every node as AHP-OS does
 * (perturbJudgment), re-completes missing judgments, derives local priorities, and discards the whole draw if
 * any node's CR exceeds `crLimit` (nodes are perturbed independently, so this equals per-node rejection); the
 * accepted draws are synthesised to leaf global weights. Deterministic for a given seed (seededRandom).
 * Throws `no-accepted-draws` when every draw is discarded.
 */
export function monteCarloOf(h: CompiledHierarchy, matrices: readonly PairwiseData[], options: MonteCarloOptions = {}): MonteCarloOf {
  const o = validateOptions(options);
  const N = h.nodeIds.length, L = h.leafIds.length;
  const complete = matrices.map((m, p) => completePairwiseData(m, o.completion, { node: h.nodeIds[p] }));
  const baseLocal = complete.map((a, p) => prioritiesOf(matrices[p].n, a, o.method, o.riTable).weights);
  const eigenStart = complete.map((a, p) => {
    const n = matrices[p].n, w = new Float64Array(n);
    principalEigenvectorInto(a, n, w, new Float64Array(n));
    return w;
  });
  const nodeGlobal = new Float64Array(N), base = new Float64Array(L);
  synthesiseOf(h, baseLocal, nodeGlobal, base);

  const ri = matrices.map((m) => randomIndex(m.n, o.riTable));
  const pert = matrices.map((m) => new Float64Array(m.a));
  const eig = matrices.map((m) => new Float64Array(m.n)), work = matrices.map((m) => new Float64Array(m.n));
  const local = matrices.map((m) => new Float64Array(m.n));
  const leafGlobal = new Float64Array(L);
  const samples = new Float64Array(o.draws * L);
  const rng = seededRandom(o.seed);
  let accepted = 0;

  for (let d = 0; d < o.draws; d++) {
    let ok = true;
    for (let p = 0; p < N && ok; p++) {
      const { n, a, missing } = matrices[p];
      const x = pert[p];
      for (let i = 0; i < n; i++) {
        for (let j = i + 1; j < n; j++) {
          const v = a[i * n + j];
          if (v === 0) continue;
          const u = perturbJudgment(v, o.variation, rng);
          x[i * n + j] = u; x[j * n + i] = 1 / u;
        }
      }
      const filled = missing > 0 ? completePairwiseData({ n, a: x, missing }, o.completion) : x;
      const w = eig[p];
      w.set(eigenStart[p]);
      const lambda = principalEigenvectorInto(filled, n, w, work[p], true);
      if (n > 2 && (lambda - n) / (n - 1) / ri[p] > o.crLimit) { ok = false; break; }
      if (o.method === 'rgmm') rowGeometricMeanInto(filled, n, local[p]);
      else local[p].set(w);
    }
    if (!ok) continue;
    synthesiseOf(h, local, nodeGlobal, leafGlobal);
    samples.set(leafGlobal, accepted * L);
    accepted++;
  }
  if (accepted === 0) {
    throw new DomainError('no-accepted-draws',
      `All ${o.draws} perturbed draws had a CR above ${o.crLimit}; improve the consistency of the judgments or raise crLimit.`,
      { draws: o.draws, crLimit: o.crLimit });
  }
  return { seed: o.seed, draws: o.draws, accepted, bands: weightBands(base, samples, accepted, L) };
}

/** Mean, SD, 2.5/97.5 % quantiles and rank-reversal probability per element from `accepted` rows of samples. */
function weightBands(base: Float64Array, samples: Float64Array, accepted: number, L: number): WeightBand[] {
  const tie = 1e-9;
  const rankLow = new Int32Array(L), rankHigh = new Int32Array(L);
  for (let i = 0; i < L; i++) {
    let above = 0, atLeast = 0;
    for (let j = 0; j < L; j++) {
      if (base[j] > base[i] + tie) above++;
      if (base[j] >= base[i] - tie) atLeast++;
    }
    rankLow[i] = above + 1; rankHigh[i] = atLeast;
  }
  const reversals = new Int32Array(L);
  for (let d = 0; d < accepted; d++) {
    const row = d * L;
    for (let i = 0; i < L; i++) {
      const x = samples[row + i];
      let rank = 1;
      for (let j = 0; j < L; j++) if (samples[row + j] > x) rank++;
      if (rank < rankLow[i] || rank > rankHigh[i]) reversals[i]++;
    }
  }
  const column = new Float64Array(accepted);
  const bands: WeightBand[] = [];
  for (let i = 0; i < L; i++) {
    let mean = 0;
    for (let d = 0; d < accepted; d++) { column[d] = samples[d * L + i]; mean += column[d]; }
    mean /= accepted;
    let ss = 0;
    for (let d = 0; d < accepted; d++) { const e = column[d] - mean; ss += e * e; }
    column.sort();
    bands.push({
      weight: base[i], mean, sd: accepted > 1 ? Math.sqrt(ss / (accepted - 1)) : 0,
      p2_5: quantileSorted(column, 0.025), p97_5: quantileSorted(column, 0.975),
      rankReversalProbability: reversals[i] / accepted,
    });
  }
  return bands;
}

/** Monte Carlo bands of a hierarchy's leaf global weights. */
export interface MonteCarloWeights {
  readonly seed: number;
  readonly draws: number;
  readonly accepted: number;
  readonly leaves: (WeightBand & { readonly id: string })[];
}

/**
 * Monte Carlo uncertainty of the global weights of a hierarchy given as `{ goal, nodes: [{ id, children, matrix }] }`
 * (validated like hierarchyReport): judgments perturbed as AHP-OS does, seeded, draws with any CR above
 * `crLimit` discarded; per leaf: base weight, mean, SD, 2.5/97.5 % percentiles and P(rank differs from base).
 */
export function monteCarloWeights(input: { readonly goal: string; readonly nodes: readonly HierarchyReportNode[] } & MonteCarloOptions): MonteCarloWeights {
  if (typeof input !== 'object' || input === null) throw new DomainError('bad-input', 'The request must be an object with "goal" and "nodes".');
  const h = compileHierarchy(input.goal, input.nodes);
  const matrices = h.inputIndex.map((k) => {
    const node = input.nodes[k];
    const data = parsePairwiseMatrix(node.matrix, { node: node.id });
    if (data.n !== node.children.length) {
      throw new DomainError('size-mismatch', `Node "${node.id}" has ${node.children.length} children but a ${data.n} × ${data.n} matrix.`,
        { node: node.id, expected: node.children.length, actual: data.n });
    }
    return data;
  });
  const r = monteCarloOf(h, matrices, input);
  return { seed: r.seed, draws: r.draws, accepted: r.accepted, leaves: r.bands.map((b, l) => ({ id: h.leafIds[l], ...b })) };
}
