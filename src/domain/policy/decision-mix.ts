import { DomainError } from '../domain-error.js';
import { isoInstantMs, MS_PER_DAY } from './iso-instant-ms.js';
import type { PolicyDecision } from './policy-reason.js';

export type MixPeriod = 'month' | 'quarter' | 'year';

export interface DecisionMixRow {
  /** 'YYYY-MM', 'YYYY-Qn' or 'YYYY'. */
  readonly period: string;
  readonly total: number;
  readonly approve: number;
  readonly refer: number;
  readonly decline: number;
  /** Shares of the period's total (null for a period with no decisions). */
  readonly approveShare: number | null;
  readonly referShare: number | null;
  readonly declineShare: number | null;
}

/**
 * Policy decision mix over time (issue 9, item 5): counts of approve / refer / decline per calendar month (or
 * quarter, year) of `at`, shares = count / total. Periods run without gaps from the first to the last decision
 * (an empty period has zero counts and null shares), in time order. Calendar periods are taken at UTC +
 * `utcOffsetMinutes` (e.g. 480 for China Standard Time), so a decision at 2024-03-31T20:00Z falls in April at +08:00.
 * Throws DomainError `invalid-date` for an unreadable date, `invalid-decision` for an unknown decision.
 */
export function decisionMix(decisions: readonly { readonly at: string; readonly policyDecision: PolicyDecision }[],
  period: MixPeriod = 'month', options: { readonly utcOffsetMinutes?: number } = {}): DecisionMixRow[] {
  const offsetMinutes = options.utcOffsetMinutes ?? 0;
  if (!Number.isInteger(offsetMinutes) || Math.abs(offsetMinutes) > 14 * 60) {
    throw new DomainError('invalid-argument', `utcOffsetMinutes must be an integer within ±840, got ${String(offsetMinutes)}.`, { utcOffsetMinutes: offsetMinutes });
  }
  const offset = offsetMinutes * 60_000;
  if (period !== 'month' && period !== 'quarter' && period !== 'year') {
    throw new DomainError('invalid-argument', `period must be month, quarter or year, got ${String(period)}.`, { period });
  }
  const perYear = period === 'month' ? 12 : period === 'quarter' ? 4 : 1;
  const counts = new Map<number, [number, number, number]>();
  let lo = Infinity, hi = -Infinity;
  decisions.forEach((d, index) => {
    const k = d.policyDecision === 'approve' ? 0 : d.policyDecision === 'refer' ? 1 : d.policyDecision === 'decline' ? 2 : -1;
    if (k < 0) throw new DomainError('invalid-decision', `Decision ${index + 1} is ${String(d.policyDecision)}, not approve, refer or decline.`, { index });
    const { year, month } = civilFromDays(Math.floor((isoInstantMs(d.at) + offset) / MS_PER_DAY));
    const slot = year * perYear + Math.floor(((month - 1) * perYear) / 12);
    const row = counts.get(slot) ?? [0, 0, 0];
    row[k as 0 | 1 | 2]++;
    counts.set(slot, row);
    if (slot < lo) lo = slot;
    if (slot > hi) hi = slot;
  });
  const out: DecisionMixRow[] = [];
  for (let slot = lo; slot <= hi; slot++) {
    const [approve, refer, decline] = counts.get(slot) ?? [0, 0, 0];
    const total = approve + refer + decline;
    const year = Math.floor(slot / perYear), idx = slot - year * perYear;
    const label = period === 'month' ? `${pad4(year)}-${String(idx + 1).padStart(2, '0')}` : period === 'quarter' ? `${pad4(year)}-Q${idx + 1}` : pad4(year);
    out.push({
      period: label, total, approve, refer, decline,
      approveShare: total > 0 ? approve / total : null,
      referShare: total > 0 ? refer / total : null,
      declineShare: total > 0 ? decline / total : null,
    });
  }
  return out;
}

/** Civil date from days since 1970-01-01 (H. Hinnant, civil_from_days; inverse of isoDayNumber). */
function civilFromDays(z0: number): { year: number; month: number; day: number } {
  const z = z0 + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

function pad4(y: number): string {
  return String(y).padStart(4, '0');
}
