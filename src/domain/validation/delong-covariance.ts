import { DomainError } from '../domain-error.js';
import type { DelongPlacements } from './delong-placements.js';

/**
 * DeLong's covariance of two AUCs estimated on the same units (DeLong, DeLong & Clarke-Pearson 1988, eq. for
 * S = S10/m + S01/n): with m bads, n goods and structural components V10, V01 (see `delongPlacements`),
 *   Cov(A, B) = Σ_i (V10ᴬ_i − Aᴬ)(V10ᴮ_i − Aᴮ) / ((m − 1)·m) + Σ_j (V01ᴬ_j − Aᴬ)(V01ᴮ_j − Aᴮ) / ((n − 1)·n).
 * Var(AUC) is the covariance of a placement set with itself; this is what R pROC's var(roc) and
 * ci.auc(method = "delong") compute (pROC 1.18: var(roc(aSAH$outcome, aSAH$s100b)) = 0.00266868245717244).
 *
 * With design weights (not covered by DeLong's paper) the same influence-function (linearisation) form is used:
 *   m/(m − 1)·Σ_i w_i²(V10ᴬ_i − Aᴬ)(V10ᴮ_i − Aᴮ)/W_bad² + n/(n − 1)·Σ_j w_j²(…)/W_good²,
 * which reduces exactly to DeLong's formula when all weights are equal. Needs ≥ 2 bads and ≥ 2 goods.
 */
export function delongCovariance(a: DelongPlacements, b: DelongPlacements): number {
  const m = a.badComponents.length;
  const n = a.goodComponents.length;
  if (b.badComponents.length !== m || b.goodComponents.length !== n) {
    throw new DomainError('unpaired-placements', 'The two AUCs were not computed on the same bads and goods; DeLong\'s paired covariance needs the same units.',
      { badsA: m, badsB: b.badComponents.length, goodsA: n, goodsB: b.goodComponents.length });
  }
  if (m < 2 || n < 2) {
    throw new DomainError('too-few-for-variance',
      `DeLong's variance needs at least 2 bads and 2 goods; the sample has ${m} bad(s) and ${n} good(s).`, { bads: m, goods: n });
  }
  return componentCovariance(a.badComponents, b.badComponents, a.auc, b.auc, a.badWeights, a.totalBad)
    + componentCovariance(a.goodComponents, b.goodComponents, a.auc, b.auc, a.goodWeights, a.totalGood);
}

function componentCovariance(x: Float64Array, y: Float64Array, meanX: number, meanY: number,
  weights: Float64Array | undefined, totalWeight: number): number {
  const k = x.length;
  let sum = 0;
  if (weights) {
    for (let i = 0; i < k; i++) { const w = weights[i]; sum += w * w * (x[i] - meanX) * (y[i] - meanY); }
    return (k / (k - 1)) * sum / (totalWeight * totalWeight);
  }
  for (let i = 0; i < k; i++) sum += (x[i] - meanX) * (y[i] - meanY);
  return sum / ((k - 1) * k);
}
