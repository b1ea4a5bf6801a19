import type { Knex } from 'knex';
import type { Locale } from '../../i18n/locale.js';
import type { Translate } from '../../i18n/translator.js';
import { ConflictError, ForbiddenError, GoneError, NotFoundError, ValidationError } from '../../web/http-errors.js';
import type { AuthUser } from '../../web/request-context.js';
import { hashSecretToken, looksLikeSecretToken, newSecretToken } from '../../web/secret-token.js';
import type { AuditService } from '../audit/audit-service.js';
import { checkAnswers } from './check-answers.js';
import { compileStoredSurvey, compileSurvey, SurveySchemaError, type CompiledSurvey } from './compile-survey.js';
import { canReadQuestionnaire, canWriteQuestionnaire } from './questionnaire-access.js';
import { answersError, ImportRejectedError, schemaError, describeAnswerIssues, type RowIssue } from './questionnaire-errors.js';
import { smeRiskTemplate } from './questionnaire-template.js';
import type {
  LinkRecord, NewResponse, QuestionnaireRecord, QuestionnaireStatus, QuestionnairesRepository, ResponseRecord, ResponseSource,
} from './questionnaires-repository.js';
import { checkHeaders, rowToAnswers, ResponseFileError, type ResponseTable } from './response-file.js';

export interface QuestionnairesServiceDeps {
  db: Knex;
  repository: QuestionnairesRepository;
  audit: AuditService;
  now: () => Date;
}

export interface SettingsInput {
  status: QuestionnaireStatus;
  /** Last day responses are accepted (YYYY-MM-DD, UTC), or null. */
  deadline: string | null;
  responseLimit: number | null;
  anonymous: boolean;
}

/** Whether a questionnaire accepts responses right now, and if not, why. */
export type Availability = 'open' | 'not-open' | 'closed' | 'full';

/** What a respondent's page needs: the questionnaire, the version to show, and for personal links the link. */
export interface RespondentContext {
  questionnaire: QuestionnaireRecord;
  version: number;
  compiled: CompiledSurvey;
  availability: Availability;
  link: LinkRecord | null;
}

export interface SubmissionInput {
  version: number;
  data: unknown;
}

/** Yields to the event loop during long synchronous work (imports), so other requests are served meanwhile. */
const breathe = () => new Promise<void>((resolve) => setImmediate(resolve));

function compileOrThrow(schema: unknown, t: Translate): CompiledSurvey {
  try {
    return compileSurvey(schema);
  } catch (error) {
    if (error instanceof SurveySchemaError) throw schemaError(error.issues, t);
    throw error;
  }
}

export function createQuestionnairesService(deps: QuestionnairesServiceDeps) {
  const { db, repository: repo, audit } = deps;
  const nowIso = () => deps.now().toISOString();
  const month = () => nowIso().slice(0, 7);

  async function load(user: AuthUser, id: number, mode: 'read' | 'write'): Promise<QuestionnaireRecord> {
    const q = await repo.get(id);
    if (!q || !canReadQuestionnaire(user, q)) throw new NotFoundError('questionnaires.notFound');
    if (mode === 'write' && !canWriteQuestionnaire(user, q)) throw new ForbiddenError('questionnaires.readOnly');
    return q;
  }

  async function compiledVersion(questionnaireId: number, version: number): Promise<CompiledSurvey> {
    const record = await repo.getVersion(questionnaireId, version);
    if (!record) throw new NotFoundError('questionnaires.versionNotFound');
    return compileStoredSurvey(record.schema);
  }

  function availability(q: QuestionnaireRecord, shared: boolean): Availability {
    if (q.status === 'draft') return 'not-open';
    if (q.status === 'closed') return 'closed';
    if (q.deadline && nowIso().slice(0, 10) > q.deadline) return 'closed';
    if (q.responseLimit !== null && q.responseCount >= q.responseLimit) return 'full';
    if (shared && q.sharedLimit !== null && q.sharedCount >= q.sharedLimit) return 'full';
    return 'open';
  }

  function refuseUnlessOpen(state: Availability): void {
    if (state === 'full') throw new GoneError('questionnaires.respond.full');
    if (state !== 'open') throw new GoneError('questionnaires.respond.closed');
  }

  /** The version a submission names: any version of this questionnaire (responses keep the one they answered). */
  async function submittedVersion(context: RespondentContext, version: number): Promise<CompiledSurvey> {
    if (!Number.isInteger(version) || version < 1 || version > context.questionnaire.currentVersion) {
      throw new ValidationError('questionnaires.respond.badVersion');
    }
    return version === context.version ? context.compiled : compiledVersion(context.questionnaire.id, version);
  }

  // respondents (link routes; a wrong, revoked or expired token is always the same 404)
  async function resolveShared(token: string): Promise<RespondentContext> {
    if (!looksLikeSecretToken(token)) throw new NotFoundError('questionnaires.respond.notFound');
    const q = await repo.findBySharedHash(hashSecretToken(token));
    if (!q || (q.sharedExpiresAt && nowIso().slice(0, 10) > q.sharedExpiresAt)) throw new NotFoundError('questionnaires.respond.notFound');
    return { questionnaire: q, version: q.currentVersion, compiled: await compiledVersion(q.id, q.currentVersion), availability: availability(q, true), link: null };
  }

  async function resolvePersonal(token: string): Promise<RespondentContext> {
    if (!looksLikeSecretToken(token)) throw new NotFoundError('questionnaires.respond.notFound');
    const link = await repo.findLinkByHash(hashSecretToken(token));
    if (!link || link.status === 'revoked') throw new NotFoundError('questionnaires.respond.notFound');
    const q = (await repo.get(link.questionnaireId)) as QuestionnaireRecord;
    // A started draft resumes on the version it was begun with.
    const version = link.draftVersion ?? q.currentVersion;
    return { questionnaire: q, version, compiled: await compiledVersion(q.id, version), availability: availability(q, false), link };
  }

  return {
    availability,
    load,
    compiledVersion,

    async list(user: AuthUser) {
      if (user.role === 'admin' || user.role === 'manager') return repo.list({});
      if (user.role === 'researcher') return repo.list({ ownerOrDemo: user.id });
      return [];
    },

    get: (user: AuthUser, id: number) => load(user, id, 'read'),
    getForWrite: (user: AuthUser, id: number) => load(user, id, 'write'),

    /** The questionnaire with its current (or a given) version's JSON, compiled. */
    async withVersion(user: AuthUser, id: number, version?: number) {
      const questionnaire = await load(user, id, 'read');
      const v = version ?? questionnaire.currentVersion;
      const record = await repo.getVersion(id, v);
      if (!record) throw new NotFoundError('questionnaires.versionNotFound');
      return { questionnaire, version: v, schemaText: record.schema, compiled: compileStoredSurvey(record.schema) };
    },

    versions: async (user: AuthUser, id: number) => {
      await load(user, id, 'read');
      return repo.listVersions(id);
    },

    /** Creates a questionnaire from SurveyJS JSON (validated and sanitised); version 1, status draft. */
    async create(
      user: AuthUser,
      input: { title: string; description: string; schema: unknown; isDemo?: boolean },
      t: Translate,
      ip: string | null = null,
    ): Promise<number> {
      if (user.role !== 'admin' && user.role !== 'researcher') throw new ForbiddenError('questionnaires.readOnly');
      const compiled = compileOrThrow(input.schema, t);
      const at = nowIso();
      return db.transaction(async (trx) => {
        const id = await repo.insertQuestionnaire(
          { title: input.title, description: input.description, ownerId: user.id, isDemo: input.isDemo === true, anonymous: true, createdAt: at },
          trx,
        );
        await repo.insertVersion({ questionnaireId: id, version: 1, schema: JSON.stringify(compiled.schema), createdAt: at, createdBy: user.id }, trx);
        await audit.record({ event: 'questionnaire.created', actorUserId: user.id, targetType: 'questionnaire', targetId: id, ip, details: { title: input.title } }, trx);
        return id;
      });
    },

    /** The shipped template's JSON (English and Chinese). */
    template: () => smeRiskTemplate(),

    /**
     * Saves edited JSON, title and description. A version that already has responses (or drafts) is never
     * changed: the new JSON becomes a new version, and responses keep the version they answered.
     */
    async update(
      user: AuthUser,
      id: number,
      input: { title: string; description: string; schema: unknown },
      t: Translate,
      ip: string | null = null,
    ): Promise<{ version: number; newVersion: boolean }> {
      await load(user, id, 'write');
      const compiled = compileOrThrow(input.schema, t);
      const schemaText = JSON.stringify(compiled.schema);
      const at = nowIso();
      return db.transaction(async (trx) => {
        const q = (await repo.get(id, trx)) as QuestionnaireRecord;
        const current = await repo.getVersion(id, q.currentVersion, trx);
        let version = q.currentVersion;
        let newVersion = false;
        if (current && current.schema !== schemaText) {
          if (await repo.versionInUse(id, q.currentVersion, trx)) {
            version = q.currentVersion + 1;
            newVersion = true;
            await repo.insertVersion({ questionnaireId: id, version, schema: schemaText, createdAt: at, createdBy: user.id }, trx);
          } else {
            await repo.replaceVersionSchema(id, version, schemaText, trx);
          }
        }
        await repo.update(id, { title: input.title, description: input.description, current_version: version, updated_at: at }, trx);
        await audit.record({ event: 'questionnaire.updated', actorUserId: user.id, targetType: 'questionnaire', targetId: id, ip, details: { version, newVersion } }, trx);
        return { version, newVersion };
      });
    },

    /**
     * Status, deadline, response limit and anonymity. Anonymity can be switched on at any time (existing personal
     * responses are then unlinked from their links and their exact times erased) but switched off only while there
     * are no responses, so nobody who answered under a promise of anonymity is identified afterwards.
     */
    async updateSettings(user: AuthUser, id: number, input: SettingsInput, ip: string | null = null): Promise<void> {
      const q = await load(user, id, 'write');
      await db.transaction(async (trx) => {
        if (!input.anonymous && q.anonymous && (await repo.hasOnlineResponses(id, trx))) {
          throw new ValidationError('questionnaires.settings.cannotIdentify', { anonymous: 'questionnaires.settings.cannotIdentify' });
        }
        if (input.anonymous && !q.anonymous) await repo.anonymiseResponses(id, trx);
        await repo.update(
          id,
          { status: input.status, deadline: input.deadline, response_limit: input.responseLimit, anonymous: input.anonymous, updated_at: nowIso() },
          trx,
        );
        await audit.record({ event: 'questionnaire.settings', actorUserId: user.id, targetType: 'questionnaire', targetId: id, ip, details: { ...input } }, trx);
      });
    },

    async remove(user: AuthUser, id: number, ip: string | null = null): Promise<void> {
      const q = await load(user, id, 'write');
      await db.transaction(async (trx) => {
        await repo.remove(id, trx);
        await audit.record({ event: 'questionnaire.deleted', actorUserId: user.id, targetType: 'questionnaire', targetId: id, ip, details: { title: q.title } }, trx);
      });
    },

    // distribution

    /**
     * A new anonymous shared link (any earlier one stops working). Only its hash is stored: the link is shown once.
     * `limit` caps the responses through this link, `expiresOn` (YYYY-MM-DD, UTC) its last day.
     */
    async createSharedLink(user: AuthUser, id: number, input: { limit: number | null; expiresOn: string | null }, ip: string | null = null): Promise<string> {
      await load(user, id, 'write');
      const token = newSecretToken();
      await db.transaction(async (trx) => {
        await repo.setSharedLink(id, { hash: hashSecretToken(token), limit: input.limit, expiresAt: input.expiresOn, resetCount: true, at: nowIso() }, trx);
        await audit.record({ event: 'questionnaire.sharedLink', actorUserId: user.id, targetType: 'questionnaire', targetId: id, ip, details: { ...input } }, trx);
      });
      return token;
    },

    async disableSharedLink(user: AuthUser, id: number, ip: string | null = null): Promise<void> {
      await load(user, id, 'write');
      await db.transaction(async (trx) => {
        await repo.setSharedLink(id, { hash: null, limit: null, expiresAt: null, resetCount: false, at: nowIso() }, trx);
        await audit.record({ event: 'questionnaire.sharedLinkDisabled', actorUserId: user.id, targetType: 'questionnaire', targetId: id, ip }, trx);
      });
    },

    /** Personal links, one per label; the tokens are returned once (only their hashes are stored). */
    async createLinks(user: AuthUser, id: number, labels: string[], ip: string | null = null): Promise<Array<{ label: string; token: string }>> {
      await load(user, id, 'write');
      const created = labels.map((label) => ({ label, token: newSecretToken() }));
      const at = nowIso();
      await db.transaction(async (trx) => {
        await repo.insertLinks(created.map((c) => ({ questionnaireId: id, label: c.label, tokenHash: hashSecretToken(c.token), createdAt: at })), trx);
        await audit.record({ event: 'questionnaire.links', actorUserId: user.id, targetType: 'questionnaire', targetId: id, ip, details: { count: created.length } }, trx);
      });
      return created;
    },

    links: async (user: AuthUser, id: number) => {
      await load(user, id, 'read');
      return repo.listLinks(id);
    },

    linkCounts: (id: number) => repo.linkCounts(id),
    responseSources: (id: number) => repo.responseSources(id),

    async revokeLink(user: AuthUser, id: number, linkId: number, ip: string | null = null): Promise<void> {
      await load(user, id, 'write');
      await db.transaction(async (trx) => {
        if (!(await repo.revokeLink(id, linkId, trx))) throw new NotFoundError('questionnaires.links.notFound');
        await audit.record({ event: 'questionnaire.linkRevoked', actorUserId: user.id, targetType: 'questionnaire', targetId: id, ip, details: { link: linkId } }, trx);
      });
    },

    /** A new token for a link that was not submitted (the old one stops working); a revoked link is reopened. */
    async reissueLink(user: AuthUser, id: number, linkId: number, ip: string | null = null): Promise<{ label: string; token: string }> {
      await load(user, id, 'write');
      const token = newSecretToken();
      const label = await db.transaction(async (trx) => {
        const link = await repo.getLink(id, linkId, trx);
        if (!link || !(await repo.replaceLinkToken(id, linkId, hashSecretToken(token), trx))) throw new NotFoundError('questionnaires.links.notFound');
        await audit.record({ event: 'questionnaire.linkReissued', actorUserId: user.id, targetType: 'questionnaire', targetId: id, ip, details: { link: linkId } }, trx);
        return link.label;
      });
      return { label, token };
    },

    resolveShared,
    resolvePersonal,

    /** An anonymous response through the shared link: no identity, no IP, only the month. */
    async submitShared(token: string, input: SubmissionInput, locale: Locale, t: Translate): Promise<void> {
      const context = await resolveShared(token);
      refuseUnlessOpen(context.availability);
      const compiled = await submittedVersion(context, input.version);
      const check = checkAnswers(compiled, input.data, { partial: false, locale });
      if (check.issues.length > 0) throw answersError(check.issues, t);
      await db.transaction(async (trx) => {
        if (!(await repo.countOnlineResponse(context.questionnaire.id, true, trx))) throw new GoneError('questionnaires.respond.full');
        await repo.insertResponses(
          [{ questionnaireId: context.questionnaire.id, version: input.version, source: 'shared', linkId: null, data: check.data, submittedMonth: month(), submittedAt: null }],
          trx,
        );
      });
    },

    /** Autosave of a personal link's answers (checked against the allow-list, required answers not yet). */
    async autosave(token: string, input: SubmissionInput, locale: Locale, t: Translate): Promise<{ savedAt: string }> {
      const context = await resolvePersonal(token);
      const link = context.link as LinkRecord;
      if (link.status === 'submitted') throw new ConflictError(t('questionnaires.respond.alreadySubmitted'));
      refuseUnlessOpen(context.availability);
      const compiled = await submittedVersion(context, input.version);
      const check = checkAnswers(compiled, input.data, { partial: true, locale });
      if (check.issues.length > 0) throw answersError(check.issues, t);
      const at = nowIso();
      if (!(await repo.saveDraft(link.id, check.data, input.version, at))) throw new ConflictError(t('questionnaires.respond.alreadySubmitted'));
      return { savedAt: at };
    },

    /**
     * A personal link's response: one per link (a second submission is 409). Anonymous questionnaires store it
     * like a shared-link response (no link, only the month) and record on the link only that it was used.
     */
    async submitPersonal(token: string, input: SubmissionInput, locale: Locale, t: Translate): Promise<void> {
      const context = await resolvePersonal(token);
      const link = context.link as LinkRecord;
      if (link.status === 'submitted') throw new ConflictError(t('questionnaires.respond.alreadySubmitted'));
      refuseUnlessOpen(context.availability);
      const compiled = await submittedVersion(context, input.version);
      const check = checkAnswers(compiled, input.data, { partial: false, locale });
      if (check.issues.length > 0) throw answersError(check.issues, t);
      const anonymous = context.questionnaire.anonymous;
      const at = nowIso();
      await db.transaction(async (trx) => {
        if (!(await repo.markLinkSubmitted(link.id, anonymous ? null : at, trx))) throw new ConflictError(t('questionnaires.respond.alreadySubmitted'));
        if (!(await repo.countOnlineResponse(context.questionnaire.id, false, trx))) throw new GoneError('questionnaires.respond.full');
        await repo.insertResponses(
          [{
            questionnaireId: context.questionnaire.id, version: input.version, source: 'personal', linkId: anonymous ? null : link.id,
            data: check.data, submittedMonth: month(), submittedAt: anonymous ? null : at,
          }],
          trx,
        );
      });
    },

    /** Checks answers against a version without storing anything (the researcher's preview). */
    async checkPreview(user: AuthUser, id: number, input: SubmissionInput, locale: Locale, t: Translate) {
      await load(user, id, 'read');
      const compiled = await compiledVersion(id, input.version);
      const check = checkAnswers(compiled, input.data, { partial: false, locale });
      return { ok: check.issues.length === 0, issues: describeAnswerIssues(check.issues, t) };
    },

    /**
     * The demo questionnaire (no owner, flagged is_demo, closed) with its responses, each checked exactly like an
     * online answer. Used by the demo seeder only.
     */
    async createDemo(input: { title: string; description: string; schema: unknown; responses: Array<Record<string, unknown>>; months: string[] }): Promise<number> {
      const compiled = compileSurvey(input.schema);
      const at = nowIso();
      const rows = input.responses.map((data, i) => {
        const check = checkAnswers(compiled, data, { partial: false, locale: 'en' });
        if (check.issues.length > 0) throw new Error(`demo response ${i + 1} is invalid: ${JSON.stringify(check.issues)}`);
        return check.data;
      });
      return db.transaction(async (trx) => {
        const id = await repo.insertQuestionnaire({ title: input.title, description: input.description, ownerId: null, isDemo: true, anonymous: true, createdAt: at }, trx);
        await repo.insertVersion({ questionnaireId: id, version: 1, schema: JSON.stringify(compiled.schema), createdAt: at, createdBy: null }, trx);
        await repo.insertResponses(
          rows.map((data, i) => ({
            questionnaireId: id, version: 1, source: 'demo', linkId: null, data,
            submittedMonth: input.months[i % input.months.length] ?? at.slice(0, 7), submittedAt: null,
          })),
          trx,
        );
        await repo.update(id, { status: 'closed' }, trx);
        return id;
      });
    },

    // responses

    responses: async (user: AuthUser, id: number, version?: number): Promise<ResponseRecord[]> => {
      await load(user, id, 'read');
      return repo.listResponses(id, version);
    },

    /**
     * Imports responses collected elsewhere into the current version, all or nothing: every row is converted and
     * validated like an online answer (allow-list and SurveyJS), and if any row fails, nothing is stored and every
     * problem is reported with its row. `rows` are JSON objects (API) or a table read from CSV/XLSX.
     */
    async importResponses(
      user: AuthUser,
      id: number,
      input: { kind: 'rows'; rows: unknown[] } | { kind: 'table'; table: ResponseTable },
      source: Extract<ResponseSource, 'import' | 'api' | 'demo'>,
      locale: Locale,
      t: Translate,
      ip: string | null = null,
    ): Promise<{ imported: number; version: number }> {
      const q = await load(user, id, 'write');
      const compiled = await compiledVersion(id, q.currentVersion);
      const problems: RowIssue[] = [];
      const accepted: NewResponse[] = [];
      const items: Array<{ row: number; data: unknown }> = [];
      if (input.kind === 'table') {
        try {
          checkHeaders(input.table.headers, compiled);
        } catch (error) {
          if (error instanceof ResponseFileError) {
            throw new ImportRejectedError([{ row: 1, question: String(error.params.column ?? ''), message: t(`questionnaires.import.${error.code}`, error.params) }]);
          }
          throw error;
        }
        for (const row of input.table.rows) items.push({ row: row.line, data: rowToAnswers(input.table.headers, row.cells, compiled) });
      } else {
        input.rows.forEach((data, i) => items.push({ row: i + 1, data }));
      }
      if (items.length === 0) throw new ImportRejectedError([], 'questionnaires.import.noRows');
      const submittedMonth = month();
      for (let i = 0; i < items.length; i++) {
        if (i > 0 && i % 100 === 0) await breathe();
        const item = items[i];
        const check = checkAnswers(compiled, item.data, { partial: false, locale });
        if (check.issues.length > 0) {
          for (const issue of describeAnswerIssues(check.issues, t)) if (problems.length < 500) problems.push({ row: item.row, ...issue });
          continue;
        }
        accepted.push({ questionnaireId: id, version: q.currentVersion, source, linkId: null, data: check.data, submittedMonth, submittedAt: null });
      }
      if (problems.length > 0) throw new ImportRejectedError(problems).with({ count: new Set(problems.map((p) => p.row)).size });
      await db.transaction(async (trx) => {
        await repo.insertResponses(accepted, trx);
        await audit.record({ event: 'questionnaire.import', actorUserId: user.id, targetType: 'questionnaire', targetId: id, ip, details: { rows: accepted.length, source } }, trx);
      });
      return { imported: accepted.length, version: q.currentVersion };
    },
  };
}

export type QuestionnairesService = ReturnType<typeof createQuestionnairesService>;
