/**
 * Logarithmic least squares weights of a possibly incomplete matrix (row-major, `0` = missing, connected graph):
 * minimise Σ_{known i<j} (ln a_ij − x_i + x_j)², x = ln w. The normal equations are the graph-Laplacian system
 * L·x = b, b_i = Σ_{j known} ln a_ij, made non-singular by replacing the last equation with Σx = 0; solved by
 * Gaussian elimination with partial pivoting (n ≤ 30). For a complete matrix this is the RGMM.
 * Source: Kwiesielewicz (1996) EJOR 93:611–619; Bozóki, Fülöp & Poesz (2015) CEJOR 23:849–864.
 * Writes w (Σw = 1) into `out`.
 */
export function logLeastSquaresWeightsInto(n: number, a: Float64Array, out: Float64Array): void {
  if (n === 1) { out[0] = 1; return; }
  const m = n + 1; // augmented row width
  const s = new Float64Array(n * m);
  for (let i = 0; i < n; i++) {
    let degree = 0, b = 0;
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      const v = a[i * n + j];
      if (v === 0) continue;
      degree++;
      s[i * m + j] = -1;
      b += Math.log(v);
    }
    s[i * m + i] = degree;
    s[i * m + n] = b;
  }
  for (let j = 0; j < n; j++) s[(n - 1) * m + j] = 1;
  s[(n - 1) * m + n] = 0;
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(s[r * m + c]) > Math.abs(s[p * m + c])) p = r;
    if (p !== c) for (let k = 0; k < m; k++) { const t = s[c * m + k]; s[c * m + k] = s[p * m + k]; s[p * m + k] = t; }
    const pivot = s[c * m + c];
    for (let r = c + 1; r < n; r++) {
      const f = s[r * m + c] / pivot;
      if (f === 0) continue;
      for (let k = c; k < m; k++) s[r * m + k] -= f * s[c * m + k];
    }
  }
  for (let r = n - 1; r >= 0; r--) {
    let v = s[r * m + n];
    for (let k = r + 1; k < n; k++) v -= s[r * m + k] * out[k];
    out[r] = v / s[r * m + r];
  }
  let top = -Infinity, total = 0;
  for (let i = 0; i < n; i++) if (out[i] > top) top = out[i];
  for (let i = 0; i < n; i++) { out[i] = Math.exp(out[i] - top); total += out[i]; }
  for (let i = 0; i < n; i++) out[i] /= total;
}
