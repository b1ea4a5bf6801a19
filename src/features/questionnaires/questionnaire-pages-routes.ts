import type { Request, Response } from 'express';
import QRCode from 'qrcode';
import { parseForm, parseInput } from '../../web/forms.js';
import { ValidationError } from '../../web/http-errors.js';
import { flash } from '../../web/render-page.js';
import type { AuthUser } from '../../web/request-context.js';
import { access, route, type RouteDef } from '../../web/route-table.js';
import { safeFileName } from '../../web/exports.js';
import { inviteLink } from '../admin/admin-routes.js';
import { textIn } from './local-text.js';
import { formFeedback, translateErrors } from './form-feedback.js';
import { blankQuestionnaire } from './questionnaire-template.js';
import { readCsvTable, readXlsxTable, ResponseFileError, MAX_IMPORT_ROWS } from './response-file.js';
import { ImportRejectedError } from './questionnaire-errors.js';
import { EditQuestionnaireForm, Id, LinksForm, NewQuestionnaireForm, SettingsForm, SharedLinkForm, SubmissionBody } from './questionnaires-schemas.js';
import type { QuestionnairesService } from './questionnaires-service.js';
import { SUPPORTED_TYPES } from './compile-survey.js';
import { canWriteQuestionnaire } from './questionnaire-access.js';

export interface QuestionnairePagesDeps {
  questionnaires: QuestionnairesService;
  publicUrl: string;
}

type UploadedFile = { buffer: Buffer; originalname: string; mimetype: string };
const uploaded = (req: Request) => (req as Request & { file?: UploadedFile }).file;

/** Parses pasted or uploaded JSON; a syntax error becomes a form message naming the position. */
function parseJsonText(text: string): unknown {
  try {
    return JSON.parse(text.replace(/^\ufeff/, ''));
  } catch (error) {
    throw new ValidationError('questionnaires.schema.notJson', { schema: 'questionnaires.schema.notJson' }).with({
      detail: error instanceof Error ? error.message.slice(0, 200) : '',
    });
  }
}

/**
 * The researcher's pages: list, create (template, blank, pasted or uploaded JSON), overview with settings,
 * JSON editor, preview, distribution (shared and personal links) and import. Every form posts to its own route and
 * redirects (303), or re-renders its page with the messages and status 400.
 */
export function questionnairePagesRoutes(deps: QuestionnairePagesDeps): RouteDef[] {
  const { questionnaires } = deps;
  const reader = access.session('admin', 'researcher', 'manager');
  const writer = access.session('admin', 'researcher');
  const actor = (req: Request) => req.user as AuthUser;
  const qid = (req: Request) => Id.parse(req.params.id);
  const home = (req: Request) => ({ label: req.t('nav.home'), href: '/' });
  const listCrumb = (req: Request) => ({ label: req.t('questionnaires.title'), href: '/questionnaires' });
  const canWrite = (req: Request) => actor(req).role === 'admin' || actor(req).role === 'researcher';

  const renderNew = (req: Request, res: Response, extra: Record<string, unknown> = {}, status = 200) => {
    const template = questionnaires.template();
    res.page(
      'questionnaires/new',
      {
        title: req.t('questionnaires.new'),
        breadcrumbs: [home(req), listCrumb(req), { label: req.t('questionnaires.new') }],
        values: { title: textIn({ en: (template.title as { default: string }).default, zh: (template.title as { 'zh-cn': string })['zh-cn'] }, req.locale), description: '', source: 'template', schema: '' },
        errors: {},
        issues: [],
        supportedTypes: SUPPORTED_TYPES,
        ...extra,
      },
      status,
    );
  };

  const renderShow = async (req: Request, res: Response, id: number, extra: Record<string, unknown> = {}, status = 200) => {
    const { questionnaire: q, compiled } = await questionnaires.withVersion(actor(req), id);
    const versions = await questionnaires.versions(actor(req), id);
    res.page(
      'questionnaires/show',
      {
        title: q.title,
        breadcrumbs: [home(req), listCrumb(req), { label: q.title }],
        q,
        tab: 'overview',
        compiled,
        versions,
        availability: questionnaires.availability(q, false),
        sources: await questionnaires.responseSources(id),
        linkCounts: await questionnaires.linkCounts(id),
        writable: canWriteQuestionnaire(actor(req), q),
        settings: { status: q.status, deadline: q.deadline ?? '', responseLimit: q.responseLimit ?? '', anonymous: q.anonymous },
        errors: {},
        ...extra,
      },
      status,
    );
  };

  const renderEdit = async (req: Request, res: Response, id: number, extra: Record<string, unknown> = {}, status = 200) => {
    const { questionnaire: q, schemaText, version } = await questionnaires.withVersion(actor(req), id);
    await questionnaires.getForWrite(actor(req), id);
    res.page(
      'questionnaires/edit',
      {
        title: req.t('questionnaires.edit.title', { title: q.title }),
        breadcrumbs: [home(req), listCrumb(req), { label: q.title, href: `/questionnaires/${id}` }, { label: req.t('common.edit') }],
        q,
        tab: 'edit',
        version,
        inUse: (await questionnaires.versions(actor(req), id)).some((v) => v.version === version && v.responses > 0),
        values: { title: q.title, description: q.description, schema: JSON.stringify(JSON.parse(schemaText), null, 2) },
        errors: {},
        issues: [],
        supportedTypes: SUPPORTED_TYPES,
        wide: true,
        ...extra,
      },
      status,
    );
  };

  const renderDistribution = async (req: Request, res: Response, id: number, extra: Record<string, unknown> = {}, status = 200) => {
    const q = await questionnaires.getForWrite(actor(req), id);
    res.page(
      'questionnaires/distribution',
      {
        title: req.t('questionnaires.distribution.title'),
        breadcrumbs: [home(req), listCrumb(req), { label: q.title, href: `/questionnaires/${id}` }, { label: req.t('questionnaires.distribution.title') }],
        q,
        tab: 'distribution',
        availability: questionnaires.availability(q, true),
        links: await questionnaires.links(actor(req), id),
        newShared: null,
        newLinks: null,
        sharedValues: { limit: q.sharedLimit ?? '', expiresOn: q.sharedExpiresAt ?? '' },
        linkValues: { labels: '' },
        errors: {},
        ...extra,
      },
      status,
    );
  };

  const renderImport = async (req: Request, res: Response, id: number, extra: Record<string, unknown> = {}, status = 200) => {
    const { questionnaire: q, compiled } = await questionnaires.withVersion(actor(req), id);
    await questionnaires.getForWrite(actor(req), id);
    res.page(
      'questionnaires/import',
      {
        title: req.t('questionnaires.import.title'),
        breadcrumbs: [home(req), listCrumb(req), { label: q.title, href: `/questionnaires/${id}` }, { label: req.t('questionnaires.import.title') }],
        q,
        tab: 'import',
        compiled,
        maxRows: MAX_IMPORT_ROWS,
        errors: {},
        rows: [],
        imported: null,
        ...extra,
      },
      status,
    );
  };

  const link = (req: Request, path: string) => inviteLink(req, deps.publicUrl, path);

  return [
    route.get('/questionnaires', reader, async (req, res) => {
      res.page('questionnaires/list', {
        title: req.t('questionnaires.title'),
        breadcrumbs: [home(req), { label: req.t('questionnaires.title') }],
        questionnaires: await questionnaires.list(actor(req)),
        canCreate: canWrite(req),
      });
    }),
    route.get('/questionnaires/new', writer, (req, res) => renderNew(req, res)),
    route.post('/questionnaires', writer, { body: ['form', 'multipart'], bodyLimit: '2mb' }, async (req, res) => {
      const body = (req.body ?? {}) as Record<string, unknown>;
      const values = { title: body.title ?? '', description: body.description ?? '', source: body.source ?? 'template', schema: body.schema ?? '' };
      const parsed = parseForm(NewQuestionnaireForm, body);
      if (!parsed.ok) return renderNew(req, res, { values, errors: translateErrors(req, parsed.errors) }, 400);
      const { title, description, source } = parsed.data;
      const build = async () => {
        if (source === 'template') return questionnaires.template();
        if (source === 'blank') return blankQuestionnaire();
        if (source === 'file') {
          const file = uploaded(req);
          if (!file || file.buffer.length === 0) throw new ValidationError('questionnaires.new.fileRequired', { file: 'questionnaires.new.fileRequired' });
          return parseJsonText(file.buffer.toString('utf8'));
        }
        if (!parsed.data.schema?.trim()) throw new ValidationError('questionnaires.new.jsonRequired', { schema: 'questionnaires.new.jsonRequired' });
        return parseJsonText(parsed.data.schema);
      };
      const id = await build()
        .then((schema) => questionnaires.create(actor(req), { title, description: description ?? '', schema }, req.t, req.ip ?? null))
        .catch((err: unknown) => {
          const feedback = formFeedback(req, err);
          renderNew(req, res, { values, errors: feedback.errors, issues: feedback.issues }, feedback.status);
          return undefined;
        });
      if (id === undefined) return;
      flash(req, 'success', req.t('questionnaires.created'));
      res.redirect(303, `/questionnaires/${id}`);
    }),

    route.get('/questionnaires/:id', reader, (req, res) => renderShow(req, res, qid(req))),
    route.post('/questionnaires/:id/settings', writer, async (req, res) => {
      const id = qid(req);
      const parsed = parseForm(SettingsForm, req.body);
      const body = (req.body ?? {}) as Record<string, unknown>;
      const settings = { status: body.status, deadline: body.deadline ?? '', responseLimit: body.responseLimit ?? '', anonymous: body.anonymous === 'on' };
      if (!parsed.ok) return renderShow(req, res, id, { settings, errors: translateErrors(req, parsed.errors) }, 400);
      const input = { status: parsed.data.status, deadline: parsed.data.deadline ?? null, responseLimit: parsed.data.responseLimit ?? null, anonymous: parsed.data.anonymous };
      const done = await questionnaires.updateSettings(actor(req), id, input, req.ip ?? null).then(
        () => true,
        async (err: unknown) => {
          const feedback = formFeedback(req, err);
          await renderShow(req, res, id, { settings, errors: feedback.errors }, feedback.status);
          return false;
        },
      );
      if (!done) return;
      flash(req, 'success', req.t('questionnaires.settings.saved'));
      res.redirect(303, `/questionnaires/${id}`);
    }),
    route.post('/questionnaires/:id/delete', writer, async (req, res) => {
      await questionnaires.remove(actor(req), qid(req), req.ip ?? null);
      flash(req, 'success', req.t('questionnaires.deleted'));
      res.redirect(303, '/questionnaires');
    }),

    route.get('/questionnaires/:id/edit', writer, (req, res) => renderEdit(req, res, qid(req))),
    route.post('/questionnaires/:id/edit', writer, { bodyLimit: '2mb' }, async (req, res) => {
      const id = qid(req);
      const body = (req.body ?? {}) as Record<string, unknown>;
      const values = { title: body.title ?? '', description: body.description ?? '', schema: body.schema ?? '' };
      const parsed = parseForm(EditQuestionnaireForm, body);
      if (!parsed.ok) return renderEdit(req, res, id, { values, errors: translateErrors(req, parsed.errors) }, 400);
      const result = await Promise.resolve()
        .then(() => parseJsonText(parsed.data.schema))
        .then((schema) => questionnaires.update(actor(req), id, { title: parsed.data.title, description: parsed.data.description ?? '', schema }, req.t, req.ip ?? null))
        .catch(async (err: unknown) => {
          const feedback = formFeedback(req, err);
          await renderEdit(req, res, id, { values, errors: feedback.errors, issues: feedback.issues }, feedback.status);
          return undefined;
        });
      if (!result) return;
      flash(req, 'success', result.newVersion ? req.t('questionnaires.edit.newVersion', { version: result.version }) : req.t('questionnaires.edit.saved'));
      res.redirect(303, `/questionnaires/${id}`);
    }),
    route.get('/questionnaires/:id/schema.json', reader, async (req, res) => {
      const requested = typeof req.query.version === 'string' && /^\d{1,6}$/.test(req.query.version) ? Number(req.query.version) : undefined;
      const { questionnaire: q, schemaText, version } = await questionnaires.withVersion(actor(req), qid(req), requested);
      res.set('Content-Type', 'application/json; charset=utf-8');
      res.set('Content-Disposition', `attachment; filename="${safeFileName(`questionnaire-${q.id}-v${version}`, 'json')}"`);
      res.send(JSON.stringify(JSON.parse(schemaText), null, 2));
    }),
    route.get('/questionnaires/:id/preview', reader, async (req, res) => {
      const requested = typeof req.query.version === 'string' && /^\d{1,6}$/.test(req.query.version) ? Number(req.query.version) : undefined;
      const { questionnaire: q, compiled, version } = await questionnaires.withVersion(actor(req), qid(req), requested);
      const vendor = res.locals.vendor as Record<string, string>;
      res.page('questionnaires/preview', {
        title: req.t('questionnaires.preview.title'),
        breadcrumbs: [home(req), listCrumb(req), { label: q.title, href: `/questionnaires/${q.id}` }, { label: req.t('questionnaires.preview.title') }],
        q,
        tab: 'preview',
        version,
        respondData: {
          mode: 'preview', schema: compiled.schema, version, locale: req.locale,
          checkUrl: `/questionnaires/${q.id}/preview/check`,
          messages: {
            previewDone: req.t('questionnaires.preview.done'), accepted: req.t('questionnaires.preview.accepted'),
            rejected: req.t('questionnaires.preview.rejected'), failed: req.t('questionnaires.respond.failed'),
          },
        },
        styles: [`${vendor.surveyCore}/survey-core.fontless.min.css`],
        scripts: [`${vendor.surveyCore}/survey.core.min.js`, `${vendor.surveyCore}/i18n/simplified-chinese.min.js`, `${vendor.surveyJsUi}/survey-js-ui.min.js`, '/static/js/respond-survey.js'],
      });
    }),
    route.post('/questionnaires/:id/preview/check', reader, { body: ['json'], bodyLimit: '1mb' }, async (req, res) => {
      const input = parseInput(SubmissionBody, req.body);
      res.json(await questionnaires.checkPreview(actor(req), qid(req), input, req.locale, req.t));
    }),

    // distribution
    route.get('/questionnaires/:id/distribution', writer, (req, res) => renderDistribution(req, res, qid(req))),
    route.post('/questionnaires/:id/shared-link', writer, async (req, res) => {
      const id = qid(req);
      const parsed = parseForm(SharedLinkForm, req.body);
      if (!parsed.ok) return renderDistribution(req, res, id, { sharedValues: req.body ?? {}, errors: translateErrors(req, parsed.errors) }, 400);
      const token = await questionnaires.createSharedLink(actor(req), id, { limit: parsed.data.limit ?? null, expiresOn: parsed.data.expiresOn ?? null }, req.ip ?? null);
      const url = link(req, `/q/${token}`);
      const qr = await QRCode.toDataURL(url, { margin: 1, width: 220, errorCorrectionLevel: 'M' });
      await renderDistribution(req, res, id, { newShared: { url, qr } });
    }),
    route.post('/questionnaires/:id/shared-link/disable', writer, async (req, res) => {
      const id = qid(req);
      await questionnaires.disableSharedLink(actor(req), id, req.ip ?? null);
      flash(req, 'success', req.t('questionnaires.distribution.sharedDisabled'));
      res.redirect(303, `/questionnaires/${id}/distribution`);
    }),
    route.post('/questionnaires/:id/links', writer, { bodyLimit: '512kb' }, async (req, res) => {
      const id = qid(req);
      const parsed = parseForm(LinksForm, req.body);
      if (!parsed.ok) return renderDistribution(req, res, id, { linkValues: { labels: req.body?.labels ?? '' }, errors: translateErrors(req, parsed.errors) }, 400);
      const created = await questionnaires.createLinks(actor(req), id, parsed.data.labels, req.ip ?? null);
      await renderDistribution(req, res, id, { newLinks: created.map((c) => ({ label: c.label, url: link(req, `/s/${c.token}`) })) });
    }),
    route.post('/questionnaires/:id/links/:linkId/revoke', writer, async (req, res) => {
      const id = qid(req);
      await questionnaires.revokeLink(actor(req), id, Id.parse(req.params.linkId), req.ip ?? null);
      flash(req, 'success', req.t('questionnaires.links.revoked'));
      res.redirect(303, `/questionnaires/${id}/distribution`);
    }),
    route.post('/questionnaires/:id/links/:linkId/reissue', writer, async (req, res) => {
      const id = qid(req);
      const created = await questionnaires.reissueLink(actor(req), id, Id.parse(req.params.linkId), req.ip ?? null);
      await renderDistribution(req, res, id, { newLinks: [{ label: created.label, url: link(req, `/s/${created.token}`) }] });
    }),

    // import
    route.get('/questionnaires/:id/import', writer, (req, res) => renderImport(req, res, qid(req))),
    route.post('/questionnaires/:id/import', writer, { body: ['multipart'] }, async (req, res) => {
      const id = qid(req);
      const file = uploaded(req);
      const read = async () => {
        if (!file || file.buffer.length === 0) throw new ValidationError('questionnaires.import.fileRequired', { file: 'questionnaires.import.fileRequired' });
        const isXlsx = /\.xlsx$/i.test(file.originalname) || file.mimetype.includes('spreadsheetml');
        try {
          return isXlsx ? await readXlsxTable(file.buffer) : readCsvTable(file.buffer.toString('utf8'));
        } catch (error) {
          if (error instanceof ResponseFileError) {
            throw new ImportRejectedError([{ row: 1, question: '', message: req.t(`questionnaires.import.${error.code}`, error.params) }], 'questionnaires.import.unreadable');
          }
          throw error;
        }
      };
      const result = await read()
        .then((table) => questionnaires.importResponses(actor(req), id, { kind: 'table', table }, 'import', req.locale, req.t, req.ip ?? null))
        .catch(async (err: unknown) => {
          const feedback = formFeedback(req, err);
          await renderImport(req, res, id, { errors: feedback.errors, rows: feedback.rows }, feedback.status);
          return undefined;
        });
      if (!result) return;
      await renderImport(req, res, id, { imported: result });
    }),
  ];
}
