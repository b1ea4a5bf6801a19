/** |actual − expected| / |expected| (absolute error when expected is 0); test helper for numerical oracles. */
export function relativeError(actual: number, expected: number): number {
  if (expected === 0) return Math.abs(actual);
  return Math.abs(actual - expected) / Math.abs(expected);
}
