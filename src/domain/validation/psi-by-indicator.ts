import { DomainError, describeValue } from '../domain-error.js';
import { populationStabilityIndex, type PsiResult } from './population-stability-index.js';
import { binIndex, quantileBinEdges } from './quantile-bin-edges.js';

/** One indicator's values: numbers (binned) or category codes; null = missing (its own bin). */
export type IndicatorValues = ArrayLike<number | null> | ArrayLike<string | null>;

export interface IndicatorPsi extends PsiResult {
  /** Bin labels: "≤ 3.2", "(3.2, 5.1]", "> 9.8", a category code, or "missing". */
  readonly labels: string[];
}

/**
 * PSI per indicator between a reference sample (e.g. the development period or the previous model's snapshots)
 * and a current one. Numeric indicators are cut at the reference sample's quantiles (`bins`, default 10,
 * type-7 quantiles, ties merged); categorical indicators use the union of their codes; missing values (null)
 * form a bin of their own when present in either sample. Then `populationStabilityIndex` with its share floor.
 */
export function psiByIndicator(expected: Readonly<Record<string, IndicatorValues>>, actual: Readonly<Record<string, IndicatorValues>>,
  options: { bins?: number; floor?: number } = {}): Record<string, IndicatorPsi> {
  const out: Record<string, IndicatorPsi> = {};
  for (const name of Object.keys(expected)) {
    const ref = expected[name];
    const cur = actual[name];
    if (cur === undefined) throw new DomainError('missing-indicator', `Indicator "${name}" is in the reference sample but not in the current one.`, { indicator: name });
    out[name] = isCategorical(ref, cur) ? categoricalPsi(ref as ArrayLike<string | null>, cur as ArrayLike<string | null>, options.floor)
      : numericPsi(name, ref as ArrayLike<number | null>, cur as ArrayLike<number | null>, options.bins ?? 10, options.floor);
  }
  return out;
}

function isCategorical(a: IndicatorValues, b: IndicatorValues): boolean {
  for (const xs of [a, b]) for (let i = 0; i < xs.length; i++) { const v = xs[i]; if (v !== null) return typeof v === 'string'; }
  return false;
}

function numericPsi(name: string, ref: ArrayLike<number | null>, cur: ArrayLike<number | null>, bins: number, floor?: number): IndicatorPsi {
  const present: number[] = [];
  for (let i = 0; i < ref.length; i++) { const v = ref[i]; if (v !== null) present.push(checkNumber(name, v, i)); }
  if (present.length === 0) throw new DomainError('empty-distribution', `Indicator "${name}" has no values in the reference sample.`, { indicator: name });
  const edges = quantileBinEdges(present, bins);
  const k = edges.length + 1;
  const e = new Array<number>(k + 1).fill(0), a = new Array<number>(k + 1).fill(0);
  for (let i = 0; i < ref.length; i++) { const v = ref[i]; e[v === null ? k : binIndex(v, edges)]++; }
  for (let i = 0; i < cur.length; i++) { const v = cur[i]; a[v === null ? k : binIndex(checkNumber(name, v, i), edges)]++; }
  const labels = Array.from({ length: k }, (_, j) => j === 0 ? `≤ ${edges[0] ?? '∞'}` : j === k - 1 ? `> ${edges[k - 2]}` : `(${edges[j - 1]}, ${edges[j]}]`);
  if (k === 1) labels[0] = 'all';
  const withMissing = e[k] > 0 || a[k] > 0;
  if (withMissing) labels.push('missing'); else { e.pop(); a.pop(); }
  if (e.length < 2) {
    // A constant indicator without missing values: one bin, no shift possible.
    return { psi: 0, bins: [{ expectedShare: 1, actualShare: 1, contribution: 0 }], interpretation: 'stable', labels };
  }
  return { ...populationStabilityIndex(e, a, { floor }), labels };
}

function categoricalPsi(ref: ArrayLike<string | null>, cur: ArrayLike<string | null>, floor?: number): IndicatorPsi {
  const index = new Map<string, number>();
  const labels: string[] = [];
  const e: number[] = [], a: number[] = [];
  const add = (v: string | null, target: number[], other: number[]) => {
    const key = v === null ? '\u0000missing' : v;
    let j = index.get(key);
    if (j === undefined) { j = labels.length; index.set(key, j); labels.push(v === null ? 'missing' : v); target.push(0); other.push(0); }
    target[j]++;
  };
  for (let i = 0; i < ref.length; i++) add(ref[i], e, a);
  for (let i = 0; i < cur.length; i++) add(cur[i], a, e);
  if (labels.length < 2) return { psi: 0, bins: [{ expectedShare: 1, actualShare: 1, contribution: 0 }], interpretation: 'stable', labels };
  return { ...populationStabilityIndex(e, a, { floor }), labels };
}

function checkNumber(name: string, v: number | null, i: number): number {
  if (typeof v !== 'number' || v - v !== 0) {
    throw new DomainError('invalid-value', `Indicator "${name}": value ${i + 1} is ${describeValue(v)}; use a finite number or null for missing.`, { indicator: name, index: i });
  }
  return v;
}
