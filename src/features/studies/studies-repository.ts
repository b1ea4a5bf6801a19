import type { Knex } from 'knex';
import type { HierarchyNode } from './hierarchy-tree.js';

export interface StudyRecord {
  id: number;
  title: string;
  description: string;
  locale: string;
  ownerId: number | null;
  ownerName: string | null;
  isDemo: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface StudySummary extends StudyRecord {
  rounds: number;
  nodes: number;
}

interface StudyRow {
  id: number;
  title: string;
  description: string;
  locale: string;
  owner_id: number | null;
  owner_name?: string | null;
  owner_email?: string | null;
  is_demo: number | boolean;
  created_at: string;
  updated_at: string;
}

interface NodeRow {
  id: number;
  study_id: number;
  parent_id: number | null;
  code: string;
  name_en: string;
  name_zh: string;
  description_en: string;
  description_zh: string;
  position: number;
}

function toStudy(row: StudyRow): StudyRecord {
  return {
    id: Number(row.id),
    title: row.title,
    description: row.description,
    locale: row.locale,
    ownerId: row.owner_id === null ? null : Number(row.owner_id),
    ownerName: row.owner_name || row.owner_email || null,
    isDemo: Boolean(row.is_demo),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function toHierarchyNode(row: NodeRow): HierarchyNode {
  return {
    id: Number(row.id),
    parentId: row.parent_id === null ? null : Number(row.parent_id),
    code: row.code,
    names: { en: row.name_en, zh: row.name_zh },
    descriptions: { en: row.description_en, zh: row.description_zh },
    position: Number(row.position),
  };
}

export interface NewNodeFields {
  parentId: number | null;
  code: string;
  names: { en: string; zh: string };
  descriptions: { en: string; zh: string };
  position: number;
}

export function createStudiesRepository(db: Knex) {
  const studyColumns = ['studies.*', 'users.name as owner_name', 'users.email as owner_email'];
  const withOwner = (trx: Knex) => trx('studies').leftJoin('users', 'users.id', 'studies.owner_id');

  return {
    async list(filter: { ownerId?: number; includeDemo?: boolean; all?: boolean }): Promise<StudySummary[]> {
      const query = withOwner(db).select(studyColumns).orderBy('studies.is_demo', 'desc').orderBy('studies.id', 'desc');
      if (!filter.all) {
        query.where((q) => {
          if (filter.ownerId !== undefined) q.orWhere('studies.owner_id', filter.ownerId);
          if (filter.includeDemo) q.orWhere('studies.is_demo', true);
        });
      }
      const rows = (await query) as StudyRow[];
      if (rows.length === 0) return [];
      const ids = rows.map((r) => Number(r.id));
      const roundCounts = await db('expert_rounds').whereIn('study_id', ids).groupBy('study_id').select('study_id').count<{ study_id: number; n: string | number }[]>({ n: '*' });
      const nodeCounts = await db('hierarchy_nodes').whereIn('study_id', ids).groupBy('study_id').select('study_id').count<{ study_id: number; n: string | number }[]>({ n: '*' });
      const rounds = new Map(roundCounts.map((r) => [Number(r.study_id), Number(r.n)]));
      const nodes = new Map(nodeCounts.map((r) => [Number(r.study_id), Number(r.n)]));
      return rows.map((row) => ({ ...toStudy(row), rounds: rounds.get(Number(row.id)) ?? 0, nodes: nodes.get(Number(row.id)) ?? 0 }));
    },

    async find(id: number, trx: Knex = db): Promise<StudyRecord | undefined> {
      const row = (await withOwner(trx).select(studyColumns).where('studies.id', id).first()) as StudyRow | undefined;
      return row ? toStudy(row) : undefined;
    },

    async insert(study: { title: string; description: string; locale: string; ownerId: number | null; isDemo: boolean; now: string }, trx: Knex = db): Promise<number> {
      const [row] = await trx('studies')
        .insert({
          title: study.title,
          description: study.description,
          locale: study.locale,
          owner_id: study.ownerId,
          is_demo: study.isDemo,
          created_at: study.now,
          updated_at: study.now,
        })
        .returning('id');
      return Number(typeof row === 'object' ? row.id : row);
    },

    async update(id: number, fields: { title: string; description: string; locale: string }, now: string, trx: Knex = db): Promise<void> {
      await trx('studies').where({ id }).update({ ...fields, updated_at: now });
    },

    async touch(id: number, now: string, trx: Knex = db): Promise<void> {
      await trx('studies').where({ id }).update({ updated_at: now });
    },

    async nodes(studyId: number, trx: Knex = db): Promise<HierarchyNode[]> {
      const rows = (await trx('hierarchy_nodes').where({ study_id: studyId }).orderBy('position').orderBy('id')) as NodeRow[];
      return rows.map(toHierarchyNode);
    },

    async insertNode(studyId: number, node: NewNodeFields, trx: Knex = db): Promise<number> {
      const [row] = await trx('hierarchy_nodes')
        .insert({
          study_id: studyId,
          parent_id: node.parentId,
          code: node.code,
          name_en: node.names.en,
          name_zh: node.names.zh,
          description_en: node.descriptions.en,
          description_zh: node.descriptions.zh,
          position: node.position,
        })
        .returning('id');
      return Number(typeof row === 'object' ? row.id : row);
    },

    async updateNode(studyId: number, nodeId: number, fields: Partial<NewNodeFields>, trx: Knex = db): Promise<void> {
      const update: Record<string, unknown> = {};
      if (fields.parentId !== undefined) update.parent_id = fields.parentId;
      if (fields.code !== undefined) update.code = fields.code;
      if (fields.names) Object.assign(update, { name_en: fields.names.en, name_zh: fields.names.zh });
      if (fields.descriptions) Object.assign(update, { description_en: fields.descriptions.en, description_zh: fields.descriptions.zh });
      if (fields.position !== undefined) update.position = fields.position;
      if (Object.keys(update).length) await trx('hierarchy_nodes').where({ id: nodeId, study_id: studyId }).update(update);
    },

    async deleteNodes(studyId: number, nodeIds: number[], trx: Knex = db): Promise<void> {
      // Children first is not needed: the parent foreign key cascades; deleting the listed ids keeps it explicit.
      if (nodeIds.length) await trx('hierarchy_nodes').where({ study_id: studyId }).whereIn('id', nodeIds).delete();
    },

    async deleteAllNodes(studyId: number, trx: Knex = db): Promise<void> {
      // Leaves up: delete rows whose parent is set first, so no engine depends on cascade order.
      await trx('hierarchy_nodes').where({ study_id: studyId }).whereNotNull('parent_id').delete();
      await trx('hierarchy_nodes').where({ study_id: studyId }).delete();
    },
  };
}

export type StudiesRepository = ReturnType<typeof createStudiesRepository>;
