import type { PriorApplication } from './application-input.js';
import { isoInstantMs, MS_PER_DAY } from './iso-instant-ms.js';

/**
 * Earlier applications within a look-back window: those with 0 ≤ asOf − at ≤ windowDays (days of 86 400 000 ms;
 * both ends inclusive; a date without a time is 00:00 UTC), excluding `requestId` (a replay of this same
 * application) and anything dated after asOf (not yet known at asOf, so a replay of old cases is deterministic).
 * Sorted by time, then requestId. Throws DomainError `invalid-date` for an unreadable date.
 * Example: window 7, asOf '2024-03-08': '2024-03-01' is in (exactly 7 days), '2024-02-29T23:59:59Z' is not.
 */
export function applicationsInWindow(history: readonly PriorApplication[], asOf: string, windowDays: number,
  requestId: string | null | undefined): PriorApplication[] {
  const now = isoInstantMs(asOf);
  const span = windowDays * MS_PER_DAY;
  const hits: { a: PriorApplication; t: number }[] = [];
  for (const a of history) {
    if (requestId !== null && requestId !== undefined && a.requestId === requestId) continue;
    const t = isoInstantMs(a.at);
    const elapsed = now - t;
    if (elapsed >= 0 && elapsed <= span) hits.push({ a, t });
  }
  hits.sort((x, y) => x.t - y.t || (x.a.requestId < y.a.requestId ? -1 : x.a.requestId > y.a.requestId ? 1 : 0));
  return hits.map((h) => h.a);
}
