import { DomainError, describeValue } from '../domain-error.js';
import { normalisedExpertWeights } from './expert-weights.js';

/** AHP-OS verbal scale for S* (Goepel, bpmsg.com "AHP consensus word scale"). */
export type ConsensusBand = 'very low' | 'low' | 'moderate' | 'high' | 'very high';

/**
 * Verbal band of a consensus value: < 0.5 very low, 0.5–0.625 low, 0.625–0.75 moderate, 0.75–0.875 high,
 * ≥ 0.875 very high (Goepel: four equal segments from 50 % to 100 %, below 50 % very low).
 */
export function consensusBand(sStar: number): ConsensusBand {
  if (sStar < 0.5) return 'very low';
  if (sStar < 0.625) return 'low';
  if (sStar < 0.75) return 'moderate';
  if (sStar < 0.875) return 'high';
  return 'very high';
}

export interface ConsensusResult {
  /** AHP consensus indicator S* ∈ [0, 1] (1 = identical priorities). */
  readonly sStar: number;
  readonly band: ConsensusBand;
  /** Shannon α (mean within-expert), γ (pooled) and β = γ − α entropies, natural logs. */
  readonly hAlpha: number;
  readonly hGamma: number;
  readonly hBeta: number;
}

/** Checks M, the largest value of the judgment scale (> 1, finite). */
export function assertScaleMax(M: unknown): asserts M is number {
  if (typeof M !== 'number' || !Number.isFinite(M) || M <= 1) {
    throw new DomainError('bad-scale-max', `The scale maximum M must be a number above 1, got ${describeValue(M)}.`, { scaleMax: M });
  }
}

function entropy(p: ArrayLike<number>): number {
  let h = 0;
  for (let i = 0; i < p.length; i++) if (p[i] > 0) h -= p[i] * Math.log(p[i]);
  return h;
}

/**
 * S* on typed input: `k` priority vectors of length n stored row after row in `p` (each summing to 1), expert
 * weights λ (Σλ = 1), scale maximum M. See consensusIndicator for the formulas.
 */
export function consensusOf(p: Float64Array, k: number, n: number, lambda: ArrayLike<number>, M: number): ConsensusResult {
  const pooled = new Float64Array(n);
  let hAlpha = 0;
  for (let e = 0; e < k; e++) {
    const row = e * n, l = lambda[e];
    let h = 0;
    for (let i = 0; i < n; i++) {
      const x = p[row + i];
      if (x > 0) h -= x * Math.log(x);
      pooled[i] += l * x;
    }
    hAlpha += l * h;
  }
  const hGamma = entropy(pooled);
  const hBeta = Math.max(0, hGamma - hAlpha);
  if (n === 1) return { sStar: 1, band: 'very high', hAlpha, hGamma, hBeta };
  const d = n + M - 1;
  const hAlphaMin = -(M / d) * Math.log(M / d) - ((n - 1) / d) * Math.log(1 / d);
  const inverseCor = Math.exp(hAlphaMin - Math.log(n)); // 1/cor, cor = exp(Hγ,max − Hα,min)
  const sStar = (Math.exp(-hBeta) - inverseCor) / (1 - inverseCor);
  return { sStar, band: consensusBand(sStar), hAlpha, hGamma, hBeta };
}

/**
 * Goepel's AHP consensus indicator from k experts' priority vectors over n elements (Goepel 2013, Proc. ISAHP,
 * Kuala Lumpur; AHP-OS AhpGroup::getConsensus, eqs. 1.1–1.10 on bpmsg.com):
 *   Hα = Σ_k λ_k H(w_k), Hγ = H(Σ_k λ_k w_k), Hβ = Hγ − Hα, with H(p) = −Σ p_i ln p_i;
 *   Hα,min = −(M/(n+M−1)) ln(M/(n+M−1)) − (n−1)/(n+M−1) · ln(1/(n+M−1)),  Hγ,max = ln n;
 *   S* = (1/exp(Hβ) − exp(Hα,min − Hγ,max)) / (1 − exp(Hα,min − Hγ,max)),
 * where M is the largest value of the judgment scale (9 for Saaty's 1–9 scale; scaleMaximum gives it for
 * other scales). Expert weights: AHP-OS uses equal weights λ_k = 1/k. With weights this implementation uses the
 * weighted α and γ entropies (Jost 2007, Ecology 88:2427, weighted Shannon partitioning; Hβ ≥ 0 still holds by
 * concavity) — equal weights reproduce AHP-OS exactly. n = 1 gives S* = 1. Needs k ≥ 2 experts.
 */
export function consensusIndicator(priorities: readonly (readonly number[])[], options: { scaleMax?: number; expertWeights?: readonly number[] } = {}): ConsensusResult {
  const M = options.scaleMax ?? 9;
  assertScaleMax(M);
  if (!Array.isArray(priorities) || priorities.length < 2) {
    throw new DomainError('too-few-experts', 'The consensus indicator needs the priorities of at least two experts.', { experts: Array.isArray(priorities) ? priorities.length : 0 });
  }
  const n = priorities[0].length;
  priorities.forEach((p, k) => {
    if (!Array.isArray(p) || p.length !== n || n === 0) {
      throw new DomainError('size-mismatch', `Priority vector ${k + 1} must have ${n} entries.`, { expert: k, expected: n });
    }
    for (const x of p) {
      if (typeof x !== 'number' || !Number.isFinite(x) || x < 0) {
        throw new DomainError('not-positive', `Priorities of expert ${k + 1} must be non-negative numbers.`, { expert: k });
      }
    }
  });
  const lambda = normalisedExpertWeights(priorities.length, options.expertWeights);
  const k = priorities.length, flat = new Float64Array(k * n);
  for (let e = 0; e < k; e++) {
    const q = priorities[e];
    let total = 0;
    for (let i = 0; i < n; i++) total += q[i];
    if (!(total > 0)) throw new DomainError('not-positive', `Priorities of expert ${e + 1} must not all be zero.`, { expert: e });
    for (let i = 0; i < n; i++) flat[e * n + i] = q[i] / total;
  }
  return consensusOf(flat, k, n, lambda, M);
}
