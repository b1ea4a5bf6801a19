import { DomainError } from '../domain-error.js';

export interface LikertAgreement {
  /** Percentage of answers above the scale midpoint (“agree”; the top-2 box on a 5-point scale). */
  agreePercent: number;
  /** Percentage of answers below the scale midpoint (“disagree”; the bottom-2 box on a 5-point scale). */
  disagreePercent: number;
  /** Percentage exactly at the midpoint (“neutral”; 0 on scales with an even number of points). */
  neutralPercent: number;
  n: number;
}

/**
 * Agreement shares of Likert answers, defined by the scale midpoint m = (min + max)/2: agree = x > m,
 * disagree = x < m, in percent of the n answers. On a 1–5 scale these are the top-2 and bottom-2 boxes; on 1–7
 * the top-3 and bottom-3; on 1–4 (no neutral point) the top-2 and bottom-2. Throws on no answers or answers off
 * the scale. Example: likertAgreement([1, 2, 3, 4, 5, 5], 1, 5) → agree 50 %, disagree 33.3 %.
 */
export function likertAgreement(values: ArrayLike<number>, min: number, max: number): LikertAgreement {
  if (!Number.isFinite(min) || !Number.isFinite(max) || min >= max) {
    throw new DomainError('invalid-scale', `A scale needs finite min < max, got min = ${min}, max = ${max}.`, { min, max });
  }
  const n = values.length;
  if (n === 0) throw new DomainError('empty-data', 'Agreement shares need at least one answer.', { n });
  const midpoint = (min + max) / 2;
  let agree = 0;
  let disagree = 0;
  for (let i = 0; i < n; i++) {
    const x = values[i];
    if (!Number.isFinite(x) || x < min || x > max) {
      throw new DomainError('out-of-scale', `Answer ${i + 1} (${x}) lies outside the scale ${min}–${max}.`, { index: i, value: x, min, max });
    }
    if (x > midpoint) agree++;
    else if (x < midpoint) disagree++;
  }
  return {
    agreePercent: (100 * agree) / n,
    disagreePercent: (100 * disagree) / n,
    neutralPercent: (100 * (n - agree - disagree)) / n,
    n,
  };
}
