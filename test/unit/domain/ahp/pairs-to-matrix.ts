import { SAATY_SCALE } from '../../../../src/domain/ahp/saaty-scale.js';

/**
 * Builds a full pairwise matrix from AHPy-style comparison dictionaries, {'a,b': 3} meaning a_ab = 3, with the
 * element order AHPy uses (first appearance in the keys) unless `names` is given. Missing pairs stay null.
 */
export function pairsToMatrix(pairs: Record<string, number>, names?: string[]): { names: string[]; matrix: (number | null)[][] } {
  const order = names ?? [];
  if (!names) for (const key of Object.keys(pairs)) for (const x of key.split(',')) if (!order.includes(x)) order.push(x);
  const matrix: (number | null)[][] = order.map((_, i) => order.map((_, j) => (i === j ? 1 : null)));
  for (const [key, v] of Object.entries(pairs)) {
    const [x, y] = key.split(',');
    const i = order.indexOf(x), j = order.indexOf(y);
    matrix[i][j] = v; matrix[j][i] = 1 / v;
  }
  return { names: order, matrix };
}

/** Consistent matrix a_ij = w_i / w_j. */
export function ratioMatrix(w: readonly number[]): number[][] {
  return w.map((wi) => w.map((wj) => wi / wj));
}

/** Saaty drinks example (Saaty 2008, Int. J. Services Sciences 1(1):83–98), as encoded in AHPy tests/test_ahp.py. */
export const DRINKS: Record<string, number> = {
  'coffee,wine': 9, 'coffee,tea': 5, 'coffee,beer': 2, 'coffee,soda': 1, 'coffee,milk': 1,
  'water,coffee': 2, 'water,wine': 9, 'water,tea': 9, 'water,beer': 3, 'water,soda': 2, 'water,milk': 3,
  'tea,wine': 3,
  'beer,wine': 9, 'beer,tea': 3, 'beer,milk': 1,
  'soda,wine': 9, 'soda,tea': 4, 'soda,beer': 2, 'soda,milk': 2,
  'milk,wine': 9, 'milk,tea': 3,
};

/** Random reciprocal matrix on the 1–9 scale from a list of scale indices (upper triangle, row-major). */
export function scaleMatrix(n: number, picks: number[]): number[][] {
  const m: number[][] = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
  let k = 0;
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) { const v = SAATY_SCALE[picks[k++ % picks.length]]; m[i][j] = v; m[j][i] = 1 / v; }
  return m;
}
