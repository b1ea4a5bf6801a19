import { DomainError, describeValue } from '../domain-error.js';

/** Names of the stored random-index tables (DESIGN §4); every CR is reported with the table it used. */
export type RiTableName = 'saaty' | 'saaty2005' | 'alonso-lamata' | 'donegan-dodd';
export const RI_TABLE_NAMES: readonly RiTableName[] = ['saaty', 'saaty2005', 'alonso-lamata', 'donegan-dodd'];

/**
 * Random indices by matrix size n (mean CI of random reciprocal matrices on the 1–9 scale).
 * - `saaty`: Saaty (1980), The Analytic Hierarchy Process, Table 1.7 extended to n = 15 (classic; the default).
 * - `saaty2005`: Saaty (2005), Theory and Applications of the Analytic Network Process, p. 31
 *   (as tabulated in AHPy `_compute_consistency_ratio`).
 * - `alonso-lamata`: Alonso & Lamata (2006), Int. J. Uncertainty, Fuzziness & Knowledge-Based Systems
 *   14(4):445–459, Table 3 (100 000 matrices per size).
 * - `donegan-dodd`: Donegan & Dodd (1991), Math. Comput. Modelling 15(10):135–137 (as tabulated in AHPy);
 *   published for n = 3…20, 25, 30, … — sizes in between are interpolated linearly, as AHPy does.
 */
export const RI_TABLES: Readonly<Record<RiTableName, Readonly<Record<number, number>>>> = Object.freeze({
  saaty: { 3: 0.58, 4: 0.9, 5: 1.12, 6: 1.24, 7: 1.32, 8: 1.41, 9: 1.45, 10: 1.49, 11: 1.51, 12: 1.48, 13: 1.56, 14: 1.57, 15: 1.59 },
  saaty2005: { 3: 0.52, 4: 0.89, 5: 1.11, 6: 1.25, 7: 1.35, 8: 1.4, 9: 1.45, 10: 1.49, 11: 1.52, 12: 1.54, 13: 1.56, 14: 1.58, 15: 1.59 },
  'alonso-lamata': {
    3: 0.5245, 4: 0.8815, 5: 1.1086, 6: 1.2479, 7: 1.3417, 8: 1.4056, 9: 1.4499, 10: 1.4854, 11: 1.5141,
    12: 1.5365, 13: 1.5551, 14: 1.5713, 15: 1.5838,
  },
  'donegan-dodd': {
    3: 0.4914, 4: 0.8286, 5: 1.0591, 6: 1.1797, 7: 1.2519, 8: 1.3171, 9: 1.3733, 10: 1.4055, 11: 1.4213,
    12: 1.4497, 13: 1.4643, 14: 1.4822, 15: 1.4969, 16: 1.5078, 17: 1.5153, 18: 1.5262, 19: 1.5313, 20: 1.5371,
    25: 1.5619, 30: 1.5772, 40: 1.5976, 50: 1.6102, 60: 1.6178, 70: 1.6237, 80: 1.6277, 90: 1.6213, 100: 1.6339,
  },
});

/**
 * Alonso & Lamata (2006) linear fit of the mean random λmax, λ̄ = 2.7699n − 4.3513, turned into an RI:
 * RI(n) = (λ̄ − n)/(n − 1) = (1.7699n − 4.3513)/(n − 1). Used beyond the end of any table — never a silent 0.
 */
export function alonsoLamataRandomIndex(n: number): number {
  return (1.7699 * n - 4.3513) / (n - 1);
}

/** Checks a table name, throwing a DomainError that lists the valid names. */
export function assertRiTableName(name: unknown): asserts name is RiTableName {
  if (typeof name !== 'string' || !(RI_TABLE_NAMES as readonly string[]).includes(name)) {
    throw new DomainError('unknown-ri-table', `Unknown random-index table "${describeValue(name)}"; use one of ${RI_TABLE_NAMES.join(', ')}.`, { riTable: name });
  }
}

/**
 * Random index RI(n) from the named table: 0 for n ≤ 2 (such matrices are always consistent, CR = 0);
 * the tabulated value; linear interpolation between published sizes (Donegan–Dodd gaps); and the
 * Alonso–Lamata formula (1.7699n − 4.3513)/(n − 1) beyond the end of the table.
 */
export function randomIndex(n: number, table: RiTableName = 'saaty'): number {
  assertRiTableName(table);
  if (!Number.isInteger(n) || n < 1) throw new DomainError('bad-size', `Matrix size must be a positive whole number, got ${n}.`, { size: n });
  if (n <= 2) return 0;
  const values = RI_TABLES[table];
  const exact = values[n];
  if (exact !== undefined) return exact;
  const sizes = Object.keys(values).map(Number).sort((x, y) => x - y);
  const last = sizes[sizes.length - 1];
  if (n > last) return alonsoLamataRandomIndex(n);
  let lo = sizes[0];
  for (const s of sizes) { if (s < n) lo = s; else break; }
  const hi = sizes[sizes.indexOf(lo) + 1];
  return values[lo] + ((values[hi] - values[lo]) * (n - lo)) / (hi - lo);
}
