import { describe, expect, it } from 'vitest';
import { mostSevereDecision, sortReasonsBySeverity } from '../../../../src/domain/policy/most-severe-decision.js';
import { policyReason, type ReasonSeverity } from '../../../../src/domain/policy/policy-reason.js';

const r = (severity: ReasonSeverity, tag: string) => policyReason('grade-approve', severity, { tag }, tag, tag);

// Oracle: issue 9 — "the most severe outcome wins (decline > refer > approve)".
describe('mostSevereDecision', () => {
  it.each([
    [[], 'approve'],
    [['info'], 'approve'],
    [['info', 'refer'], 'refer'],
    [['refer', 'decline', 'info'], 'decline'],
    [['decline'], 'decline'],
  ] as const)('%j → %s', (severities, decision) => {
    expect(mostSevereDecision(severities.map((s, i) => r(s, String(i))))).toBe(decision);
  });

  it('sorts decline, refer, info and keeps rule order within a severity', () => {
    const sorted = sortReasonsBySeverity([r('info', 'a'), r('refer', 'b'), r('decline', 'c'), r('refer', 'd'), r('info', 'e')]);
    expect(sorted.map((x) => x.params.tag)).toEqual(['c', 'b', 'd', 'a', 'e']);
  });
});
