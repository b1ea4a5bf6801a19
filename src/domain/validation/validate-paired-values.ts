import { DomainError } from '../domain-error.js';
import { validateFiniteValues } from './validate-scored-outcomes.js';

/** Checks two paired samples for a rank correlation: same length ≥ `minimum`, finite numbers, neither constant. */
export function validatePairedValues(x: ArrayLike<number>, y: ArrayLike<number>, minimum: number, method: string): void {
  if (x.length !== y.length) {
    throw new DomainError('length-mismatch', `${method} needs paired values; the two lists have ${x.length} and ${y.length} entries.`, { x: x.length, y: y.length });
  }
  if (x.length < minimum) {
    throw new DomainError('too-few-pairs', `${method} needs at least ${minimum} pairs, got ${x.length}.`, { pairs: x.length });
  }
  validateFiniteValues(x, x.length, 'x');
  validateFiniteValues(y, y.length, 'y');
  for (const [label, v] of [['x', x], ['y', y]] as const) {
    let constant = true;
    for (let i = 1; i < v.length; i++) if (v[i] !== v[0]) { constant = false; break; }
    if (constant) {
      throw new DomainError('constant-values', `${method} is undefined: every ${label} value is the same (${v[0]}).`, { variable: label });
    }
  }
}
