import { randomInt } from 'node:crypto';
import type { Knex } from 'knex';
import { DomainError } from '../../domain/domain-error.js';
import { drawSample } from '../../domain/validation/draw-sample.js';
import { sampleSizeForProportion, type ProportionSampleSize } from '../../domain/validation/sample-size-for-proportion.js';
import type { AllocationMethod, SmallStratumRule } from '../../domain/validation/sampling-design.js';
import { CATALOGUES } from '../../i18n/catalogue.js';
import type { Locale } from '../../i18n/locale.js';
import { createTranslator } from '../../i18n/translator.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../web/http-errors.js';
import type { AuditService } from '../audit/audit-service.js';
import type { SnapshotRecord } from '../borrowers/borrowers-repository.js';
import type { BorrowersService } from '../borrowers/borrowers-service.js';
import type { ScoringService } from '../borrowers/scoring-service.js';
import type { ModelVersion } from '../models/model-version.js';
import type { ModelsService } from '../models/models-service.js';
import type { Actor } from '../studies/studies-service.js';
import { outcomesOf, type OutcomeDefinition, type OutcomeExclusion } from './outcome-definition.js';
import { gradeOrderOf, pdScaleFor } from './pd-master-scale.js';
import {
  levelOrderFor, populationFingerprint, samplingColumns, selectPopulation, stratumLabels,
  type Population, type PopulationFilter, type StratifyVariable,
} from './validation-population.js';
import { buildVerdict } from './validation-verdict.js';
import { computeValidationResults, type ReportUnit, type ReportVersion } from './validation-report.js';
import type {
  RunExclusions, RunUnit, RunVersion, SampleMember, SampleSizeCalculation, StoredDesign, ValidationRepository, ValidationRun,
  ValidationRunSummary, ValidationSample,
} from './validation-repository.js';

/** Largest sample a run re-scores in one request (each version scores every member). */
export const MAX_RUN_MEMBERS = 50_000;
/** At most this many versions in one run (15 pairwise comparisons). */
export const MAX_RUN_VERSIONS = 6;
/** The largest seed accepted (and the range of a random one): 2³¹ − 1. */
export const MAX_SEED = 2_147_483_647;

/** Who may draw samples and compute runs: researchers and administrators (and the demo seeder). Managers read. */
export function canWriteValidation(actor: Actor): boolean {
  return actor.role === 'admin' || actor.role === 'researcher' || actor.id === 0;
}

/** Who reads the validation area. */
export function canReadValidation(actor: Actor): boolean {
  return canWriteValidation(actor) || actor.role === 'manager';
}

export interface DesignInput {
  method: 'simple-random' | 'stratified';
  /** null: from the calculator. */
  sampleSize: number | null;
  stratifyBy: StratifyVariable[];
  allocation: AllocationMethod;
  minPerStratum: number;
  smallStrata: SmallStratumRule;
  /** Sample defaults at this many times the rate of non-defaults (null: no oversampling). */
  oversampleFactor: number | null;
  /** Version whose stored grades stratify by grade. */
  gradeVersionId: number | null;
}

export interface NewSampleInput {
  name: string;
  description: string;
  populationFilter: PopulationFilter;
  outcomeDefinition: OutcomeDefinition;
  design: DesignInput;
  /** null: a random seed is drawn and stored. */
  seed: number | null;
  calculator: { confidence: number; margin: number; expectedRate: number } | null;
  isDemo?: boolean;
}

export interface NewRunInput {
  sampleId: number;
  name: string;
  /** The first is the reference ("current") version the others are compared with. */
  versionIds: number[];
  /** null: the sample's own definition. */
  outcomeDefinition: OutcomeDefinition | null;
  cutoffGrade: string;
  costRatio: number;
  /** PD per grade; grades not given take the illustrative master scale. */
  pdScale: Record<string, number>;
  /** Earlier period for the indicator PSI (null: the sample's population). */
  referencePeriod: { asOfFrom: string | null; asOfTo: string | null } | null;
  isDemo?: boolean;
}

/** The newest run for the management overview (its ValidationSource interface). */
export interface OverviewRunSummary {
  id: number;
  name: string;
  createdAt: string;
  versions: Array<{ id: number; name: string; auc: number | null; aucCi: [number, number] | null; gini: number | null }>;
  units: number;
  bads: number;
  verdict: string[];
}

/** A redraw of a stored sample from its design and seed, compared with the stored members. */
export interface SampleCheck {
  populationUnchanged: boolean;
  identical: boolean;
  /** Members in one draw and not in the other. */
  differing: number;
  redrawnSize: number;
}

/** Turns a DomainError of the sampler into a form error (message key, field, the domain's sentence as detail). */
function drawError(err: DomainError): ValidationError {
  const fields: Record<string, string> = {};
  let key = 'val.error.design';
  switch (err.code) {
    case 'invalid-sample-size': key = 'val.error.sampleSizeRange'; fields.sampleSize = 'validation.invalid'; break;
    case 'sample-too-small-for-minimum': key = 'val.error.minimumTooLarge'; fields.minPerStratum = 'validation.invalid'; break;
    case 'invalid-oversampling': fields.oversampleFactor = 'validation.invalid'; break;
    case 'no-strata-variables': fields.stratifyBy = 'validation.required'; break;
    default: break;
  }
  const details = err.details ?? {};
  return new ValidationError(key, fields, { code: err.code }).with({
    reason: err.message, max: Number(details.populationSize ?? 0), needed: Number(details.needed ?? 0), strata: Number(details.strata ?? 0),
  });
}

/**
 * Validation samples and runs (issue 7 points 1–4, 7): draws reproducible simple random or stratified samples
 * of borrower snapshots (the seed and the complete design stored, so the same sample can be drawn again and
 * checked), re-evaluates a sample under two or more model versions (scoring without storing) against an outcome
 * definition, computes every metric of the report and stores it. Read functions for other areas: listRuns,
 * latestRun, getRun.
 */
export function createValidationService(deps: {
  db: Knex; repository: ValidationRepository; borrowers: BorrowersService; scoring: ScoringService; models: ModelsService; audit: AuditService; now: () => Date;
}) {
  const { db, repository: repo, borrowers, scoring, models, audit } = deps;
  const nowIso = () => deps.now().toISOString();
  const actorId = (actor: Actor) => (actor.id > 0 ? actor.id : null);
  const assertWriter = (actor: Actor) => {
    if (!canWriteValidation(actor)) throw new ForbiddenError('val.readOnly');
  };
  /** Only its author or an administrator may delete a sample or a run (everyone who reads may see them). */
  const assertOwner = (actor: Actor, createdBy: number | null) => {
    assertWriter(actor);
    if (actor.role !== 'admin' && actor.id !== 0 && createdBy !== null && createdBy !== actor.id) throw new ForbiddenError('val.notAuthor');
  };

  /** Every snapshot the population may read: the filter's portfolio (all dates, for outcomes), or everything. */
  const historyFor = (filter: PopulationFilter) => borrowers.listSnapshots(filter.portfolio ? { portfolio: filter.portfolio } : {});

  const gradesUnder = async (versionId: number | null): Promise<Map<number, string>> => (versionId === null ? new Map() : repo.storedGrades(versionId));

  async function population(filter: PopulationFilter, definition: OutcomeDefinition, gradeVersionId: number | null): Promise<{ population: Population; history: SnapshotRecord[]; gradeOrder: string[] }> {
    const history = await historyFor(filter);
    let gradeOrder: string[] = [];
    if (gradeVersionId !== null) gradeOrder = gradeOrderOf((await models.getModelVersion(gradeVersionId)).definition.gradeScale);
    return { population: selectPopulation(history, filter, definition, await gradesUnder(gradeVersionId)), history, gradeOrder };
  }

  /** The design as stored and as the sampler reads it (every default filled in, levels ordered). */
  function designFor(input: DesignInput, sampleSize: number, pop: Population, gradeOrder: string[]): StoredDesign {
    if (input.method === 'simple-random') return { method: 'simple-random', sampleSize };
    const stratifyBy = [...new Set(input.stratifyBy)];
    if (stratifyBy.includes('grade') && input.gradeVersionId === null) throw new ValidationError('val.error.gradeVersion', { gradeVersionId: 'validation.required' });
    return {
      method: 'stratified', sampleSize, stratifyBy, levelOrder: levelOrderFor(pop.units, stratifyBy, gradeOrder),
      allocation: input.allocation, neymanVariable: 'default-indicator', minPerStratum: input.minPerStratum, smallStrata: input.smallStrata,
      oversampleDefaults: input.oversampleFactor !== null && input.oversampleFactor > 1 ? { factor: input.oversampleFactor } : null,
      gradeVersionId: stratifyBy.includes('grade') ? input.gradeVersionId : null,
    };
  }

  function draw(pop: Population, design: StoredDesign, seed: number) {
    const { gradeVersionId: _ignored, ...samplingDesign } = design as StoredDesign & { gradeVersionId?: number | null };
    const outcomes = pop.units.map((u) => u.outcome);
    const columns = design.method === 'stratified' ? samplingColumns(pop.units, design.stratifyBy as StratifyVariable[]) : undefined;
    try {
      return drawSample({ size: pop.units.length, outcomes, ...(columns ? { columns } : {}) }, samplingDesign, seed);
    } catch (err) {
      if (err instanceof DomainError) throw drawError(err);
      throw err;
    }
  }

  const stratifyOf = (design: StoredDesign) => (design.method === 'stratified' ? design.stratifyBy as StratifyVariable[] : []);

  async function getSample(id: number): Promise<ValidationSample> {
    const s = await repo.findSample(id);
    if (!s) throw new NotFoundError('val.sampleNotFound');
    return s;
  }

  async function getRun(id: number): Promise<ValidationRun> {
    const r = await repo.findRun(id);
    if (!r) throw new NotFoundError('val.runNotFound');
    return r;
  }

  const service = {
    /** The sample size for a proportion (Cochran 1977 eqs. 4.1–4.2); DomainError → 400 with the field named. */
    sampleSize(input: { confidence: number; margin: number; expectedRate: number; populationSize?: number }): ProportionSampleSize {
      try {
        return sampleSizeForProportion(input);
      } catch (err) {
        if (!(err instanceof DomainError)) throw err;
        const field = err.code === 'invalid-margin' ? 'margin' : err.code === 'invalid-confidence' ? 'confidence' : err.code === 'invalid-rate' ? 'expectedRate' : 'sampleSize';
        throw new ValidationError('val.error.calculator', { [field]: 'validation.invalid' }).with({ reason: err.message });
      }
    },

    /** How many units a filter and outcome definition give (for the form and the calculator's N). */
    async previewPopulation(filter: PopulationFilter, definition: OutcomeDefinition): Promise<{ matched: number; size: number; bads: number; exclusions: Population['exclusions'] }> {
      const { population: pop } = await population(filter, definition, null);
      return { matched: pop.matched, size: pop.units.length, bads: pop.units.filter((u) => u.outcome === 1).length, exclusions: pop.exclusions };
    },

    /**
     * Draws and stores a sample: the population (filter + units with an outcome), the design with every default
     * filled in, the seed (drawn when not given), the members with their stratum and design weight, all in one
     * transaction. Bad designs → ValidationError (400), nothing stored.
     */
    async drawSample(actor: Actor, input: NewSampleInput): Promise<number> {
      assertWriter(actor);
      const { population: pop, gradeOrder } = await population(input.populationFilter, input.outcomeDefinition, input.design.gradeVersionId);
      if (pop.units.length === 0) throw new ValidationError('val.error.emptyPopulation', { portfolio: 'val.error.emptyPopulationShort' }).with({ matched: pop.matched });
      let calculator: SampleSizeCalculation | null = null;
      let sampleSize = input.design.sampleSize;
      if (sampleSize === null) {
        if (!input.calculator) throw new ValidationError('val.error.sizeNeeded', { sampleSize: 'validation.required' });
        const n = service.sampleSize({ ...input.calculator, populationSize: pop.units.length }).sampleSize;
        calculator = { ...input.calculator, populationSize: pop.units.length, sampleSize: n };
        sampleSize = n;
      }
      if (sampleSize > pop.units.length) {
        throw new ValidationError('val.error.sampleSizeRange', { sampleSize: 'validation.tooBig' }).with({ max: pop.units.length, reason: '' });
      }
      const design = designFor(input.design, sampleSize, pop, gradeOrder);
      const seed = input.seed ?? randomInt(1, MAX_SEED);
      const drawn = draw(pop, design, seed);
      const labels = stratumLabels(pop.units, design);
      const members = drawn.indices.map((i, k) => ({
        snapshotId: pop.units[i]!.snapshotId, stratum: labels[i]!, designWeight: drawn.weights[k]!, outcomeAtDraw: pop.units[i]!.outcome,
      }));
      return db.transaction(async (trx) => {
        const id = await repo.insertSample(trx, {
          name: input.name, description: input.description, populationFilter: input.populationFilter, outcomeDefinition: input.outcomeDefinition,
          design, seed, algorithm: drawn.algorithm, populationSize: pop.units.length, sampleSize: members.length,
          populationFingerprint: populationFingerprint(pop.units, stratifyOf(design)), strata: drawn.strata, collapsed: drawn.collapsed,
          warnings: drawn.warnings, exclusions: { ...pop.exclusions, matched: pop.matched }, calculator, isDemo: input.isDemo ?? false,
          createdBy: actorId(actor), now: nowIso(),
        }, members);
        await audit.record({ event: 'validation.sample.drawn', actorUserId: actorId(actor), actorLabel: actorId(actor) ? null : 'system', targetType: 'validation_sample', targetId: id, ip: null, details: { seed, size: members.length, method: design.method } }, trx);
        return id;
      });
    },

    /** Draws the stored sample again from its design and seed on today's data and compares the members. */
    async checkSample(id: number): Promise<SampleCheck> {
      const sample = await getSample(id);
      const { population: pop } = await population(sample.populationFilter, sample.outcomeDefinition, sample.design.method === 'stratified' ? sample.design.gradeVersionId ?? null : null);
      const stored = await repo.members(id);
      const fingerprint = populationFingerprint(pop.units, stratifyOf(sample.design));
      let redrawn: { snapshotId: number; weight: number }[] = [];
      try {
        const d = draw(pop, sample.design, sample.seed);
        redrawn = d.indices.map((i, k) => ({ snapshotId: pop.units[i]!.snapshotId, weight: d.weights[k]! }));
      } catch (err) {
        if (!(err instanceof ValidationError)) throw err;
      }
      const a = new Map(stored.filter((m) => m.snapshotId !== null).map((m) => [m.snapshotId as number, m.designWeight]));
      const b = new Map(redrawn.map((m) => [m.snapshotId, m.weight]));
      let differing = 0;
      for (const [sid, w] of a) if (!b.has(sid) || Math.abs((b.get(sid) as number) - w) > 1e-9) differing++;
      for (const sid of b.keys()) if (!a.has(sid)) differing++;
      return { populationUnchanged: fingerprint === sample.populationFingerprint, identical: differing === 0 && a.size === stored.length, differing, redrawnSize: redrawn.length };
    },

    getSample,
    listSamples: () => repo.listSamples(),
    sampleMembers: (id: number): Promise<SampleMember[]> => repo.members(id),

    async deleteSample(actor: Actor, id: number): Promise<void> {
      const sample = await getSample(id);
      assertOwner(actor, sample.createdBy);
      await db.transaction(async (trx) => {
        if ((await repo.countRuns(id, trx)) > 0) throw new ConflictError('val.sampleHasRuns');
        await repo.deleteSample(trx, id);
        await audit.record({ event: 'validation.sample.deleted', actorUserId: actorId(actor), targetType: 'validation_sample', targetId: id, ip: null, details: { name: sample.name } }, trx);
      });
    },

    /**
     * Re-evaluates a sample under two or more versions and stores every metric: the members' snapshots are scored
     * under each version without storing evaluations (drafts included), the outcome of each member is read under
     * the run's definition, members without an outcome or not scorable under every version are left out (counted
     * by reason), and the metrics are computed on the rest with their design weights. 400 (nothing stored) for a
     * bad choice or a sample without both goods and bads.
     */
    async createRun(actor: Actor, input: NewRunInput): Promise<number> {
      assertWriter(actor);
      const sample = await getSample(input.sampleId);
      const ids = [...new Set(input.versionIds)];
      if (ids.length < 2) throw new ValidationError('val.error.twoVersions', { versionIds: 'val.error.twoVersionsShort' });
      if (ids.length > MAX_RUN_VERSIONS) throw new ValidationError('val.error.tooManyVersions', { versionIds: 'validation.tooBig' }).with({ max: MAX_RUN_VERSIONS });
      const versions: ModelVersion[] = [];
      for (const id of ids) {
        const v = await models.getModelVersion(id).catch((err) => {
          if (err instanceof NotFoundError) throw new ValidationError('val.error.unknownVersion', { versionIds: 'validation.invalid' });
          throw err;
        });
        versions.push(v);
      }
      for (const v of versions) {
        if (!gradeOrderOf(v.definition.gradeScale).includes(input.cutoffGrade)) {
          throw new ValidationError('val.error.cutoffGrade', { cutoffGrade: 'validation.invalid' }).with({ grade: input.cutoffGrade, version: v.name });
        }
      }
      if (!(input.costRatio > 0 && Number.isFinite(input.costRatio))) throw new ValidationError('val.error.costRatio', { costRatio: 'validation.invalid' });
      for (const [g, pd] of Object.entries(input.pdScale)) {
        if (!(pd >= 0 && pd <= 1)) throw new ValidationError('val.error.pd', { [`pd_${g}`]: 'validation.invalid' }).with({ grade: g });
      }
      const definition = input.outcomeDefinition ?? sample.outcomeDefinition;
      const members = await repo.members(sample.id);
      if (members.length > MAX_RUN_MEMBERS) throw new ValidationError('val.error.sampleTooLarge').with({ max: MAX_RUN_MEMBERS });

      const started = Date.now();
      const history = await historyFor(sample.populationFilter);
      const byId = new Map(history.map((s) => [s.id, s]));
      const present = members.filter((m) => m.snapshotId !== null && byId.has(m.snapshotId));
      // Members whose snapshot is not in the filter's history (moved or deleted) are read one by one.
      for (const m of members) {
        if (m.snapshotId !== null && !byId.has(m.snapshotId)) {
          const s = await borrowers.getSnapshot(m.snapshotId).catch(() => null);
          if (s) { byId.set(s.id, s); present.push(m); }
        }
      }
      present.sort((a, b) => a.position - b.position);
      const snaps = present.map((m) => byId.get(m.snapshotId as number)!);
      const outcomes = outcomesOf(snaps, [...byId.values()], definition);
      const exclusions: RunExclusions = { deleted: members.length - present.length, outcome: {}, notScorable: 0, failures: [] };
      const withOutcome: { member: SampleMember; snapshot: SnapshotRecord; outcome: 0 | 1 }[] = [];
      present.forEach((m, i) => {
        const o = outcomes[i]!;
        if (o.outcome === null) {
          const reason: OutcomeExclusion = o.exclusion ?? 'no-outcome';
          exclusions.outcome[reason] = (exclusions.outcome[reason] ?? 0) + 1;
        } else withOutcome.push({ member: m, snapshot: snaps[i]!, outcome: o.outcome });
      });

      const runVersions: RunVersion[] = versions.map((v) => ({
        key: `v${v.id}`, id: v.id, name: v.name, status: v.status, isDemo: v.isDemo,
        gradeOrder: gradeOrderOf(v.definition.gradeScale), pdByGrade: pdScaleFor(v.definition.gradeScale, input.pdScale),
      }));
      const scored = new Map<string, Map<number, { score: number; grade: string }>>();
      const snapshotIds = withOutcome.map((w) => w.snapshot.id);
      for (const v of runVersions) {
        const r = await scoring.scoreSnapshots(v.id, snapshotIds);
        scored.set(v.key, new Map(r.results.map((x) => [x.snapshotId, { score: x.evaluation.score, grade: x.evaluation.grade }])));
        for (const f of r.failures) if (exclusions.failures.length < 50) exclusions.failures.push({ snapshotId: f.snapshotId, version: v.key, message: f.message });
      }
      const scoringMs = Date.now() - started;
      const units: ReportUnit[] = [];
      const runUnits: RunUnit[] = [];
      for (const w of withOutcome) {
        const per = runVersions.map((v) => scored.get(v.key)!.get(w.snapshot.id));
        if (per.some((x) => x === undefined)) { exclusions.notScorable++; continue; }
        const scores: Record<string, number> = {}, grades: Record<string, string> = {};
        runVersions.forEach((v, k) => { scores[v.key] = per[k]!.score; grades[v.key] = per[k]!.grade; });
        units.push({
          snapshotId: w.snapshot.id, outcome: w.outcome, weight: w.member.designWeight, stratum: w.member.stratum, scores, grades,
          classification: w.snapshot.classification, indicators: w.snapshot.indicators,
        });
        runUnits.push({ snapshotId: w.snapshot.id, borrowerRef: w.snapshot.borrowerRef, asOf: w.snapshot.asOf, stratum: w.member.stratum, weight: w.member.designWeight, outcome: w.outcome, scores, grades });
      }

      // Reference for the indicator PSI: an earlier period of the same portfolio, or the sample's population.
      let psiReference: { kind: 'population' | 'period'; indicators: SnapshotRecord['indicators'][] };
      if (input.referencePeriod && (input.referencePeriod.asOfFrom || input.referencePeriod.asOfTo)) {
        const f = { ...sample.populationFilter, asOfFrom: input.referencePeriod.asOfFrom, asOfTo: input.referencePeriod.asOfTo, latestPerBorrower: false };
        psiReference = { kind: 'period', indicators: history.filter((s) => (f.portfolio === null || s.portfolio === f.portfolio) && (f.industry === null || s.industry === f.industry)
          && (f.asOfFrom === null || s.asOf >= f.asOfFrom) && (f.asOfTo === null || s.asOf <= f.asOfTo)).map((s) => s.indicators) };
        if (psiReference.indicators.length === 0) throw new ValidationError('val.error.emptyPeriod', { referenceFrom: 'validation.invalid' });
      } else {
        const pop = selectPopulation(history, sample.populationFilter, sample.outcomeDefinition);
        const inPopulation = new Set(pop.units.map((u) => u.snapshotId));
        psiReference = { kind: 'population', indicators: history.filter((s) => inPopulation.has(s.id)).map((s) => s.indicators) };
      }

      const t0 = Date.now();
      let results;
      try {
        results = computeValidationResults({
          versions: runVersions.map((v): ReportVersion => ({ key: v.key, id: v.id, name: v.name, gradeOrder: v.gradeOrder, pdByGrade: v.pdByGrade })),
          units, cutoffGrade: input.cutoffGrade, costRatio: input.costRatio, psiReference,
          indicatorOrder: versions[0]!.definition.indicators.map((i) => i.id),
        });
      } catch (err) {
        if (!(err instanceof DomainError)) throw err;
        const key = err.code === 'no-bads' ? 'val.error.noBads' : err.code === 'no-goods' ? 'val.error.noGoods' : err.code === 'empty-sample' ? 'val.error.noUnits' : 'val.error.metrics';
        throw new ValidationError(key).with({ reason: err.message, n: units.length });
      }
      const stored = { ...results, exclusions, timing: { scoringMs, metricsMs: Date.now() - t0 } };
      return db.transaction(async (trx) => {
        const id = await repo.insertRun(trx, {
          sampleId: sample.id, name: input.name, versions: runVersions, referenceVersionId: runVersions[0]!.id, outcomeDefinition: definition,
          cutoffGrade: input.cutoffGrade, costRatio: input.costRatio, pdScale: runVersions[0]!.pdByGrade,
          referencePeriod: input.referencePeriod && (input.referencePeriod.asOfFrom || input.referencePeriod.asOfTo) ? input.referencePeriod : null,
          unitsUsed: units.length, bads: results.sample.bads, results: stored, units: runUnits, isDemo: input.isDemo ?? false,
          createdBy: actorId(actor), now: nowIso(),
        });
        await audit.record({ event: 'validation.run.created', actorUserId: actorId(actor), actorLabel: actorId(actor) ? null : 'system', targetType: 'validation_run', targetId: id, ip: null, details: { sample: sample.id, versions: ids, units: units.length } }, trx);
        return id;
      });
    },

    getRun,
    runUnits: (id: number): Promise<RunUnit[]> => repo.runUnits(id),
    listRuns: (filter: { sampleId?: number; limit?: number } = {}): Promise<ValidationRunSummary[]> => repo.listRuns(filter),

    /** The newest run with its results, or undefined. */
    async latestRunRecord(): Promise<ValidationRun | undefined> {
      const [latest] = await repo.listRuns({ limit: 1 });
      return latest ? repo.findRun(latest.id) : undefined;
    },

    /**
     * The newest run as the management overview shows it: versions with AUC, CI and Gini, the units used and the
     * verdict's discrimination and calibration sentences in the reader's language. Null when there is no run or the
     * user may not read the validation area.
     */
    async latestRun(user: Actor, locale: Locale): Promise<OverviewRunSummary | null> {
      if (!canReadValidation(user)) return null;
      const run = await service.latestRunRecord();
      if (!run) return null;
      const t = createTranslator(CATALOGUES, locale);
      const names = Object.fromEntries(run.versions.map((v) => [v.key, v.name]));
      const verdict = buildVerdict(run.results, names).filter((s) => s.topic === 'discrimination' || s.topic === 'calibration')
        .flatMap((s) => s.sentences.map((x) => t(x.key, x.params)));
      return {
        id: run.id, name: run.name, createdAt: run.createdAt, units: run.unitsUsed, bads: run.bads, verdict,
        versions: run.versions.map((v) => {
          const r = run.results.versions.find((x) => x.key === v.key);
          return { id: v.id, name: v.name, auc: r?.auc ?? null, aucCi: r?.aucCi ?? null, gini: r?.gini ?? null };
        }),
      };
    },

    async deleteRun(actor: Actor, id: number): Promise<void> {
      const run = await getRun(id);
      assertOwner(actor, run.createdBy);
      await db.transaction(async (trx) => {
        await repo.deleteRun(trx, id);
        await audit.record({ event: 'validation.run.deleted', actorUserId: actorId(actor), targetType: 'validation_run', targetId: id, ip: null, details: { name: run.name } }, trx);
      });
    },
  };
  return service;
}

export type ValidationService = ReturnType<typeof createValidationService>;
