/**
 * Number formatting for reason messages, independent of the runtime's locale data (so messages are identical on
 * every server): at most `maxDecimals` decimals (rounded half away from zero, trailing zeros dropped), thousands
 * grouped with ',' (the grouping used in both English and Chinese banking documents).
 * Examples: formatNumber(1500000) → '1,500,000'; formatNumber(72.456) → '72.46'; formatNumber(-0.004) → '0'.
 * Written with integer arithmetic instead of toFixed and regular expressions: it runs for every number of every
 * reason, on the decision's hot path.
 */
export function formatNumber(x: number, maxDecimals = 2): string {
  if (!Number.isFinite(x)) return String(x);
  const f = POW10[maxDecimals] ?? 10 ** maxDecimals;
  const scaled = Math.round(Math.abs(x) * f);
  if (scaled === 0) return '0';
  if (scaled > Number.MAX_SAFE_INTEGER) return slowFormat(x, maxDecimals);
  const int = Math.floor(scaled / f);
  let frac = scaled - int * f;
  let out = groupThousands(int);
  if (frac > 0) {
    let digits = maxDecimals;
    while (frac % 10 === 0) { frac /= 10; digits--; }
    out += '.' + String(frac).padStart(digits, '0');
  }
  return x < 0 ? '-' + out : out;
}

/**
 * A fraction as a percentage for messages, `decimals` at most (default 1): formatPercent(0.725) → '72.5 %'
 * (English style, with a space); formatPercent(0.725, 'zh') → '72.5%'; formatPercent(0.7999, 'en', 2) → '79.99 %'.
 */
export function formatPercent(share: number, style: 'en' | 'zh' = 'en', decimals = 1): string {
  return `${formatNumber(share * 100, decimals)}${style === 'zh' ? '' : ' '}%`;
}

const POW10 = [1, 10, 100, 1000, 10000, 100000, 1000000];

function groupThousands(n: number): string {
  const s = String(n);
  if (s.length <= 3) return s;
  let out = '';
  const head = s.length % 3;
  if (head > 0) out = s.slice(0, head);
  for (let i = head; i < s.length; i += 3) out += (out ? ',' : '') + s.slice(i, i + 3);
  return out;
}

function slowFormat(x: number, maxDecimals: number): string {
  const f = 10 ** maxDecimals;
  const rounded = Math.sign(x) * Math.round(Math.abs(x) * f) / f;
  const [int, frac] = Math.abs(rounded).toFixed(maxDecimals).split('.');
  const tail = frac === undefined ? '' : frac.replace(/0+$/, '');
  return (rounded < 0 ? '-' : '') + int.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (tail ? `.${tail}` : '');
}
