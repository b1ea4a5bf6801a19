import type { Knex } from 'knex';
import { DEFAULT_POLICY } from '../../domain/policy/default-policy.js';
import type { PolicyDefinition } from '../../domain/policy/policy-definition.js';
import { validatePolicy, type PolicyProblem } from '../../domain/policy/validate-policy.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../web/http-errors.js';
import type { AuditService } from '../audit/audit-service.js';
import type { BorrowersRepository } from '../borrowers/borrowers-repository.js';
import type { ModelsService } from '../models/models-service.js';
import type { ModelVersion } from '../models/model-version.js';
import type { Actor } from '../studies/studies-service.js';
import { DEFAULT_ASSUMPTIONS, portfolioCases, type DryRunAssumptions } from './dry-run-cases.js';
import { approvalSummary, dryRunReport, type DryRunReport } from './dry-run-report.js';
import type { PoliciesRepository } from './policies-repository.js';
import { diffPolicies } from './policy-diff.js';
import type { ApprovalDryRun, PolicySource, PolicyStatus, PolicyVersion, PolicyVersionSummary } from './policy-version.js';

/** How a new draft gets its rules. */
export type NewPolicySource = { kind: 'default' } | { kind: 'copy'; versionId: number };

export interface NewPolicyInput {
  name: string;
  description?: string;
  /** Approved credit model version the policy decides on. Default: the copied version's model (copy) — required otherwise. */
  modelVersionId?: number | null;
  source: NewPolicySource;
}

export interface DryRunInput {
  /** Portfolio to run on; default: the portfolio with the newest snapshot that has evaluations under the model. */
  portfolio?: string | null;
  /** Baseline policy version; undefined = the policy in force today (for the same model, else the one in force). null = none. */
  baselineId?: number | null;
  assumptions?: Partial<DryRunAssumptions>;
}

export interface DryRunOutcome {
  version: PolicyVersion;
  model: ModelVersion;
  baseline: PolicyVersion | null;
  portfolio: string | null;
  portfolios: { portfolio: string; borrowers: number; latestAsOf: string | null }[];
  assumptions: DryRunAssumptions;
  /** Borrowers of the portfolio with a latest snapshot evaluated under the model (before sampling). */
  evaluated: number;
  report: DryRunReport;
  /** Set when the baseline's grade scale differs from the model's (it cannot decide on these evaluations). */
  baselineScaleMismatch: boolean;
  ranAt: string;
}

export interface PolicyDraftPatch {
  name?: string;
  description?: string;
  effectiveFrom?: string | null;
  definition?: PolicyDefinition;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Who may create and edit policy drafts: researchers (the model-risk / credit-policy analysts) and administrators.
 * Approval needs the same roles AND a person other than the draft's author (four eyes, as for credit models).
 * Credit officers apply the policy and managers oversee it: both read only — the people who decide cases under a
 * policy do not set or approve it (segregation of duties).
 */
export function canAuthorPolicies(actor: Actor): boolean {
  return actor.role === 'admin' || actor.role === 'researcher';
}

/** Field → first error message of validatePolicy (dotted paths as field names). */
export function policyFieldErrors(problems: readonly PolicyProblem[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of problems) if (p.severity === 'error' && !(p.path in out)) out[p.path] = p.message;
  return out;
}

/** A deep, mutable copy of a definition (stored definitions must never share objects with the frozen default). */
export function clonePolicy(definition: PolicyDefinition): PolicyDefinition {
  return JSON.parse(JSON.stringify(definition)) as PolicyDefinition;
}

/**
 * Approval decision policy versions (issue 9 item 1): drafts from the shipped default or a copy, edited as a
 * whole definition (validated by validatePolicy against the attached model's grade scale), approval with rationale
 * and four eyes (immutable afterwards), retirement, the policy in force, the diff and the portfolio dry run.
 * Read functions for other areas: getPolicyVersion, listPolicyVersions, effectivePolicy.
 */
export function createPoliciesService(deps: { db: Knex; repository: PoliciesRepository; models: ModelsService; borrowers: BorrowersRepository; audit: AuditService; now: () => Date }) {
  const { db, repository: repo, models, borrowers, audit } = deps;
  const nowIso = () => deps.now().toISOString();
  const today = () => nowIso().slice(0, 10);
  const actorId = (actor: Actor) => (actor.id > 0 ? actor.id : null);

  async function getPolicyVersion(id: number): Promise<PolicyVersion> {
    const v = Number.isSafeInteger(id) ? await repo.find(id) : undefined;
    if (!v) throw new NotFoundError('policies.notFound');
    return v;
  }

  function assertAuthor(actor: Actor) {
    if (!canAuthorPolicies(actor) && actor.id !== 0) throw new ForbiddenError('policies.readOnly');
  }

  async function modelOf(id: number): Promise<ModelVersion> {
    try {
      return await models.getModelVersion(id);
    } catch (e) {
      if (e instanceof NotFoundError) throw new ValidationError('policies.modelNotFound', { modelVersionId: 'policies.modelNotFound' });
      throw e;
    }
  }

  /** Problems of a definition for a model version (errors and warnings, validatePolicy's messages). */
  function problemsFor(definition: PolicyDefinition, model: ModelVersion): PolicyProblem[] {
    return validatePolicy(definition, { gradeScale: model.definition.gradeScale });
  }

  function assertValid(definition: PolicyDefinition, model: ModelVersion) {
    const problems = problemsFor(definition, model);
    const errors = problems.filter((p) => p.severity === 'error');
    if (errors.length) throw new ValidationError('policies.invalid', policyFieldErrors(errors), { fields: policyFieldErrors(errors), problems: errors });
  }

  /** The draft the actor may edit: 409 once approved or retired; its author or an administrator. */
  async function editableDraft(actor: Actor, id: number): Promise<PolicyVersion> {
    const v = await getPolicyVersion(id);
    if (v.status !== 'draft') throw new ConflictError('policies.immutable');
    assertAuthor(actor);
    if (actor.role !== 'admin' && actor.id !== 0 && v.createdBy !== null && v.createdBy !== actor.id) throw new ForbiddenError('policies.notAuthor');
    return v;
  }

  /**
   * The approved policy in force at `at` (ISO date or instant; default today) for a model version (default: the
   * model version in force at `at`): among approved and retired versions of that model with effectiveFrom ≤ at that
   * were not retired on or before that date, the one with the latest effectiveFrom (ties: the later approval).
   * undefined when there is none (no model in force, or no policy for it).
   */
  async function effectivePolicy(modelVersionId?: number, at?: string): Promise<PolicyVersion | undefined> {
    const date = (at ?? today()).slice(0, 10);
    let modelId = modelVersionId;
    if (modelId === undefined) {
      const model = await models.effectiveVersionAt(date);
      if (!model) return undefined;
      modelId = model.id;
    }
    const candidates = (await repo.list({ modelVersionId: modelId, statuses: ['approved', 'retired'] })).filter((v) =>
      v.effectiveFrom !== null && v.effectiveFrom <= date && (v.retiredAt === null || v.retiredAt.slice(0, 10) > date));
    candidates.sort((a, b) => (b.effectiveFrom as string).localeCompare(a.effectiveFrom as string) || (b.approvedAt ?? '').localeCompare(a.approvedAt ?? '') || b.id - a.id);
    return candidates[0];
  }

  /**
   * Dry run of a version on a portfolio (issue 9 item 1): the portfolio's latest snapshots with their stored
   * evaluations under the version's model, as renewals (portfolioCases), decided by the domain's policyDryRun
   * under the version and under the baseline (the current policy by default), overall and by grade.
   */
  async function dryRun(id: number, input: DryRunInput = {}): Promise<DryRunOutcome> {
    const version = await getPolicyVersion(id);
    const model = await modelOf(version.modelVersionId);
    // Unknown size band: the policy's first band (by convention the smallest firms, with the lowest limits).
    const assumptions: DryRunAssumptions = {
      ...DEFAULT_ASSUMPTIONS, unknownSizeBand: version.definition.sizeBands[0] ?? null,
      ...Object.fromEntries(Object.entries(input.assumptions ?? {}).filter(([, x]) => x !== undefined)),
    };
    const portfolios = (await borrowers.portfolios()).sort((a, b) => (b.latestAsOf ?? '').localeCompare(a.latestAsOf ?? '') || a.portfolio.localeCompare(b.portfolio));
    let portfolio = input.portfolio ?? null;
    if (portfolio !== null && !portfolios.some((p) => p.portfolio === portfolio)) throw new ValidationError('policies.dryRun.unknownPortfolio', { portfolio: 'validation.choose' });
    let rows: Awaited<ReturnType<BorrowersRepository['evaluationsWithSnapshots']>> = [];
    if (portfolio !== null) rows = await borrowers.evaluationsWithSnapshots(model.id, { portfolio, latestPerBorrower: true });
    else {
      for (const p of portfolios) {
        rows = await borrowers.evaluationsWithSnapshots(model.id, { portfolio: p.portfolio, latestPerBorrower: true });
        if (rows.length) { portfolio = p.portfolio; break; }
      }
    }
    let baseline: PolicyVersion | null = null;
    if (input.baselineId === undefined) {
      baseline = (await effectivePolicy(model.id)) ?? (await effectivePolicy()) ?? null;
      if (baseline?.id === version.id) baseline = null;
    } else if (input.baselineId !== null) {
      baseline = await getPolicyVersion(input.baselineId);
    }
    const scale = model.definition.gradeScale;
    const baselineScaleMismatch = baseline !== null && JSON.stringify(baseline.definition.gradeScale) !== JSON.stringify(scale);
    const policyErrors = problemsFor(version.definition, model).filter((p) => p.severity === 'error');
    if (policyErrors.length) throw new ValidationError('policies.invalid', policyFieldErrors(policyErrors), { fields: policyFieldErrors(policyErrors), problems: policyErrors });
    const cases = portfolioCases(model.definition, rows, assumptions);
    const report = dryRunReport(version.definition, cases, baseline && !baselineScaleMismatch ? baseline.definition : null, [...scale.bands.map((b) => b.grade), scale.defaultGrade]);
    return { version, model, baseline, portfolio, portfolios, assumptions, evaluated: rows.length, report, baselineScaleMismatch, ranAt: nowIso() };
  }

  return {
    getPolicyVersion,
    effectivePolicy,
    dryRun,
    problemsFor,

    /** The draft if the actor may edit it: 404 unknown, 409 approved or retired, 403 not its author (administrators may). */
    assertEditable: (actor: Actor, id: number): Promise<PolicyVersion> => editableDraft(actor, id),

    /** Every version, newest first (every signed-in role may read every version). */
    listPolicyVersions: (filter: { modelVersionId?: number; statuses?: readonly PolicyStatus[] } = {}): Promise<PolicyVersionSummary[]> => repo.summaries(filter),

    /** Problems of a stored version's definition against its model (for the show page and approval). */
    async problemsOf(v: PolicyVersion): Promise<PolicyProblem[]> {
      return problemsFor(v.definition, await modelOf(v.modelVersionId));
    },

    /** Model versions a new policy may be attached to (approved, newest first). */
    modelChoices: () => models.approvedVersions(),

    /**
     * A new draft from the shipped default policy or a copy of a version. The model version must be approved
     * (a draft model may still change its grade scale). A default copy takes the model's grade scale when it differs.
     */
    async createDraft(actor: Actor, input: NewPolicyInput, options: { isDemo?: boolean } = {}): Promise<number> {
      assertAuthor(actor);
      const name = input.name.trim();
      if (!name) throw new ValidationError('policies.nameRequired', { name: 'validation.required' });
      if (name.length > 200) throw new ValidationError('policies.nameTooLong', { name: 'policies.nameTooLong' });
      let definition: PolicyDefinition;
      let source: PolicySource;
      let parentId: number | null = null;
      let modelVersionId = input.modelVersionId ?? null;
      if (input.source.kind === 'copy') {
        const base = await getPolicyVersion(input.source.versionId);
        definition = clonePolicy(base.definition);
        source = { kind: 'copy', label: `copy of #${base.id} ${base.name}`, baseVersionId: base.id };
        parentId = base.id;
        modelVersionId ??= base.modelVersionId;
      } else {
        definition = clonePolicy(DEFAULT_POLICY);
        source = { kind: 'default', label: 'shipped default policy (proposal)' };
      }
      if (modelVersionId === null) throw new ValidationError('policies.modelRequired', { modelVersionId: 'validation.required' });
      const model = await modelOf(modelVersionId);
      if (model.status !== 'approved') throw new ValidationError('policies.modelNotApproved', { modelVersionId: 'policies.modelNotApproved' });
      if (input.source.kind === 'default') definition = { ...definition, gradeScale: JSON.parse(JSON.stringify(model.definition.gradeScale)) as PolicyDefinition['gradeScale'] };
      return db.transaction(async (trx) => {
        const id = await repo.insert({
          name, description: (input.description ?? '').trim(), modelVersionId: model.id, effectiveFrom: null, definition, source, parentId,
          isDemo: options.isDemo ?? false, createdBy: actorId(actor), now: nowIso(),
        }, trx);
        await audit.record({ event: 'policy.created', actorUserId: actorId(actor), actorLabel: actorId(actor) ? null : 'system', targetType: 'policy_version', targetId: id, ip: null, details: { source: source.kind, modelVersionId: model.id, baseVersionId: parentId } }, trx);
        return id;
      });
    },

    /**
     * Changes a draft (name, description, effective date, whole definition). The definition is validated first
     * against the model's grade scale: any error → 400 with every problem by its path, nothing stored.
     */
    async updateDraft(actor: Actor, id: number, patch: PolicyDraftPatch) {
      const v = await editableDraft(actor, id);
      if (patch.name !== undefined && !patch.name.trim()) throw new ValidationError('policies.nameRequired', { name: 'validation.required' });
      if (patch.effectiveFrom && !DATE.test(patch.effectiveFrom)) throw new ValidationError('policies.effectiveFromInvalid', { effectiveFrom: 'policies.effectiveFromInvalid' });
      if (patch.definition) assertValid(patch.definition, await modelOf(v.modelVersionId));
      await db.transaction(async (trx) => {
        const ok = await repo.updateDraft(id, {
          ...(patch.name !== undefined ? { name: patch.name.trim() } : {}),
          ...(patch.description !== undefined ? { description: patch.description.trim() } : {}),
          ...(patch.effectiveFrom !== undefined ? { effectiveFrom: patch.effectiveFrom || null } : {}),
          ...(patch.definition ? { definition: patch.definition } : {}),
        }, nowIso(), trx);
        if (!ok) throw new ConflictError('policies.immutable');
        await audit.record({ event: 'policy.updated', actorUserId: actorId(actor), actorLabel: actorId(actor) ? null : 'system', targetType: 'policy_version', targetId: id, ip: null, details: { definition: Boolean(patch.definition) } }, trx);
      });
    },

    /**
     * Approves a draft: it becomes immutable. Four eyes: the approver is a researcher or administrator who did not
     * create the draft (a system-created draft — the demo — may be approved by anyone allowed). Needs an
     * effective-from date, a rationale, an approved (not draft) model version and a definition without errors.
     * `dryRun`: the dry run the approver saw (its parameters; undefined = the default run, null = none): run again
     * here and its summary kept with the approval.
     */
    async approve(actor: Actor, id: number, input: { effectiveFrom: string; rationale: string; dryRun?: DryRunInput | null }, options: { approverLabel?: string } = {}) {
      const v = await getPolicyVersion(id);
      if (v.status !== 'draft') throw new ConflictError('policies.immutable');
      assertAuthor(actor);
      if (actor.id !== 0 && v.createdBy !== null && v.createdBy === actor.id) throw new ForbiddenError('policies.fourEyes');
      const fields: Record<string, string> = {};
      if (!input.rationale.trim()) fields.rationale = 'validation.required';
      if (!DATE.test(input.effectiveFrom)) fields.effectiveFrom = 'policies.effectiveFromInvalid';
      if (Object.keys(fields).length) throw new ValidationError(fields.rationale ? 'policies.rationaleRequired' : 'policies.effectiveFromInvalid', fields);
      const model = await modelOf(v.modelVersionId);
      if (model.status === 'draft') throw new ConflictError('policies.modelNotApproved');
      assertValid(v.definition, model);
      let summary: ApprovalDryRun | null = null;
      if (input.dryRun !== null) {
        const run = await dryRun(id, input.dryRun ?? {});
        summary = approvalSummary(run.report, { ranAt: run.ranAt, portfolio: run.portfolio, baselinePolicyId: run.baselineScaleMismatch ? null : run.baseline?.id ?? null });
      }
      await db.transaction(async (trx) => {
        const ok = await repo.approve(id, { userId: actorId(actor), label: actorId(actor) ? null : options.approverLabel ?? 'system (demo)' },
          { effectiveFrom: input.effectiveFrom, rationale: input.rationale.trim(), dryRun: summary }, nowIso(), trx);
        if (!ok) throw new ConflictError('policies.immutable');
        await audit.record({ event: 'policy.approved', actorUserId: actorId(actor), actorLabel: actorId(actor) ? null : 'system', targetType: 'policy_version', targetId: id, ip: null, details: { effectiveFrom: input.effectiveFrom, modelVersionId: v.modelVersionId } }, trx);
      });
    },

    /** Retires an approved version (it stops being in force from today; kept for history). */
    async retire(actor: Actor, id: number, rationale: string) {
      const v = await getPolicyVersion(id);
      assertAuthor(actor);
      if (v.status !== 'approved') throw new ConflictError('policies.notApproved');
      if (!rationale.trim()) throw new ValidationError('policies.rationaleRequired', { rationale: 'validation.required' });
      await db.transaction(async (trx) => {
        const ok = await repo.retire(id, actorId(actor), rationale.trim(), nowIso(), trx);
        if (!ok) throw new ConflictError('policies.notApproved');
        await audit.record({ event: 'policy.retired', actorUserId: actorId(actor), actorLabel: actorId(actor) ? null : 'system', targetType: 'policy_version', targetId: id, ip: null, details: {} }, trx);
      });
    },

    /** Rule-by-rule differences A → B (and their model versions). */
    async diff(a: number, b: number) {
      const va = await getPolicyVersion(a), vb = await getPolicyVersion(b);
      return { a: va, b: vb, diff: diffPolicies(va.definition, vb.definition) };
    },

    async deleteDraft(actor: Actor, id: number) {
      await editableDraft(actor, id);
      await db.transaction(async (trx) => {
        if (!(await repo.deleteDraft(id, trx))) throw new ConflictError('policies.immutable');
        await audit.record({ event: 'policy.deleted', actorUserId: actorId(actor), actorLabel: null, targetType: 'policy_version', targetId: id, ip: null, details: {} }, trx);
      });
    },
  };
}

export type PoliciesService = ReturnType<typeof createPoliciesService>;
