import { DomainError } from '../domain-error.js';

/**
 * Days since 1970-01-01 of an ISO calendar date 'YYYY-MM-DD' (proleptic Gregorian), for date arithmetic in
 * pure code without Date objects or the clock. Formula: days_from_civil (H. Hinnant, "chrono-Compatible
 * Low-Level Date Algorithms"). Throws DomainError `invalid-date` for anything else, including impossible
 * dates such as 2023-02-29. Example: '1970-01-02' → 1; '2000-03-01' → 11017.
 */
export function isoDayNumber(date: string): number {
  const m = typeof date === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(date) : null;
  if (m) {
    const y = Number(m[1]), mo = Number(m[2]), d = Number(m[3]);
    const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
    const monthDays = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    if (mo >= 1 && mo <= 12 && d >= 1 && d <= monthDays[mo - 1]) {
      const yy = mo <= 2 ? y - 1 : y;
      const era = Math.floor(yy / 400);
      const yoe = yy - era * 400;
      const doy = Math.floor((153 * (mo + (mo > 2 ? -3 : 9)) + 2) / 5) + d - 1;
      const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
      return era * 146097 + doe - 719468;
    }
  }
  throw new DomainError('invalid-date', `Expected a date as YYYY-MM-DD, got ${JSON.stringify(date)}.`, { date });
}
