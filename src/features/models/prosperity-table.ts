import { isoDayNumber } from '../../domain/credit/iso-day-number.js';

export interface ProsperityPoint {
  industry: string;
  /** ISO date of the period's last day. */
  periodEnd: string;
  periodLabel: string;
  value: number;
}

/**
 * A period as written in an imported prosperity table → its last day and a label:
 * 'YYYY-MM-DD' (itself), 'YYYY-Qn' / 'YYYYQn' (quarter end), 'YYYY-MM' (month end), 'YYYY' (year end).
 * Returns null for anything else.
 */
export function parsePeriod(text: string): { periodEnd: string; label: string } | null {
  const s = text.trim().toUpperCase();
  let m = /^(\d{4})-?Q([1-4])$/.exec(s);
  if (m) {
    const q = Number(m[2]);
    const ends = ['03-31', '06-30', '09-30', '12-31'];
    return { periodEnd: `${m[1]}-${ends[q - 1]}`, label: `${m[1]}Q${q}` };
  }
  m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (m) {
    try { isoDayNumber(s); } catch { return null; }
    return { periodEnd: s, label: s };
  }
  m = /^(\d{4})-(\d{1,2})$/.exec(s);
  if (m) {
    const y = Number(m[1]), mo = Number(m[2]);
    if (mo < 1 || mo > 12) return null;
    const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
    const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1];
    const mm = String(mo).padStart(2, '0');
    return { periodEnd: `${m[1]}-${mm}-${days}`, label: `${m[1]}-${mm}` };
  }
  m = /^(\d{4})$/.exec(s);
  if (m) return { periodEnd: `${m[1]}-12-31`, label: m[1] as string };
  return null;
}

/**
 * The industry prosperity index table in memory for scoring: per industry, points sorted by period end.
 * valueAt = the latest point whose period ended on or before the date (no interpolation, no look-ahead).
 */
export class ProsperityTable {
  private readonly byIndustry = new Map<string, ProsperityPoint[]>();

  constructor(points: readonly ProsperityPoint[]) {
    for (const p of points) {
      const list = this.byIndustry.get(p.industry) ?? [];
      list.push(p);
      this.byIndustry.set(p.industry, list);
    }
    for (const list of this.byIndustry.values()) list.sort((a, b) => (a.periodEnd < b.periodEnd ? -1 : a.periodEnd > b.periodEnd ? 1 : 0));
  }

  get industries(): string[] {
    return [...this.byIndustry.keys()].sort();
  }

  /** The point in force at `asOf` for the industry, or null. */
  pointAt(industry: string | null | undefined, asOf: string): ProsperityPoint | null {
    if (!industry) return null;
    const list = this.byIndustry.get(industry);
    if (!list) return null;
    let found: ProsperityPoint | null = null;
    for (const p of list) {
      if (p.periodEnd <= asOf) found = p;
      else break;
    }
    return found;
  }

  valueAt(industry: string | null | undefined, asOf: string): number | null {
    return this.pointAt(industry, asOf)?.value ?? null;
  }

  /** Points of the industry that ended strictly before the point in force at `asOf` (for trend warnings). */
  historyBefore(industry: string | null | undefined, asOf: string): ProsperityPoint[] {
    if (!industry) return [];
    const current = this.pointAt(industry, asOf);
    const list = this.byIndustry.get(industry) ?? [];
    return current ? list.filter((p) => p.periodEnd < current.periodEnd) : [];
  }
}
