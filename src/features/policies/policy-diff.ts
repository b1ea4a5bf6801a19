import type { PolicyDefinition } from '../../domain/policy/policy-definition.js';

export interface PolicyDiffRow {
  /** Dotted path of the rule ('exposureLimits.BBB.small', 'knockOuts[restricted-industry].action'). */
  path: string;
  /** First segment, for grouping ('gradeThresholds', 'knockOuts', …). */
  section: string;
  /** Value in A / B as text; null = absent. */
  a: string | null;
  b: string | null;
}

export interface PolicyDiff {
  identical: boolean;
  rows: PolicyDiffRow[];
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Text of a leaf value for the diff table. */
function text(v: Json): string {
  if (v === null) return 'null';
  if (typeof v === 'string') return v;
  return JSON.stringify(v);
}

/** Array elements that have a natural key (knock-outs by id, plausibility bounds by indicator and kind). */
function keyOf(path: string, item: Json, index: number): string {
  if (item !== null && typeof item === 'object' && !Array.isArray(item)) {
    if (path === 'knockOuts' && typeof item.id === 'string') return `[${item.id}]`;
    if (path.endsWith('plausibility.bounds') && typeof item.indicator === 'string') return `[${item.indicator} ${String(item.kind)}]`;
    if (path === 'gradeScale.bands' && typeof item.grade === 'string') return `[${item.grade}]`;
  }
  return `[${index}]`;
}

/** Leaves of a definition: path → value. Arrays of scalars (size bands, cap kinds, codes) are one leaf. */
export function flattenPolicy(def: PolicyDefinition): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (path: string, v: Json) => {
    if (Array.isArray(v)) {
      if (v.every((x) => x === null || typeof x !== 'object')) { out.set(path, v.map((x) => text(x)).join(', ')); return; }
      v.forEach((item, i) => walk(`${path}${keyOf(path, item, i)}`, item));
      return;
    }
    if (v !== null && typeof v === 'object') {
      const keys = Object.keys(v);
      if (keys.length === 0) { out.set(path, '{}'); return; }
      for (const k of keys) walk(path ? `${path}.${k}` : k, v[k] as Json);
      return;
    }
    out.set(path, text(v));
  };
  walk('', JSON.parse(JSON.stringify(def)) as Json);
  return out;
}

/** Rule-by-rule differences between two policy definitions (A → B), in B's order then A-only paths. */
export function diffPolicies(a: PolicyDefinition, b: PolicyDefinition): PolicyDiff {
  const fa = flattenPolicy(a), fb = flattenPolicy(b);
  const rows: PolicyDiffRow[] = [];
  const section = (p: string) => p.split(/[.[]/)[0] as string;
  for (const [path, vb] of fb) {
    const va = fa.get(path) ?? null;
    if (va !== vb) rows.push({ path, section: section(path), a: va, b: vb });
  }
  for (const [path, va] of fa) if (!fb.has(path)) rows.push({ path, section: section(path), a: va, b: null });
  return { identical: rows.length === 0, rows };
}
