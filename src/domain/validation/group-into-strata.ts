import { DomainError, describeValue } from '../domain-error.js';

export interface PopulationStratum {
  /** The value of each stratification variable, in `stratifyBy` order. */
  readonly values: (string | number)[];
  /** Position of each value in its variable's order. */
  readonly ranks: number[];
  readonly size: number;
}

export interface PopulationStrata {
  readonly strata: PopulationStratum[];
  /** Stratum index of every unit. */
  readonly stratumOf: Uint32Array;
}

/**
 * Assigns every unit to the stratum formed by its values on the stratification variables (e.g. industry ×
 * size band × classification). Strata come out in lexicographic order of the variables' value orders (from
 * `levelOrder`, else numbers ascending, then text in code-point order, which is the same on every machine).
 * Values are coded per variable and combined as a mixed-radix integer, so 1,000,000 units × 3 variables
 * group in tens of milliseconds. Missing (null/undefined) or non-finite values are refused.
 */
export function groupIntoStrata(columns: Readonly<Record<string, ArrayLike<string | number>>>, stratifyBy: readonly string[],
  levelOrder: Readonly<Record<string, readonly (string | number)[]>> = {}): PopulationStrata {
  if (stratifyBy.length === 0) throw new DomainError('no-strata-variables', 'Name at least one stratification variable.', {});
  const cols = stratifyBy.map((name) => {
    const col = columns[name];
    if (col === undefined) throw new DomainError('unknown-variable', `The population has no column "${name}" to stratify by.`, { variable: name, columns: Object.keys(columns) });
    return col;
  });
  const N = cols[0].length;
  cols.forEach((c, d) => {
    if (c.length !== N) {
      throw new DomainError('length-mismatch', `Column "${stratifyBy[d]}" has ${c.length} values but "${stratifyBy[0]}" has ${N}.`, { variable: stratifyBy[d], length: c.length, expected: N });
    }
  });
  if (N === 0) throw new DomainError('empty-sample', 'The population is empty.', {});

  // Per variable: value → rank in the variable's order, and each unit's rank.
  const rankColumns: Uint32Array[] = [];
  const sortedValues: (string | number)[][] = [];
  for (let d = 0; d < cols.length; d++) {
    const col = cols[d];
    const codeOf = new Map<string | number, number>();
    const distinct: (string | number)[] = [];
    const codes = new Uint32Array(N);
    for (let i = 0; i < N; i++) {
      const v = col[i];
      let c = codeOf.get(v);
      if (c === undefined) {
        if (!(typeof v === 'string' || (typeof v === 'number' && v - v === 0))) {
          throw new DomainError('invalid-stratum-value', `Unit ${i + 1} has no usable value for "${stratifyBy[d]}" (${describeValue(v)}); give every unit a value (e.g. "unknown").`,
            { variable: stratifyBy[d], index: i, value: String(v) });
        }
        c = distinct.length; codeOf.set(v, c); distinct.push(v);
      }
      codes[i] = c;
    }
    const order = orderValues(distinct, levelOrder[stratifyBy[d]], stratifyBy[d]);
    const rankOfCode = new Uint32Array(distinct.length);
    order.forEach((v, r) => { rankOfCode[codeOf.get(v)!] = r; });
    for (let i = 0; i < N; i++) codes[i] = rankOfCode[codes[i]];
    rankColumns.push(codes);
    sortedValues.push(order);
  }

  // Mixed-radix stratum code, first variable most significant.
  const strides: number[] = new Array(cols.length);
  let stride = 1;
  for (let d = cols.length - 1; d >= 0; d--) { strides[d] = stride; stride *= sortedValues[d].length; }
  if (stride > Number.MAX_SAFE_INTEGER) throw new DomainError('too-many-strata', 'The stratification variables have too many value combinations.', {});
  // Stratum code → provisional index: a flat table when the combinations are few (the usual case), else a Map.
  const codesSeen: number[] = [];
  const provisional = new Uint32Array(N);
  const table = stride <= 1 << 22 ? new Int32Array(stride).fill(-1) : null;
  const indexOfCode = new Map<number, number>();
  for (let i = 0; i < N; i++) {
    let code = 0;
    for (let d = 0; d < rankColumns.length; d++) code += rankColumns[d][i] * strides[d];
    let s = table ? table[code] : indexOfCode.get(code) ?? -1;
    if (s < 0) {
      s = codesSeen.length; codesSeen.push(code);
      if (table) table[code] = s; else indexOfCode.set(code, s);
    }
    provisional[i] = s;
  }
  const byCode = codesSeen.map((code, s) => ({ code, s })).sort((a, b) => a.code - b.code);
  const finalOf = new Uint32Array(byCode.length);
  const strata: PopulationStratum[] = byCode.map(({ code }) => {
    const ranks = strides.map((st, d) => Math.floor(code / st) % sortedValues[d].length);
    return { values: ranks.map((r, d) => sortedValues[d][r]), ranks, size: 0 };
  });
  byCode.forEach(({ s }, k) => { finalOf[s] = k; });
  const stratumOf = new Uint32Array(N);
  const sizes = new Array<number>(strata.length).fill(0);
  for (let i = 0; i < N; i++) { const k = finalOf[provisional[i]]; stratumOf[i] = k; sizes[k]++; }
  return { strata: strata.map((s, k) => ({ ...s, size: sizes[k] })), stratumOf };
}

function orderValues(distinct: (string | number)[], given: readonly (string | number)[] | undefined, variable: string): (string | number)[] {
  if (given) {
    const pos = new Map<string | number, number>();
    given.forEach((v, i) => pos.set(v, i));
    for (const v of distinct) {
      if (!pos.has(v)) throw new DomainError('unknown-level', `Value "${describeValue(v)}" of "${variable}" is missing from its level order.`, { variable, value: String(v), levels: given });
    }
    return [...distinct].sort((a, b) => pos.get(a)! - pos.get(b)!);
  }
  return [...distinct].sort((a, b) => {
    if (typeof a === 'number' && typeof b === 'number') return a - b;
    if (typeof a === 'number') return -1;
    if (typeof b === 'number') return 1;
    return a < b ? -1 : a > b ? 1 : 0;
  });
}
