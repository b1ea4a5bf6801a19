import type { Knex } from 'knex';
import { principalEigenvector } from '../../domain/ahp/principal-eigenvector.js';
import { buildCreditModel } from '../../domain/credit/build-credit-model.js';
import type { CollateralMode, CreditModelDefinition, IndustryVariant, MissingValuePolicy, ModelAdjustment, OverlayConfig } from '../../domain/credit/credit-model-definition.js';
import { DEFAULT_INDEX_SYSTEM } from '../../domain/credit/default-index-system.js';
import { DEFAULT_EARLY_WARNING_CONFIG } from '../../domain/credit/evaluate-early-warnings.js';
import type { EarlyWarningConfig } from '../../domain/credit/early-warning-config.js';
import type { IndicatorDirection, IndicatorUnit, ScoringRule } from '../../domain/credit/scoring-rule.js';
import { validateScoringRule } from '../../domain/credit/validate-scoring-rule.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../web/http-errors.js';
import type { AuditService } from '../audit/audit-service.js';
import type { Actor } from '../studies/studies-service.js';
import {
  assertValidDefinition, blendLocalWeights, definitionFromWeights, localWeightsOf, localWeightsOfDefinition, structureOfDefinition,
  timeDecayedLocalWeights,
} from './definition-from-weights.js';
import { diffModels } from './model-diff.js';
import type { ModelSettings, ModelSource, ModelVersion, ModelVersionSummary } from './model-version.js';
import type { ModelsRepository } from './models-repository.js';
import { ProsperityTable } from './prosperity-table.js';
import type { WeightSetSource } from './weight-set-source.js';

/** How a new draft gets its weights. */
export type NewVersionSource =
  | { kind: 'template' }
  | { kind: 'weight-set'; weightSetId: number; baseVersionId?: number | null; theta?: number | null }
  | { kind: 'time-decay'; rounds: { weightSetId: number; age: number }[]; lambda: number; baseVersionId?: number | null }
  | { kind: 'copy'; versionId: number };

export interface NewVersionInput {
  name: string;
  description?: string;
  rationale: string;
  source: NewVersionSource;
}

export interface RuleInput {
  rule: ScoringRule;
  unit: IndicatorUnit;
  direction: IndicatorDirection;
  definition?: { en: string; zh?: string };
  /** Edit the rule override of this industry's variant instead of the default rule. */
  industry?: string | null;
}

export const DEFAULT_TEMPLATE_LABEL = 'default template weights (uncalibrated)';

/** The default template model: local weights = principal eigenvectors of the demo judgment matrices (Saaty 1980). */
export function templateDefinition(adjustments: ModelAdjustment[] = []): CreditModelDefinition {
  return buildCreditModel(DEFAULT_INDEX_SYSTEM, (m) => principalEigenvector(m.map((row) => [...row])).weights, { adjustments });
}

export function defaultSettings(): ModelSettings {
  return { earlyWarnings: JSON.parse(JSON.stringify(DEFAULT_EARLY_WARNING_CONFIG)) as EarlyWarningConfig, placeholderRules: [] };
}

/** Who may create and edit models and approve them: researchers and administrators. */
export function canAuthorModels(actor: Actor): boolean {
  return actor.role === 'admin' || actor.role === 'researcher';
}

/**
 * Model versions (issue 6 items 1–3): creation from the template, a weight set (optionally blended with a base
 * version, θ), several weight sets pooled with time decay, or a copy; editing of drafts (rules, options, industry
 * variants, overlay, early-warning settings — each change recorded in the version with its rationale);
 * approval (immutable afterwards; the approver must not be the draft's author), retirement, diff; the industry
 * prosperity index table. Read functions for other areas: getModelVersion, listModelVersions, effectiveVersionAt.
 */
export function createModelsService(deps: { db: Knex; repository: ModelsRepository; weightSetSource: WeightSetSource; audit: AuditService; now: () => Date }) {
  const { db, repository: repo, weightSetSource, audit } = deps;
  const nowIso = () => deps.now().toISOString();
  const today = () => nowIso().slice(0, 10);
  const actorId = (actor: Actor) => (actor.id > 0 ? actor.id : null);

  async function getModelVersion(id: number): Promise<ModelVersion> {
    const v = await repo.find(id);
    if (!v) throw new NotFoundError('models.notFound');
    return v;
  }

  function assertAuthor(actor: Actor) {
    if (!canAuthorModels(actor) && actor.id !== 0) throw new ForbiddenError('models.readOnly');
  }

  /** The draft the actor may edit: 409 once approved or retired; its author or an administrator. */
  async function editableDraft(actor: Actor, id: number): Promise<ModelVersion> {
    const v = await getModelVersion(id);
    if (v.status !== 'draft') throw new ConflictError('models.immutable');
    assertAuthor(actor);
    if (actor.role !== 'admin' && actor.id !== 0 && v.createdBy !== null && v.createdBy !== actor.id) throw new ForbiddenError('models.notAuthor');
    return v;
  }

  function adjustment(kind: ModelAdjustment['kind'], description: string, rationale: string, params?: Record<string, unknown>): ModelAdjustment {
    return { kind, description, rationale: rationale.trim(), date: today(), ...(params ? { params } : {}) };
  }

  async function saveDraft(actor: Actor, v: ModelVersion, patch: { definition?: CreditModelDefinition; settings?: ModelSettings; name?: string; description?: string; effectiveFrom?: string | null }, event: string, details: Record<string, unknown> = {}) {
    if (patch.definition) assertValidDefinition(patch.definition);
    await db.transaction(async (trx) => {
      const ok = await repo.updateDraft(v.id, patch, nowIso(), trx);
      if (!ok) throw new ConflictError('models.immutable');
      await audit.record({ event, actorUserId: actorId(actor), actorLabel: actorId(actor) ? null : 'system', targetType: 'credit_model', targetId: v.id, ip: null, details }, trx);
    });
  }

  async function insertDraft(actor: Actor, input: { name: string; description: string; definition: CreditModelDefinition; settings: ModelSettings; source: ModelSource; parentId: number | null; isDemo?: boolean; effectiveFrom?: string | null }): Promise<number> {
    assertValidDefinition(input.definition);
    return db.transaction(async (trx) => {
      const id = await repo.insert({
        name: input.name, description: input.description, effectiveFrom: input.effectiveFrom ?? null, definition: input.definition,
        settings: input.settings, source: input.source, parentId: input.parentId, isDemo: input.isDemo ?? false, createdBy: actorId(actor), now: nowIso(),
      }, trx);
      await audit.record({ event: 'model.created', actorUserId: actorId(actor), actorLabel: actorId(actor) ? null : 'system', targetType: 'credit_model', targetId: id, ip: null, details: { source: input.source.kind } }, trx);
      return id;
    });
  }

  return {
    getModelVersion,

    /** Every version, newest first (all roles that reach models may read every version). */
    listModelVersions: (): Promise<ModelVersionSummary[]> => repo.summaries(),

    /**
     * The version in force on a date: among approved and retired versions with effectiveFrom ≤ date that were not
     * retired on or before that date, the one with the latest effectiveFrom (ties: the later approval).
     */
    async effectiveVersionAt(date: string): Promise<ModelVersion | undefined> {
      const candidates = (await repo.list()).filter((v) =>
        (v.status === 'approved' || v.status === 'retired') && v.effectiveFrom !== null && v.effectiveFrom <= date
        && (v.retiredAt === null || v.retiredAt.slice(0, 10) > date));
      candidates.sort((a, b) => (b.effectiveFrom as string).localeCompare(a.effectiveFrom as string) || (b.approvedAt ?? '').localeCompare(a.approvedAt ?? ''));
      return candidates[0];
    },

    /** Approved versions (for scoring choices), newest first. */
    async approvedVersions(): Promise<ModelVersionSummary[]> {
      return (await repo.summaries()).filter((v) => v.status === 'approved');
    },

    weightSetChoices: (actor: Actor) => weightSetSource.list(actor),

    async createDraft(actor: Actor, input: NewVersionInput, options: { isDemo?: boolean; unchecked?: boolean } = {}): Promise<number> {
      assertAuthor(actor);
      const rationale = input.rationale.trim();
      if (!rationale) throw new ValidationError('models.rationaleRequired', { rationale: 'validation.required' });
      const src = input.source;
      let definition: CreditModelDefinition;
      let settings = defaultSettings();
      let source: ModelSource;
      let parentId: number | null = null;
      const loadWs = (id: number) => (options.unchecked ? weightSetSource.loadUnchecked(id) : weightSetSource.load(actor, id));
      if (src.kind === 'template') {
        definition = templateDefinition([adjustment('other', 'Weights: principal eigenvectors of the default demo judgment matrices (default template weights, uncalibrated).', rationale)]);
        source = { kind: 'template', label: DEFAULT_TEMPLATE_LABEL };
      } else if (src.kind === 'copy') {
        const base = await getModelVersion(src.versionId);
        definition = { ...base.definition, adjustments: [adjustment('other', `Copied from version #${base.id} (${base.name}).`, rationale, { baseVersionId: base.id })] };
        settings = { ...base.settings };
        source = { kind: 'copy', label: `copy of #${base.id} ${base.name}`, baseVersionId: base.id };
        parentId = base.id;
      } else if (src.kind === 'weight-set') {
        const ws = await loadWs(src.weightSetId);
        const base = src.baseVersionId ? await getModelVersion(src.baseVersionId) : null;
        const theta = src.theta ?? null;
        if (theta !== null && !base) throw new ValidationError('models.blendNeedsBase', { baseVersionId: 'validation.required' });
        let weights = localWeightsOf(ws);
        let adj: ModelAdjustment;
        if (base && theta !== null && theta < 1) {
          const old = localWeightsOfDefinition(base.definition);
          const blended = blendLocalWeights(ws, weights, old, theta);
          adj = adjustment('blend', `Weights: θ = ${theta} × weight set #${ws.weightSetId} + (1 − θ) × version #${base.id}.`, rationale,
            { theta, weightSetId: ws.weightSetId, baseVersionId: base.id, newWeights: weights, oldWeights: old });
          weights = blended;
          source = { kind: 'blend', label: `θ = ${theta}: ${ws.label} + #${base.id} ${base.name}`, weightSetIds: [ws.weightSetId], baseVersionId: base.id, theta };
        } else {
          adj = adjustment('expert-round', `Weights from weight set #${ws.weightSetId} (${ws.label}).`, rationale, { weightSetId: ws.weightSetId, ...(base ? { baseVersionId: base.id } : {}) });
          source = { kind: 'weight-set', label: ws.label, weightSetIds: [ws.weightSetId], baseVersionId: base?.id ?? null };
        }
        const built = definitionFromWeights(DEFAULT_INDEX_SYSTEM, ws, { template: base?.definition ?? null, weights, adjustments: [adj] });
        definition = built.definition;
        settings = { ...(base?.settings ?? defaultSettings()), placeholderRules: built.placeholderRules };
        parentId = base?.id ?? null;
      } else {
        if (src.rounds.length < 2) throw new ValidationError('models.decayNeedsRounds', { rounds: 'validation.required' });
        const loaded = [];
        for (const r of src.rounds) loaded.push({ ws: await loadWs(r.weightSetId), age: r.age });
        const structure = loaded[0]!.ws;
        const newest = [...loaded].sort((a, b) => a.age - b.age)[0]!;
        const { weights, factors } = timeDecayedLocalWeights(structure, loaded.map((l) => ({ label: `#${l.ws.weightSetId}`, age: l.age, weights: localWeightsOf(l.ws) })), src.lambda);
        const base = src.baseVersionId ? await getModelVersion(src.baseVersionId) : null;
        const adj = adjustment('time-decay', `Weights: ${loaded.length} weight sets pooled with time decay λ = ${src.lambda} (${factors.map((f) => `${f.label} ${(f.factor * 100).toFixed(1)} %`).join(', ')}).`, rationale,
          { lambda: src.lambda, rounds: src.rounds, factors, newWeights: localWeightsOf(newest.ws) });
        const built = definitionFromWeights(DEFAULT_INDEX_SYSTEM, structure, { template: base?.definition ?? null, weights, adjustments: [adj] });
        definition = built.definition;
        settings = { ...(base?.settings ?? defaultSettings()), placeholderRules: built.placeholderRules };
        source = { kind: 'time-decay', label: `λ = ${src.lambda}: ${loaded.map((l) => `#${l.ws.weightSetId} (age ${l.age})`).join(', ')}`, weightSetIds: loaded.map((l) => l.ws.weightSetId), lambda: src.lambda, baseVersionId: base?.id ?? null };
        parentId = base?.id ?? null;
      }
      return insertDraft(actor, { name: input.name.trim(), description: (input.description ?? '').trim(), definition, settings, source, parentId, isDemo: options.isDemo });
    },

    /** A draft from a full definition (JSON import). */
    async createFromDefinition(actor: Actor, input: { name: string; description?: string; definition: CreditModelDefinition; settings?: ModelSettings; rationale: string }): Promise<number> {
      assertAuthor(actor);
      const definition = { ...input.definition, adjustments: [...input.definition.adjustments, adjustment('other', 'Definition imported as JSON.', input.rationale)] };
      return insertDraft(actor, { name: input.name, description: input.description ?? '', definition, settings: input.settings ?? defaultSettings(), source: { kind: 'json', label: 'JSON definition' }, parentId: null });
    },

    async updateDetails(actor: Actor, id: number, input: { name: string; description: string; effectiveFrom: string | null; missingPolicy: MissingValuePolicy; collateralMode: CollateralMode; rationale?: string }) {
      const v = await editableDraft(actor, id);
      let definition = v.definition;
      const changes: string[] = [];
      if (input.missingPolicy !== v.definition.missingPolicy) changes.push(`missing-value policy ${v.definition.missingPolicy} → ${input.missingPolicy}`);
      if (input.collateralMode !== v.definition.collateralMode) changes.push(`collateral mode ${v.definition.collateralMode} → ${input.collateralMode}`);
      if (changes.length) {
        if (!input.rationale?.trim()) throw new ValidationError('models.rationaleRequired', { rationale: 'validation.required' });
        definition = { ...definition, missingPolicy: input.missingPolicy, collateralMode: input.collateralMode, adjustments: [...definition.adjustments, adjustment('other', `Options: ${changes.join('; ')}.`, input.rationale)] };
      }
      await saveDraft(actor, v, { name: input.name.trim(), description: input.description.trim(), effectiveFrom: input.effectiveFrom, ...(changes.length ? { definition } : {}) }, 'model.updated', { fields: 'details' });
    },

    /** Replaces one indicator's scoring rule (or an industry variant's override of it), validated first. */
    async updateRule(actor: Actor, id: number, indicatorId: string, input: RuleInput, rationale: string) {
      const v = await editableDraft(actor, id);
      if (!rationale.trim()) throw new ValidationError('models.rationaleRequired', { rationale: 'validation.required' });
      const indicator = v.definition.indicators.find((i) => i.id === indicatorId);
      if (!indicator) throw new NotFoundError('models.indicatorNotFound');
      const problems = validateScoringRule(input.rule, input.direction);
      if ((input.rule.kind === 'codes') !== (input.unit === 'code')) problems.push({ code: 'unit-rule-mismatch', message: 'A code table needs the unit "code", an anchor rule a numeric unit.' });
      if (problems.length) throw new ValidationError('models.ruleInvalid', {}, { problems });
      let definition: CreditModelDefinition;
      let description: string;
      if (input.industry) {
        const variant = v.definition.industryVariants.find((x) => x.industry === input.industry);
        if (!variant) throw new NotFoundError('models.variantNotFound');
        if (input.rule.kind !== indicator.rule.kind) throw new ValidationError('models.ruleInvalid', {}, { problems: [{ code: 'unit-rule-mismatch', message: `The override must be of kind ${indicator.rule.kind}.` }] });
        const updated: IndustryVariant = { ...variant, ruleOverrides: { ...(variant.ruleOverrides ?? {}), [indicatorId]: input.rule } };
        definition = { ...v.definition, industryVariants: v.definition.industryVariants.map((x) => (x.industry === input.industry ? updated : x)) };
        description = `Industry ${input.industry}: scoring rule of ${indicatorId} overridden.`;
      } else {
        definition = {
          ...v.definition,
          indicators: v.definition.indicators.map((i) => (i.id === indicatorId ? {
            ...i, rule: input.rule, unit: input.unit, direction: input.direction,
            definition: input.definition ? { en: input.definition.en, ...(input.definition.zh ? { zh: input.definition.zh } : {}) } : i.definition,
          } : i)),
        };
        description = `Scoring rule of ${indicatorId} changed.`;
      }
      definition = { ...definition, adjustments: [...definition.adjustments, adjustment('rule-change', description, rationale, { indicator: indicatorId, ...(input.industry ? { industry: input.industry } : {}), rule: input.rule })] };
      const settings = { ...v.settings, placeholderRules: input.industry ? v.settings.placeholderRules : v.settings.placeholderRules.filter((x) => x !== indicatorId) };
      await saveDraft(actor, v, { definition, settings }, 'model.updated', { rule: indicatorId, industry: input.industry ?? null });
    },

    /** Adds or replaces the variant of an industry (tilts and rule overrides; overrides of an existing variant are kept unless given). */
    async setVariant(actor: Actor, id: number, variant: IndustryVariant) {
      const v = await editableDraft(actor, id);
      if (!variant.rationale.trim()) throw new ValidationError('models.rationaleRequired', { rationale: 'validation.required' });
      const existing = v.definition.industryVariants.find((x) => x.industry === variant.industry);
      const merged: IndustryVariant = { ...variant, ruleOverrides: variant.ruleOverrides ?? existing?.ruleOverrides };
      const variants = existing ? v.definition.industryVariants.map((x) => (x.industry === variant.industry ? merged : x)) : [...v.definition.industryVariants, merged];
      const definition: CreditModelDefinition = {
        ...v.definition, industryVariants: variants,
        adjustments: [...v.definition.adjustments, adjustment('industry-variant', `${existing ? 'Changed' : 'Added'} industry variant ${variant.industry}.`, variant.rationale,
          { industry: variant.industry, criterionTilts: variant.criterionTilts ?? {}, indicatorTilts: variant.indicatorTilts ?? {} })],
      };
      await saveDraft(actor, v, { definition }, 'model.updated', { variant: variant.industry });
    },

    async removeVariant(actor: Actor, id: number, industry: string, rationale: string) {
      const v = await editableDraft(actor, id);
      if (!rationale.trim()) throw new ValidationError('models.rationaleRequired', { rationale: 'validation.required' });
      if (!v.definition.industryVariants.some((x) => x.industry === industry)) throw new NotFoundError('models.variantNotFound');
      const definition: CreditModelDefinition = {
        ...v.definition, industryVariants: v.definition.industryVariants.filter((x) => x.industry !== industry),
        adjustments: [...v.definition.adjustments, adjustment('industry-variant', `Removed industry variant ${industry}.`, rationale, { industry, removed: true })],
      };
      await saveDraft(actor, v, { definition }, 'model.updated', { variantRemoved: industry });
    },

    async setOverlay(actor: Actor, id: number, overlay: OverlayConfig | null, rationale: string) {
      const v = await editableDraft(actor, id);
      if (!rationale.trim()) throw new ValidationError('models.rationaleRequired', { rationale: 'validation.required' });
      const description = overlay
        ? `Macro overlay: ${overlay.pointsPerIndexPoint} points per index point around ${overlay.neutralIndex}, bounded at ±${overlay.maxPoints}.`
        : 'Macro overlay switched off.';
      const definition: CreditModelDefinition = {
        ...v.definition, overlay: overlay ? { ...overlay, rationale: rationale.trim() } : null,
        adjustments: [...v.definition.adjustments, adjustment('overlay', description, rationale, overlay ? { ...overlay } : { off: true })],
      };
      await saveDraft(actor, v, { definition }, 'model.updated', { overlay: overlay !== null });
    },

    async setEarlyWarnings(actor: Actor, id: number, config: EarlyWarningConfig, rationale: string) {
      const v = await editableDraft(actor, id);
      if (!rationale.trim()) throw new ValidationError('models.rationaleRequired', { rationale: 'validation.required' });
      const definition: CreditModelDefinition = { ...v.definition, adjustments: [...v.definition.adjustments, adjustment('other', 'Early-warning settings changed.', rationale, { earlyWarnings: config })] };
      await saveDraft(actor, v, { definition, settings: { ...v.settings, earlyWarnings: config } }, 'model.updated', { earlyWarnings: true });
    },

    /** Replaces a draft's whole definition (JSON editor); the definition is validated like any other. */
    async replaceDefinition(actor: Actor, id: number, definition: CreditModelDefinition, rationale: string) {
      const v = await editableDraft(actor, id);
      if (!rationale.trim()) throw new ValidationError('models.rationaleRequired', { rationale: 'validation.required' });
      const next = { ...definition, adjustments: [...definition.adjustments, adjustment('other', 'Definition edited as JSON.', rationale)] };
      const ids = new Set(next.indicators.map((i) => i.id));
      await saveDraft(actor, v, { definition: next, settings: { ...v.settings, placeholderRules: v.settings.placeholderRules.filter((x) => ids.has(x)) } }, 'model.updated', { json: true });
    },

    /**
     * Approves a draft: it becomes immutable. Rule (four-eyes): the approver is a researcher or administrator who
     * did not create the draft (a system-created draft — the demo — may be approved by anyone allowed). Needs an
     * effective-from date, a rationale, a valid definition and no placeholder rules.
     */
    async approve(actor: Actor, id: number, input: { effectiveFrom: string; rationale: string }, options: { approverLabel?: string } = {}) {
      const v = await getModelVersion(id);
      if (v.status !== 'draft') throw new ConflictError('models.immutable');
      assertAuthor(actor);
      if (actor.id !== 0 && v.createdBy !== null && v.createdBy === actor.id) throw new ForbiddenError('models.fourEyes');
      if (!input.rationale.trim()) throw new ValidationError('models.rationaleRequired', { rationale: 'validation.required' });
      if (!/^\d{4}-\d{2}-\d{2}$/.test(input.effectiveFrom)) throw new ValidationError('models.effectiveFromRequired', { effectiveFrom: 'validation.required' });
      if (v.settings.placeholderRules.length) throw new ValidationError('models.placeholderRules').with({ ids: v.settings.placeholderRules.join(', ') });
      assertValidDefinition(v.definition);
      await db.transaction(async (trx) => {
        const ok = await repo.approve(id, { userId: actorId(actor), label: actorId(actor) ? null : options.approverLabel ?? 'system (demo)' }, input.effectiveFrom, input.rationale.trim(), nowIso(), trx);
        if (!ok) throw new ConflictError('models.immutable');
        await audit.record({ event: 'model.approved', actorUserId: actorId(actor), actorLabel: actorId(actor) ? null : 'system', targetType: 'credit_model', targetId: id, ip: null, details: { effectiveFrom: input.effectiveFrom } }, trx);
      });
    },

    async retire(actor: Actor, id: number, rationale: string) {
      const v = await getModelVersion(id);
      assertAuthor(actor);
      if (v.status !== 'approved') throw new ConflictError('models.notApproved');
      if (!rationale.trim()) throw new ValidationError('models.rationaleRequired', { rationale: 'validation.required' });
      await db.transaction(async (trx) => {
        const ok = await repo.retire(id, actorId(actor), rationale.trim(), nowIso(), trx);
        if (!ok) throw new ConflictError('models.notApproved');
        await audit.record({ event: 'model.retired', actorUserId: actorId(actor), actorLabel: null, targetType: 'credit_model', targetId: id, ip: null, details: {} }, trx);
      });
    },

    async deleteDraft(actor: Actor, id: number) {
      await editableDraft(actor, id);
      await db.transaction(async (trx) => {
        if (!(await repo.deleteDraft(id, trx))) throw new ConflictError('models.immutable');
        await audit.record({ event: 'model.deleted', actorUserId: actorId(actor), actorLabel: null, targetType: 'credit_model', targetId: id, ip: null, details: {} }, trx);
      });
    },

    async diff(a: number, b: number, locale: 'en' | 'zh' = 'en') {
      const va = await getModelVersion(a), vb = await getModelVersion(b);
      return { a: va, b: vb, diff: diffModels(va, vb, locale) };
    },

    /** Structure (codes, names) of a version, for forms. */
    structureOf: (v: ModelVersion) => structureOfDefinition(v.definition),

    // ---- industry prosperity index table

    prosperityRows: (industry?: string) => repo.prosperityRows({ industry }),

    async prosperityTable(): Promise<ProsperityTable> {
      return new ProsperityTable(await repo.prosperityRows());
    },

    /** Imports (or replaces, per industry and period) prosperity index rows in one transaction. */
    async importProsperity(actor: Actor, rows: { industry: string; periodEnd: string; periodLabel: string; value: number }[], meta: { source: string; isDemo?: boolean }) {
      assertAuthor(actor);
      await db.transaction(async (trx) => {
        await repo.upsertProsperity(rows, { source: meta.source, isDemo: meta.isDemo ?? false, userId: actorId(actor), now: nowIso() }, trx);
        await audit.record({ event: 'prosperity.imported', actorUserId: actorId(actor), actorLabel: actorId(actor) ? null : 'system', targetType: 'prosperity_indices', targetId: null, ip: null, details: { rows: rows.length } }, trx);
      });
    },

    async deleteProsperityIndustry(actor: Actor, industry: string) {
      assertAuthor(actor);
      await repo.deleteProsperityIndustry(industry);
    },
  };
}

export type ModelsService = ReturnType<typeof createModelsService>;
