import { DomainError } from '../domain-error.js';

/** Milliseconds in one day. */
export const MS_PER_DAY = 86_400_000;

/**
 * Milliseconds since 1970-01-01T00:00Z of an ISO 8601 date or instant, without Date objects or the clock:
 * 'YYYY-MM-DD' is 00:00 UTC of that day; 'YYYY-MM-DDTHH:MM[:SS[.fff…]]' must carry 'Z' or an offset ±HH:MM
 * (a time without one is ambiguous — it would depend on the server's zone — and is rejected). Fractions below a
 * millisecond are truncated. ms = days_from_civil(date)·86 400 000 + time of day − offset (days_from_civil:
 * H. Hinnant, "chrono-Compatible Low-Level Date Algorithms", as in isoDayNumber).
 * Example: '2024-03-01T08:00+08:00' → the same instant as '2024-03-01' (00:00 UTC) → 1 709 251 200 000.
 * Throws DomainError `invalid-date` for anything else (impossible dates, hour 24, second 60).
 * Parsed character by character: it runs several times per decision.
 */
export function isoInstantMs(value: string): number {
  if (typeof value !== 'string' || value.length < 10) return invalid(value);
  const y = digits(value, 0, 4), mo = digits(value, 5, 2), d = digits(value, 8, 2);
  if (y < 0 || mo < 1 || mo > 12 || d < 1 || value.charCodeAt(4) !== 45 || value.charCodeAt(7) !== 45) return invalid(value);
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  if (d > (mo === 2 ? (leap ? 29 : 28) : MONTH_DAYS[mo - 1])) return invalid(value);
  const yy = mo <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (mo + (mo > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const day = era * 146097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719468;
  if (value.length === 10) return day * MS_PER_DAY;

  // THH:MM[:SS[.f+]](Z|±HH:MM)
  if (value.charCodeAt(10) !== 84 || value.length < 17 || value.charCodeAt(13) !== 58) return invalid(value);
  const h = digits(value, 11, 2), min = digits(value, 14, 2);
  let i = 16, s = 0, ms = 0;
  if (value.charCodeAt(i) === 58) {
    s = digits(value, 17, 2);
    i = 19;
    if (value.charCodeAt(i) === 46) {
      let n = 0, k = i + 1;
      while (k < value.length && value.charCodeAt(k) >= 48 && value.charCodeAt(k) <= 57) {
        if (n < 3) ms = ms * 10 + (value.charCodeAt(k) - 48);
        n++; k++;
      }
      if (n === 0 || n > 9) return invalid(value);
      for (let p = n; p < 3; p++) ms *= 10;
      i = k;
    }
  }
  if (h < 0 || h > 23 || min < 0 || min > 59 || s < 0 || s > 59) return invalid(value);
  let offset = 0;
  const c = value.charCodeAt(i);
  if (c === 90 && value.length === i + 1) offset = 0; // 'Z'
  else if ((c === 43 || c === 45) && value.length === i + 6 && value.charCodeAt(i + 3) === 58) { // '+' or '-'
    const oh = digits(value, i + 1, 2), om = digits(value, i + 4, 2);
    if (oh < 0 || oh > 23 || om < 0 || om > 59) return invalid(value);
    offset = (c === 45 ? -1 : 1) * (oh * 60 + om) * 60_000;
  } else return invalid(value);
  return day * MS_PER_DAY + ((h * 60 + min) * 60 + s) * 1000 + ms - offset;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** The decimal number in value[from, from + count), or −1 if any character there is not a digit. */
function digits(value: string, from: number, count: number): number {
  let n = 0;
  for (let k = from; k < from + count; k++) {
    const c = value.charCodeAt(k);
    if (!(c >= 48 && c <= 57)) return -1;
    n = n * 10 + (c - 48);
  }
  return n;
}

function invalid(value: unknown): never {
  throw new DomainError('invalid-date',
    `Expected an ISO date (YYYY-MM-DD) or an instant with Z or an offset (YYYY-MM-DDTHH:MM:SSZ), got ${JSON.stringify(value)}.`, { value });
}
