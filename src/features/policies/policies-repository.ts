import type { Knex } from 'knex';
import type { PolicyDefinition } from '../../domain/policy/policy-definition.js';
import type { ApprovalDryRun, PolicySource, PolicyStatus, PolicyVersion, PolicyVersionSummary } from './policy-version.js';
import { num, parseJsonColumn as parse, str } from '../../storage/row-values.js';

type Row = Record<string, unknown>;

const COLUMNS = [
  'p.*',
  'm.name as model_version_name',
  'c.name as created_by_name',
  'a.name as approved_by_user_name',
  'r.name as retired_by_name',
];

function baseQuery(db: Knex) {
  return db('policy_versions as p')
    .leftJoin('credit_models as m', 'm.id', 'p.model_version_id')
    .leftJoin('users as c', 'c.id', 'p.created_by')
    .leftJoin('users as a', 'a.id', 'p.approved_by')
    .leftJoin('users as r', 'r.id', 'p.retired_by');
}

function toVersion(row: Row): PolicyVersion {
  return {
    id: Number(row.id),
    name: String(row.name),
    description: String(row.description ?? ''),
    modelVersionId: Number(row.model_version_id),
    modelVersionName: str(row.model_version_name),
    status: String(row.status) as PolicyStatus,
    effectiveFrom: str(row.effective_from),
    definition: parse<PolicyDefinition>(row.definition, null as unknown as PolicyDefinition),
    source: parse<PolicySource>(row.source, { kind: 'json', label: '' }),
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
    approvalDryRun: parse<ApprovalDryRun | null>(row.approval_dry_run, null),
    retiredBy: num(row.retired_by),
    retiredByName: str(row.retired_by_name),
    retiredAt: str(row.retired_at),
    retireRationale: str(row.retire_rationale),
  };
}

export interface NewPolicyRow {
  name: string;
  description: string;
  modelVersionId: number;
  effectiveFrom: string | null;
  definition: PolicyDefinition;
  source: PolicySource;
  parentId: number | null;
  isDemo: boolean;
  createdBy: number | null;
  now: string;
}

/** All SQL of the policy area (table policy_versions). */
export function createPoliciesRepository(db: Knex) {
  return {
    async insert(row: NewPolicyRow, trx: Knex = db): Promise<number> {
      const [inserted] = await trx('policy_versions').insert({
        name: row.name,
        description: row.description,
        model_version_id: row.modelVersionId,
        status: 'draft',
        effective_from: row.effectiveFrom,
        definition: JSON.stringify(row.definition),
        source: JSON.stringify(row.source),
        parent_id: row.parentId,
        is_demo: row.isDemo,
        created_by: row.createdBy,
        created_at: row.now,
        updated_at: row.now,
      }).returning('id');
      return Number((inserted as { id: number }).id ?? inserted);
    },

    async find(id: number, trx: Knex = db): Promise<PolicyVersion | undefined> {
      const row = (await baseQuery(trx).where('p.id', id).first(COLUMNS)) as Row | undefined;
      return row ? toVersion(row) : undefined;
    },

    /** Every version, newest first; optionally only those of one model version and/or with given statuses. */
    async list(filter: { modelVersionId?: number; statuses?: readonly PolicyStatus[] } = {}, trx: Knex = db): Promise<PolicyVersion[]> {
      const q = baseQuery(trx).orderBy('p.id', 'desc');
      if (filter.modelVersionId !== undefined) q.where('p.model_version_id', filter.modelVersionId);
      if (filter.statuses) q.whereIn('p.status', [...filter.statuses]);
      return ((await q.select(COLUMNS)) as Row[]).map(toVersion);
    },

    async summaries(filter: { modelVersionId?: number; statuses?: readonly PolicyStatus[] } = {}): Promise<PolicyVersionSummary[]> {
      return (await this.list(filter)).map(({ definition, approvalDryRun: _dryRun, ...rest }) => ({
        ...rest,
        proposal: Boolean(definition?.proposal),
        approveFrom: String(definition?.gradeThresholds?.approveFrom ?? ''),
        referFrom: String(definition?.gradeThresholds?.referFrom ?? ''),
      }));
    },

    /** Updates a DRAFT only; returns false when the version is not (or no longer) a draft. */
    async updateDraft(id: number, patch: { name?: string; description?: string; effectiveFrom?: string | null; definition?: PolicyDefinition }, now: string, trx: Knex = db): Promise<boolean> {
      const update: Row = { updated_at: now };
      if (patch.name !== undefined) update.name = patch.name;
      if (patch.description !== undefined) update.description = patch.description;
      if (patch.effectiveFrom !== undefined) update.effective_from = patch.effectiveFrom;
      if (patch.definition !== undefined) update.definition = JSON.stringify(patch.definition);
      return (await trx('policy_versions').where({ id, status: 'draft' }).update(update)) === 1;
    },

    async approve(id: number, by: { userId: number | null; label: string | null }, input: { effectiveFrom: string; rationale: string; dryRun: ApprovalDryRun | null }, now: string, trx: Knex = db): Promise<boolean> {
      return (await trx('policy_versions').where({ id, status: 'draft' }).update({
        status: 'approved', approved_by: by.userId, approved_by_label: by.label, approved_at: now, approval_rationale: input.rationale,
        approval_dry_run: input.dryRun ? JSON.stringify(input.dryRun) : null, effective_from: input.effectiveFrom, updated_at: now,
      })) === 1;
    },

    async retire(id: number, userId: number | null, rationale: string, now: string, trx: Knex = db): Promise<boolean> {
      return (await trx('policy_versions').where({ id, status: 'approved' }).update({
        status: 'retired', retired_by: userId, retired_at: now, retire_rationale: rationale, updated_at: now,
      })) === 1;
    },

    async deleteDraft(id: number, trx: Knex = db): Promise<boolean> {
      await trx('policy_versions').where({ parent_id: id }).update({ parent_id: null });
      return (await trx('policy_versions').where({ id, status: 'draft' }).delete()) === 1;
    },
  };
}

export type PoliciesRepository = ReturnType<typeof createPoliciesRepository>;
