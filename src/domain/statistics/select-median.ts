/**
 * Median of the values of a Float64Array in expected O(n) time by quickselect (Hoare 1961, "FIND"), R's median
 * convention: the middle order statistic, or the mean of the two middle ones for even n. The array is reordered
 * in place (pass a scratch copy). The array must be non-empty and free of NaN.
 */
export function selectMedianInPlace(values: Float64Array): number {
  const n = values.length;
  const upper = n >> 1;
  const high = selectInPlace(values, upper);
  if (n % 2 === 1) return high;
  // After selecting index `upper`, everything left of it is ≤ values[upper]: the lower middle is their maximum.
  let low = values[0];
  for (let i = 1; i < upper; i++) if (values[i] > low) low = values[i];
  const m = low + 0.5 * (high - low); // the type-7 interpolation, so results match `median` bit for bit
  return Number.isFinite(m) ? m : 0.5 * low + 0.5 * high; // high − low overflowed (values of opposite sign near ±1.8e308)
}

/** Rearranges `values` so that values[k] is the k-th smallest (0-based), smaller ones left, larger right. */
function selectInPlace(values: Float64Array, k: number): number {
  let left = 0;
  let right = values.length - 1;
  while (right > left) {
    // Median-of-three pivot guards against sorted input.
    const mid = (left + right) >>> 1;
    const a = values[left], b = values[mid], c = values[right];
    const pivot = a < b ? (b < c ? b : a < c ? c : a) : (a < c ? a : b < c ? c : b);
    let i = left;
    let j = right;
    while (i <= j) {
      while (values[i] < pivot) i++;
      while (values[j] > pivot) j--;
      if (i <= j) {
        const t = values[i]; values[i] = values[j]; values[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else return values[k];
  }
  return values[k];
}
