import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import type { BorrowerEvaluation, BorrowerInput } from '../../domain/credit/borrower-evaluation.js';
import { compileModel, type CompiledCreditModel } from '../../domain/credit/compile-model.js';
import type { FinancialStatement } from '../../domain/credit/derive-indicators.js';
import { DomainError } from '../../domain/domain-error.js';
import { evaluateEarlyWarnings, type WarningSnapshot } from '../../domain/credit/evaluate-early-warnings.js';
import type { PriorApplication } from '../../domain/policy/application-input.js';
import { classifyOverride } from '../../domain/policy/classify-override.js';
import { dataCompleteness } from '../../domain/policy/data-completeness.js';
import { decideApplication } from '../../domain/policy/decide-application.js';
import { MS_PER_DAY } from '../../domain/policy/iso-instant-ms.js';
import { needsSecondApproval } from '../../domain/policy/needs-second-approval.js';
import { OVERRIDE_REASON_CODES, overrideReasonApplies } from '../../domain/policy/override-reason-codes.js';
import type { OverrideKind } from '../../domain/policy/policy-definition.js';
import type { PolicyDecision, PolicyReason } from '../../domain/policy/policy-reason.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../web/http-errors.js';
import type { Role } from '../../web/request-context.js';
import type { AuditService } from '../audit/audit-service.js';
import type { BorrowersRepository, SnapshotRecord } from '../borrowers/borrowers-repository.js';
import type { SnapshotInput } from '../borrowers/snapshot-fields.js';
import { warningSnapshotOf } from '../borrowers/snapshot-input.js';
import type { ModelVersion } from '../models/model-version.js';
import type { ModelsService } from '../models/models-service.js';
import type { ProsperityTable } from '../models/prosperity-table.js';
import type { PoliciesService } from '../policies/policies-service.js';
import type { PolicyVersion } from '../policies/policy-version.js';
import type { CaseStatus, DecisionCase, DecisionContext, FinalDecision, LoanOutcome } from './decision-case.js';
import type { CasePatch, DecisionFilter, DecisionsRepository, HistoryRow, NewDecisionRow } from './decisions-repository.js';
import type { DecisionRequestBody, OfficerDecision, SecondApproval } from './decisions-schemas.js';
import { createDecisionWriter, type DecidedRows, type PendingDecision } from './decision-writer.js';

/** Who acts: a signed-in user or API token holder, or the system (id 0, demo seeder) with a label such as "Demo officer Li". */
export interface DecisionActor {
  id: number;
  role: Role;
  label?: string | null;
}

/** The API's answer for a decision: only what never changes, so a replay answers exactly the same. */
export interface DecisionResponse {
  id: number;
  requestId: string;
  decision: PolicyDecision;
  reasons: PolicyReason[];
  limit: number;
  score: number;
  grade: string;
  modelVersion: { id: number; name: string | null };
  policyVersion: { id: number; name: string | null };
  decidedAt: string;
}

export function decisionResponse(d: DecisionCase): DecisionResponse {
  return {
    id: d.id, requestId: d.requestId, decision: d.policyDecision, reasons: d.reasons, limit: d.policyLimit, score: d.score, grade: d.grade,
    modelVersion: { id: d.modelVersionId, name: d.modelVersionName }, policyVersion: { id: d.policyVersionId, name: d.policyVersionName },
    decidedAt: d.decidedAt,
  };
}

/** Who may submit applications, read cases and decide them. */
export const SUBMITTER_ROLES: readonly Role[] = ['admin', 'credit-officer'];
export const CASE_READER_ROLES: readonly Role[] = ['admin', 'manager', 'credit-officer'];
export const OFFICER_ROLES: readonly Role[] = ['credit-officer'];

/** JSON with sorted keys: the same content gives the same text whatever the key order. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const obj = value as Record<string, unknown>;
  return `{${Object.keys(obj).filter((k) => obj[k] !== undefined).sort().map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
}

export function requestHash(body: DecisionRequestBody): string {
  return createHash('sha256').update(canonicalJson(body)).digest('hex');
}

/** Version lookups are cached this long (approved versions never change; a newly approved one is seen within it). */
const VERSION_TTL_MS = 10_000;
/** The borrower book (latest snapshot balances) is re-read at most this often; approvals since are read live. */
const BOOK_TTL_MS = 30_000;

interface Book {
  /** The day the book was read for (snapshots on or before it). */
  asOf: string;
  /** Latest snapshot date in the book (approvals after it are added from decision_daily_exposure). */
  date: string | null;
  total: number;
  byIndustry: Map<string, number>;
  /** The latest snapshot date of each borrower in the book, by reference (who has snapshots worth reading). */
  latestByRef: Map<string, string>;
  loadedAt: number;
}



/**
 * Online approval decisions (issue 9 items 2, 4–6). `decide` scores the borrower under the model version in force
 * (compiled once per version), evaluates its early warnings against the borrower book, then — in one transaction
 * that also serialises the borrower's applications — reads the borrower's earlier applications, its exposure and
 * the portfolio's industry position, calls decideApplication and stores the decision immutably with its inputs,
 * versions and context. The same requestId gives the same stored decision (a different body: 409).
 * Officers then resolve referrals and may override the policy (maker-checker, see `decideCase`, `secondApproval`).
 */
export function createDecisionsService(deps: {
  db: Knex; repository: DecisionsRepository; models: ModelsService; policies: PoliciesService; borrowers: BorrowersRepository;
  audit: AuditService; now: () => Date;
}) {
  const { db, repository: repo, models, policies, borrowers, audit } = deps;
  const actorId = (a: DecisionActor) => (a.id > 0 ? a.id : null);
  const actorLabel = (a: DecisionActor) => (a.id > 0 ? null : a.label || 'system');

  // ---- caches (plain derived data; another instance recomputes its own)
  const compiled = new Map<string, CompiledCreditModel>();
  const compiledFor = (v: ModelVersion): CompiledCreditModel => {
    const key = `${v.id}|${v.updatedAt}`;
    let c = compiled.get(key);
    if (!c) {
      if (compiled.size > 20) compiled.clear();
      c = compileModel(v.definition);
      compiled.set(key, c);
    }
    return c;
  };
  let effectiveCache: { date: string; at: number; value: { model: ModelVersion; policy: PolicyVersion } } | null = null;
  const policyById = new Map<number, PolicyVersion>();
  let tableCache: { at: number; table: ProsperityTable } | null = null;
  let bookCache: Book | null = null;
  // Decisions that arrive together are stored by one transaction (group commit; see createDecisionWriter).
  const writer = createDecisionWriter(db, repo, { now: deps.now });

  async function inForce(date: string): Promise<{ model: ModelVersion; policy: PolicyVersion }> {
    if (effectiveCache && effectiveCache.date === date && Date.now() - effectiveCache.at < VERSION_TTL_MS) return effectiveCache.value;
    const model = await models.effectiveVersionAt(date);
    const found = model ? await policies.effectivePolicy(model.id, date) : undefined;
    if (!model || !found) throw new ConflictError('decisions.noPolicy');
    // Keep one object per approved version, so decideApplication's validation cache keeps working.
    const cached = policyById.get(found.id);
    const policy = cached && cached.updatedAt === found.updatedAt && cached.status === found.status ? cached : found;
    policyById.set(policy.id, policy);
    const value = { model, policy };
    effectiveCache = { date, at: Date.now(), value };
    return value;
  }

  async function prosperity(): Promise<ProsperityTable> {
    if (tableCache && Date.now() - tableCache.at < VERSION_TTL_MS) return tableCache.table;
    const table = await models.prosperityTable();
    tableCache = { at: Date.now(), table };
    return table;
  }

  async function book(date: string): Promise<Book> {
    if (bookCache && bookCache.asOf === date && Date.now() - bookCache.loadedAt < BOOK_TTL_MS) return bookCache;
    const latest = await borrowers.listSnapshots({ latestPerBorrower: true, asOfTo: date });
    const byIndustry = new Map<string, number>();
    const latestByRef = new Map<string, string>();
    let total = 0, last: string | null = null;
    for (const s of latest) {
      latestByRef.set(s.borrowerRef, s.asOf);
      if (last === null || s.asOf > last) last = s.asOf;
      const b = s.loanBalance;
      if (b === null || !(b > 0)) continue;
      total += b;
      const k = s.industry ?? '';
      byIndustry.set(k, (byIndustry.get(k) ?? 0) + b);
    }
    bookCache = { asOf: date, date: last, total, byIndustry, latestByRef, loadedAt: Date.now() };
    return bookCache;
  }

  /** The borrower in the book: its snapshots before the application's data date, with grades under the model. */
  async function bookBorrower(ref: string, asOf: string, modelId: number, inBook: Book): Promise<{ past: SnapshotRecord[]; grades: Map<number, string>; latest: SnapshotRecord | null }> {
    // Most applicants of an online channel are not in the book: no query for them.
    if (!inBook.latestByRef.has(ref)) return { past: [], grades: new Map(), latest: null };
    const ids = await borrowers.borrowerIdsByRef([ref]);
    const id = ids.get(ref);
    if (id === undefined) return { past: [], grades: new Map(), latest: null };
    const snaps = await borrowers.snapshotsOfBorrowers([id]);
    const grades = await borrowers.gradesOfBorrowers(modelId, [id]);
    const latest = snaps.filter((s) => s.asOf <= asOf).reduce<SnapshotRecord | null>((a, s) => (a === null || s.asOf > a.asOf ? s : a), null);
    return { past: snaps.filter((s) => s.asOf < asOf), grades, latest };
  }

  async function getCase(id: number, trx: Knex = db): Promise<DecisionCase> {
    const found = Number.isSafeInteger(id) ? await repo.find(id, trx) : undefined;
    if (!found) throw new NotFoundError('decisions.notFound');
    return found;
  }

  async function replay(id: number, hash: string, requestHashNow: string): Promise<{ created: false; decision: DecisionCase }> {
    if (hash !== requestHashNow) throw new ConflictError('decisions.requestIdReused', { id });
    return { created: false, decision: await getCase(id) };
  }

  /** The policy's view of the borrower's earlier applications: the final decision where known, else the policy's. */
  const priorOf = (h: HistoryRow): PriorApplication => ({
    requestId: h.requestId, at: h.decidedAt, amount: h.amount,
    decision: h.status === 'closed' && h.finalDecision ? h.finalDecision : h.policyDecision,
  });

  async function decide(actor: DecisionActor, body: DecisionRequestBody, options: { via: 'api' | 'page' | 'demo'; isDemo?: boolean; at?: Date } = { via: 'api' }): Promise<{ created: boolean; decision: DecisionCase }> {
    const hash = requestHash(body);
    try {
      return await decideNew(actor, body, hash, options);
    } catch (err) {
      // A replay with a different body may not even be scorable: the conflict is the answer, not the bad input.
      if (!(err instanceof DomainError)) throw err;
      const known = await repo.findRequest(body.requestId);
      if (known) return replay(known.id, known.requestHash, hash);
      throw err;
    }
  }

  /** Scores and prepares outside any transaction, then hands the decision to the writer (replays are found there). */
  async function decideNew(actor: DecisionActor, body: DecisionRequestBody, hash: string, options: { via: 'api' | 'page' | 'demo'; isDemo?: boolean; at?: Date }): Promise<{ created: boolean; decision: DecisionCase }> {
    // The policy and model in force are those of this day; the decision's own instant is taken when it is stored
    // (see decide below), so that decisions stored together are in time order as well as in id order.
    const prepared = options.at ?? deps.now();
    const date = prepared.toISOString().slice(0, 10);
    const { model, policy } = await inForce(date);
    const definition = policy.definition;
    const b = body.borrower;
    const table = await prosperity();

    // Score exactly as the scoring API does (unknown indicator ids or bad values → DomainError → 400).
    const tableIndex = table.valueAt(b.industry ?? null, b.asOf);
    const prosperityIndex = typeof b.prosperityIndex === 'number' ? b.prosperityIndex : tableIndex;
    const input: BorrowerInput = {
      industry: b.industry ?? null, asOf: b.asOf, indicators: b.indicators, flags: b.flags ?? {}, daysPastDue: b.daysPastDue ?? null,
      inDefault: b.inDefault ?? null, prosperityIndex: model.definition.overlay ? prosperityIndex : (b.prosperityIndex ?? null),
    };
    const evaluation: BorrowerEvaluation = compiledFor(model).score(input);

    // Early warnings against the borrower's snapshots in the book and the industry index history.
    const position = await book(date);
    const known2 = await bookBorrower(b.ref, b.asOf, model.id, position);
    const snapshot: SnapshotInput = {
      borrowerRef: b.ref, borrowerName: b.name ?? null, asOf: b.asOf, industry: b.industry ?? null, sizeBand: b.sizeBand, region: b.region ?? null,
      indicators: b.indicators, statement: (b.statement ?? null) as FinancialStatement | null, loanBalance: null, classification: null,
      daysPastDue: b.daysPastDue ?? null, outcome: null,
      extra: {
        dishonestDebtorList: b.flags?.dishonestDebtorList ?? null, insolvency: b.flags?.insolvency ?? null, inDefault: b.inDefault ?? null,
        otherBankOverdue: b.otherBankOverdue ?? null, enforcementListed: b.enforcementListed ?? null, utilityCutOff: b.utilityCutOff ?? null,
        creditLineUsePct: b.creditLineUsePct ?? null, collateralValue: b.collateralValue ?? null, prosperityIndex: b.prosperityIndex ?? null,
      },
    };
    const past: WarningSnapshot[] = known2.past.map((s) => warningSnapshotOf(s, null, known2.grades.get(s.id) ?? null));
    for (const p of table.historyBefore(b.industry ?? null, b.asOf)) past.push({ asOf: p.periodEnd, industryIndex: p.value });
    const warnings = evaluateEarlyWarnings(warningSnapshotOf(snapshot, tableIndex, evaluation.grade), past, model.settings.earlyWarnings, model.definition.gradeScale);
    const completeness = dataCompleteness(model.definition, evaluation);

    const loop = definition.loopholeChecks;
    const windowDays = Math.max(loop.duplicate?.windowDays ?? 0, loop.split?.windowDays ?? 0);
    const windowMs = windowDays * MS_PER_DAY;
    // Lower bound for reading history (the decision instant comes later, so its window starts later still).
    const windowStart = new Date(prepared.getTime() - windowMs).toISOString();
    const bookDate = known2.latest?.asOf ?? null;
    // Exposure counts the borrower's approvals after its book date, so read back to that date (or all, if none).
    const since = b.existingExposure === undefined || b.existingExposure === null
      ? (bookDate === null ? '0000' : (bookDate < windowStart ? bookDate : windowStart))
      : windowStart;

    const pending: PendingDecision = {
      requestId: body.requestId, hash, borrowerRef: b.ref, since, bookDate: position.date,
      decide: (view): DecidedRows => {
        const at = options.at ?? view.now;
        const atIso = at.toISOString();
        const windowFrom = new Date(at.getTime() - windowMs).toISOString();
        const history = view.history.filter((h) => h.decidedAt >= windowFrom).map(priorOf);
        let existingExposure: number, exposureSource: DecisionContext['exposureSource'];
        if (typeof b.existingExposure === 'number') {
          existingExposure = b.existingExposure;
          exposureSource = 'request';
        } else {
          existingExposure = Math.max(0, known2.latest?.loanBalance ?? 0);
          for (const h of view.history) {
            if (h.status === 'closed' && h.finalDecision === 'approve' && h.finalLimit !== null && (bookDate === null || (h.closedAt ?? h.decidedAt).slice(0, 10) > bookDate)) existingExposure += h.finalLimit;
          }
          exposureSource = 'book';
        }
        let total = position.total;
        const byIndustry: Record<string, number> = {};
        for (const [k, v] of position.byIndustry) if (k !== '') byIndustry[k] = v;
        for (const [k, v] of view.approvedSinceBook) {
          total += v;
          if (k !== '') byIndustry[k] = (byIndustry[k] ?? 0) + v;
        }
        // Take-backs (overrides of approvals) can make a day's sum negative; a position is never below 0.
        total = Math.max(0, total);
        for (const k of Object.keys(byIndustry)) byIndustry[k] = Math.min(total, Math.max(0, byIndustry[k]!));

        const result = decideApplication({
          policy: definition, evaluation, warningLevel: warnings.level, completeness, amount: body.amount, termMonths: body.termMonths,
          borrower: {
            id: b.ref, industry: b.industry ?? null, sizeBand: b.sizeBand, existingExposure, snapshotAsOf: b.asOf, indicators: b.indicators,
            statement: (b.statement ?? null) as FinancialStatement | null, flags: b.flags ?? null,
          },
          portfolio: { totalBalance: total, balanceByIndustry: byIndustry }, history, requestId: body.requestId, asOf: atIso,
        });
        const context: DecisionContext = {
          existingExposure, exposureSource,
          portfolio: { totalBalance: total, industryBalance: b.industry ? (byIndustry[b.industry] ?? 0) : null, bookDate: position.date },
          history, warningLevel: warnings.level, warningSignals: [...warnings.signals], completeness, prosperityIndex: input.prosperityIndex ?? null,
        };
        const reasons = [...result.reasons];
        const closed = result.decision !== 'refer';
        const state: CasePatch = closed
          ? { status: 'closed', finalDecision: result.decision as FinalDecision, finalLimit: result.limit, finalSource: 'policy', closedAt: atIso, updatedAt: atIso }
          : { status: 'pending', updatedAt: atIso };
        const decision: NewDecisionRow = {
          requestId: body.requestId, requestHash: hash, borrowerRef: b.ref, borrowerName: b.name ?? null, industry: b.industry ?? null,
          sizeBand: b.sizeBand, branch: b.branch ?? null, amount: body.amount, termMonths: body.termMonths, snapshotAsOf: b.asOf, decidedAt: atIso,
          modelVersionId: model.id, policyVersionId: policy.id, score: evaluation.score, grade: evaluation.grade, warningLevel: warnings.level,
          completeness, policyDecision: result.decision, policyLimit: result.limit, reasons, request: body, evaluation, context,
          submittedBy: actorId(actor), submittedByLabel: actorLabel(actor), submittedVia: options.via, isDemo: options.isDemo ?? false,
        };
        return {
          decision, state,
          // No audit_events row per automatic decision: this action is the immutable record of who and when.
          action: { kind: 'submitted', decision: result.decision, limit: result.limit, actorUserId: actorId(actor), actorLabel: actorLabel(actor), at: atIso },
          approved: result.decision === 'approve' && result.limit > 0 ? { day: date, industry: b.industry ?? null, amount: result.limit } : null,
          // The stored case as a read gives it back, without another query (reasons through JSON, as stored).
          toCase: (id): DecisionCase => ({
            id, requestId: body.requestId, requestHash: hash, borrowerRef: b.ref, borrowerName: b.name ?? null, industry: b.industry ?? null,
            sizeBand: b.sizeBand, branch: b.branch ?? null, amount: body.amount, termMonths: body.termMonths, snapshotAsOf: b.asOf, decidedAt: atIso,
            modelVersionId: model.id, modelVersionName: model.name, policyVersionId: policy.id, policyVersionName: policy.name,
            score: evaluation.score, grade: evaluation.grade, warningLevel: warnings.level, completeness, policyDecision: result.decision,
            policyLimit: result.limit, reasons: JSON.parse(JSON.stringify(reasons)) as PolicyReason[], request: body as unknown as Record<string, unknown>,
            evaluation: evaluation as unknown as Record<string, unknown>, context,
            submittedBy: actorId(actor), submittedByName: actorLabel(actor), submittedVia: options.via, isDemo: options.isDemo ?? false,
            state: {
              status: closed ? 'closed' : 'pending', finalDecision: closed ? (result.decision as FinalDecision) : null, finalLimit: closed ? result.limit : null,
              finalSource: closed ? 'policy' : null, overrideKind: null, reasonCode: null, officerId: null, officerName: null, secondOfficerId: null,
              secondOfficerName: null, closedAt: closed ? atIso : null, proposal: null, outcome: null, outcomeAt: null, revision: 0, updatedAt: atIso,
            },
          }),
        };
      },
    };
    const outcome = await writer.submit(pending);
    if (outcome.kind === 'stored') return replay(outcome.id, outcome.hash, hash);
    return { created: true, decision: outcome.decision };
  }

  function assertOfficer(actor: DecisionActor, d: DecisionCase) {
    if (actor.id !== 0 && !OFFICER_ROLES.includes(actor.role)) throw new ForbiddenError('decisions.officersOnly');
    const own = actor.id !== 0 ? d.submittedBy === actor.id : d.submittedBy === null && d.submittedByName === actorLabel(actor);
    if (own) throw new ForbiddenError('decisions.ownCase');
  }

  /** Validates an override's reason code: required for overrides (listed, applying to the kind; 'other' needs a note). */
  function checkReasonCode(kind: OverrideKind, isOverride: boolean, input: OfficerDecision): string | null {
    const code = input.reasonCode ?? null;
    if (isOverride) {
      if (code === null) throw new ValidationError('decisions.reasonCodeRequired', { reasonCode: 'decisions.reasonCodeRequired' });
      if (!overrideReasonApplies(code, kind as 'decline-to-approve' | 'approve-to-decline')) throw new ValidationError('decisions.reasonCodeNotApplicable', { reasonCode: 'decisions.reasonCodeNotApplicable' });
    } else if (code !== null && !OVERRIDE_REASON_CODES.some((c) => c.code === code)) {
      throw new ValidationError('decisions.reasonCodeUnknown', { reasonCode: 'decisions.reasonCodeUnknown' });
    }
    if (code !== null && OVERRIDE_REASON_CODES.find((c) => c.code === code)?.needsNote && !input.note) {
      throw new ValidationError('decisions.noteRequired', { note: 'decisions.noteRequired' });
    }
    return code;
  }

  /** The change of booked approvals when a case's final decision changes (for the portfolio position). */
  async function rebook(trx: Knex, d: DecisionCase, before: { decision: FinalDecision | null; limit: number | null }, after: { decision: FinalDecision; limit: number }, day: string) {
    const was = before.decision === 'approve' ? before.limit ?? 0 : 0;
    const now = after.decision === 'approve' ? after.limit : 0;
    if (was !== now) await repo.addApproved(trx, day, d.industry, now - was, (now > 0 ? 1 : 0) - (was > 0 ? 1 : 0));
  }

  async function policyOf(d: DecisionCase): Promise<PolicyVersion> {
    return policyById.get(d.policyVersionId) ?? policies.getPolicyVersion(d.policyVersionId);
  }

  const service = {
    decide,
    getCase,
    actions: (id: number) => repo.actions(id),

    /**
     * An officer's decision (issue 9 item 4): resolves a pending referral, or overrides a policy approve/decline
     * nobody has touched. Never by the person who submitted the case (403). A mandatory reason; an override needs
     * a reason code that applies to its direction (400); above the policy's amount (needsSecondApproval) the case
     * waits for a second officer instead of closing. Approved limit: as given (≤ the amount requested), else the
     * policy's limit, else the amount requested.
     */
    async decideCase(actor: DecisionActor, id: number, input: OfficerDecision, options: { at?: Date } = {}): Promise<DecisionCase> {
      const d = await getCase(id);
      assertOfficer(actor, d);
      const s = d.state;
      if (input.revision !== undefined && input.revision !== s.revision) throw new ConflictError('decisions.changedMeanwhile');
      if (s.status === 'awaiting-second') throw new ConflictError('decisions.awaitingSecond');
      if (s.status === 'closed' && s.finalSource === 'officer') throw new ConflictError('decisions.alreadyDecided');
      if (s.status === 'closed' && input.decision === d.policyDecision) throw new ConflictError('decisions.sameAsPolicy');
      const c = classifyOverride(d.policyDecision, input.decision);
      const reasonCode = checkReasonCode(c.kind, c.isOverride, input);
      let limit = 0;
      if (input.decision === 'approve') {
        limit = input.limit ?? (d.policyLimit > 0 ? d.policyLimit : d.amount);
        if (limit > d.amount) throw new ValidationError('decisions.limitAboveAmount', { limit: 'decisions.limitAboveAmount' });
      }
      const policy = await policyOf(d);
      const second = needsSecondApproval(policy.definition, input.decision === 'approve' ? limit : d.amount, c.kind);
      const at = (options.at ?? deps.now()).toISOString();
      await db.transaction(async (trx) => {
        const who = { actorUserId: actorId(actor), actorLabel: actorLabel(actor) };
        let patch: CasePatch;
        if (second) {
          patch = { status: 'awaiting-second', proposal: { decision: input.decision, limit, kind: c.kind, reasonCode, by: actorId(actor), byLabel: actorLabel(actor), at }, updatedAt: at };
        } else {
          patch = {
            status: 'closed', finalDecision: input.decision, finalLimit: limit, finalSource: 'officer', overrideKind: c.kind, reasonCode,
            officerId: actorId(actor), officerLabel: actorLabel(actor), closedAt: at, updatedAt: at,
          };
        }
        if (!(await repo.transition(trx, d.id, s.revision, patch))) throw new ConflictError('decisions.changedMeanwhile');
        await repo.insertAction(trx, { decisionId: d.id, kind: second ? 'proposed' : 'decided', decision: input.decision, limit, overrideKind: c.kind, reasonCode, reason: input.reason, note: input.note ?? null, ...who, at });
        if (!second) await rebook(trx, d, { decision: s.finalDecision, limit: s.finalLimit }, { decision: input.decision, limit }, at.slice(0, 10));
        await audit.record({ event: second ? 'decision.proposed' : 'decision.decided', ...who, targetType: 'credit_decision', targetId: d.id, ip: null,
          details: { decision: input.decision, kind: c.kind, override: c.isOverride, reasonCode, limit, secondApproval: second } }, trx);
      });
      return getCase(id);
    },

    /**
     * The second officer's answer to a decision waiting for one: confirm (the case closes with the proposal; the
     * proposer is the deciding officer, this one the second) or reject with a reason (the case goes back to where
     * it was: a pending referral, or the policy's own decision). Not the submitter, not the proposer (403).
     */
    async secondApproval(actor: DecisionActor, id: number, input: SecondApproval, options: { at?: Date } = {}): Promise<DecisionCase> {
      const d = await getCase(id);
      assertOfficer(actor, d);
      const s = d.state;
      if (input.revision !== undefined && input.revision !== s.revision) throw new ConflictError('decisions.changedMeanwhile');
      if (s.status !== 'awaiting-second' || !s.proposal) throw new ConflictError('decisions.notAwaitingSecond');
      const p = s.proposal;
      const sameAsProposer = actor.id !== 0 ? p.by === actor.id : p.by === null && p.byName === actorLabel(actor);
      if (sameAsProposer) throw new ForbiddenError('decisions.secondSameOfficer');
      const at = (options.at ?? deps.now()).toISOString();
      const who = { actorUserId: actorId(actor), actorLabel: actorLabel(actor) };
      await db.transaction(async (trx) => {
        let patch: CasePatch;
        if (input.confirm) {
          patch = {
            status: 'closed', finalDecision: p.decision, finalLimit: p.limit, finalSource: 'officer', overrideKind: p.kind, reasonCode: p.reasonCode,
            officerId: p.by, officerLabel: p.by === null ? p.byName : null, secondOfficerId: actorId(actor), secondOfficerLabel: actorLabel(actor),
            closedAt: at, proposal: null, updatedAt: at,
          };
        } else {
          patch = { status: d.policyDecision === 'refer' ? 'pending' : 'closed', proposal: null, updatedAt: at };
        }
        if (!(await repo.transition(trx, d.id, s.revision, patch))) throw new ConflictError('decisions.changedMeanwhile');
        await repo.insertAction(trx, { decisionId: d.id, kind: input.confirm ? 'confirmed' : 'rejected', decision: p.decision, limit: p.limit, overrideKind: p.kind, reasonCode: p.reasonCode, reason: input.reason, ...who, at });
        if (input.confirm) await rebook(trx, d, { decision: s.finalDecision, limit: s.finalLimit }, { decision: p.decision, limit: p.limit }, at.slice(0, 10));
        await audit.record({ event: input.confirm ? 'decision.confirmed' : 'decision.rejected', ...who, targetType: 'credit_decision', targetId: d.id, ip: null, details: { decision: p.decision, kind: p.kind } }, trx);
      });
      return getCase(id);
    },

    /** Records the later outcome of an approved loan (for default rates by decision path). */
    async recordOutcome(actor: DecisionActor, id: number, input: { outcome: LoanOutcome; note?: string }, options: { at?: Date } = {}): Promise<DecisionCase> {
      if (actor.id !== 0 && actor.role !== 'admin' && actor.role !== 'credit-officer') throw new ForbiddenError('decisions.officersOnly');
      const d = await getCase(id);
      if (d.state.status !== 'closed' || d.state.finalDecision !== 'approve') throw new ConflictError('decisions.outcomeNeedsApproval');
      const at = (options.at ?? deps.now()).toISOString();
      const who = { actorUserId: actorId(actor), actorLabel: actorLabel(actor) };
      await db.transaction(async (trx) => {
        if (!(await repo.transition(trx, d.id, d.state.revision, { outcome: input.outcome, outcomeAt: at, updatedAt: at }))) throw new ConflictError('decisions.changedMeanwhile');
        await repo.insertAction(trx, { decisionId: d.id, kind: 'outcome', reason: input.outcome, note: input.note ?? null, ...who, at });
        await audit.record({ event: 'decision.outcome', ...who, targetType: 'credit_decision', targetId: d.id, ip: null, details: { outcome: input.outcome } }, trx);
      });
      return getCase(id);
    },

    list: (filter: DecisionFilter, page: { limit: number; offset: number; order?: 'newest' | 'oldest' }) => repo.list(filter, page),
    all: (filter: DecisionFilter, options: { withRequest?: boolean } = {}) => repo.all(filter, options),
    actionsOf: (ids: readonly number[]) => repo.actionsOf(ids),
    statusCounts: () => repo.statusCounts(),
    branches: () => repo.branches(),

    /** The referral queue: pending referrals and decisions awaiting a second officer, oldest first. */
    async queue(): Promise<{ pending: Awaited<ReturnType<DecisionsRepository['all']>>; awaitingSecond: Awaited<ReturnType<DecisionsRepository['all']>> }> {
      const [pending, awaitingSecond] = await Promise.all([repo.all({ status: 'pending' }), repo.all({ status: 'awaiting-second' })]);
      return { pending, awaitingSecond };
    },

    /** The model and policy in force now (null when none), for the application page. */
    async inForceNow(): Promise<{ model: ModelVersion; policy: PolicyVersion } | null> {
      try {
        return await inForce(deps.now().toISOString().slice(0, 10));
      } catch (err) {
        if (err instanceof ConflictError) return null;
        throw err;
      }
    },

    /** Drops the cached versions and book (after a policy change in the same process, e.g. in tests). */
    clearCaches() {
      effectiveCache = null;
      tableCache = null;
      bookCache = null;
    },
  };
  return service;
}

export type DecisionsService = ReturnType<typeof createDecisionsService>;
export type { CaseStatus };
