import { selectMedianInPlace } from './select-median.js';

/** Location and spread of one column of answers; null where the statistic needs more answers. */
export interface ColumnSummary {
  /** Number of answers (missing ones excluded). */
  n: number;
  mean: number | null;
  /** Sample standard deviation (n − 1); null when n < 2. */
  sd: number | null;
  median: number | null;
}

/** Summary of a scale column plus its counts per scale point (min, min + 1, …, max). */
export interface ScaleColumnSummary extends ColumnSummary {
  counts: Float64Array;
  /** Answers above / below the midpoint (min + max)/2. */
  above: number;
  below: number;
}

/**
 * n, mean, sample SD and median of a column with NaN marking missing answers (the typed-array form used inside
 * the statistics). Two-pass SD (corrected, Chan, Golub & LeVeque 1983); median by R's rule (mean of the two middle
 * order statistics for even n) found by quickselect in O(n).
 */
export function summariseColumn(values: Float64Array): ColumnSummary {
  let n = 0;
  let sum = 0;
  for (let r = 0; r < values.length; r++) {
    const x = values[r];
    if (x === x) { n++; sum += x; }
  }
  if (n === 0) return { n, mean: null, sd: null, median: null };
  const m = sum / n;
  const answered = new Float64Array(n);
  let squares = 0;
  let deviations = 0;
  let i = 0;
  for (let r = 0; r < values.length; r++) {
    const x = values[r];
    if (x === x) {
      answered[i++] = x;
      const d = x - m;
      squares += d * d;
      deviations += d;
    }
  }
  const sd = n >= 2 ? Math.sqrt(Math.max(0, (squares - (deviations * deviations) / n) / (n - 1))) : null;
  if (Number.isFinite(m) && (sd === null || Number.isFinite(sd))) return { n, mean: m, sd, median: selectMedianInPlace(answered) };
  // Answers near the double range overflowed the sums: mean and SD from the answers scaled by c = max|x|
  // (mean(x) = c·mean(x/c), sd likewise); an SD still beyond the double range is reported as unknown (null).
  let c = 0;
  for (let k = 0; k < n; k++) c = Math.max(c, Math.abs(answered[k] as number));
  const scaled = summariseColumn(answered.map((x) => x / c));
  const scaledSd = scaled.sd === null ? null : c * scaled.sd;
  return { n, mean: c * (scaled.mean as number), sd: scaledSd !== null && Number.isFinite(scaledSd) ? scaledSd : null, median: selectMedianInPlace(answered) };
}

/**
 * Summary of a column of whole scale points in [min, max] (NaN = missing) in one counting pass, without sorting:
 * counts per point, then mean, sample SD and median from the counts (R's median: mean of the two middle order
 * statistics for even n), and the numbers of answers above and below the midpoint.
 */
export function summariseScaleColumn(values: Float64Array, min: number, max: number): ScaleColumnSummary {
  const points = max - min + 1;
  const counts = new Float64Array(points);
  let n = 0;
  for (let r = 0; r < values.length; r++) {
    const x = values[r];
    if (x === x) { counts[x - min]++; n++; }
  }
  const midpoint = (min + max) / 2;
  let above = 0;
  let below = 0;
  let sum = 0;
  for (let p = 0; p < points; p++) {
    const v = min + p;
    sum += counts[p] * v;
    if (v > midpoint) above += counts[p];
    else if (v < midpoint) below += counts[p];
  }
  if (n === 0) return { n, mean: null, sd: null, median: null, counts, above, below };
  const m = sum / n;
  let squares = 0;
  for (let p = 0; p < points; p++) {
    const d = min + p - m;
    squares += counts[p] * d * d;
  }
  const sd = n >= 2 ? Math.sqrt(squares / (n - 1)) : null;
  return { n, mean: m, sd, median: (orderStatistic(counts, min, Math.floor((n - 1) / 2)) + orderStatistic(counts, min, Math.ceil((n - 1) / 2))) / 2, counts, above, below };
}

/** The value of the 0-based order statistic `index` from counts per scale point. */
function orderStatistic(counts: Float64Array, min: number, index: number): number {
  let cumulative = 0;
  for (let p = 0; p < counts.length; p++) {
    cumulative += counts[p];
    if (cumulative > index) return min + p;
  }
  return min + counts.length - 1;
}
