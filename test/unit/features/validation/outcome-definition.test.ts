import { describe, expect, it } from 'vitest';
import { addMonths, isDefaultedAt, outcomesOf, type OutcomeSnapshot } from '../../../../src/features/validation/outcome-definition.js';

const snap = (id: number, borrowerId: number, asOf: string, over: Partial<OutcomeSnapshot> = {}): OutcomeSnapshot => ({
  id, borrowerId, asOf, classification: 'normal', daysPastDue: 0, outcome: null, extra: {}, ...over,
});

describe('addMonths', () => {
  it('adds calendar months and clamps the day to the month (hand-checked calendar dates)', () => {
    expect(addMonths('2025-01-31', 1)).toBe('2025-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2025-03-15', 12)).toBe('2026-03-15');
    expect(addMonths('2025-11-30', 3)).toBe('2026-02-28');
    expect(addMonths('2000-02-29', 12)).toBe('2001-02-28');
  });
});

describe('isDefaultedAt', () => {
  it('substandard or worse, more than the DPD threshold, or flagged in default (Basel II §452)', () => {
    expect(isDefaultedAt(snap(1, 1, '2025-01-01', { classification: 'substandard' }), 90)).toBe(true);
    expect(isDefaultedAt(snap(1, 1, '2025-01-01', { classification: 'special-mention', daysPastDue: 90 }), 90)).toBe(false);
    expect(isDefaultedAt(snap(1, 1, '2025-01-01', { classification: 'special-mention', daysPastDue: 91 }), 90)).toBe(true);
    expect(isDefaultedAt(snap(1, 1, '2025-01-01', { classification: null, daysPastDue: null, extra: { inDefault: true } }), 90)).toBe(true);
    expect(isDefaultedAt(snap(1, 1, '2025-01-01', { classification: null, daysPastDue: null }), 90)).toBe(false);
  });
});

describe('outcomesOf', () => {
  it('stored: the import\'s outcome column; a unit without one is left out as "no-outcome"', () => {
    const pop = [snap(1, 1, '2025-01-01', { outcome: 1 }), snap(2, 2, '2025-01-01', { outcome: 0 }), snap(3, 3, '2025-01-01')];
    expect(outcomesOf(pop, pop, { kind: 'stored' })).toEqual([
      { outcome: 1, exclusion: null }, { outcome: 0, exclusion: null }, { outcome: null, exclusion: 'no-outcome' },
    ]);
  });

  it('classification: bad when a later snapshot within the horizon is NPL or > 90 DPD; good when observed performing; exclusions by reason', () => {
    const history = [
      // Borrower 1: substandard 6 months later → bad.
      snap(1, 1, '2025-01-31'), snap(2, 1, '2025-07-31', { classification: 'substandard' }),
      // Borrower 2: performing 3 and 12 months later → good (full horizon reached).
      snap(3, 2, '2025-01-31'), snap(4, 2, '2025-04-30'), snap(5, 2, '2026-01-31'),
      // Borrower 3: 120 DPD but 13 months later (outside the 12-month horizon) → good on its 6-month observation.
      snap(6, 3, '2025-01-31'), snap(7, 3, '2025-07-31'), snap(8, 3, '2026-02-28', { daysPastDue: 120, classification: 'special-mention' }),
      // Borrower 4: already doubtful at the as-of date → in default.
      snap(9, 4, '2025-01-31', { classification: 'doubtful' }), snap(10, 4, '2025-04-30', { classification: 'loss' }),
      // Borrower 5: never observed again.
      snap(11, 5, '2025-01-31'),
    ];
    const population = history.filter((s) => s.asOf === '2025-01-31');
    const def = { kind: 'classification' as const, horizonMonths: 12, dpdAbove: 90, requireFullHorizon: false };
    expect(outcomesOf(population, history, def)).toEqual([
      { outcome: 1, exclusion: null, defaultedOn: '2025-07-31' },
      { outcome: 0, exclusion: null },
      { outcome: 0, exclusion: null },
      { outcome: null, exclusion: 'in-default' },
      { outcome: null, exclusion: 'not-observed' },
    ]);
    // With the full horizon required, borrower 3 (last seen after 6 of 12 months) has no outcome.
    expect(outcomesOf(population, history, { ...def, requireFullHorizon: true }).map((o) => o.exclusion)).toEqual([null, null, 'window-incomplete', 'in-default', 'not-observed']);
  });
});
