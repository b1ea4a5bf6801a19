import type { Knex } from 'knex';
import type { OverrideKind } from '../../domain/policy/policy-definition.js';
import type { PolicyDecision, PolicyReason } from '../../domain/policy/policy-reason.js';
import { isSqlite } from '../../storage/database.js';
import type { ActionKind, CaseAction, CaseState, CaseStatus, DecisionCase, DecisionContext, FinalDecision, LoanOutcome, StoredDecision } from './decision-case.js';
import { num, parseJsonColumn as parse, str } from '../../storage/row-values.js';

type Row = Record<string, unknown>;

export interface NewDecisionRow {
  requestId: string;
  requestHash: string;
  borrowerRef: string;
  borrowerName: string | null;
  industry: string | null;
  sizeBand: string;
  branch: string | null;
  amount: number;
  termMonths: number;
  snapshotAsOf: string;
  decidedAt: string;
  modelVersionId: number;
  policyVersionId: number;
  score: number;
  grade: string;
  warningLevel: string;
  completeness: number;
  policyDecision: PolicyDecision;
  policyLimit: number;
  reasons: readonly PolicyReason[];
  request: unknown;
  evaluation: unknown;
  context: DecisionContext;
  submittedBy: number | null;
  submittedByLabel: string | null;
  submittedVia: 'api' | 'page' | 'demo';
  isDemo: boolean;
}

export interface NewActionRow {
  decisionId: number;
  kind: ActionKind;
  decision?: PolicyDecision | null;
  limit?: number | null;
  overrideKind?: OverrideKind | null;
  reasonCode?: string | null;
  reason?: string | null;
  note?: string | null;
  actorUserId: number | null;
  actorLabel: string | null;
  at: string;
}

/** Columns of decision_cases a transition may set (undefined = unchanged). */
export interface CasePatch {
  status?: CaseStatus;
  finalDecision?: FinalDecision | null;
  finalLimit?: number | null;
  finalSource?: 'policy' | 'officer' | null;
  overrideKind?: OverrideKind | null;
  reasonCode?: string | null;
  officerId?: number | null;
  officerLabel?: string | null;
  secondOfficerId?: number | null;
  secondOfficerLabel?: string | null;
  closedAt?: string | null;
  proposal?: null | { decision: FinalDecision; limit: number; kind: OverrideKind; reasonCode: string | null; by: number | null; byLabel: string | null; at: string };
  outcome?: LoanOutcome | null;
  outcomeAt?: string | null;
  updatedAt: string;
}

/** An earlier application of a borrower, with its final decision where known. */
export interface HistoryRow {
  requestId: string;
  decidedAt: string;
  amount: number;
  policyDecision: PolicyDecision;
  status: CaseStatus;
  finalDecision: FinalDecision | null;
  finalLimit: number | null;
  closedAt: string | null;
}

/** A list row (without the stored JSON). */
export interface DecisionListRow {
  id: number;
  requestId: string;
  borrowerRef: string;
  borrowerName: string | null;
  industry: string | null;
  sizeBand: string;
  branch: string | null;
  amount: number;
  termMonths: number;
  decidedAt: string;
  snapshotAsOf: string;
  modelVersionId: number;
  policyVersionId: number;
  score: number;
  grade: string;
  warningLevel: string;
  policyDecision: PolicyDecision;
  policyLimit: number;
  /** The request as received (JSON text; only when asked for, for exports). */
  requestJson: string;
  reasons: PolicyReason[];
  /** Codes of the reasons that referred or declined, each once (info reasons left out). */
  reasonCodes: string[];
  submittedBy: number | null;
  submittedByName: string | null;
  submittedVia: string;
  isDemo: boolean;
  status: CaseStatus;
  finalDecision: FinalDecision | null;
  finalLimit: number | null;
  finalSource: 'policy' | 'officer' | null;
  overrideKind: OverrideKind | null;
  reasonCode: string | null;
  officerId: number | null;
  officerName: string | null;
  secondOfficerName: string | null;
  closedAt: string | null;
  proposalBy: number | null;
  proposalByName: string | null;
  proposalDecision: FinalDecision | null;
  outcome: LoanOutcome | null;
}

export interface DecisionFilter {
  status?: CaseStatus | null;
  policyDecision?: PolicyDecision | null;
  finalDecision?: FinalDecision | 'none' | null;
  overridden?: boolean | null;
  borrowerRef?: string | null;
  requestId?: string | null;
  search?: string | null;
  branch?: string | null;
  /** decided_at ≥ from (ISO date or instant). */
  from?: string | null;
  /** decided_at < the day after `to` (ISO date). */
  to?: string | null;
  ids?: readonly number[];
}

function base(db: Knex) {
  return db('credit_decisions as d')
    .join('decision_cases as c', 'c.decision_id', 'd.id')
    .leftJoin('users as su', 'su.id', 'd.submitted_by')
    .leftJoin('users as ou', 'ou.id', 'c.officer_id')
    .leftJoin('users as tu', 'tu.id', 'c.second_officer_id')
    .leftJoin('users as pu', 'pu.id', 'c.proposal_by');
}

const NAME_COLUMNS = ['su.name as submitted_by_name', 'ou.name as officer_name', 'tu.name as second_officer_name', 'pu.name as proposal_by_name'];
const LIST_COLUMNS = [
  'd.id', 'd.request_id', 'd.borrower_ref', 'd.borrower_name', 'd.industry', 'd.size_band', 'd.branch', 'd.amount', 'd.term_months',
  'd.decided_at', 'd.model_version_id', 'd.policy_version_id', 'd.score', 'd.grade', 'd.warning_level', 'd.policy_decision', 'd.policy_limit',
  'd.reasons', 'd.snapshot_as_of', 'd.submitted_by', 'd.submitted_by_label', 'd.submitted_via', 'd.is_demo', 'c.*', ...NAME_COLUMNS,
];

function stateOf(row: Row): CaseState {
  return {
    status: String(row.status) as CaseStatus,
    finalDecision: str(row.final_decision) as FinalDecision | null,
    finalLimit: num(row.final_limit),
    finalSource: str(row.final_source) as CaseState['finalSource'],
    overrideKind: str(row.override_kind) as OverrideKind | null,
    reasonCode: str(row.reason_code),
    officerId: num(row.officer_id),
    officerName: str(row.officer_name) ?? str(row.officer_label),
    secondOfficerId: num(row.second_officer_id),
    secondOfficerName: str(row.second_officer_name) ?? str(row.second_officer_label),
    closedAt: str(row.closed_at),
    proposal: row.proposal_decision === null || row.proposal_decision === undefined ? null : {
      decision: String(row.proposal_decision) as FinalDecision,
      limit: Number(row.proposal_limit),
      kind: String(row.proposal_kind) as OverrideKind,
      reasonCode: str(row.proposal_reason_code),
      by: num(row.proposal_by),
      byName: str(row.proposal_by_name) ?? str(row.proposal_by_label),
      at: String(row.proposal_at),
    },
    outcome: str(row.outcome) as LoanOutcome | null,
    outcomeAt: str(row.outcome_at),
    revision: Number(row.revision),
    updatedAt: String(row.updated_at),
  };
}

function toCase(row: Row): DecisionCase {
  const decision: StoredDecision = {
    id: Number(row.id),
    requestId: String(row.request_id),
    requestHash: String(row.request_hash),
    borrowerRef: String(row.borrower_ref),
    borrowerName: str(row.borrower_name),
    industry: str(row.industry),
    sizeBand: String(row.size_band),
    branch: str(row.branch),
    amount: Number(row.amount),
    termMonths: Number(row.term_months),
    snapshotAsOf: String(row.snapshot_as_of),
    decidedAt: String(row.decided_at),
    modelVersionId: Number(row.model_version_id),
    modelVersionName: str(row.model_version_name),
    policyVersionId: Number(row.policy_version_id),
    policyVersionName: str(row.policy_version_name),
    score: Number(row.score),
    grade: String(row.grade),
    warningLevel: String(row.warning_level),
    completeness: Number(row.completeness),
    policyDecision: String(row.policy_decision) as PolicyDecision,
    policyLimit: Number(row.policy_limit),
    reasons: parse<PolicyReason[]>(row.reasons, []),
    request: parse<Record<string, unknown>>(row.request, {}),
    evaluation: parse<Record<string, unknown>>(row.evaluation, {}),
    context: parse<DecisionContext>(row.context, null as unknown as DecisionContext),
    submittedBy: num(row.submitted_by),
    submittedByName: str(row.submitted_by_name) ?? str(row.submitted_by_label),
    submittedVia: String(row.submitted_via) as StoredDecision['submittedVia'],
    isDemo: Boolean(row.is_demo),
  };
  return { ...decision, state: stateOf(row) };
}

function toListRow(row: Row): DecisionListRow {
  const s = stateOf(row);
  return {
    id: Number(row.id), requestId: String(row.request_id), borrowerRef: String(row.borrower_ref), borrowerName: str(row.borrower_name),
    industry: str(row.industry), sizeBand: String(row.size_band), branch: str(row.branch), amount: Number(row.amount), termMonths: Number(row.term_months),
    decidedAt: String(row.decided_at), snapshotAsOf: String(row.snapshot_as_of), requestJson: row.request === undefined ? '' : String(row.request), modelVersionId: Number(row.model_version_id), policyVersionId: Number(row.policy_version_id),
    score: Number(row.score), grade: String(row.grade), warningLevel: String(row.warning_level),
    policyDecision: String(row.policy_decision) as PolicyDecision, policyLimit: Number(row.policy_limit),
    reasons: parse<PolicyReason[]>(row.reasons, []),
    reasonCodes: [...new Set(parse<PolicyReason[]>(row.reasons, []).filter((r) => r.severity !== 'info').map((r) => r.code))],
    submittedBy: num(row.submitted_by), submittedByName: str(row.submitted_by_name) ?? str(row.submitted_by_label),
    submittedVia: String(row.submitted_via), isDemo: Boolean(row.is_demo),
    status: s.status, finalDecision: s.finalDecision, finalLimit: s.finalLimit, finalSource: s.finalSource, overrideKind: s.overrideKind,
    reasonCode: s.reasonCode, officerId: s.officerId, officerName: s.officerName, secondOfficerName: s.secondOfficerName, closedAt: s.closedAt,
    proposalBy: s.proposal?.by ?? null, proposalByName: s.proposal?.byName ?? null, proposalDecision: s.proposal?.decision ?? null,
    outcome: s.outcome,
  };
}

function toAction(row: Row): CaseAction {
  return {
    id: Number(row.id), decisionId: Number(row.decision_id), kind: String(row.kind) as ActionKind,
    decision: str(row.decision) as PolicyDecision | null, limit: num(row.approved_limit), overrideKind: str(row.override_kind) as OverrideKind | null,
    reasonCode: str(row.reason_code), reason: str(row.reason), note: str(row.note),
    actorUserId: num(row.actor_user_id), actorName: str(row.actor_name) ?? str(row.actor_label), at: String(row.at),
  };
}

/** The day after an ISO date, for an inclusive upper bound on ISO instants. */
function dayAfter(date: string): string {
  const d = new Date(`${date.slice(0, 10)}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

function applyFilter(q: Knex.QueryBuilder, f: DecisionFilter): Knex.QueryBuilder {
  if (f.status) q.where('c.status', f.status);
  if (f.policyDecision) q.where('d.policy_decision', f.policyDecision);
  if (f.finalDecision === 'none') q.whereNull('c.final_decision');
  else if (f.finalDecision) q.where('c.final_decision', f.finalDecision);
  if (f.overridden === true) q.whereIn('c.override_kind', ['decline-to-approve', 'approve-to-decline']);
  if (f.borrowerRef) q.where('d.borrower_ref', f.borrowerRef);
  if (f.requestId) q.where('d.request_id', f.requestId);
  if (f.branch) q.where('d.branch', f.branch);
  if (f.search) {
    const like = `%${f.search.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    q.where((w) => w.whereRaw("d.borrower_ref like ? escape '\\'", [like]).orWhereRaw("d.request_id like ? escape '\\'", [like]).orWhereRaw("coalesce(d.borrower_name, '') like ? escape '\\'", [like]));
  }
  if (f.from) q.where('d.decided_at', '>=', f.from);
  if (f.to) q.where('d.decided_at', '<', dayAfter(f.to));
  if (f.ids) q.whereIn('d.id', f.ids as number[]);
  return q;
}

/**
 * Storage of decisions (issue 9 items 2, 4–6). credit_decisions and decision_actions are insert-only (the database
 * refuses anything else); decision_cases changes only through `transition`, a conditional update on its revision.
 */
export function createDecisionsRepository(db: Knex) {
  return {
    async findRequest(requestId: string, trx: Knex = db): Promise<{ id: number; requestHash: string } | undefined> {
      const row = (await trx('credit_decisions').where({ request_id: requestId }).first('id', 'request_hash')) as Row | undefined;
      return row ? { id: Number(row.id), requestHash: String(row.request_hash) } : undefined;
    },

    async find(id: number, trx: Knex = db): Promise<DecisionCase | undefined> {
      const row = (await base(trx)
        .leftJoin('credit_models as m', 'm.id', 'd.model_version_id')
        .leftJoin('policy_versions as p', 'p.id', 'd.policy_version_id')
        .where('d.id', id)
        .first('d.*', 'c.*', ...NAME_COLUMNS, 'm.name as model_version_name', 'p.name as policy_version_name')) as Row | undefined;
      return row ? toCase(row) : undefined;
    },

    /** PostgreSQL: serialises the decisions of these borrowers across instances (refs sorted, so no deadlock). */
    async lockBorrowers(trx: Knex, borrowerRefs: readonly string[]): Promise<void> {
      if (isSqlite(trx)) return;
      for (const ref of [...borrowerRefs].sort()) await trx.raw('select pg_advisory_xact_lock(hashtext(?))', [`credit-decision:${ref}`]);
    },

    async findRequests(trx: Knex, requestIds: readonly string[]): Promise<Map<string, { id: number; requestHash: string }>> {
      const rows = (await trx('credit_decisions').whereIn('request_id', [...new Set(requestIds)]).select('id', 'request_id', 'request_hash')) as Row[];
      return new Map(rows.map((r) => [String(r.request_id), { id: Number(r.id), requestHash: String(r.request_hash) }]));
    },

    /** The applications of these borrowers decided at or after `since` (ISO instant), oldest first. */
    async historyOfBorrowers(trx: Knex, borrowerRefs: readonly string[], since: string): Promise<(HistoryRow & { borrowerRef: string })[]> {
      const rows = (await trx('credit_decisions as d').join('decision_cases as c', 'c.decision_id', 'd.id')
        .whereIn('d.borrower_ref', borrowerRefs as string[]).where('d.decided_at', '>=', since).orderBy(['d.decided_at', 'd.id'])
        .select('d.borrower_ref', 'd.request_id', 'd.decided_at', 'd.amount', 'd.policy_decision', 'c.status', 'c.final_decision', 'c.final_limit', 'c.closed_at')) as Row[];
      return rows.map((r) => ({
        borrowerRef: String(r.borrower_ref), requestId: String(r.request_id), decidedAt: String(r.decided_at), amount: Number(r.amount),
        policyDecision: String(r.policy_decision) as PolicyDecision, status: String(r.status) as CaseStatus,
        finalDecision: str(r.final_decision) as FinalDecision | null, finalLimit: num(r.final_limit), closedAt: str(r.closed_at),
      }));
    },

    /** Inserts decisions in one statement; returns their ids by request id. */
    async insertDecisions(trx: Knex, rows: readonly NewDecisionRow[]): Promise<Map<string, number>> {
      const inserted = (await trx('credit_decisions').insert(rows.map(decisionColumns)).returning(['id', 'request_id'])) as Row[];
      return new Map(inserted.map((r) => [String(r.request_id), Number(r.id)]));
    },

    async insertCases(trx: Knex, rows: readonly { decisionId: number; patch: CasePatch }[]): Promise<void> {
      await trx('decision_cases').insert(rows.map((r) => ({ decision_id: r.decisionId, revision: 0, ...caseColumns(r.patch) })));
    },

    async insertActions(trx: Knex, rows: readonly NewActionRow[]): Promise<void> {
      await trx('decision_actions').insert(rows.map(actionColumns));
    },

    /** Applies `patch` if the case is still at `revision`; false when someone else changed it first. */
    async transition(trx: Knex, decisionId: number, revision: number, patch: CasePatch): Promise<boolean> {
      const n = await trx('decision_cases').where({ decision_id: decisionId, revision }).update({ ...caseColumns(patch), revision: revision + 1 });
      return n === 1;
    },

    async insertAction(trx: Knex, a: NewActionRow): Promise<void> {
      await trx('decision_actions').insert(actionColumns(a));
    },

    async actions(decisionId: number, trx: Knex = db): Promise<CaseAction[]> {
      const rows = (await trx('decision_actions as a').leftJoin('users as u', 'u.id', 'a.actor_user_id')
        .where('a.decision_id', decisionId).orderBy('a.id').select('a.*', 'u.name as actor_name')) as Row[];
      return rows.map(toAction);
    },

    /** The trail of many cases at once (exports), in case and time order. */
    async actionsOf(decisionIds: readonly number[]): Promise<CaseAction[]> {
      const out: CaseAction[] = [];
      for (let i = 0; i < decisionIds.length; i += 500) {
        const rows = (await db('decision_actions as a').leftJoin('users as u', 'u.id', 'a.actor_user_id')
          .whereIn('a.decision_id', decisionIds.slice(i, i + 500) as number[]).orderBy(['a.decision_id', 'a.id']).select('a.*', 'u.name as actor_name')) as Row[];
        for (const r of rows) out.push(toAction(r));
      }
      return out;
    },

    /** Amounts approved through decisions per industry ('' = unknown) on days after `day` (all days when null). */
    async approvedAfter(trx: Knex, day: string | null): Promise<Map<string, number>> {
      const q = trx('decision_daily_exposure').groupBy('industry').select('industry').sum({ amount: 'approved_amount' });
      if (day) q.where('day', '>', day);
      const rows = (await q) as Row[];
      return new Map(rows.map((r) => [String(r.industry), Number(r.amount ?? 0)]));
    },

    /** Adds an approved amount (negative to take one back) to the day's total of the industry. */
    async addApproved(trx: Knex, day: string, industry: string | null, amount: number, count: number): Promise<void> {
      await trx('decision_daily_exposure')
        .insert({ day, industry: industry ?? '', approved_amount: amount, approved_count: count })
        .onConflict(['day', 'industry'])
        .merge({
          approved_amount: trx.raw('?? + ?', ['decision_daily_exposure.approved_amount', amount]),
          approved_count: trx.raw('?? + ?', ['decision_daily_exposure.approved_count', count]),
        });
    },

    async list(filter: DecisionFilter, page: { limit: number; offset: number; order?: 'newest' | 'oldest' }): Promise<{ rows: DecisionListRow[]; total: number }> {
      const countRow = (await applyFilter(db('credit_decisions as d').join('decision_cases as c', 'c.decision_id', 'd.id'), filter).count({ n: '*' }).first()) as Row | undefined;
      const dir = page.order === 'oldest' ? 'asc' : 'desc';
      const rows = (await applyFilter(base(db), filter).orderBy([{ column: 'd.decided_at', order: dir }, { column: 'd.id', order: dir }])
        .limit(page.limit).offset(page.offset).select(LIST_COLUMNS)) as Row[];
      return { rows: rows.map(toListRow), total: Number(countRow?.n ?? 0) };
    },

    /** Every row of a filter (monitoring, exports), oldest first. */
    async all(filter: DecisionFilter, options: { withRequest?: boolean } = {}): Promise<DecisionListRow[]> {
      const columns = options.withRequest ? [...LIST_COLUMNS, 'd.request'] : LIST_COLUMNS;
      const rows = (await applyFilter(base(db), filter).orderBy([{ column: 'd.decided_at', order: 'asc' }, { column: 'd.id', order: 'asc' }]).select(columns)) as Row[];
      return rows.map(toListRow);
    },

    async statusCounts(): Promise<Record<CaseStatus, number>> {
      const rows = (await db('decision_cases').groupBy('status').select('status').count({ n: '*' })) as Row[];
      const out: Record<CaseStatus, number> = { pending: 0, 'awaiting-second': 0, closed: 0 };
      for (const r of rows) out[String(r.status) as CaseStatus] = Number(r.n);
      return out;
    },

    async branches(): Promise<string[]> {
      const rows = (await db('credit_decisions').whereNotNull('branch').distinct('branch').orderBy('branch')) as Row[];
      return rows.map((r) => String(r.branch));
    },
  };
}

function decisionColumns(r: NewDecisionRow): Row {
  return {
    request_id: r.requestId, request_hash: r.requestHash, borrower_ref: r.borrowerRef, borrower_name: r.borrowerName,
    industry: r.industry, size_band: r.sizeBand, branch: r.branch, amount: r.amount, term_months: r.termMonths,
    snapshot_as_of: r.snapshotAsOf, decided_at: r.decidedAt, model_version_id: r.modelVersionId, policy_version_id: r.policyVersionId,
    score: r.score, grade: r.grade, warning_level: r.warningLevel, completeness: r.completeness,
    policy_decision: r.policyDecision, policy_limit: r.policyLimit, reasons: JSON.stringify(r.reasons),
    request: JSON.stringify(r.request), evaluation: JSON.stringify(r.evaluation), context: JSON.stringify(r.context),
    submitted_by: r.submittedBy, submitted_by_label: r.submittedByLabel, submitted_via: r.submittedVia, is_demo: r.isDemo,
  };
}

function actionColumns(a: NewActionRow): Row {
  return {
    decision_id: a.decisionId, kind: a.kind, decision: a.decision ?? null, approved_limit: a.limit ?? null, override_kind: a.overrideKind ?? null,
    reason_code: a.reasonCode ?? null, reason: a.reason ?? null, note: a.note ?? null, actor_user_id: a.actorUserId, actor_label: a.actorLabel, at: a.at,
  };
}

function caseColumns(p: CasePatch): Row {
  const out: Row = { updated_at: p.updatedAt };
  const set = (col: string, v: unknown) => { if (v !== undefined) out[col] = v; };
  set('status', p.status);
  set('final_decision', p.finalDecision);
  set('final_limit', p.finalLimit);
  set('final_source', p.finalSource);
  set('override_kind', p.overrideKind);
  set('reason_code', p.reasonCode);
  set('officer_id', p.officerId);
  set('officer_label', p.officerLabel);
  set('second_officer_id', p.secondOfficerId);
  set('second_officer_label', p.secondOfficerLabel);
  set('closed_at', p.closedAt);
  set('outcome', p.outcome);
  set('outcome_at', p.outcomeAt);
  if (p.proposal !== undefined) {
    const q = p.proposal;
    out.proposal_decision = q?.decision ?? null;
    out.proposal_limit = q?.limit ?? null;
    out.proposal_kind = q?.kind ?? null;
    out.proposal_reason_code = q?.reasonCode ?? null;
    out.proposal_by = q?.by ?? null;
    out.proposal_by_label = q?.byLabel ?? null;
    out.proposal_at = q?.at ?? null;
  }
  return out;
}

export type DecisionsRepository = ReturnType<typeof createDecisionsRepository>;
