import type { Knex } from 'knex';
import type { AggregationMode } from '../../domain/ahp/aggregate-report.js';
import type { PriorityMethod } from '../../domain/ahp/ahp-types.js';
import type { RiTableName } from '../../domain/ahp/random-index.js';
import { toHierarchyNode } from '../studies/studies-repository.js';
import type { HierarchyNode, TreeNode } from '../studies/hierarchy-tree.js';
import type { CanonicalJudgment } from './judgment-input.js';
import type { BlockInconsistency, NodeConsistency } from './node-consistency.js';
import { num, str } from '../../storage/row-values.js';

export type RoundStatus = 'draft' | 'open' | 'closed';
export type CrPolicy = 'warn' | 'require';
export type InvitationStatus = 'invited' | 'started' | 'submitted';

export interface RoundSettings {
  priorityMethod: PriorityMethod;
  riTable: RiTableName;
  crThreshold: number;
  allowNoOpinion: boolean;
  crPolicy: CrPolicy;
  /** ISO timestamp after which answers are refused, or null. */
  deadline: string | null;
  intro: { en: string; zh: string };
}

export interface RoundRecord extends RoundSettings {
  id: number;
  studyId: number;
  label: string;
  status: RoundStatus;
  scale: 'saaty';
  openedAt: string | null;
  closedAt: string | null;
  createdBy: number | null;
  createdAt: string;
  updatedAt: string;
}

export interface InvitationRecord {
  id: number;
  roundId: number;
  name: string;
  email: string | null;
  organisation: string | null;
  weight: number;
  status: InvitationStatus;
  revokedAt: string | null;
  expiresAt: string | null;
  currentNodeId: number | null;
  tokenIssuedAt: string;
  startedAt: string | null;
  submittedAt: string | null;
  lastActivityAt: string | null;
  createdAt: string;
}

export interface StoredNodeResult extends NodeConsistency {
  invitationId: number;
  nodeId: number;
  riTable: string;
  updatedAt: string;
}

export interface StoredJudgment extends CanonicalJudgment {
  invitationId: number;
  updatedAt: string;
}

export interface WeightSetRecord {
  id: number;
  roundId: number;
  label: string;
  settings: Record<string, unknown> & { mode: AggregationMode; method: PriorityMethod; riTable: RiTableName; crThreshold: number; seed: number };
  experts: { id: number; name: string; organisation: string | null; weight: number; maxCr: number | null; flagged: boolean }[];
  hierarchy: HierarchyNode[];
  inputs: { judgments: StoredJudgment[] };
  results: Record<string, unknown>;
  seed: number;
  createdBy: number | null;
  createdByName: string | null;
  createdAt: string;
}

export interface WeightSetSummary {
  id: number;
  roundId: number;
  label: string;
  settings: WeightSetRecord['settings'];
  expertCount: number;
  createdAt: string;
  createdByName: string | null;
}

type Row = Record<string, unknown>;
const parse = <T>(v: unknown, fallback: T): T => (typeof v === 'string' && v ? (JSON.parse(v) as T) : fallback);

function toRound(row: Row): RoundRecord {
  return {
    id: Number(row.id),
    studyId: Number(row.study_id),
    label: String(row.label),
    status: row.status as RoundStatus,
    scale: 'saaty',
    priorityMethod: row.priority_method as PriorityMethod,
    riTable: row.ri_table as RiTableName,
    crThreshold: Number(row.cr_threshold),
    allowNoOpinion: Boolean(row.allow_no_opinion),
    crPolicy: row.cr_policy as CrPolicy,
    deadline: str(row.deadline),
    intro: { en: String(row.intro_en ?? ''), zh: String(row.intro_zh ?? '') },
    openedAt: str(row.opened_at),
    closedAt: str(row.closed_at),
    createdBy: num(row.created_by),
    createdAt: String(row.created_at),
    updatedAt: String(row.updated_at),
  };
}

function toInvitation(row: Row): InvitationRecord {
  return {
    id: Number(row.id),
    roundId: Number(row.round_id),
    name: String(row.name),
    email: str(row.email),
    organisation: str(row.organisation),
    weight: Number(row.weight),
    status: row.status as InvitationStatus,
    revokedAt: str(row.revoked_at),
    expiresAt: str(row.expires_at),
    currentNodeId: num(row.current_node_id),
    tokenIssuedAt: String(row.token_issued_at),
    startedAt: str(row.started_at),
    submittedAt: str(row.submitted_at),
    lastActivityAt: str(row.last_activity_at),
    createdAt: String(row.created_at),
  };
}

function toJudgment(row: Row): StoredJudgment {
  return {
    invitationId: Number(row.invitation_id),
    parentId: Number(row.parent_node_id),
    leftId: Number(row.left_node_id),
    rightId: Number(row.right_node_id),
    value: row.value === null || row.value === undefined ? null : Number(row.value),
    updatedAt: String(row.updated_at),
  };
}

function toNodeResult(row: Row): StoredNodeResult {
  return {
    invitationId: Number(row.invitation_id),
    nodeId: Number(row.node_id),
    pairs: Number(row.pairs),
    answered: Number(row.answered),
    noOpinion: Number(row.no_opinion),
    connected: Boolean(row.connected),
    cr: num(row.cr),
    lambdaMax: num(row.lambda_max),
    weights: parse<number[] | null>(row.weights, null),
    inconsistencies: parse<BlockInconsistency[]>(row.inconsistencies, []),
    riTable: String(row.ri_table),
    updatedAt: String(row.updated_at),
  };
}

function toWeightSet(row: Row): WeightSetRecord {
  return {
    id: Number(row.id),
    roundId: Number(row.round_id),
    label: String(row.label),
    settings: parse(row.settings, {} as WeightSetRecord['settings']),
    experts: parse(row.experts, []),
    hierarchy: parse(row.hierarchy, []),
    inputs: parse(row.inputs, { judgments: [] }),
    results: parse(row.results, {}),
    seed: Number(row.seed),
    createdBy: num(row.created_by),
    createdByName: str(row.created_by_name) || str(row.created_by_email),
    createdAt: String(row.created_at),
  };
}

export function createRoundsRepository(db: Knex) {
  return {
    // ---- rounds
    async listRounds(studyId: number): Promise<RoundRecord[]> {
      return ((await db('expert_rounds').where({ study_id: studyId }).orderBy('id', 'desc')) as Row[]).map(toRound);
    },
    async findRound(id: number, trx: Knex = db): Promise<RoundRecord | undefined> {
      const row = (await trx('expert_rounds').where({ id }).first()) as Row | undefined;
      return row ? toRound(row) : undefined;
    },
    async insertRound(studyId: number, label: string, settings: RoundSettings, createdBy: number | null, now: string, trx: Knex = db): Promise<number> {
      const [row] = await trx('expert_rounds')
        .insert({
          study_id: studyId,
          label,
          status: 'draft',
          scale: 'saaty',
          priority_method: settings.priorityMethod,
          ri_table: settings.riTable,
          cr_threshold: settings.crThreshold,
          allow_no_opinion: settings.allowNoOpinion,
          cr_policy: settings.crPolicy,
          deadline: settings.deadline,
          intro_en: settings.intro.en,
          intro_zh: settings.intro.zh,
          created_by: createdBy,
          created_at: now,
          updated_at: now,
        })
        .returning('id');
      return Number(typeof row === 'object' ? row.id : row);
    },
    async updateRound(id: number, fields: Partial<RoundSettings & { label: string; status: RoundStatus; openedAt: string | null; closedAt: string | null }>, now: string, trx: Knex = db): Promise<void> {
      const update: Row = { updated_at: now };
      if (fields.label !== undefined) update.label = fields.label;
      if (fields.status !== undefined) update.status = fields.status;
      if (fields.priorityMethod !== undefined) update.priority_method = fields.priorityMethod;
      if (fields.riTable !== undefined) update.ri_table = fields.riTable;
      if (fields.crThreshold !== undefined) update.cr_threshold = fields.crThreshold;
      if (fields.allowNoOpinion !== undefined) update.allow_no_opinion = fields.allowNoOpinion;
      if (fields.crPolicy !== undefined) update.cr_policy = fields.crPolicy;
      if (fields.deadline !== undefined) update.deadline = fields.deadline;
      if (fields.intro !== undefined) Object.assign(update, { intro_en: fields.intro.en, intro_zh: fields.intro.zh });
      if (fields.openedAt !== undefined) update.opened_at = fields.openedAt;
      if (fields.closedAt !== undefined) update.closed_at = fields.closedAt;
      await trx('expert_rounds').where({ id }).update(update);
    },

    // ---- frozen hierarchy
    async roundNodes(roundId: number, trx: Knex = db): Promise<HierarchyNode[]> {
      const rows = (await trx('round_nodes').where({ round_id: roundId }).orderBy('position').orderBy('id')) as Row[];
      return rows.map((row) => toHierarchyNode(row as never));
    },
    async hasFrozenNodes(roundId: number, trx: Knex = db): Promise<boolean> {
      return Boolean(await trx('round_nodes').where({ round_id: roundId }).first('id'));
    },
    /** Copies a tree into round_nodes (parents first) and returns nothing; ids are new. */
    async freezeTree(roundId: number, root: TreeNode, trx: Knex): Promise<void> {
      const insert = async (node: TreeNode, parentId: number | null): Promise<void> => {
        const [row] = await trx('round_nodes')
          .insert({
            round_id: roundId,
            parent_id: parentId,
            source_node_id: node.id,
            code: node.code,
            name_en: node.names.en,
            name_zh: node.names.zh,
            description_en: node.descriptions.en,
            description_zh: node.descriptions.zh,
            position: node.position,
            depth: node.depth,
          })
          .returning('id');
        const id = Number(typeof row === 'object' ? row.id : row);
        for (const child of node.children) await insert(child, id);
      };
      await insert(root, null);
    },

    // ---- invitations
    async listInvitations(roundId: number, trx: Knex = db): Promise<InvitationRecord[]> {
      return ((await trx('expert_invitations').where({ round_id: roundId }).orderBy('id')) as Row[]).map(toInvitation);
    },
    async findInvitation(id: number, trx: Knex = db): Promise<InvitationRecord | undefined> {
      const row = (await trx('expert_invitations').where({ id }).first()) as Row | undefined;
      return row ? toInvitation(row) : undefined;
    },
    /** The invitation behind a link and its round, in one query (the expert routes' hot path). */
    async findInvitationAndRound(tokenHash: string): Promise<{ invitation: InvitationRecord; round: RoundRecord } | undefined> {
      const row = (await db('expert_invitations')
        .join('expert_rounds', 'expert_rounds.id', 'expert_invitations.round_id')
        .where('expert_invitations.token_hash', tokenHash)
        .first(
          'expert_invitations.*',
          'expert_rounds.study_id as r_study_id', 'expert_rounds.label as r_label', 'expert_rounds.status as r_status',
          'expert_rounds.priority_method as r_priority_method', 'expert_rounds.ri_table as r_ri_table', 'expert_rounds.cr_threshold as r_cr_threshold',
          'expert_rounds.allow_no_opinion as r_allow_no_opinion', 'expert_rounds.cr_policy as r_cr_policy', 'expert_rounds.deadline as r_deadline',
          'expert_rounds.intro_en as r_intro_en', 'expert_rounds.intro_zh as r_intro_zh', 'expert_rounds.opened_at as r_opened_at',
          'expert_rounds.closed_at as r_closed_at', 'expert_rounds.created_by as r_created_by', 'expert_rounds.created_at as r_created_at',
          'expert_rounds.updated_at as r_updated_at',
        )) as Row | undefined;
      if (!row) return undefined;
      const round: Row = { id: row.round_id };
      for (const [key, value] of Object.entries(row)) if (key.startsWith('r_')) round[key.slice(2)] = value;
      return { invitation: toInvitation(row), round: toRound(round) };
    },
    async findInvitationByTokenHash(tokenHash: string, trx: Knex = db): Promise<InvitationRecord | undefined> {
      const row = (await trx('expert_invitations').where({ token_hash: tokenHash }).first()) as Row | undefined;
      return row ? toInvitation(row) : undefined;
    },
    async insertInvitation(
      invitation: { roundId: number; tokenHash: string; name: string; email: string | null; organisation: string | null; weight: number; expiresAt: string | null; createdBy: number | null; now: string },
      trx: Knex = db,
    ): Promise<number> {
      const [row] = await trx('expert_invitations')
        .insert({
          round_id: invitation.roundId,
          token_hash: invitation.tokenHash,
          name: invitation.name,
          email: invitation.email,
          organisation: invitation.organisation,
          weight: invitation.weight,
          status: 'invited',
          expires_at: invitation.expiresAt,
          token_issued_at: invitation.now,
          created_by: invitation.createdBy,
          created_at: invitation.now,
        })
        .returning('id');
      return Number(typeof row === 'object' ? row.id : row);
    },
    async updateInvitation(
      id: number,
      fields: Partial<{ tokenHash: string; tokenIssuedAt: string; revokedAt: string | null; status: InvitationStatus; startedAt: string; submittedAt: string; lastActivityAt: string; currentNodeId: number | null; weight: number; expiresAt: string | null }>,
      trx: Knex = db,
    ): Promise<void> {
      const map: Record<string, string> = {
        tokenHash: 'token_hash', tokenIssuedAt: 'token_issued_at', revokedAt: 'revoked_at', status: 'status', startedAt: 'started_at',
        submittedAt: 'submitted_at', lastActivityAt: 'last_activity_at', currentNodeId: 'current_node_id', weight: 'weight', expiresAt: 'expires_at',
      };
      const update: Row = {};
      for (const [key, value] of Object.entries(fields)) if (value !== undefined) update[map[key] as string] = value;
      if (Object.keys(update).length) await trx('expert_invitations').where({ id }).update(update);
    },
    /**
     * Records activity on an invitation only while its link is still this token, unrevoked, unexpired and
     * unsubmitted, and its round open and before its deadline — one conditional UPDATE, so on PostgreSQL it also
     * locks the row against a concurrent submit, revocation or close. False = refused (nothing changed).
     */
    async touchIfAnswerable(
      id: number,
      tokenHash: string,
      fields: { status: InvitationStatus; startedAt: string; lastActivityAt: string; currentNodeId?: number },
      trx: Knex,
    ): Promise<boolean> {
      const update: Row = { status: fields.status, started_at: fields.startedAt, last_activity_at: fields.lastActivityAt };
      if (fields.currentNodeId !== undefined) update.current_node_id = fields.currentNodeId;
      const now = fields.lastActivityAt;
      const changed = await trx('expert_invitations')
        .where({ id, token_hash: tokenHash })
        .whereNull('revoked_at')
        .whereNot({ status: 'submitted' })
        .where((q) => q.whereNull('expires_at').orWhere('expires_at', '>=', now))
        .whereExists((q) =>
          q
            .select(trx.raw('1'))
            .from('expert_rounds')
            .whereRaw('expert_rounds.id = expert_invitations.round_id')
            .where('expert_rounds.status', 'open')
            .where((d) => d.whereNull('expert_rounds.deadline').orWhere('expert_rounds.deadline', '>=', now)),
        )
        .update(update);
      return Number(changed) === 1;
    },
    /** Marks an unsubmitted invitation as submitted; returns false when it was already submitted or the link changed (race-safe). */
    async markSubmitted(id: number, tokenHash: string, now: string, trx: Knex): Promise<boolean> {
      const changed = await trx('expert_invitations')
        .where({ id, token_hash: tokenHash })
        .whereNull('revoked_at')
        .whereNot({ status: 'submitted' })
        .update({ status: 'submitted', submitted_at: now, last_activity_at: now });
      return Number(changed) === 1;
    },

    // ---- judgments
    async upsertJudgments(invitationId: number, judgments: readonly CanonicalJudgment[], now: string, trx: Knex): Promise<void> {
      if (!judgments.length) return;
      const rows = judgments.map((j) => ({
        invitation_id: invitationId,
        parent_node_id: j.parentId,
        left_node_id: j.leftId,
        right_node_id: j.rightId,
        value: j.value,
        updated_at: now,
      }));
      // 4 columns × 500 rows stays under SQLite's 999-variable limit per statement when chunked by 100.
      for (let i = 0; i < rows.length; i += 100) {
        await trx('judgments')
          .insert(rows.slice(i, i + 100))
          .onConflict(['invitation_id', 'parent_node_id', 'left_node_id', 'right_node_id'])
          .merge(['value', 'updated_at']);
      }
    },
    async deleteJudgments(invitationId: number, pairs: readonly { parentId: number; leftId: number; rightId: number }[], trx: Knex): Promise<void> {
      for (const p of pairs) {
        await trx('judgments').where({ invitation_id: invitationId, parent_node_id: p.parentId, left_node_id: p.leftId, right_node_id: p.rightId }).delete();
      }
    },
    async judgmentsOf(invitationId: number, parentId?: number, trx: Knex = db): Promise<StoredJudgment[]> {
      const query = trx('judgments').where({ invitation_id: invitationId });
      if (parentId !== undefined) query.andWhere({ parent_node_id: parentId });
      return ((await query.orderBy('id')) as Row[]).map(toJudgment);
    },
    /** The judgments of some blocks of one invitation. */
    async judgmentsOfBlocks(invitationId: number, parentIds: readonly number[], trx: Knex = db): Promise<StoredJudgment[]> {
      if (!parentIds.length) return [];
      const rows = (await trx('judgments').where({ invitation_id: invitationId }).whereIn('parent_node_id', parentIds).orderBy('id')) as Row[];
      return rows.map(toJudgment);
    },
    async judgmentsOfRound(roundId: number, invitationIds?: number[], trx: Knex = db): Promise<StoredJudgment[]> {
      const query = trx('judgments')
        .join('expert_invitations', 'expert_invitations.id', 'judgments.invitation_id')
        .where('expert_invitations.round_id', roundId)
        .select('judgments.*');
      if (invitationIds) query.whereIn('judgments.invitation_id', invitationIds);
      return ((await query.orderBy('judgments.invitation_id').orderBy('judgments.parent_node_id').orderBy('judgments.id')) as Row[]).map(toJudgment);
    },
    async countJudgments(invitationId: number, trx: Knex = db): Promise<number> {
      const row = await trx('judgments').where({ invitation_id: invitationId }).count<{ n: string | number }[]>({ n: '*' }).first();
      return Number(row?.n ?? 0);
    },
    async countJudgmentsByInvitation(roundId: number): Promise<Map<number, number>> {
      const rows = await db('judgments')
        .join('expert_invitations', 'expert_invitations.id', 'judgments.invitation_id')
        .where('expert_invitations.round_id', roundId)
        .groupBy('judgments.invitation_id')
        .select('judgments.invitation_id as id')
        .count<{ id: number; n: string | number }[]>({ n: '*' });
      return new Map(rows.map((r) => [Number(r.id), Number(r.n)]));
    },

    // ---- node results
    /** Stores the server's results of some blocks of one invitation (one statement). */
    async upsertNodeResults(invitationId: number, results: readonly { nodeId: number; result: NodeConsistency }[], riTable: string, now: string, trx: Knex): Promise<void> {
      if (!results.length) return;
      await trx('expert_node_results')
        .insert(
          results.map(({ nodeId, result }) => ({
            invitation_id: invitationId,
            node_id: nodeId,
            pairs: result.pairs,
            answered: result.answered,
            no_opinion: result.noOpinion,
            connected: result.connected,
            cr: result.cr,
            lambda_max: result.lambdaMax,
            weights: result.weights ? JSON.stringify(result.weights) : null,
            inconsistencies: JSON.stringify(result.inconsistencies),
            ri_table: riTable,
            updated_at: now,
          })),
        )
        .onConflict(['invitation_id', 'node_id'])
        .merge();
    },
    async nodeResultsOf(invitationId: number, trx: Knex = db): Promise<StoredNodeResult[]> {
      return ((await trx('expert_node_results').where({ invitation_id: invitationId })) as Row[]).map(toNodeResult);
    },
    async nodeResultsOfRound(roundId: number): Promise<StoredNodeResult[]> {
      const rows = (await db('expert_node_results')
        .join('expert_invitations', 'expert_invitations.id', 'expert_node_results.invitation_id')
        .where('expert_invitations.round_id', roundId)
        .select('expert_node_results.*')) as Row[];
      return rows.map(toNodeResult);
    },

    // ---- weight sets
    async insertWeightSet(
      set: Omit<WeightSetRecord, 'id' | 'createdByName'>,
      trx: Knex = db,
    ): Promise<number> {
      const [row] = await trx('weight_sets')
        .insert({
          round_id: set.roundId,
          label: set.label,
          settings: JSON.stringify(set.settings),
          experts: JSON.stringify(set.experts),
          hierarchy: JSON.stringify(set.hierarchy),
          inputs: JSON.stringify(set.inputs),
          results: JSON.stringify(set.results),
          seed: set.seed,
          created_by: set.createdBy,
          created_at: set.createdAt,
        })
        .returning('id');
      return Number(typeof row === 'object' ? row.id : row);
    },
    async findWeightSet(id: number, trx: Knex = db): Promise<WeightSetRecord | undefined> {
      const row = (await trx('weight_sets')
        .leftJoin('users', 'users.id', 'weight_sets.created_by')
        .where('weight_sets.id', id)
        .first('weight_sets.*', 'users.name as created_by_name', 'users.email as created_by_email')) as Row | undefined;
      return row ? toWeightSet(row) : undefined;
    },
    async listWeightSets(roundId: number): Promise<WeightSetSummary[]> {
      const rows = (await db('weight_sets')
        .leftJoin('users', 'users.id', 'weight_sets.created_by')
        .where('weight_sets.round_id', roundId)
        .orderBy('weight_sets.id', 'desc')
        .select('weight_sets.id', 'weight_sets.round_id', 'weight_sets.label', 'weight_sets.settings', 'weight_sets.experts', 'weight_sets.created_at', 'users.name as created_by_name', 'users.email as created_by_email')) as Row[];
      return rows.map((row) => ({
        id: Number(row.id),
        roundId: Number(row.round_id),
        label: String(row.label),
        settings: parse(row.settings, {} as WeightSetRecord['settings']),
        expertCount: parse<unknown[]>(row.experts, []).length,
        createdAt: String(row.created_at),
        createdByName: str(row.created_by_name) || str(row.created_by_email),
      }));
    },
    /** Weight sets of every round of a study, newest first (for comparisons across rounds). */
    async listWeightSetsOfStudy(studyId: number): Promise<(WeightSetSummary & { roundLabel: string })[]> {
      const rows = (await db('weight_sets')
        .join('expert_rounds', 'expert_rounds.id', 'weight_sets.round_id')
        .where('expert_rounds.study_id', studyId)
        .orderBy('weight_sets.id', 'desc')
        .select('weight_sets.id', 'weight_sets.round_id', 'weight_sets.label', 'weight_sets.settings', 'weight_sets.experts', 'weight_sets.created_at', 'expert_rounds.label as round_label')) as Row[];
      return rows.map((row) => ({
        id: Number(row.id),
        roundId: Number(row.round_id),
        label: String(row.label),
        roundLabel: String(row.round_label),
        settings: parse(row.settings, {} as WeightSetRecord['settings']),
        expertCount: parse<unknown[]>(row.experts, []).length,
        createdAt: String(row.created_at),
        createdByName: null,
      }));
    },
    async latestDemoWeightSetId(): Promise<number | undefined> {
      const row = (await db('weight_sets')
        .join('expert_rounds', 'expert_rounds.id', 'weight_sets.round_id')
        .join('studies', 'studies.id', 'expert_rounds.study_id')
        .where('studies.is_demo', true)
        .orderBy('weight_sets.id', 'desc')
        .first('weight_sets.id')) as Row | undefined;
      return row ? Number(row.id) : undefined;
    },
  };
}

export type RoundsRepository = ReturnType<typeof createRoundsRepository>;
