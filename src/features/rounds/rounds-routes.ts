import type { Request, Response } from 'express';
import QRCode from 'qrcode';
import { AGGREGATION_MODES } from '../../domain/ahp/aggregate-report.js';
import { PRIORITY_METHODS } from '../../domain/ahp/ahp-types.js';
import { RI_TABLE_NAMES } from '../../domain/ahp/random-index.js';
import { sendCsv, sendXlsx, safeFileName, type ExportSheet } from '../../web/exports.js';
import { parseForm } from '../../web/forms.js';
import { flash } from '../../web/render-page.js';
import type { AuthUser } from '../../web/request-context.js';
import { access, route, type RouteDef } from '../../web/route-table.js';
import { inviteLink } from '../admin/admin-routes.js';
import { formErrors, translateFieldErrors, type TranslatedErrors } from '../studies/form-errors.js';
import { nodeName } from '../studies/hierarchy-tree.js';
import { judgmentsSheet, matrixSheets, weightSetSheets } from './round-exports.js';
import type { InvitationRecord } from './rounds-repository.js';
import { BulkInvitationForm, CompareQuery, ExportFormat, Id, InvitationForm, LinksCsvForm, RoundForm, WeightSetFormBase, type RoundFormData } from './rounds-schemas.js';
import { endOfDay, type RoundInput, type RoundsService } from './rounds-service.js';
import { compareChart, weightSetPageModel } from './weight-set-page-model.js';
import type { CreateWeightSetInput, WeightSetsService } from './weight-sets-service.js';

export interface RoundsRouteDeps {
  rounds: RoundsService;
  weightSets: WeightSetsService;
  publicUrl: string;
}

interface NewLink {
  name: string;
  organisation: string | null;
  url: string;
  token: string;
  qr: string;
}

export function roundInput(data: RoundFormData): RoundInput {
  return {
    label: data.label,
    priorityMethod: data.priorityMethod as RoundInput['priorityMethod'],
    riTable: data.riTable as RoundInput['riTable'],
    crThreshold: data.crThreshold,
    allowNoOpinion: data.allowNoOpinion,
    crPolicy: data.crPolicy,
    deadline: data.deadline ? endOfDay(data.deadline) : null,
    intro: { en: data.introEn ?? '', zh: data.introZh ?? '' },
  };
}

/** Repeated form keys arrive as a string or an array. */
function list(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return typeof value === 'string' ? [value] : [];
}

/**
 * Rounds (pages): settings, opening/closing, invitations with one-time links and QR codes, monitoring,
 * per-expert matrices, aggregation into weight sets, results, comparison and exports.
 */
export function roundsRoutes(deps: RoundsRouteDeps): RouteDef[] {
  const { rounds, weightSets } = deps;
  const reader = access.session('admin', 'researcher', 'manager');
  const writer = access.session('admin', 'researcher');
  const actor = (req: Request) => req.user as AuthUser;
  const idParam = (req: Request, name = 'id') => Id.parse(req.params[name]);
  const roundUrl = (id: number) => `/rounds/${id}`;

  const links = async (req: Request, created: { invitation: InvitationRecord; token: string }[]): Promise<NewLink[]> =>
    Promise.all(
      created.map(async ({ invitation, token }) => {
        const url = inviteLink(req, deps.publicUrl, `/e/${token}`);
        return { name: invitation.name, organisation: invitation.organisation, url, token, qr: await QRCode.toDataURL(url, { errorCorrectionLevel: 'M', margin: 1, scale: 4 }) };
      }),
    );

  const renderRound = async (
    req: Request,
    res: Response,
    id: number,
    extra: { newLinks?: NewLink[]; errors?: TranslatedErrors; errorForm?: string; values?: Record<string, unknown> } = {},
    status = 200,
  ) => {
    const data = await rounds.monitoring(actor(req), id);
    const r = data.round;
    res.page(
      'rounds/round',
      {
        title: `${r.label} · ${data.study.title}`,
        wide: true,
        breadcrumbs: [
          { label: req.t('nav.home'), href: '/' },
          { label: req.t('studies.title'), href: '/studies' },
          { label: data.study.title, href: `/studies/${data.study.id}` },
          { label: r.label },
        ],
        ...data,
        nodeName: (n: { names: { en: string; zh: string } }) => nodeName(n, req.locale),
        riTables: RI_TABLE_NAMES,
        methods: PRIORITY_METHODS,
        newLinks: extra.newLinks ?? [],
        errors: extra.errors ?? {},
        errorForm: extra.errorForm ?? null,
        values: extra.values ?? {},
        settingsValues: {
          label: r.label, priorityMethod: r.priorityMethod, riTable: r.riTable, crThreshold: r.crThreshold, allowNoOpinion: r.allowNoOpinion,
          crPolicy: r.crPolicy, deadline: r.deadline ? r.deadline.slice(0, 10) : '', introEn: r.intro.en, introZh: r.intro.zh,
          ...(extra.errorForm === 'settings' ? extra.values : {}),
        },
      },
      status,
    );
  };

  /** The aggregation form; after a refused submission it shows the message and keeps the choices made. */
  const renderAggregate = async (req: Request, res: Response, id: number, extra: { values?: Record<string, unknown>; errors?: TranslatedErrors } = {}, status = 200) => {
    const data = await rounds.monitoring(actor(req), id);
    if (!data.canAnalyse) return res.redirect(303, roundUrl(data.round.id));
    const submitted = data.invitations.filter((i) => i.status === 'submitted' && !i.revokedAt);
    const excludeFlagged = req.query.exclude === 'flagged';
    const chosen = extra.values?.expert as number[] | undefined;
    res.page(
      'rounds/aggregate',
      {
        title: `${req.t('weightSets.new')} · ${data.round.label}`,
        breadcrumbs: [
          { label: req.t('nav.home'), href: '/' },
          { label: data.study.title, href: `/studies/${data.study.id}` },
          { label: data.round.label, href: roundUrl(data.round.id) },
          { label: req.t('weightSets.new') },
        ],
        ...data,
        submitted: submitted.map((inv) => ({
          ...inv,
          checked: chosen ? chosen.includes(inv.id) : !(excludeFlagged && inv.flagged),
          weightValue: extra.values?.[`weight_${inv.id}`] ?? inv.weight,
        })),
        excludeFlagged,
        modes: AGGREGATION_MODES,
        methods: PRIORITY_METHODS,
        riTables: RI_TABLE_NAMES,
        errors: extra.errors ?? {},
        values: { mode: 'aij', method: data.round.priorityMethod, riTable: data.round.riTable, label: '', seed: '', ...extra.values },
      },
      status,
    );
  };

  const sendSheets = async (res: Response, format: 'csv' | 'xlsx', fileBase: string, sheets: ExportSheet<any>[]) => {
    if (format === 'csv') return sendCsv(res, fileBase, sheets[0] as ExportSheet<any>);
    await sendXlsx(res, fileBase, sheets);
  };
  const sendJson = (res: Response, fileBase: string, body: unknown) => {
    res.set('Content-Disposition', `attachment; filename="${safeFileName(fileBase, 'json')}"`);
    res.set('Cache-Control', 'no-store');
    res.json(body);
  };

  return [
    route.get('/rounds/:id', reader, (req, res) => renderRound(req, res, idParam(req))),
    route.post('/rounds/:id/settings', writer, async (req, res) => {
      const id = idParam(req);
      const parsed = parseForm(RoundForm, req.body);
      if (!parsed.ok) return renderRound(req, res, id, { errors: translateFieldErrors(req, parsed.errors), errorForm: 'settings', values: req.body ?? {} }, 400);
      const failed = await rounds.update(actor(req), id, roundInput(parsed.data)).then(() => undefined, (err: unknown) => formErrors(req, err));
      if (failed) return renderRound(req, res, id, { errors: failed.errors, errorForm: 'settings', values: req.body ?? {} }, failed.status);
      flash(req, 'success', req.t('rounds.saved'));
      res.redirect(303, roundUrl(id));
    }),
    route.post('/rounds/:id/open', writer, async (req, res) => {
      const id = idParam(req);
      const failed = await rounds.open(actor(req), id, req.ip ?? null).then(() => undefined, (err: unknown) => formErrors(req, err));
      if (failed) return renderRound(req, res, id, { errors: failed.errors, errorForm: 'status' }, failed.status);
      flash(req, 'success', req.t('rounds.opened'));
      res.redirect(303, roundUrl(id));
    }),
    route.post('/rounds/:id/close', writer, async (req, res) => {
      const id = idParam(req);
      const failed = await rounds.close(actor(req), id, req.ip ?? null).then(() => undefined, (err: unknown) => formErrors(req, err));
      if (failed) return renderRound(req, res, id, { errors: failed.errors, errorForm: 'status' }, failed.status);
      flash(req, 'success', req.t('rounds.closedNow'));
      res.redirect(303, roundUrl(id));
    }),

    // Invitations: the page that answers a creation shows the new links once (with QR codes and a CSV download).
    route.post('/rounds/:id/invitations', writer, async (req, res) => {
      const id = idParam(req);
      const parsed = parseForm(InvitationForm, req.body);
      if (!parsed.ok) return renderRound(req, res, id, { errors: translateFieldErrors(req, parsed.errors), errorForm: 'invite', values: req.body ?? {} }, 400);
      const created = await rounds.invite(actor(req), id, parsed.data, req.ip ?? null).then((x) => [x], (err: unknown) => formErrors(req, err));
      if (!Array.isArray(created)) return renderRound(req, res, id, { errors: created.errors, errorForm: 'invite', values: req.body ?? {} }, created.status);
      await renderRound(req, res, id, { newLinks: await links(req, created) });
    }),
    route.post('/rounds/:id/invitations/bulk', writer, { bodyLimit: '256kb' }, async (req, res) => {
      const id = idParam(req);
      const parsed = parseForm(BulkInvitationForm, req.body);
      if (!parsed.ok) return renderRound(req, res, id, { errors: translateFieldErrors(req, parsed.errors), errorForm: 'bulk', values: req.body ?? {} }, 400);
      const created = await rounds.inviteMany(actor(req), id, parsed.data.list, parsed.data.expiresAt, req.ip ?? null).catch((err: unknown) => formErrors(req, err));
      if (!Array.isArray(created)) return renderRound(req, res, id, { errors: created.errors, errorForm: 'bulk', values: req.body ?? {} }, created.status);
      await renderRound(req, res, id, { newLinks: await links(req, created) });
    }),
    route.post('/rounds/:id/invitations/:invitationId/revoke', writer, async (req, res) => {
      const id = idParam(req);
      await rounds.revoke(actor(req), id, idParam(req, 'invitationId'), req.ip ?? null);
      flash(req, 'success', req.t('rounds.invitation.revoked'));
      res.redirect(303, `${roundUrl(id)}#experts`);
    }),
    route.post('/rounds/:id/invitations/:invitationId/reissue', writer, async (req, res) => {
      const id = idParam(req);
      const failed = await rounds.reissue(actor(req), id, idParam(req, 'invitationId'), req.ip ?? null).then((x) => [x], (err: unknown) => formErrors(req, err));
      if (!Array.isArray(failed)) return renderRound(req, res, id, { errors: failed.errors, errorForm: 'status' }, failed.status);
      await renderRound(req, res, id, { newLinks: await links(req, failed) });
    }),
    route.post('/rounds/:id/links.csv', writer, async (req, res) => {
      const id = idParam(req);
      const { token } = LinksCsvForm.parse(req.body);
      const found = await rounds.linksFor(actor(req), id, token);
      const rows = found.map(({ invitation, token: tk }) => ({ invitation, url: inviteLink(req, deps.publicUrl, `/e/${tk}`) }));
      sendCsv(res, `round-${id}-links`, {
        name: 'links',
        columns: [
          { header: req.t('rounds.invitation.name'), value: (r) => r.invitation.name },
          { header: req.t('rounds.invitation.email'), value: (r) => r.invitation.email ?? '' },
          { header: req.t('rounds.invitation.organisation'), value: (r) => r.invitation.organisation ?? '' },
          { header: req.t('rounds.invitation.weight'), value: (r) => r.invitation.weight },
          { header: req.t('rounds.invitation.link'), value: (r) => r.url },
        ],
        rows,
      });
    }),

    route.get('/rounds/:id/experts/:invitationId', reader, async (req, res) => {
      const data = await rounds.expertDetail(actor(req), idParam(req), idParam(req, 'invitationId'));
      res.page('rounds/expert', {
        title: `${data.invitation.name} · ${data.round.label}`,
        breadcrumbs: [
          { label: req.t('nav.home'), href: '/' },
          { label: data.study.title, href: `/studies/${data.study.id}` },
          { label: data.round.label, href: roundUrl(data.round.id) },
          { label: data.invitation.name },
        ],
        ...data,
        nodeName: (n: { names: { en: string; zh: string } }) => nodeName(n, req.locale),
      });
    }),

    route.get('/rounds/:id/export/judgments', reader, async (req, res) => {
      const format = ExportFormat.parse(req.query.format ?? 'csv');
      const id = idParam(req);
      const { root, invitations, judgments } = await rounds.judgmentsData(actor(req), id);
      if (format === 'json') {
        return sendJson(res, `round-${id}-judgments`, {
          experts: invitations.map((i) => ({ id: i.id, name: i.name, organisation: i.organisation, weight: i.weight, status: i.status })),
          judgments: judgments.map((j) => ({ expert: j.invitationId, parent: j.parentId, left: j.leftId, right: j.rightId, value: j.value })),
        });
      }
      await sendSheets(res, format, `round-${id}-judgments`, [judgmentsSheet(root, invitations, judgments, req.t, req.locale)]);
    }),
    route.get('/rounds/:id/export/matrices', reader, async (req, res) => {
      const format = ExportFormat.parse(req.query.format ?? 'xlsx');
      const id = idParam(req);
      const { root, invitations, judgments } = await rounds.judgmentsData(actor(req), id);
      if (format === 'json') {
        const sheets = matrixSheets(root, invitations, judgments, req.locale, false);
        return sendJson(res, `round-${id}-matrices`, sheets.map((s) => ({ expert: s.name, rows: s.rows })));
      }
      const sheets = matrixSheets(root, invitations, judgments, req.locale, format === 'csv');
      if (!sheets.length) sheets.push({ name: 'matrices', columns: [{ header: '', value: () => '' }], rows: [] });
      await sendSheets(res, format, `round-${id}-matrices`, sheets);
    }),

    // Aggregation into a weight set.
    route.get('/rounds/:id/weight-sets/new', writer, (req, res) => renderAggregate(req, res, idParam(req))),
    route.post('/rounds/:id/weight-sets', writer, async (req, res) => {
      const id = idParam(req);
      const base = parseForm(WeightSetFormBase, req.body);
      const experts = list(req.body?.expert).map((x) => Number(x));
      const values = { ...req.body, expert: experts };
      if (!base.ok || experts.some((x) => !Number.isInteger(x) || x < 1)) {
        return renderAggregate(req, res, id, { values, errors: base.ok ? { _form: req.t('errors.invalidInput') } : translateFieldErrors(req, base.errors) }, 400);
      }
      const expertWeights: Record<string, number> = {};
      for (const e of experts) {
        const raw = req.body?.[`weight_${e}`];
        if (raw === undefined || raw === '') continue;
        const w = Number(String(raw).replace(',', '.'));
        if (!(w > 0 && w <= 100)) return renderAggregate(req, res, id, { values, errors: { _form: req.t('weightSets.badWeight') } }, 400);
        expertWeights[String(e)] = w;
      }
      const input: CreateWeightSetInput = {
        experts,
        expertWeights,
        mode: base.data.mode as CreateWeightSetInput['mode'],
        method: base.data.method as CreateWeightSetInput['method'],
        riTable: base.data.riTable as CreateWeightSetInput['riTable'],
        label: base.data.label,
        seed: base.data.seed,
      };
      const created = await weightSets.create(actor(req), id, input, req.ip ?? null).catch((err: unknown) => formErrors(req, err));
      if (typeof created !== 'number') return renderAggregate(req, res, id, { values, errors: created.errors }, created.status);
      flash(req, 'success', req.t('weightSets.created'));
      res.redirect(303, `/weight-sets/${created}`);
    }),

    // Before /weight-sets/:id so that "compare" is not read as an id.
    route.get('/weight-sets/compare', reader, async (req, res) => {
      const { a, b } = CompareQuery.parse(req.query);
      const data = await weightSets.compare(actor(req), a, b, req.locale);
      res.page('rounds/compare', {
        title: req.t('weightSets.compareTitle'),
        wide: true,
        breadcrumbs: [
          { label: req.t('nav.home'), href: '/' },
          { label: data.left.studyTitle, href: `/studies/${data.left.studyId}` },
          { label: req.t('weightSets.compareTitle') },
        ],
        ...data,
        chart: compareChart(data.rows, `A · ${data.left.label}`, `B · ${data.right.label}`),
        chartHeight: Math.max(260, data.rows.length * 34),
        scripts: [`${res.locals.vendor.chartJs}/chart.umd.min.js`, '/static/js/charts.js'],
      });
    }),
    route.get('/weight-sets/:id', reader, async (req, res) => {
      const { view, others } = await weightSets.getWithOthers(actor(req), idParam(req), req.locale);
      res.page('rounds/weight-set', {
        title: view.label,
        wide: true,
        breadcrumbs: [
          { label: req.t('nav.home'), href: '/' },
          { label: view.studyTitle, href: `/studies/${view.studyId}` },
          { label: view.roundLabel, href: roundUrl(view.roundId) },
          { label: view.label },
        ],
        view,
        model: weightSetPageModel(view, req.locale, req.t),
        others,
        scripts: [`${res.locals.vendor.chartJs}/chart.umd.min.js`, '/static/js/charts.js'],
      });
    }),
    route.get('/weight-sets/:id/export', reader, async (req, res) => {
      const format = ExportFormat.parse(req.query.format ?? 'xlsx');
      const view = await weightSets.get(actor(req), idParam(req), req.locale);
      const fileBase = `weight-set-${view.id}`;
      if (format === 'json') {
        const { tree: _tree, results, ...rest } = view;
        return sendJson(res, fileBase, { ...rest, results });
      }
      await sendSheets(res, format, fileBase, weightSetSheets(view, req.t, req.locale));
    }),
  ];
}
