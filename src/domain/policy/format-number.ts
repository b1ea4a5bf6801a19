/**
 * Number formatting for reason messages, independent of the runtime's locale data (so messages are identical on
 * every server): at most `maxDecimals` decimals (rounded half away from zero, trailing zeros dropped), thousands
 * grouped with ',' (the grouping used in both English and Chinese banking documents).
 * Examples: formatNumber(1500000) → '1,500,000'; formatNumber(72.456) → '72.46'; formatNumber(-0.004) → '0'.
 */
export function formatNumber(x: number, maxDecimals = 2): string {
  if (!Number.isFinite(x)) return String(x);
  const f = 10 ** maxDecimals;
  const rounded = Math.sign(x) * Math.round(Math.abs(x) * f) / f;
  if (rounded === 0) return '0';
  const [int, frac] = Math.abs(rounded).toFixed(maxDecimals).split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const tail = frac === undefined ? '' : frac.replace(/0+$/, '');
  return (rounded < 0 ? '-' : '') + grouped + (tail ? `.${tail}` : '');
}

/**
 * A fraction as a percentage for messages, `decimals` at most (default 1): formatPercent(0.725) → '72.5 %'
 * (English style, with a space); formatPercent(0.725, 'zh') → '72.5%'; formatPercent(0.7999, 'en', 2) → '79.99 %'.
 */
export function formatPercent(share: number, style: 'en' | 'zh' = 'en', decimals = 1): string {
  return `${formatNumber(share * 100, decimals)}${style === 'zh' ? '' : ' '}%`;
}
