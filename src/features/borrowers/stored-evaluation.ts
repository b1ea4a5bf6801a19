import type { AppliedAdjustment, AppliedCap, BorrowerEvaluation, EvaluationWarning } from '../../domain/credit/borrower-evaluation.js';

/**
 * The form in which an evaluation is stored (evaluations.result): the full breakdown with criteria and
 * indicators as short arrays, numbers rounded to 1e-9 (the exact score is kept in its own column).
 * unpackEvaluation gives back the scoring API's shape.
 */
export interface PackedEvaluation {
  v: 1;
  score: number;
  grade: string;
  /** Criterion id → [applied weight, score or null]. */
  c: Record<string, [number, number | null]>;
  /** Indicator id → [raw value, score or null, applied weight]. */
  i: Record<string, [number | string | null, number | null, number]>;
  missing: string[];
  caps: AppliedCap[];
  adj: AppliedAdjustment[];
  warn: EvaluationWarning[];
  facility?: BorrowerEvaluation['facility'];
}

function r9(x: number): number {
  return Math.abs(x) < 1e6 ? Math.round(x * 1e9) / 1e9 : x;
}
const rn = (x: number | null): number | null => (x === null ? null : r9(x));

export function packEvaluation(e: BorrowerEvaluation): PackedEvaluation {
  const c: PackedEvaluation['c'] = {};
  for (const id in e.criteria) {
    const x = e.criteria[id]!;
    c[id] = [r9(x.weight), rn(x.score)];
  }
  const i: PackedEvaluation['i'] = {};
  for (const id in e.indicators) {
    const x = e.indicators[id]!;
    i[id] = [typeof x.value === 'number' ? r9(x.value) : x.value, rn(x.score), r9(x.weight)];
  }
  const packed: PackedEvaluation = { v: 1, score: e.score, grade: e.grade, c, i, missing: [...e.missing], caps: [...e.caps], adj: [...e.adjustments], warn: [...e.warnings] };
  if (e.facility) packed.facility = e.facility;
  return packed;
}

export function unpackEvaluation(p: PackedEvaluation): BorrowerEvaluation {
  const criteria: Record<string, { weight: number; score: number | null }> = {};
  for (const [id, [weight, score]] of Object.entries(p.c)) criteria[id] = { weight, score };
  const indicators: Record<string, { value: number | string | null; score: number | null; weight: number }> = {};
  for (const [id, [value, score, weight]] of Object.entries(p.i)) indicators[id] = { value, score, weight };
  return {
    score: p.score, grade: p.grade, criteria, indicators, missing: p.missing, caps: p.caps, adjustments: p.adj, warnings: p.warn,
    ...(p.facility ? { facility: p.facility } : {}),
  };
}
