import type { BorrowerInput } from '../../domain/credit/borrower-evaluation.js';
import type { WarningSnapshot } from '../../domain/credit/evaluate-early-warnings.js';
import type { SnapshotInput } from './snapshot-fields.js';

/**
 * The scorer's input for a snapshot (issue 6 item 5): indicators as stored, grade-cap flags, days past due,
 * default status, and the prosperity index for the overlay (the snapshot's own override, else the table's value
 * in force at the as-of date).
 */
export function borrowerInputOf(s: Pick<SnapshotInput, 'industry' | 'asOf' | 'indicators' | 'extra' | 'daysPastDue'>, tableIndex: number | null): BorrowerInput {
  const x = s.extra ?? {};
  const prosperity = typeof x.prosperityIndex === 'number' ? x.prosperityIndex : tableIndex;
  return {
    industry: s.industry,
    asOf: s.asOf,
    indicators: s.indicators,
    flags: { dishonestDebtorList: x.dishonestDebtorList === true, insolvency: x.insolvency === true },
    daysPastDue: s.daysPastDue,
    inDefault: x.inDefault === true,
    prosperityIndex: prosperity,
  };
}

/**
 * What the early-warning rules read from a snapshot: DPD, listings (flag or I55 = dishonest list), tax grade (I53),
 * utility cut-off (flag or I54 = supply cut), revenue (statement) and its year-on-year change (I43 when given),
 * credit-line use, collateral value, the industry index, and the grade under the model being applied.
 */
export function warningSnapshotOf(s: Pick<SnapshotInput, 'asOf' | 'daysPastDue' | 'extra' | 'indicators' | 'statement'>, industryIndex: number | null, grade: string | null): WarningSnapshot {
  const x = s.extra ?? {};
  const ind = s.indicators;
  return {
    asOf: s.asOf,
    daysPastDue: s.daysPastDue,
    otherBankOverdue: x.otherBankOverdue ?? null,
    dishonestDebtorListed: x.dishonestDebtorList ?? (codeOf(ind, 'I55') === 'dishonest_list' ? true : null),
    enforcementListed: x.enforcementListed ?? null,
    taxGrade: codeOf(ind, 'I53'),
    utilityCutOff: x.utilityCutOff ?? (codeOf(ind, 'I54') === 'supply_cut' ? true : null),
    revenue: s.statement?.revenue ?? null,
    revenueYoyPct: numberOf(ind, 'I43'),
    creditLineUsePct: x.creditLineUsePct ?? null,
    collateralValue: x.collateralValue ?? null,
    industryIndex: typeof x.prosperityIndex === 'number' ? x.prosperityIndex : industryIndex,
    grade,
  };
}

function codeOf(indicators: SnapshotInput['indicators'], id: string): string | null {
  const v = indicators[id];
  return typeof v === 'string' ? v : null;
}

function numberOf(indicators: SnapshotInput['indicators'], id: string): number | null {
  const v = indicators[id];
  return typeof v === 'number' ? v : null;
}
