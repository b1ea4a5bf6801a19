import type { PolicyDefinition } from './policy-definition.js';

export interface ExposureLimit {
  /** exposureLimits[grade][sizeBand], 0 when the table has no entry (decline grades). */
  readonly tableLimit: number;
  /** max(0, tableLimit − existing exposure). */
  readonly headroom: number;
  /** min(requested amount, headroom): the most the bank can offer on this application. */
  readonly offered: number;
}

/**
 * Maximum exposure by grade and size band (issue 9, item 1): offered = min(amount, max(0, L − E)) where
 * L = exposureLimits[grade][sizeBand] (0 when absent) and E = the existing exposure to the borrower.
 * Example (DEFAULT_POLICY): grade BBB, small (L = 4,000,000), E = 2,500,000, amount 2,000,000 →
 * headroom 1,500,000, offered 1,500,000. Inputs are trusted (decideApplication validates them).
 */
export function exposureLimit(policy: PolicyDefinition, grade: string, sizeBand: string, existingExposure: number, amount: number): ExposureLimit {
  const tableLimit = policy.exposureLimits[grade]?.[sizeBand] ?? 0;
  const headroom = Math.max(0, tableLimit - existingExposure);
  return { tableLimit, headroom, offered: Math.min(amount, headroom) };
}
