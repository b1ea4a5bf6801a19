import type { ApplicationBorrower, ApplicationInput } from '../../../../src/domain/policy/application-input.js';
import { DEFAULT_POLICY } from '../../../../src/domain/policy/default-policy.js';

/**
 * A clean application under DEFAULT_POLICY that every rule lets through (approve, limit = amount):
 * grade A (score 82), green, complete data, 1,000,000 for 12 months, small firm without exposure, data 29 days
 * old, consistent ratios (DuPont: I32 5 % × I44 1.2 = I31 6 %; quick 1.0 ≤ current 1.5), industry C13 at
 * 10 % of a 100,000,000 portfolio, no earlier applications.
 */
export const CLEAN: ApplicationInput = Object.freeze({
  policy: DEFAULT_POLICY,
  evaluation: { score: 82, grade: 'A', caps: [], warnings: [] },
  warningLevel: 'green',
  completeness: 1,
  amount: 1_000_000,
  termMonths: 12,
  borrower: {
    id: 'B1', industry: 'C13', sizeBand: 'small', existingExposure: 0, snapshotAsOf: '2024-06-01',
    indicators: { I21: 50, I22: 1.5, I23: 1.0, I31: 6, I32: 5, I44: 1.2, I41: 60, I43: 10, I53: 'A' },
  },
  portfolio: { totalBalance: 100_000_000, balanceByIndustry: { C13: 10_000_000 } },
  history: [],
  requestId: 'R-NEW',
  asOf: '2024-06-30T10:00:00Z',
} satisfies ApplicationInput);

/** CLEAN with some fields replaced; `borrower` fields are merged into CLEAN's borrower. */
export function application(changes: Partial<Omit<ApplicationInput, 'borrower'>> & { borrower?: Partial<ApplicationBorrower> } = {}): ApplicationInput {
  const { borrower, ...rest } = changes;
  return { ...CLEAN, ...rest, borrower: { ...CLEAN.borrower, ...borrower } };
}

/** CLEAN's indicators with some replaced (null removes nothing: it marks the value missing). */
export function withIndicators(values: Record<string, number | string | null>): ApplicationInput {
  return application({ borrower: { indicators: { ...CLEAN.borrower.indicators, ...values } } });
}
