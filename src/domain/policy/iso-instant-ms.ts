import { DomainError } from '../domain-error.js';
import { isoDayNumber } from '../credit/iso-day-number.js';

/** Milliseconds in one day. */
export const MS_PER_DAY = 86_400_000;

const PATTERN = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2}))?$/;

/**
 * Milliseconds since 1970-01-01T00:00Z of an ISO 8601 date or instant, without Date objects or the clock:
 * 'YYYY-MM-DD' is 00:00 UTC of that day; 'YYYY-MM-DDTHH:MM[:SS[.fff…]]' must carry 'Z' or an offset ±HH:MM
 * (a time without one is ambiguous — it would depend on the server's zone — and is rejected). Fractions below a
 * millisecond are truncated. ms = isoDayNumber(date)·86 400 000 + time of day − offset.
 * Example: '2024-03-01T08:00+08:00' → the same instant as '2024-03-01' (00:00 UTC) → 1 709 251 200 000.
 * Throws DomainError `invalid-date` for anything else (impossible dates, hour 24, second 60).
 */
export function isoInstantMs(value: string): number {
  const m = typeof value === 'string' ? PATTERN.exec(value) : null;
  if (m) {
    let day: number | null = null;
    try { day = isoDayNumber(m[1]); } catch { day = null; }
    if (day !== null) {
      if (m[2] === undefined) return day * MS_PER_DAY;
      const h = Number(m[2]), min = Number(m[3]), s = m[4] === undefined ? 0 : Number(m[4]);
      const ms = m[5] === undefined ? 0 : Number(m[5].slice(0, 3).padEnd(3, '0'));
      let offset = 0;
      if (m[6] !== 'Z') {
        const oh = Number(m[6].slice(1, 3)), om = Number(m[6].slice(4, 6));
        if (oh > 23 || om > 59) return invalid(value);
        offset = (m[6][0] === '-' ? -1 : 1) * (oh * 60 + om) * 60_000;
      }
      if (h <= 23 && min <= 59 && s <= 59) return day * MS_PER_DAY + ((h * 60 + min) * 60 + s) * 1000 + ms - offset;
    }
  }
  return invalid(value);
}

function invalid(value: unknown): never {
  throw new DomainError('invalid-date',
    `Expected an ISO date (YYYY-MM-DD) or an instant with Z or an offset (YYYY-MM-DDTHH:MM:SSZ), got ${JSON.stringify(value)}.`, { value });
}
