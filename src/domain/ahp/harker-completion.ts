import { principalEigenvectorInto } from './principal-eigenvector.js';

/**
 * Harker's method for incomplete pairwise matrices: set each missing a_ij to 0 and each diagonal entry to
 * 1 + m_i (m_i = missing judgments in row i); the Perron vector w of that matrix is the priority vector, and
 * filling the missing a_ij with w_i/w_j gives a complete matrix that has the same w and λmax
 * (Σ_known a_ij w_j + (1 + m_i) w_i = Σ_j ā_ij w_j). Source: Harker (1987), Math. Modelling 9(11):837–848;
 * pyanp `harker_fix` (same diagonal rule).
 *
 * Input: row-major working matrix, `0` = missing, connected graph. Returns the completed matrix.
 */
export function harkerCompletionOf(n: number, a: Float64Array): Float64Array {
  const h = new Float64Array(a);
  for (let i = 0; i < n; i++) {
    let missing = 0;
    for (let j = 0; j < n; j++) if (j !== i && a[i * n + j] === 0) missing++;
    h[i * n + i] = 1 + missing;
  }
  const w = new Float64Array(n), work = new Float64Array(n);
  principalEigenvectorInto(h, n, w, work);
  const c = new Float64Array(a);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) if (j !== i && a[i * n + j] === 0) c[i * n + j] = w[i] / w[j];
  }
  return c;
}
