import { localText } from '../models/model-page.js';
import type { ExportSheet } from '../../web/exports.js';
import type { CaseAction } from './decision-case.js';
import type { DecisionListRow } from './decisions-repository.js';

type Tr = (key: string, params?: Record<string, string | number>) => string;

/**
 * The export of cases (issue 9 item 6): one row per decision with its inputs (the request as received, JSON),
 * versions, policy decision and case state; one row per reason; one row per action of the trail (who, when, what).
 * Cell text goes through the exports' formula neutralisation (src/web/exports.ts).
 */
export function decisionSheets(rows: readonly DecisionListRow[], actions: readonly CaseAction[], t: Tr, locale: string): { decisions: ExportSheet<DecisionListRow>; reasons: ExportSheet<{ row: DecisionListRow; index: number }>; trail: ExportSheet<CaseAction & { requestId: string }> } {
  const requestIds = new Map(rows.map((r) => [r.id, r.requestId]));
  const decisions: ExportSheet<DecisionListRow> = {
    name: t('decisions.export.sheetDecisions'),
    rows: [...rows],
    columns: [
      { header: 'id', value: (r) => r.id },
      { header: 'requestId', value: (r) => r.requestId },
      { header: 'decidedAt', value: (r) => r.decidedAt },
      { header: 'borrowerRef', value: (r) => r.borrowerRef },
      { header: 'borrowerName', value: (r) => r.borrowerName },
      { header: 'industry', value: (r) => r.industry },
      { header: 'sizeBand', value: (r) => r.sizeBand },
      { header: 'branch', value: (r) => r.branch },
      { header: 'amount', value: (r) => r.amount },
      { header: 'termMonths', value: (r) => r.termMonths },
      { header: 'snapshotAsOf', value: (r) => r.snapshotAsOf },
      { header: 'modelVersion', value: (r) => r.modelVersionId },
      { header: 'policyVersion', value: (r) => r.policyVersionId },
      { header: 'score', value: (r) => r.score },
      { header: 'grade', value: (r) => r.grade },
      { header: 'warningLevel', value: (r) => r.warningLevel },
      { header: 'policyDecision', value: (r) => r.policyDecision },
      { header: 'policyLimit', value: (r) => r.policyLimit },
      { header: 'reasonCodes', value: (r) => r.reasonCodes.join(' ') },
      { header: 'status', value: (r) => r.status },
      { header: 'finalDecision', value: (r) => r.finalDecision },
      { header: 'finalLimit', value: (r) => r.finalLimit },
      { header: 'finalSource', value: (r) => r.finalSource },
      { header: 'overrideKind', value: (r) => r.overrideKind },
      { header: 'overrideReasonCode', value: (r) => r.reasonCode },
      { header: 'officer', value: (r) => r.officerName },
      { header: 'secondOfficer', value: (r) => r.secondOfficerName },
      { header: 'closedAt', value: (r) => r.closedAt },
      { header: 'outcome', value: (r) => r.outcome },
      { header: 'submittedBy', value: (r) => r.submittedByName },
      { header: 'submittedVia', value: (r) => r.submittedVia },
      { header: 'demo', value: (r) => r.isDemo },
      { header: 'request', value: (r) => r.requestJson },
    ],
  };
  const reasonRows = rows.flatMap((row) => row.reasons.map((_, index) => ({ row, index })));
  const reasons: ExportSheet<{ row: DecisionListRow; index: number }> = {
    name: t('decisions.export.sheetReasons'),
    rows: reasonRows,
    columns: [
      { header: 'decisionId', value: (x) => x.row.id },
      { header: 'requestId', value: (x) => x.row.requestId },
      { header: 'code', value: (x) => x.row.reasons[x.index]!.code },
      { header: 'severity', value: (x) => x.row.reasons[x.index]!.severity },
      { header: 'message', value: (x) => localText(x.row.reasons[x.index]!.message, locale) },
      { header: 'params', value: (x) => JSON.stringify(x.row.reasons[x.index]!.params) },
    ],
  };
  const trail: ExportSheet<CaseAction & { requestId: string }> = {
    name: t('decisions.export.sheetTrail'),
    rows: actions.map((a) => ({ ...a, requestId: requestIds.get(a.decisionId) ?? '' })),
    columns: [
      { header: 'decisionId', value: (a) => a.decisionId },
      { header: 'requestId', value: (a) => a.requestId },
      { header: 'at', value: (a) => a.at },
      { header: 'action', value: (a) => a.kind },
      { header: 'by', value: (a) => a.actorName },
      { header: 'decision', value: (a) => a.decision },
      { header: 'limit', value: (a) => a.limit },
      { header: 'overrideKind', value: (a) => a.overrideKind },
      { header: 'reasonCode', value: (a) => a.reasonCode },
      { header: 'reason', value: (a) => a.reason },
      { header: 'note', value: (a) => a.note },
    ],
  };
  return { decisions, reasons, trail };
}
