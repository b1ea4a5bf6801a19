import type { Knex } from 'knex';

export type QuestionnaireStatus = 'draft' | 'open' | 'closed';
export type LinkStatus = 'invited' | 'started' | 'submitted' | 'revoked';
export type ResponseSource = 'shared' | 'personal' | 'import' | 'api' | 'demo';

export interface QuestionnaireRecord {
  id: number;
  title: string;
  description: string;
  ownerId: number | null;
  ownerName: string | null;
  isDemo: boolean;
  status: QuestionnaireStatus;
  anonymous: boolean;
  deadline: string | null;
  responseLimit: number | null;
  /** Online responses received (shared and personal links), counted against the limit. */
  responseCount: number;
  sharedLinkActive: boolean;
  sharedLimit: number | null;
  sharedCount: number;
  sharedExpiresAt: string | null;
  currentVersion: number;
  createdAt: string;
  updatedAt: string;
}

export interface VersionRecord {
  questionnaireId: number;
  version: number;
  schema: string;
  createdAt: string;
  createdBy: number | null;
}

export interface LinkRecord {
  id: number;
  questionnaireId: number;
  label: string;
  status: LinkStatus;
  draft: Record<string, unknown> | null;
  draftVersion: number | null;
  draftSavedAt: string | null;
  submittedOn: string | null;
  createdAt: string;
}

export interface ResponseRecord {
  id: number;
  version: number;
  source: ResponseSource;
  linkId: number | null;
  data: Record<string, unknown>;
  submittedMonth: string;
  submittedAt: string | null;
}

export interface NewResponse {
  questionnaireId: number;
  version: number;
  source: ResponseSource;
  linkId: number | null;
  data: Record<string, unknown>;
  submittedMonth: string;
  submittedAt: string | null;
}

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

function toQuestionnaire(row: Record<string, unknown>): QuestionnaireRecord {
  return {
    id: Number(row.id),
    title: String(row.title),
    description: String(row.description ?? ''),
    ownerId: num(row.owner_id),
    ownerName: (row.owner_name as string | null | undefined) ?? null,
    isDemo: Boolean(row.is_demo),
    status: row.status as QuestionnaireStatus,
    anonymous: Boolean(row.anonymous),
    deadline: (row.deadline as string | null) ?? null,
    responseLimit: num(row.response_limit),
    responseCount: Number(row.response_count ?? 0),
    sharedLinkActive: row.shared_token_hash !== null && row.shared_token_hash !== undefined,
    sharedLimit: num(row.shared_limit),
    sharedCount: Number(row.shared_count ?? 0),
    sharedExpiresAt: (row.shared_expires_at as string | null) ?? null,
    currentVersion: Number(row.current_version),
    createdAt: String(row.created_at),
    updatedAt: String(row.updated_at),
  };
}

function toLink(row: Record<string, unknown>): LinkRecord {
  return {
    id: Number(row.id),
    questionnaireId: Number(row.questionnaire_id),
    label: String(row.label),
    status: row.status as LinkStatus,
    draft: row.draft ? (JSON.parse(String(row.draft)) as Record<string, unknown>) : null,
    draftVersion: num(row.draft_version),
    draftSavedAt: (row.draft_saved_at as string | null) ?? null,
    submittedOn: (row.submitted_on as string | null) ?? null,
    createdAt: String(row.created_at),
  };
}

function toResponse(row: Record<string, unknown>): ResponseRecord {
  return {
    id: Number(row.id),
    version: Number(row.version),
    source: row.source as ResponseSource,
    linkId: num(row.link_id),
    data: JSON.parse(String(row.data)) as Record<string, unknown>,
    submittedMonth: String(row.submitted_month),
    submittedAt: (row.submitted_at as string | null) ?? null,
  };
}

const QUESTIONNAIRE_COLUMNS = [
  'q.id', 'q.title', 'q.description', 'q.owner_id', 'q.is_demo', 'q.status', 'q.anonymous', 'q.deadline', 'q.response_limit',
  'q.response_count', 'q.shared_token_hash', 'q.shared_limit', 'q.shared_count', 'q.shared_expires_at', 'q.current_version',
  'q.created_at', 'q.updated_at',
];

export interface QuestionnaireSummary extends QuestionnaireRecord {
  responses: number;
}

export function createQuestionnairesRepository(db: Knex) {
  const base = (trx: Knex = db) =>
    trx({ q: 'questionnaires' }).leftJoin({ u: 'users' }, 'u.id', 'q.owner_id').select([...QUESTIONNAIRE_COLUMNS, 'u.name as owner_name']);

  return {
    async insertQuestionnaire(
      record: { title: string; description: string; ownerId: number | null; isDemo: boolean; anonymous: boolean; createdAt: string },
      trx: Knex = db,
    ): Promise<number> {
      const [row] = await trx('questionnaires')
        .insert({
          title: record.title, description: record.description, owner_id: record.ownerId, is_demo: record.isDemo, status: 'draft',
          anonymous: record.anonymous, current_version: 1, created_at: record.createdAt, updated_at: record.createdAt,
        })
        .returning('id');
      return Number(typeof row === 'object' ? row.id : row);
    },

    async get(id: number, trx: Knex = db): Promise<QuestionnaireRecord | undefined> {
      const row = await base(trx).where('q.id', id).first();
      return row ? toQuestionnaire(row) : undefined;
    },

    async findBySharedHash(hash: string): Promise<QuestionnaireRecord | undefined> {
      const row = await base().where('q.shared_token_hash', hash).first();
      return row ? toQuestionnaire(row) : undefined;
    },

    /** Questionnaires with their total response counts; `ownerOrDemo` limits to one owner's and the demo ones. */
    async list(filter: { ownerOrDemo?: number }): Promise<QuestionnaireSummary[]> {
      const counts = db('questionnaire_responses').select('questionnaire_id').count({ n: '*' }).groupBy('questionnaire_id').as('c');
      const query = base().leftJoin(counts, 'c.questionnaire_id', 'q.id').select('c.n as responses').orderBy('q.id', 'desc');
      if (filter.ownerOrDemo !== undefined) query.where((b) => b.where('q.owner_id', filter.ownerOrDemo as number).orWhere('q.is_demo', true));
      const rows = await query;
      return rows.map((row: Record<string, unknown>) => ({ ...toQuestionnaire(row), responses: Number(row.responses ?? 0) }));
    },

    async update(id: number, fields: Record<string, unknown>, trx: Knex = db): Promise<void> {
      await trx('questionnaires').where({ id }).update(fields);
    },

    async setSharedLink(id: number, link: { hash: string | null; limit: number | null; expiresAt: string | null; resetCount: boolean; at: string }, trx: Knex = db): Promise<void> {
      await trx('questionnaires').where({ id }).update({
        shared_token_hash: link.hash, shared_limit: link.limit, shared_expires_at: link.expiresAt,
        ...(link.resetCount ? { shared_count: 0 } : {}), updated_at: link.at,
      });
    },

    /** Whether anyone has answered online (through a shared or personal link). */
    async hasOnlineResponses(id: number, trx: Knex = db): Promise<boolean> {
      const row = await trx('questionnaire_responses').where({ questionnaire_id: id }).whereIn('source', ['shared', 'personal']).first('id');
      return Boolean(row);
    },

    /** Unlinks every response from its personal link and erases exact submission times (responses and links). */
    async anonymiseResponses(id: number, trx: Knex = db): Promise<void> {
      await trx('questionnaire_responses').where({ questionnaire_id: id }).update({ link_id: null, submitted_at: null });
      await trx('questionnaire_links').where({ questionnaire_id: id, status: 'submitted' }).update({ submitted_on: null });
    },

    async remove(id: number, trx: Knex = db): Promise<void> {
      await trx('questionnaire_responses').where({ questionnaire_id: id }).delete();
      await trx('questionnaire_links').where({ questionnaire_id: id }).delete();
      await trx('questionnaire_versions').where({ questionnaire_id: id }).delete();
      await trx('questionnaires').where({ id }).delete();
    },

    /**
     * Counts one online response if the limits allow it, in one conditional UPDATE (atomic on SQLite and
     * PostgreSQL, so concurrent submissions cannot exceed a limit). Returns false when a limit is reached.
     */
    async countOnlineResponse(id: number, shared: boolean, trx: Knex = db): Promise<boolean> {
      const query = trx('questionnaires')
        .where({ id })
        .andWhere((b) => b.whereNull('response_limit').orWhere('response_count', '<', trx.ref('response_limit')));
      if (shared) query.andWhere((b) => b.whereNull('shared_limit').orWhere('shared_count', '<', trx.ref('shared_limit')));
      const changed = await query.update({
        response_count: trx.raw('?? + 1', ['response_count']),
        ...(shared ? { shared_count: trx.raw('?? + 1', ['shared_count']) } : {}),
      });
      return changed > 0;
    },

    // versions

    async insertVersion(version: VersionRecord, trx: Knex = db): Promise<void> {
      await trx('questionnaire_versions').insert({
        questionnaire_id: version.questionnaireId, version: version.version, schema: version.schema,
        created_by: version.createdBy, created_at: version.createdAt,
      });
    },

    async replaceVersionSchema(questionnaireId: number, version: number, schema: string, trx: Knex = db): Promise<void> {
      await trx('questionnaire_versions').where({ questionnaire_id: questionnaireId, version }).update({ schema });
    },

    async getVersion(questionnaireId: number, version: number, trx: Knex = db): Promise<VersionRecord | undefined> {
      const row = await trx('questionnaire_versions').where({ questionnaire_id: questionnaireId, version }).first();
      return row
        ? { questionnaireId, version: Number(row.version), schema: String(row.schema), createdAt: String(row.created_at), createdBy: num(row.created_by) }
        : undefined;
    },

    async listVersions(questionnaireId: number): Promise<Array<VersionRecord & { responses: number }>> {
      const counts = db('questionnaire_responses').where({ questionnaire_id: questionnaireId }).select('version').count({ n: '*' }).groupBy('version').as('c');
      const rows = await db({ v: 'questionnaire_versions' })
        .leftJoin(counts, 'c.version', 'v.version')
        .where('v.questionnaire_id', questionnaireId)
        .select('v.version', 'v.schema', 'v.created_at', 'v.created_by', 'c.n as responses')
        .orderBy('v.version', 'asc');
      return rows.map((row: Record<string, unknown>) => ({
        questionnaireId, version: Number(row.version), schema: String(row.schema), createdAt: String(row.created_at),
        createdBy: num(row.created_by), responses: Number(row.responses ?? 0),
      }));
    },

    /** Responses and unsubmitted drafts that were given this version (a version in use is never edited). */
    async versionInUse(questionnaireId: number, version: number, trx: Knex = db): Promise<boolean> {
      const response = await trx('questionnaire_responses').where({ questionnaire_id: questionnaireId, version }).first('id');
      if (response) return true;
      const draft = await trx('questionnaire_links').where({ questionnaire_id: questionnaireId, draft_version: version }).whereNotNull('draft').first('id');
      return Boolean(draft);
    },

    // personal links

    async insertLinks(links: Array<{ questionnaireId: number; label: string; tokenHash: string; createdAt: string }>, trx: Knex = db): Promise<void> {
      for (let i = 0; i < links.length; i += 200) {
        await trx('questionnaire_links').insert(
          links.slice(i, i + 200).map((l) => ({ questionnaire_id: l.questionnaireId, label: l.label, token_hash: l.tokenHash, status: 'invited', created_at: l.createdAt })),
        );
      }
    },

    async listLinks(questionnaireId: number): Promise<LinkRecord[]> {
      const rows = await db('questionnaire_links')
        .where({ questionnaire_id: questionnaireId })
        .select('id', 'questionnaire_id', 'label', 'status', 'draft_version', 'draft_saved_at', 'submitted_on', 'created_at')
        .orderBy('id', 'asc');
      return rows.map((row: Record<string, unknown>) => toLink({ ...row, draft: null }));
    },

    async linkCounts(questionnaireId: number): Promise<Record<LinkStatus, number>> {
      const rows = await db('questionnaire_links').where({ questionnaire_id: questionnaireId }).select('status').count({ n: '*' }).groupBy('status');
      const counts: Record<LinkStatus, number> = { invited: 0, started: 0, submitted: 0, revoked: 0 };
      for (const row of rows as Array<{ status: LinkStatus; n: unknown }>) counts[row.status] = Number(row.n);
      return counts;
    },

    async findLinkByHash(hash: string): Promise<LinkRecord | undefined> {
      const row = await db('questionnaire_links').where({ token_hash: hash }).first();
      return row ? toLink(row) : undefined;
    },

    async getLink(questionnaireId: number, linkId: number, trx: Knex = db): Promise<LinkRecord | undefined> {
      const row = await trx('questionnaire_links').where({ questionnaire_id: questionnaireId, id: linkId }).first();
      return row ? toLink(row) : undefined;
    },

    /** Autosave: only while the link is still open (invited or started). */
    async saveDraft(linkId: number, draft: Record<string, unknown>, version: number, at: string): Promise<boolean> {
      const changed = await db('questionnaire_links')
        .where({ id: linkId })
        .whereIn('status', ['invited', 'started'])
        .update({ draft: JSON.stringify(draft), draft_version: version, draft_saved_at: at, status: 'started' });
      return changed > 0;
    },

    /** Marks a link submitted if it was still open; false if it was submitted (or revoked) meanwhile. */
    async markLinkSubmitted(linkId: number, submittedOn: string | null, trx: Knex = db): Promise<boolean> {
      const changed = await trx('questionnaire_links')
        .where({ id: linkId })
        .whereIn('status', ['invited', 'started'])
        .update({ status: 'submitted', submitted_on: submittedOn, draft: null, draft_version: null, draft_saved_at: null });
      return changed > 0;
    },

    async revokeLink(questionnaireId: number, linkId: number, trx: Knex = db): Promise<boolean> {
      const changed = await trx('questionnaire_links')
        .where({ questionnaire_id: questionnaireId, id: linkId })
        .whereIn('status', ['invited', 'started'])
        .update({ status: 'revoked', draft: null, draft_version: null, draft_saved_at: null });
      return changed > 0;
    },

    async replaceLinkToken(questionnaireId: number, linkId: number, tokenHash: string, trx: Knex = db): Promise<boolean> {
      const changed = await trx('questionnaire_links')
        .where({ questionnaire_id: questionnaireId, id: linkId })
        .whereIn('status', ['invited', 'started', 'revoked'])
        .update({ token_hash: tokenHash, status: trx.raw("case when status = 'revoked' then 'invited' else status end") });
      return changed > 0;
    },

    // responses

    async insertResponses(responses: NewResponse[], trx: Knex = db): Promise<void> {
      for (let i = 0; i < responses.length; i += 200) {
        await trx('questionnaire_responses').insert(
          responses.slice(i, i + 200).map((r) => ({
            questionnaire_id: r.questionnaireId, version: r.version, source: r.source, link_id: r.linkId,
            data: JSON.stringify(r.data), submitted_month: r.submittedMonth, submitted_at: r.submittedAt,
          })),
        );
      }
    },

    async listResponses(questionnaireId: number, version?: number): Promise<ResponseRecord[]> {
      const query = db('questionnaire_responses').where({ questionnaire_id: questionnaireId }).orderBy('id', 'asc');
      if (version !== undefined) query.andWhere({ version });
      const rows = await query.select('id', 'version', 'source', 'link_id', 'data', 'submitted_month', 'submitted_at');
      return rows.map(toResponse);
    },

    async responseSources(questionnaireId: number): Promise<Record<string, number>> {
      const rows = await db('questionnaire_responses').where({ questionnaire_id: questionnaireId }).select('source').count({ n: '*' }).groupBy('source');
      return Object.fromEntries((rows as Array<{ source: string; n: unknown }>).map((r) => [r.source, Number(r.n)]));
    },
  };
}

export type QuestionnairesRepository = ReturnType<typeof createQuestionnairesRepository>;
