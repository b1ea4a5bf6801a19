import type { Knex } from 'knex';
import type { SamplingDesign, StratumSummary } from '../../domain/validation/sampling-design.js';
import type { OutcomeDefinition, OutcomeExclusion } from './outcome-definition.js';
import type { PopulationFilter } from './validation-population.js';
import type { ValidationResults } from './validation-report.js';
import { num, parseJsonColumn as parse, str } from '../../storage/row-values.js';

type Row = Record<string, unknown>;

/** The stored design: the normalised sampling design plus the version whose stored grades stratify by grade. */
export type StoredDesign = SamplingDesign & { gradeVersionId?: number | null };

/** The sample-size calculator's inputs and result, when the size came from it. */
export interface SampleSizeCalculation {
  confidence: number;
  margin: number;
  expectedRate: number;
  populationSize: number;
  sampleSize: number;
}

export interface ValidationSample {
  id: number;
  name: string;
  description: string;
  populationFilter: PopulationFilter;
  outcomeDefinition: OutcomeDefinition;
  design: StoredDesign;
  seed: number;
  algorithm: string;
  populationSize: number;
  sampleSize: number;
  populationFingerprint: string;
  strata: StratumSummary[];
  collapsed: { stratum: string; mergedInto: string }[];
  warnings: string[];
  /** Snapshots matching the filter left out of the population, by reason (no outcome, in default, …). */
  exclusions: Partial<Record<OutcomeExclusion, number>> & { matched?: number };
  calculator: SampleSizeCalculation | null;
  isDemo: boolean;
  createdBy: number | null;
  createdByName: string | null;
  createdAt: string;
  runCount: number;
}

export interface SampleMember {
  position: number;
  /** Null when the snapshot was deleted after the draw. */
  snapshotId: number | null;
  stratum: string;
  designWeight: number;
  outcomeAtDraw: 0 | 1 | null;
}

/** A compared version as it was when the run was computed. */
export interface RunVersion {
  key: string;
  id: number;
  name: string;
  status: string;
  isDemo: boolean;
  gradeOrder: string[];
  pdByGrade: Record<string, number>;
}

/** Why sample members were left out of a run's metrics. */
export interface RunExclusions {
  /** Members whose snapshot no longer exists. */
  deleted: number;
  /** Members without an outcome under the run's definition, by reason. */
  outcome: Partial<Record<OutcomeExclusion, number>>;
  /** Members some version could not score. */
  notScorable: number;
  /** The first scoring failures (snapshot and message). */
  failures: { snapshotId: number; version: string; message: string }[];
}

export interface StoredRunResults extends ValidationResults {
  exclusions: RunExclusions;
  /** Milliseconds spent scoring and computing. */
  timing: { scoringMs: number; metricsMs: number };
}

/** One sample member as used in a run (for the unit-level export). */
export interface RunUnit {
  snapshotId: number;
  borrowerRef: string;
  asOf: string;
  stratum: string;
  weight: number;
  outcome: 0 | 1;
  scores: Record<string, number>;
  grades: Record<string, string>;
}

export interface ValidationRunSummary {
  id: number;
  sampleId: number;
  sampleName: string;
  name: string;
  versions: RunVersion[];
  referenceVersionId: number;
  outcomeDefinition: OutcomeDefinition;
  cutoffGrade: string;
  costRatio: number;
  unitsUsed: number;
  bads: number;
  isDemo: boolean;
  createdBy: number | null;
  createdByName: string | null;
  createdAt: string;
}

export interface ValidationRun extends ValidationRunSummary {
  pdScale: Record<string, number>;
  referencePeriod: { asOfFrom: string | null; asOfTo: string | null } | null;
  results: StoredRunResults;
}

/** A sample as stored: everything the page shows except what the database adds (id, author name, time, run count). */
export type NewSampleRow = Omit<ValidationSample, 'id' | 'createdByName' | 'createdAt' | 'runCount'> & { now: string };

export interface NewRunRow {
  sampleId: number;
  name: string;
  versions: RunVersion[];
  referenceVersionId: number;
  outcomeDefinition: OutcomeDefinition;
  cutoffGrade: string;
  costRatio: number;
  pdScale: Record<string, number>;
  referencePeriod: ValidationRun['referencePeriod'];
  unitsUsed: number;
  bads: number;
  results: StoredRunResults;
  units: RunUnit[];
  isDemo: boolean;
  createdBy: number | null;
  now: string;
}

function toSample(r: Row): ValidationSample {
  return {
    id: Number(r.id),
    name: String(r.name),
    description: String(r.description ?? ''),
    populationFilter: parse<PopulationFilter>(r.population_filter, { portfolio: null, asOfFrom: null, asOfTo: null, industry: null, latestPerBorrower: false }),
    outcomeDefinition: parse<OutcomeDefinition>(r.outcome_definition, { kind: 'stored' }),
    design: parse<StoredDesign>(r.design, null as never),
    seed: Number(r.seed),
    algorithm: String(r.algorithm),
    populationSize: Number(r.population_size),
    sampleSize: Number(r.sample_size),
    populationFingerprint: String(r.population_fingerprint),
    strata: parse<StratumSummary[]>(r.strata, []),
    collapsed: parse<ValidationSample['collapsed']>(r.collapsed, []),
    warnings: parse<string[]>(r.warnings, []),
    exclusions: parse<ValidationSample['exclusions']>(r.exclusions, {}),
    calculator: parse<SampleSizeCalculation | null>(r.calculator, null),
    isDemo: Boolean(r.is_demo),
    createdBy: num(r.created_by),
    createdByName: str(r.created_by_name),
    createdAt: String(r.created_at),
    runCount: Number(r.run_count ?? 0),
  };
}

function toRunSummary(r: Row): ValidationRunSummary {
  return {
    id: Number(r.id),
    sampleId: Number(r.sample_id),
    sampleName: String(r.sample_name ?? ''),
    name: String(r.name),
    versions: parse<RunVersion[]>(r.versions, []),
    referenceVersionId: Number(r.reference_version_id),
    outcomeDefinition: parse<OutcomeDefinition>(r.outcome_definition, { kind: 'stored' }),
    cutoffGrade: String(r.cutoff_grade),
    costRatio: Number(r.cost_ratio),
    unitsUsed: Number(r.units_used),
    bads: Number(r.bads),
    isDemo: Boolean(r.is_demo),
    createdBy: num(r.created_by),
    createdByName: str(r.created_by_name),
    createdAt: String(r.created_at),
  };
}

const SUMMARY_COLUMNS = ['r.id', 'r.sample_id', 's.name as sample_name', 'r.name', 'r.versions', 'r.reference_version_id', 'r.outcome_definition',
  'r.cutoff_grade', 'r.cost_ratio', 'r.units_used', 'r.bads', 'r.is_demo', 'r.created_by', 'u.name as created_by_name', 'r.created_at'];

/** All SQL of the validation area: samples, their members, and runs. */
export function createValidationRepository(db: Knex) {
  const samples = (trx: Knex = db) => trx('validation_samples as s').leftJoin('users as u', 'u.id', 's.created_by');
  const runs = (trx: Knex = db) => trx('validation_runs as r').join('validation_samples as s', 's.id', 'r.sample_id').leftJoin('users as u', 'u.id', 'r.created_by');
  const runCount = (trx: Knex) => trx.raw('(select count(*) from validation_runs vr where vr.sample_id = s.id) as run_count');

  return {
    async insertSample(trx: Knex, row: NewSampleRow, members: readonly Omit<SampleMember, 'position'>[]): Promise<number> {
      const [r] = await trx('validation_samples').insert({
        name: row.name, description: row.description, population_filter: JSON.stringify(row.populationFilter),
        outcome_definition: JSON.stringify(row.outcomeDefinition), design: JSON.stringify(row.design), seed: row.seed, algorithm: row.algorithm,
        population_size: row.populationSize, sample_size: row.sampleSize, population_fingerprint: row.populationFingerprint,
        strata: JSON.stringify(row.strata), collapsed: JSON.stringify(row.collapsed), warnings: JSON.stringify(row.warnings),
        exclusions: JSON.stringify(row.exclusions), calculator: row.calculator ? JSON.stringify(row.calculator) : null,
        is_demo: row.isDemo, created_by: row.createdBy, created_at: row.now,
      }).returning('id');
      const id = Number((r as { id: number }).id ?? r);
      const size = 400;
      for (let i = 0; i < members.length; i += size) {
        await trx('validation_sample_members').insert(members.slice(i, i + size).map((m, k) => ({
          sample_id: id, position: i + k, snapshot_id: m.snapshotId, stratum: m.stratum.slice(0, 400), design_weight: m.designWeight, outcome_at_draw: m.outcomeAtDraw,
        })));
      }
      return id;
    },

    async listSamples(): Promise<ValidationSample[]> {
      const rows = (await samples().select('s.*', 'u.name as created_by_name', runCount(db)).orderBy('s.id', 'desc')) as Row[];
      return rows.map(toSample);
    },

    async findSample(id: number, trx: Knex = db): Promise<ValidationSample | undefined> {
      const r = (await samples(trx).where('s.id', id).first('s.*', 'u.name as created_by_name', runCount(trx))) as Row | undefined;
      return r ? toSample(r) : undefined;
    },

    async members(sampleId: number, trx: Knex = db): Promise<SampleMember[]> {
      const rows = (await trx('validation_sample_members').where({ sample_id: sampleId }).orderBy('position').select('position', 'snapshot_id', 'stratum', 'design_weight', 'outcome_at_draw')) as Row[];
      return rows.map((r) => ({
        position: Number(r.position), snapshotId: num(r.snapshot_id), stratum: String(r.stratum), designWeight: Number(r.design_weight),
        outcomeAtDraw: r.outcome_at_draw === null || r.outcome_at_draw === undefined ? null : (Number(r.outcome_at_draw) === 1 ? 1 : 0),
      }));
    },

    async deleteSample(trx: Knex, id: number): Promise<void> {
      await trx('validation_sample_members').where({ sample_id: id }).delete();
      await trx('validation_samples').where({ id }).delete();
    },

    async countRuns(sampleId: number, trx: Knex = db): Promise<number> {
      const r = (await trx('validation_runs').where({ sample_id: sampleId }).count({ n: 'id' }).first()) as { n: unknown } | undefined;
      return Number(r?.n ?? 0);
    },

    async insertRun(trx: Knex, row: NewRunRow): Promise<number> {
      const [r] = await trx('validation_runs').insert({
        sample_id: row.sampleId, name: row.name, version_ids: JSON.stringify(row.versions.map((v) => v.id)), reference_version_id: row.referenceVersionId,
        versions: JSON.stringify(row.versions), outcome_definition: JSON.stringify(row.outcomeDefinition), cutoff_grade: row.cutoffGrade,
        cost_ratio: row.costRatio, pd_scale: JSON.stringify(row.pdScale), reference_period: row.referencePeriod ? JSON.stringify(row.referencePeriod) : null,
        units_used: row.unitsUsed, bads: row.bads, results: JSON.stringify(row.results), units: JSON.stringify(row.units),
        is_demo: row.isDemo, created_by: row.createdBy, created_at: row.now,
      }).returning('id');
      return Number((r as { id: number }).id ?? r);
    },

    async listRuns(filter: { sampleId?: number; limit?: number } = {}): Promise<ValidationRunSummary[]> {
      const q = runs().select(SUMMARY_COLUMNS).orderBy('r.id', 'desc');
      if (filter.sampleId !== undefined) q.where('r.sample_id', filter.sampleId);
      if (filter.limit !== undefined) q.limit(filter.limit);
      return ((await q) as Row[]).map(toRunSummary);
    },

    async findRun(id: number): Promise<ValidationRun | undefined> {
      const r = (await runs().where('r.id', id).first([...SUMMARY_COLUMNS, 'r.pd_scale', 'r.reference_period', 'r.results'])) as Row | undefined;
      if (!r) return undefined;
      return {
        ...toRunSummary(r),
        pdScale: parse<Record<string, number>>(r.pd_scale, {}),
        referencePeriod: parse<ValidationRun['referencePeriod']>(r.reference_period, null),
        results: parse<StoredRunResults>(r.results, null as never),
      };
    },

    async runUnits(id: number): Promise<RunUnit[]> {
      const r = (await db('validation_runs').where({ id }).first('units')) as Row | undefined;
      return parse<RunUnit[]>(r?.units, []);
    },

    /**
     * Grades stored under a model version, by snapshot (the credit-model area's evaluations table, read only here:
     * stratification by grade needs only the grade, not the stored breakdown).
     */
    async storedGrades(modelId: number): Promise<Map<number, string>> {
      const rows = (await db('evaluations').where({ model_id: modelId }).select('snapshot_id', 'grade')) as Row[];
      return new Map(rows.map((r) => [Number(r.snapshot_id), String(r.grade)]));
    },

    async deleteRun(trx: Knex, id: number): Promise<void> {
      await trx('validation_runs').where({ id }).delete();
    },
  };
}

export type ValidationRepository = ReturnType<typeof createValidationRepository>;
