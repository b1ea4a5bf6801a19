import type { Request } from 'express';
import { z } from 'zod';
import { parseInput } from '../../web/forms.js';
import type { AuthUser } from '../../web/request-context.js';
import { access, route, type RouteDef } from '../../web/route-table.js';
import type { CaseAction, DecisionCase } from './decision-case.js';
import type { DecisionListRow } from './decisions-repository.js';
import { DecisionRequest, OfficerDecisionInput, OutcomeInput, SecondApprovalInput } from './decisions-schemas.js';
import { CASE_READER_ROLES, decisionResponse, OFFICER_ROLES, SUBMITTER_ROLES, type DecisionsService } from './decisions-service.js';

const Id = z.coerce.number().int().positive().max(2_147_483_647);
const ListQuery = z.object({
  requestId: z.string().max(100).optional(),
  borrowerRef: z.string().max(100).optional(),
  status: z.enum(['pending', 'awaiting-second', 'closed']).optional(),
  decision: z.enum(['approve', 'refer', 'decline']).optional(),
  from: z.string().regex(/^\d{4}-\d{2}-\d{2}/).optional(),
  to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
}).strict();

/** The state of a case as the API shows it. */
export function caseStateJson(d: DecisionCase | DecisionListRow) {
  const s = 'state' in d ? d.state : null;
  return s ? {
    status: s.status, finalDecision: s.finalDecision, finalLimit: s.finalLimit, finalSource: s.finalSource, overrideKind: s.overrideKind,
    reasonCode: s.reasonCode, officer: s.officerName, secondOfficer: s.secondOfficerName, closedAt: s.closedAt,
    proposal: s.proposal ? { decision: s.proposal.decision, limit: s.proposal.limit, kind: s.proposal.kind, reasonCode: s.proposal.reasonCode, by: s.proposal.byName, at: s.proposal.at } : null,
    outcome: s.outcome, outcomeAt: s.outcomeAt, revision: s.revision,
  } : {
    status: (d as DecisionListRow).status, finalDecision: (d as DecisionListRow).finalDecision, finalLimit: (d as DecisionListRow).finalLimit,
    finalSource: (d as DecisionListRow).finalSource, overrideKind: (d as DecisionListRow).overrideKind, reasonCode: (d as DecisionListRow).reasonCode,
    officer: (d as DecisionListRow).officerName, secondOfficer: (d as DecisionListRow).secondOfficerName, closedAt: (d as DecisionListRow).closedAt,
    outcome: (d as DecisionListRow).outcome,
  };
}

export function actionJson(a: CaseAction) {
  return { kind: a.kind, at: a.at, by: a.actorName, decision: a.decision, limit: a.limit, overrideKind: a.overrideKind, reasonCode: a.reasonCode, reason: a.reason, note: a.note };
}

/** GET /api/v1/decisions/{id}: the stored decision, its inputs and context, the case state and its trail. */
export function caseJson(d: DecisionCase, trail: CaseAction[]) {
  return {
    ...decisionResponse(d),
    borrowerRef: d.borrowerRef, amount: d.amount, termMonths: d.termMonths, branch: d.branch,
    warningLevel: d.warningLevel, completeness: d.completeness,
    submittedBy: d.submittedByName, submittedVia: d.submittedVia, isDemo: d.isDemo,
    case: caseStateJson(d),
    request: d.request, evaluation: d.evaluation, context: d.context,
    trail: trail.map(actionJson),
  };
}

function listRowJson(r: DecisionListRow) {
  return {
    id: r.id, requestId: r.requestId, borrowerRef: r.borrowerRef, amount: r.amount, termMonths: r.termMonths, decidedAt: r.decidedAt,
    decision: r.policyDecision, limit: r.policyLimit, score: r.score, grade: r.grade, reasonCodes: r.reasonCodes,
    modelVersion: r.modelVersionId, policyVersion: r.policyVersionId, branch: r.branch, isDemo: r.isDemo, case: caseStateJson(r),
  };
}

/** /api/v1 routes of the decision service (issue 9 items 2, 4; documented in decisions-openapi.ts). */
export function decisionsApiRoutes(deps: { decisions: DecisionsService }): RouteDef[] {
  const { decisions } = deps;
  const actor = (req: Request) => req.user as AuthUser;
  const id = (req: Request) => Id.parse(req.params.id);

  return [
    route.post('/api/v1/decisions', access.api(...SUBMITTER_ROLES), { summary: 'Decide a credit application (idempotent by requestId)' }, async (req, res) => {
      const body = parseInput(DecisionRequest, req.body);
      const { created, decision } = await decisions.decide(actor(req), body, { via: 'api' });
      if (!created) res.set('Idempotent-Replayed', 'true');
      res.status(created ? 201 : 200).json(decisionResponse(decision));
    }),
    route.get('/api/v1/decisions', access.api(...CASE_READER_ROLES), { summary: 'Decisions with their case state, newest first' }, async (req, res) => {
      const q = parseInput(ListQuery, req.query);
      const { rows, total } = await decisions.list({
        status: q.status ?? null, policyDecision: q.decision ?? null, borrowerRef: q.borrowerRef ?? null, requestId: q.requestId ?? null,
        from: q.from ?? null, to: q.to ?? null,
      }, { limit: q.limit, offset: q.offset });
      res.json({ total, items: rows.map(listRowJson) });
    }),
    route.get('/api/v1/decisions/:id', access.api(...CASE_READER_ROLES), { summary: 'A decision: inputs, versions, reasons, case state and trail' }, async (req, res) => {
      const d = await decisions.getCase(id(req));
      res.json(caseJson(d, await decisions.actions(d.id)));
    }),
    route.post('/api/v1/decisions/:id/officer-decision', access.api(...OFFICER_ROLES), { summary: 'An officer decides a referral or overrides the policy' }, async (req, res) => {
      const input = parseInput(OfficerDecisionInput, req.body);
      const d = await decisions.decideCase(actor(req), id(req), input);
      res.json(caseJson(d, await decisions.actions(d.id)));
    }),
    route.post('/api/v1/decisions/:id/second-approval', access.api(...OFFICER_ROLES), { summary: 'A second officer confirms or rejects a decision' }, async (req, res) => {
      const input = parseInput(SecondApprovalInput, req.body);
      const d = await decisions.secondApproval(actor(req), id(req), input);
      res.json(caseJson(d, await decisions.actions(d.id)));
    }),
    route.post('/api/v1/decisions/:id/outcome', access.api('admin', 'credit-officer'), { summary: 'Record the later outcome of an approved loan' }, async (req, res) => {
      const input = parseInput(OutcomeInput, req.body);
      const d = await decisions.recordOutcome(actor(req), id(req), input);
      res.json(caseJson(d, await decisions.actions(d.id)));
    }),
  ];
}
