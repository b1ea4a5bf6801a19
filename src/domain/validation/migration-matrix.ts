import { DomainError } from '../domain-error.js';
import { validateWeights } from './validate-scored-outcomes.js';

export interface MigrationMatrix {
  /** Grades best first; rows = old grade, columns = new grade. */
  readonly grades: string[];
  /** counts[i][j] = (weighted) units graded grades[i] by the old version and grades[j] by the new. */
  readonly counts: number[][];
  readonly total: number;
  /** Shares of all units on the diagonal, within ±1 and ±2 notches, and moved to a better / worse grade. */
  readonly unchanged: number;
  readonly withinOneNotch: number;
  readonly withinTwoNotches: number;
  readonly upgraded: number;
  readonly downgraded: number;
}

/**
 * Rating migration matrix between two model versions (or two dates) on the same units: old grade × new grade,
 * with the share unchanged and within ±1 and ±2 notches (notch = distance in the grade order, best first) — the
 * standard stability view of a rating change (e.g. EBA/ECB validation reporting; Standard & Poor's transition
 * studies). Optional design weights; grades outside `gradeOrder` are refused.
 */
export function migrationMatrix(oldGrades: readonly string[], newGrades: readonly string[], gradeOrder: readonly string[], weights?: ArrayLike<number>): MigrationMatrix {
  if (oldGrades.length !== newGrades.length) {
    throw new DomainError('length-mismatch', `The old grades (${oldGrades.length}) and new grades (${newGrades.length}) differ in length; a migration matrix needs the same units.`,
      { old: oldGrades.length, new: newGrades.length });
  }
  if (oldGrades.length === 0) throw new DomainError('empty-sample', 'No units to tabulate.', {});
  if (weights) validateWeights(weights, oldGrades.length);
  const rank = new Map<string, number>();
  gradeOrder.forEach((g, i) => rank.set(g, i));
  const k = gradeOrder.length;
  const counts = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  let total = 0, unchanged = 0, one = 0, two = 0, up = 0, down = 0;
  for (let u = 0; u < oldGrades.length; u++) {
    const i = rank.get(oldGrades[u]), j = rank.get(newGrades[u]);
    if (i === undefined || j === undefined) {
      const bad = i === undefined ? oldGrades[u] : newGrades[u];
      throw new DomainError('unknown-grade', `Grade "${bad}" (unit ${u + 1}) is not in the grade order.`, { index: u, grade: bad, grades: gradeOrder });
    }
    const w = weights ? weights[u] : 1;
    counts[i][j] += w; total += w;
    const d = j - i;
    if (d === 0) unchanged += w;
    if (Math.abs(d) <= 1) one += w;
    if (Math.abs(d) <= 2) two += w;
    if (d < 0) up += w; else if (d > 0) down += w;
  }
  if (!(total > 0)) throw new DomainError('zero-total-weight', 'The design weights sum to 0; nothing to tabulate.', {});
  return { grades: [...gradeOrder], counts, total, unchanged: unchanged / total, withinOneNotch: one / total, withinTwoNotches: two / total,
    upgraded: up / total, downgraded: down / total };
}
