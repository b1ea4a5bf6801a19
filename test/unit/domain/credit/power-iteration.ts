/**
 * Test-only oracle: principal right eigenvector of a positive matrix by plain power iteration
 * (Perron–Frobenius; Saaty 1980 §2), normalised to sum 1, iterated until the change is below 1e-15.
 * Independent of src/domain/ahp so credit tests do not depend on that engine.
 */
export function powerIteration(matrix: readonly (readonly number[])[]): { vector: number[]; lambdaMax: number } {
  const n = matrix.length;
  let w = new Array<number>(n).fill(1 / n);
  for (let iter = 0; iter < 10_000; iter++) {
    const next = matrix.map((row) => row.reduce((s, a, j) => s + a * w[j], 0));
    const sum = next.reduce((s, x) => s + x, 0);
    const normalised = next.map((x) => x / sum);
    const change = Math.max(...normalised.map((x, i) => Math.abs(x - w[i])));
    w = normalised;
    if (change < 1e-15) break;
  }
  const aw = matrix.map((row) => row.reduce((s, a, j) => s + a * w[j], 0));
  const lambdaMax = aw.reduce((s, x, i) => s + x / w[i], 0) / n;
  return { vector: w, lambdaMax };
}
