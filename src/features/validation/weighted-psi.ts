import { populationStabilityIndex, type PsiResult } from '../../domain/validation/population-stability-index.js';
import { binIndex, quantileBinEdges } from '../../domain/validation/quantile-bin-edges.js';

export interface LabelledPsi {
  psi: number;
  interpretation: PsiResult['interpretation'];
  bins: { label: string; expectedShare: number; actualShare: number; contribution: number }[];
}

const MISSING = 'missing';

function finish(labels: string[], expected: number[], actual: number[]): LabelledPsi {
  // Bins empty on both sides carry no information and are dropped.
  const keep = labels.map((_, i) => expected[i]! > 0 || actual[i]! > 0);
  const l = labels.filter((_, i) => keep[i]), e = expected.filter((_, i) => keep[i]), a = actual.filter((_, i) => keep[i]);
  if (l.length < 2) return { psi: 0, interpretation: 'stable', bins: l.map((label) => ({ label, expectedShare: 1, actualShare: 1, contribution: 0 })) };
  const r = populationStabilityIndex(e, a);
  return { psi: r.psi, interpretation: r.interpretation, bins: r.bins.map((b, i) => ({ label: l[i]!, ...b })) };
}

/**
 * PSI of a categorical variable (grades, codes) between a reference and a current sample, each unit counted
 * with its weight (design weights of a sample; 1 by default): shares are weighted counts over the union of the
 * categories, in `order` first, then the others sorted; null is a "missing" category. The index itself is the
 * domain's `populationStabilityIndex` (Siddiqi 2006) with its share floor.
 */
export function categoricalPsi(reference: ArrayLike<string | null>, current: ArrayLike<string | null>,
  options: { referenceWeights?: ArrayLike<number>; currentWeights?: ArrayLike<number>; order?: readonly string[] } = {}): LabelledPsi {
  const counts = new Map<string, [number, number]>();
  const add = (v: string | null, side: 0 | 1, w: number) => {
    const key = v ?? MISSING;
    let c = counts.get(key);
    if (!c) { c = [0, 0]; counts.set(key, c); }
    c[side] += w;
  };
  for (let i = 0; i < reference.length; i++) add(reference[i]!, 0, options.referenceWeights?.[i] ?? 1);
  for (let i = 0; i < current.length; i++) add(current[i]!, 1, options.currentWeights?.[i] ?? 1);
  const order = options.order ?? [];
  const labels = [...order.filter((g) => counts.has(g)), ...[...counts.keys()].filter((k) => !order.includes(k)).sort()];
  return finish(labels, labels.map((k) => counts.get(k)![0]), labels.map((k) => counts.get(k)![1]));
}

/**
 * PSI of a numeric variable: bins cut at the reference sample's deciles (type-7 quantiles, ties merged, right-closed,
 * as the domain's `psiByIndicator`), the current sample binned on the same edges with its weights; missing values
 * (null) form their own bin. Returns null when the reference has no value at all.
 */
export function numericPsi(reference: ArrayLike<number | null>, current: ArrayLike<number | null>,
  options: { referenceWeights?: ArrayLike<number>; currentWeights?: ArrayLike<number>; bins?: number; digits?: number } = {}): LabelledPsi | null {
  const present: number[] = [];
  for (let i = 0; i < reference.length; i++) { const v = reference[i]; if (typeof v === 'number' && Number.isFinite(v)) present.push(v); }
  if (present.length === 0) return null;
  const edges = quantileBinEdges(present, options.bins ?? 10);
  const k = edges.length + 1;
  const e = new Array<number>(k + 1).fill(0), a = new Array<number>(k + 1).fill(0);
  const put = (target: number[], v: number | null | undefined, w: number) => {
    target[typeof v === 'number' && Number.isFinite(v) ? binIndex(v, edges) : k]! += w;
  };
  for (let i = 0; i < reference.length; i++) put(e, reference[i], options.referenceWeights?.[i] ?? 1);
  for (let i = 0; i < current.length; i++) put(a, current[i], options.currentWeights?.[i] ?? 1);
  const fmt = (x: number) => String(Number(x.toPrecision(options.digits ?? 4)));
  const labels = Array.from({ length: k }, (_, j) => (k === 1 ? 'all' : j === 0 ? `≤ ${fmt(edges[0]!)}` : j === k - 1 ? `> ${fmt(edges[k - 2]!)}` : `(${fmt(edges[j - 1]!)}, ${fmt(edges[j]!)}]`));
  labels.push(MISSING);
  return finish(labels, e, a);
}

/** A stored indicator value: a number, a code, or missing. */
export type IndicatorValue = number | string | null | undefined;

/**
 * PSI of every indicator between a reference set of units (e.g. the population or an earlier period) and the
 * current sample (with its design weights): numeric indicators by `numericPsi`, coded ones by `categoricalPsi`
 * (an indicator is coded when its first non-missing value is text). Indicators in `order` first. Indicators
 * without any value in the reference are left out.
 */
export function indicatorPsi(reference: readonly Readonly<Record<string, IndicatorValue>>[], current: readonly Readonly<Record<string, IndicatorValue>>[],
  currentWeights?: ArrayLike<number>, order: readonly string[] = []): { indicator: string; result: LabelledPsi }[] {
  const ids = new Set<string>();
  for (const r of reference) for (const [k, v] of Object.entries(r)) if (v !== null && v !== undefined) ids.add(k);
  const sorted = [...order.filter((id) => ids.has(id)), ...[...ids].filter((id) => !order.includes(id)).sort()];
  const out: { indicator: string; result: LabelledPsi }[] = [];
  for (const id of sorted) {
    const ref = reference.map((r) => r[id] ?? null);
    const cur = current.map((r) => r[id] ?? null);
    const first = ref.find((v) => v !== null);
    if (typeof first === 'string') {
      const asText = (v: IndicatorValue) => (v === null || v === undefined ? null : String(v));
      out.push({ indicator: id, result: categoricalPsi(ref.map(asText), cur.map(asText), { currentWeights }) });
    } else {
      const asNumber = (v: IndicatorValue) => (typeof v === 'number' ? v : null);
      const r = numericPsi(ref.map(asNumber), cur.map(asNumber), { currentWeights });
      if (r) out.push({ indicator: id, result: r });
    }
  }
  return out;
}
