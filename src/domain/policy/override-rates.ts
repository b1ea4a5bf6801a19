import { DomainError } from '../domain-error.js';
import { officerClassification, type DecisionRecord } from './decision-record.js';
import { wilsonInterval, type RateInterval } from './wilson-interval.js';

export type OverrideGrouping = 'officer' | 'branch' | 'grade';

export interface OverrideRateRow {
  readonly by: OverrideGrouping;
  /** The officer, branch or grade; null = not recorded. */
  readonly key: string | null;
  /** Officer decisions in the group (resolved referrals and overrides; automatic decisions are not counted). */
  readonly decided: number;
  readonly overrides: number;
  /** Policy decline approved by the officer (decline-to-approve). */
  readonly lowSide: number;
  /** Policy approve declined by the officer (approve-to-decline). */
  readonly highSide: number;
  /** overrides / decided; null when decided = 0. */
  readonly rate: number | null;
  /** Wilson 95 % interval of the rate; null when decided = 0. */
  readonly interval: RateInterval | null;
}

/**
 * Override rate by officer, branch or grade (issue 9, item 5): among the officer decisions of each group
 * (records whose final decision was taken by a named officer), the share that reverse a definite policy decision
 * (classifyOverride: decline-to-approve = low side, approve-to-decline = high side; resolving a referral is not an
 * override). Rows sorted by key (null last). The denominator is the officer's workload, so a rate reads "x % of
 * this officer's decisions overrode the policy". Example: officer A decided 3 referrals and approved 1 policy
 * decline → 1/4 = 0.25. Throws DomainError `invalid-decision-record` for inconsistent records.
 */
export function overrideRates(records: readonly DecisionRecord[], by: OverrideGrouping): OverrideRateRow[] {
  if (by !== 'officer' && by !== 'branch' && by !== 'grade') {
    throw new DomainError('invalid-argument', `Group override rates by officer, branch or grade, got ${String(by)}.`, { by });
  }
  const groups = new Map<string | null, { decided: number; overrides: number; lowSide: number; highSide: number }>();
  records.forEach((r, i) => {
    const c = officerClassification(r, i);
    if (c === null) return;
    const key = (by === 'officer' ? r.officer : by === 'branch' ? r.branch : r.grade) ?? null;
    const g = groups.get(key) ?? { decided: 0, overrides: 0, lowSide: 0, highSide: 0 };
    g.decided++;
    if (c.isOverride) {
      g.overrides++;
      if (c.side === 'low-side') g.lowSide++; else g.highSide++;
    }
    groups.set(key, g);
  });
  const keys = [...groups.keys()].sort((a, b) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1));
  return keys.map((key) => {
    const g = groups.get(key) as { decided: number; overrides: number; lowSide: number; highSide: number };
    return { by, key, ...g, rate: g.decided > 0 ? g.overrides / g.decided : null, interval: wilsonInterval(g.overrides, g.decided) };
  });
}
