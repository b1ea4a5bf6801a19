import { DomainError } from '../domain-error.js';

/**
 * Arithmetic mean x̄ = Σxᵢ / n of finite numbers (same units as the data). Throws on an empty list or a
 * non-finite value. Summation is compensated (Neumaier 1974) so long lists of survey answers lose no accuracy.
 * Example: mean([1, 2, 3, 4]) = 2.5 (R: mean(1:4)).
 */
export function mean(values: ArrayLike<number>): number {
  const n = values.length;
  if (n === 0) throw new DomainError('empty-data', 'The mean needs at least one value.', { n });
  let sum = 0;
  let compensation = 0;
  for (let i = 0; i < n; i++) {
    const x = values[i];
    if (!Number.isFinite(x)) throw new DomainError('invalid-value', `Value ${i + 1} is not a finite number.`, { index: i, value: x });
    const t = sum + x;
    compensation += Math.abs(sum) >= Math.abs(x) ? (sum - t) + x : (x - t) + sum;
    sum = t;
  }
  const result = (sum + compensation) / n;
  if (Number.isFinite(result)) return result;
  // The sum overflowed (values near ±1.8e308): the mean itself is representable, so sum the values scaled by 1/n.
  let scaled = 0;
  for (let i = 0; i < n; i++) scaled += values[i] / n;
  return scaled;
}
