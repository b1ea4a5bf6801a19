import type { Knex } from 'knex';
import type { CreditModelDefinition } from '../../domain/credit/credit-model-definition.js';
import type { ModelSettings, ModelSource, ModelStatus, ModelVersion, ModelVersionSummary } from './model-version.js';
import { num, parseJsonColumn as parse, str } from '../../storage/row-values.js';

type Row = Record<string, unknown>;

const COLUMNS = [
  'm.*',
  'c.name as created_by_name',
  'a.name as approved_by_user_name',
  'r.name as retired_by_name',
];

function baseQuery(db: Knex) {
  return db('credit_models as m')
    .leftJoin('users as c', 'c.id', 'm.created_by')
    .leftJoin('users as a', 'a.id', 'm.approved_by')
    .leftJoin('users as r', 'r.id', 'm.retired_by');
}

function toVersion(row: Row): ModelVersion {
  return {
    id: Number(row.id),
    name: String(row.name),
    description: String(row.description ?? ''),
    status: String(row.status) as ModelStatus,
    effectiveFrom: str(row.effective_from),
    definition: parse<CreditModelDefinition>(row.definition, null as unknown as CreditModelDefinition),
    settings: parse<ModelSettings>(row.settings, { earlyWarnings: null as never, placeholderRules: [] }),
    source: parse<ModelSource>(row.source, { kind: 'json', label: '' }),
    parentId: num(row.parent_id),
    isDemo: Boolean(row.is_demo),
    createdBy: num(row.created_by),
    createdByName: str(row.created_by_name),
    createdAt: String(row.created_at),
    updatedAt: String(row.updated_at),
    approvedBy: num(row.approved_by),
    approvedByName: str(row.approved_by_user_name) ?? str(row.approved_by_label),
    approvedAt: str(row.approved_at),
    approvalRationale: str(row.approval_rationale),
    retiredBy: num(row.retired_by),
    retiredByName: str(row.retired_by_name),
    retiredAt: str(row.retired_at),
    retireRationale: str(row.retire_rationale),
  };
}

export interface NewModelRow {
  name: string;
  description: string;
  effectiveFrom: string | null;
  definition: CreditModelDefinition;
  settings: ModelSettings;
  source: ModelSource;
  parentId: number | null;
  isDemo: boolean;
  createdBy: number | null;
  now: string;
}

export interface ProsperityRow {
  id: number;
  industry: string;
  periodEnd: string;
  periodLabel: string;
  value: number;
  source: string;
  isDemo: boolean;
  importedAt: string;
}

/** All SQL of the credit-model area: model versions and the industry prosperity index table. */
export function createModelsRepository(db: Knex) {
  return {
    async insert(row: NewModelRow, trx: Knex = db): Promise<number> {
      const [inserted] = await trx('credit_models').insert({
        name: row.name,
        description: row.description,
        status: 'draft',
        effective_from: row.effectiveFrom,
        definition: JSON.stringify(row.definition),
        settings: JSON.stringify(row.settings),
        source: JSON.stringify(row.source),
        parent_id: row.parentId,
        is_demo: row.isDemo,
        created_by: row.createdBy,
        created_at: row.now,
        updated_at: row.now,
      }).returning('id');
      return Number((inserted as { id: number }).id ?? inserted);
    },

    async find(id: number, trx: Knex = db): Promise<ModelVersion | undefined> {
      const row = (await baseQuery(trx).where('m.id', id).first(COLUMNS)) as Row | undefined;
      return row ? toVersion(row) : undefined;
    },

    async list(trx: Knex = db): Promise<ModelVersion[]> {
      const rows = (await baseQuery(trx).orderBy('m.id', 'desc').select(COLUMNS)) as Row[];
      return rows.map(toVersion);
    },

    async summaries(): Promise<ModelVersionSummary[]> {
      return (await this.list()).map(({ definition, settings: _settings, ...rest }) => ({
        ...rest,
        uncalibrated: definition.uncalibrated,
        indicatorCount: definition.indicators.length,
        hasOverlay: definition.overlay !== null,
        variantCount: definition.industryVariants.length,
      }));
    },

    /** Updates a DRAFT only; returns false when the version is not (or no longer) a draft. */
    async updateDraft(id: number, patch: { name?: string; description?: string; effectiveFrom?: string | null; definition?: CreditModelDefinition; settings?: ModelSettings }, now: string, trx: Knex = db): Promise<boolean> {
      const update: Row = { updated_at: now };
      if (patch.name !== undefined) update.name = patch.name;
      if (patch.description !== undefined) update.description = patch.description;
      if (patch.effectiveFrom !== undefined) update.effective_from = patch.effectiveFrom;
      if (patch.definition !== undefined) update.definition = JSON.stringify(patch.definition);
      if (patch.settings !== undefined) update.settings = JSON.stringify(patch.settings);
      return (await trx('credit_models').where({ id, status: 'draft' }).update(update)) === 1;
    },

    async approve(id: number, by: { userId: number | null; label: string | null }, effectiveFrom: string, rationale: string, now: string, trx: Knex = db): Promise<boolean> {
      return (await trx('credit_models').where({ id, status: 'draft' }).update({
        status: 'approved', approved_by: by.userId, approved_by_label: by.label, approved_at: now, approval_rationale: rationale,
        effective_from: effectiveFrom, updated_at: now,
      })) === 1;
    },

    async retire(id: number, userId: number | null, rationale: string, now: string, trx: Knex = db): Promise<boolean> {
      return (await trx('credit_models').where({ id, status: 'approved' }).update({
        status: 'retired', retired_by: userId, retired_at: now, retire_rationale: rationale, updated_at: now,
      })) === 1;
    },

    async deleteDraft(id: number, trx: Knex = db): Promise<boolean> {
      await trx('credit_models').where({ parent_id: id }).update({ parent_id: null });
      return (await trx('credit_models').where({ id, status: 'draft' }).delete()) === 1;
    },

    // ---- prosperity index table

    async prosperityRows(filter: { industry?: string } = {}): Promise<ProsperityRow[]> {
      const q = db('prosperity_indices').orderBy([{ column: 'industry' }, { column: 'period_end' }]);
      if (filter.industry) q.where({ industry: filter.industry });
      return ((await q.select('*')) as Row[]).map((r) => ({
        id: Number(r.id), industry: String(r.industry), periodEnd: String(r.period_end), periodLabel: String(r.period_label),
        value: Number(r.value), source: String(r.source), isDemo: Boolean(r.is_demo), importedAt: String(r.imported_at),
      }));
    },

    /** Inserts or replaces (same industry and period) the given rows in one transaction. */
    async upsertProsperity(rows: { industry: string; periodEnd: string; periodLabel: string; value: number }[], meta: { source: string; isDemo: boolean; userId: number | null; now: string }, trx: Knex): Promise<void> {
      for (let i = 0; i < rows.length; i += 200) {
        const chunk = rows.slice(i, i + 200).map((r) => ({
          industry: r.industry, period_end: r.periodEnd, period_label: r.periodLabel, value: r.value,
          source: meta.source, is_demo: meta.isDemo, imported_by: meta.userId, imported_at: meta.now,
        }));
        await trx('prosperity_indices').insert(chunk).onConflict(['industry', 'period_end']).merge(['period_label', 'value', 'source', 'is_demo', 'imported_by', 'imported_at']);
      }
    },

    async deleteProsperityIndustry(industry: string, trx: Knex = db): Promise<number> {
      return trx('prosperity_indices').where({ industry }).delete();
    },
  };
}

export type ModelsRepository = ReturnType<typeof createModelsRepository>;
