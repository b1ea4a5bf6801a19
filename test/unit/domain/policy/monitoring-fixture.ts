import type { DecisionRecord } from '../../../../src/domain/policy/decision-record.js';

const r = (requestId: string, at: string, grade: string, policyDecision: DecisionRecord['policyDecision'], finalDecision: DecisionRecord['finalDecision'],
  officer: string | null, branch: string, defaulted: boolean | null = null): DecisionRecord =>
  ({ requestId, at, grade, policyDecision, finalDecision, officer, branch, defaulted });

/**
 * Nine decisions written out so that every monitoring figure can be counted by hand:
 * R1, R2 automatic approvals (R2 defaulted later); R3 a referral alice approved (at 20:00Z on 31 January, i.e.
 * 1 February in China); R4 a referral alice declined; R5 a policy decline alice approved (low-side override,
 * defaulted); R6 a policy approve bob declined (high-side override); R7 a pending referral; R8 an automatic
 * decline; R9 a referral bob approved (outcome unknown).
 */
export const RECORDS: readonly DecisionRecord[] = [
  r('R1', '2024-01-05T09:00:00Z', 'A', 'approve', 'approve', null, 'BR1', false),
  r('R2', '2024-01-20T09:00:00Z', 'BBB', 'approve', 'approve', null, 'BR1', true),
  r('R3', '2024-01-31T20:00:00Z', 'BB', 'refer', 'approve', 'alice', 'BR1', false),
  r('R4', '2024-02-10T09:00:00Z', 'BB', 'refer', 'decline', 'alice', 'BR2'),
  r('R5', '2024-03-02T09:00:00Z', 'CCC', 'decline', 'approve', 'alice', 'BR2', true),
  r('R6', '2024-03-15T09:00:00Z', 'A', 'approve', 'decline', 'bob', 'BR2'),
  r('R7', '2024-03-20T09:00:00Z', 'B', 'refer', null, null, 'BR1'),
  r('R8', '2024-03-25T09:00:00Z', 'CCC', 'decline', 'decline', null, 'BR1'),
  r('R9', '2024-03-28T09:00:00Z', 'B', 'refer', 'approve', 'bob', 'BR2', null),
];
