import { isoDayNumber } from '../../domain/credit/iso-day-number.js';
import { LOAN_CLASSIFICATIONS, type LoanClassification } from '../../domain/credit/loan-classification.js';

/**
 * What counts as a default ("bad") in a validation run (issue 7 point 2):
 * - `stored`: the outcome column of the import (1 = defaulted / went bankrupt, 0 = did not); units without one
 *   are left out.
 * - `classification`: bad when a later snapshot of the same borrower within the horizon (as-of date, as-of +
 *   `horizonMonths`] is classified substandard or worse (NPL, 2023 five-category rules) or more than `dpdAbove`
 *   days past due (Basel II §452: 90 days). Units already non-performing (or > dpdAbove days past due, or flagged
 *   in default) at the as-of date are left out: a default model predicts new defaults of performing borrowers.
 *   Good = not bad and observed after the as-of date within the horizon; with `requireFullHorizon` the last
 *   observation must reach the end of the horizon (otherwise the unit is left out as "not observed long enough").
 */
export type OutcomeDefinition =
  | { kind: 'stored' }
  | { kind: 'classification'; horizonMonths: number; dpdAbove: number; requireFullHorizon: boolean };

export const DEFAULT_HORIZON_MONTHS = 12;
export const DEFAULT_DPD_ABOVE = 90;

/** Why a unit of the population has no outcome. */
export type OutcomeExclusion = 'no-outcome' | 'in-default' | 'not-observed' | 'window-incomplete';

/** The fields of a snapshot the outcome reads. */
export interface OutcomeSnapshot {
  id: number;
  borrowerId: number;
  asOf: string;
  classification: LoanClassification | null;
  daysPastDue: number | null;
  outcome: 0 | 1 | null;
  extra?: { inDefault?: boolean | null } | null;
}

const NPL_FROM = LOAN_CLASSIFICATIONS.indexOf('substandard');

/** Substandard, doubtful or loss, or more than `dpdAbove` days past due, or flagged in default. */
export function isDefaultedAt(s: OutcomeSnapshot, dpdAbove: number): boolean {
  if (s.classification !== null && LOAN_CLASSIFICATIONS.indexOf(s.classification) >= NPL_FROM) return true;
  if (s.daysPastDue !== null && s.daysPastDue > dpdAbove) return true;
  return s.extra?.inDefault === true;
}

/** The ISO date `months` calendar months after `date`, the day clamped to the month's length (2025-01-31 + 1 → 2025-02-28). */
export function addMonths(date: string, months: number): string {
  isoDayNumber(date);
  const y = Number(date.slice(0, 4)), m = Number(date.slice(5, 7)) - 1 + months, d = Number(date.slice(8, 10));
  const year = y + Math.floor(m / 12), month = ((m % 12) + 12) % 12;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month]!;
  return `${String(year).padStart(4, '0')}-${String(month + 1).padStart(2, '0')}-${String(Math.min(d, days)).padStart(2, '0')}`;
}

export interface UnitOutcome {
  outcome: 0 | 1 | null;
  exclusion: OutcomeExclusion | null;
  /** For `classification`: the as-of date of the first snapshot that made the unit bad. */
  defaultedOn?: string;
}

/**
 * The outcome of each population unit under a definition. `history` holds every snapshot of the population's
 * borrowers (any date); only those after a unit's as-of date are read.
 */
export function outcomesOf(population: readonly OutcomeSnapshot[], history: readonly OutcomeSnapshot[], definition: OutcomeDefinition): UnitOutcome[] {
  if (definition.kind === 'stored') {
    return population.map((s) => (s.outcome === null ? { outcome: null, exclusion: 'no-outcome' } : { outcome: s.outcome, exclusion: null }));
  }
  const byBorrower = new Map<number, OutcomeSnapshot[]>();
  for (const h of history) {
    const list = byBorrower.get(h.borrowerId);
    if (list) list.push(h); else byBorrower.set(h.borrowerId, [h]);
  }
  for (const list of byBorrower.values()) list.sort((a, b) => a.asOf.localeCompare(b.asOf) || a.id - b.id);
  return population.map((s): UnitOutcome => {
    if (isDefaultedAt(s, definition.dpdAbove)) return { outcome: null, exclusion: 'in-default' };
    const end = addMonths(s.asOf, definition.horizonMonths);
    let lastSeen: string | null = null;
    for (const later of byBorrower.get(s.borrowerId) ?? []) {
      if (later.asOf <= s.asOf || later.asOf > end) continue;
      if (isDefaultedAt(later, definition.dpdAbove)) return { outcome: 1, exclusion: null, defaultedOn: later.asOf };
      lastSeen = later.asOf;
    }
    if (lastSeen === null) return { outcome: null, exclusion: 'not-observed' };
    if (definition.requireFullHorizon && lastSeen < end) return { outcome: null, exclusion: 'window-incomplete' };
    return { outcome: 0, exclusion: null };
  });
}
