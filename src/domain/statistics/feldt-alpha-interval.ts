import { DomainError } from '../domain-error.js';
import { fQuantile } from './distributions/f-distribution.js';

/**
 * Confidence interval for Cronbach's alpha by Feldt (1965) / Feldt, Woodruff & Salih (1987, formula 6):
 * (1 − α)/(1 − α̂) ~ F(n − 1, (n − 1)(k − 1)), so with γ = 1 − level
 *   lower = 1 − (1 − α̂)·F_{1−γ/2}(n − 1, (n − 1)(k − 1)),  upper = 1 − (1 − α̂)·F_{γ/2}(n − 1, (n − 1)(k − 1)).
 * This is the "Feldt" row of R psych::alpha's 95 % confidence boundaries (psych::alpha.ci). Needs n ≥ 2, k ≥ 2.
 * Example: α̂ = 0.79, k = 26, n = 41, 90 % → [0.7047, 0.8616].
 */
export function feldtAlphaInterval(alpha: number, n: number, k: number, level = 0.95): [number, number] {
  if (!Number.isFinite(alpha) || alpha > 1) {
    throw new DomainError('invalid-argument', `Cronbach's alpha must be a finite number ≤ 1, got ${alpha}.`, { alpha });
  }
  if (!Number.isInteger(n) || n < 2) throw new DomainError('too-few-respondents', 'A confidence interval for alpha needs at least two respondents.', { n });
  if (!Number.isInteger(k) || k < 2) throw new DomainError('too-few-items', 'A confidence interval for alpha needs at least two items.', { k });
  if (!(level > 0 && level < 1)) throw new DomainError('invalid-argument', `The confidence level must lie strictly between 0 and 1, got ${level}.`, { level });
  const tail = (1 - level) / 2;
  const df1 = n - 1;
  const df2 = (n - 1) * (k - 1);
  const lower = 1 - (1 - alpha) * fQuantile(1 - tail, df1, df2);
  const upper = 1 - (1 - alpha) * fQuantile(tail, df1, df2);
  return [lower, upper];
}
