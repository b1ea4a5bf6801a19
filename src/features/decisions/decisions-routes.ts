import { randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { DEFAULT_INDEX_SYSTEM } from '../../domain/credit/default-index-system.js';
import { DomainError } from '../../domain/domain-error.js';
import { OVERRIDE_REASON_CODES } from '../../domain/policy/override-reason-codes.js';
import { POLICY_REASON_CODES } from '../../domain/policy/policy-reason-codes.js';
import { sendCsv, sendXlsx } from '../../web/exports.js';
import { parseForm } from '../../web/forms.js';
import { HttpError } from '../../web/http-errors.js';
import { flash } from '../../web/render-page.js';
import type { AuthUser } from '../../web/request-context.js';
import { access, route, type RouteDef } from '../../web/route-table.js';
import { STATEMENT_ITEMS } from '../borrowers/snapshot-fields.js';
import { localText } from '../models/model-page.js';
import { formErrors, translateFieldErrors, type TranslatedErrors } from '../studies/form-errors.js';
import { applicationBodyFromForm, type RawForm } from './application-form.js';
import type { DecisionCase } from './decision-case.js';
import { decisionSheets } from './decisions-export.js';
import { monitoring, MONITORING_DEFAULTS } from './decisions-monitoring.js';
import type { DecisionFilter } from './decisions-repository.js';
import { OfficerDecisionInput, OutcomeInput, SecondApprovalInput } from './decisions-schemas.js';
import { CASE_READER_ROLES, OFFICER_ROLES, SUBMITTER_ROLES, type DecisionsService } from './decisions-service.js';

const Id = z.coerce.number().int().positive().max(2_147_483_647);
const PAGE_SIZE = 50;
const COLOURS = { approve: '#1e7b4f', refer: '#b08900', decline: '#b42318' };
const PALETTE = ['#1f5fae', '#2a6b8f', '#1e7b4f', '#6a9f2e', '#b08900', '#c4520f', '#b42318', '#7a3fb0', '#5b6778', '#13243d'];

const readers = access.session(...CASE_READER_ROLES);
const submitters = access.session(...SUBMITTER_ROLES);
const officers = access.session(...OFFICER_ROLES);

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const text = (v: unknown, max = 100): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim().slice(0, max) : null);
const date = (v: unknown): string | null => (typeof v === 'string' && DATE.test(v) ? v : null);

/** The list filter from the query string (unknown values are ignored, never an error). */
function filterOf(q: Record<string, unknown>): DecisionFilter & { status: DecisionFilter['status'] } {
  const status = ['pending', 'awaiting-second', 'closed'].includes(String(q.status)) ? (q.status as DecisionFilter['status']) : null;
  const policyDecision = ['approve', 'refer', 'decline'].includes(String(q.decision)) ? (q.decision as DecisionFilter['policyDecision']) : null;
  const finalDecision = ['approve', 'decline', 'none'].includes(String(q.final)) ? (q.final as DecisionFilter['finalDecision']) : null;
  return {
    status, policyDecision, finalDecision, overridden: q.overridden === '1' ? true : null,
    search: text(q.q), branch: text(q.branch), from: date(q.from), to: date(q.to),
  };
}

/**
 * Pages of the decision service (issue 9 items 2, 4–6): the list of cases with exports, the application form (the
 * same body and service as POST /api/v1/decisions), the referral queue, the case page with its trail and the
 * officer forms, and the monitoring page.
 */
export function decisionsRoutes(deps: { decisions: DecisionsService }): RouteDef[] {
  const { decisions } = deps;
  const actor = (req: Request) => req.user as AuthUser;
  const crumbs = (req: Request, extra: { label: string; href?: string }[] = []) => [
    { label: req.t('nav.home'), href: '/' }, { label: req.t('decisions.title'), href: '/decisions' }, ...extra,
  ];
  const lt = (req: Request) => (t: { en: string; zh?: string }) => localText(t, req.locale);
  const reasonTitle = (req: Request) => (code: string) => {
    const info = POLICY_REASON_CODES.find((c) => c.code === code);
    return info ? localText(info.labels, req.locale) : code;
  };

  async function renderForm(req: Request, res: Response, values: Record<string, string>, errors: TranslatedErrors = {}, status = 200) {
    const inForce = await decisions.inForceNow();
    const model = inForce?.model.definition ?? null;
    res.page('decisions/new', {
      title: req.t('decisions.new'), wide: true, breadcrumbs: crumbs(req, [{ label: req.t('decisions.new') }]),
      inForce, values, errors,
      indicators: (model ?? DEFAULT_INDEX_SYSTEM).indicators, statementItems: STATEMENT_ITEMS,
      sizeBands: inForce?.policy.definition.sizeBands ?? [], localText: lt(req),
    }, status);
  }

  const stringValues = (body: unknown): Record<string, string> => {
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries((body ?? {}) as Record<string, unknown>)) if (typeof v === 'string' && k !== '_csrf') out[k] = v.slice(0, 300);
    return out;
  };

  async function renderCase(req: Request, res: Response, d: DecisionCase, errors: TranslatedErrors = {}, values: Record<string, string> = {}, status = 200) {
    const user = actor(req);
    const trail = await decisions.actions(d.id);
    const s = d.state;
    const isOfficer = OFFICER_ROLES.includes(user.role);
    const own = d.submittedBy === user.id;
    const can = {
      decide: isOfficer && !own && s.status === 'pending',
      override: isOfficer && !own && s.status === 'closed' && s.finalSource === 'policy',
      second: isOfficer && !own && s.status === 'awaiting-second' && s.proposal !== null && s.proposal.by !== user.id,
      outcome: (user.role === 'admin' || user.role === 'credit-officer') && s.status === 'closed' && s.finalDecision === 'approve',
    };
    res.page('decisions/show', {
      title: req.t('decisions.case', { id: d.id }), wide: true, breadcrumbs: crumbs(req, [{ label: req.t('decisions.case', { id: d.id }) }]),
      d, s, trail, can, own, errors, values, localText: lt(req), reasonTitle: reasonTitle(req),
      overrideCodes: OVERRIDE_REASON_CODES,
      overrideTo: d.policyDecision === 'approve' ? 'decline' : 'approve',
      overrideKind: d.policyDecision === 'approve' ? 'approve-to-decline' : 'decline-to-approve',
      evaluation: d.evaluation as { criteria?: Record<string, { weight: number; score: number | null }>; indicators?: Record<string, { value: unknown; score: number | null; weight: number }>; missing?: string[]; caps?: { id: string; kind: string; maxGrade: string; binding: boolean; labels: { en: string; zh?: string } }[] },
      requestText: JSON.stringify(d.request, null, 2),
    }, status);
  }

  /** For officer forms: a refused action re-renders the case page with the message (400/409); 403/404 propagate. */
  async function officerAction(req: Request, res: Response, id: number, run: () => Promise<DecisionCase>, success: string) {
    try {
      const d = await run();
      flash(req, 'success', req.t(success));
      res.redirect(303, `/decisions/${d.id}`);
    } catch (err) {
      if (!(err instanceof HttpError) && !(err instanceof DomainError)) throw err;
      if (err instanceof DomainError) return renderCase(req, res, await decisions.getCase(id), { _form: err.message }, stringValues(req.body), 400);
      const { status, errors } = formErrors(req, err);
      return renderCase(req, res, await decisions.getCase(id), errors, stringValues(req.body), status);
    }
  }

  return [
    route.get('/decisions', readers, async (req, res) => {
      const filter = filterOf(req.query as Record<string, unknown>);
      const page = Math.max(1, Math.min(100_000, Number(req.query.page) || 1));
      const { rows, total } = await decisions.list(filter, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
      const query = (extra: Record<string, string | number>) => {
        const params = new URLSearchParams();
        for (const [k, v] of Object.entries({ ...(req.query as Record<string, unknown>), ...extra })) {
          if ((typeof v === 'string' && v !== '') || typeof v === 'number') params.set(k, String(v));
        }
        return params.toString();
      };
      res.page('decisions/list', {
        title: req.t('decisions.title'), wide: true, breadcrumbs: [{ label: req.t('nav.home'), href: '/' }, { label: req.t('decisions.title') }],
        rows, total, page, pages: Math.max(1, Math.ceil(total / PAGE_SIZE)), filter, counts: await decisions.statusCounts(),
        branches: await decisions.branches(), canSubmit: SUBMITTER_ROLES.includes(actor(req).role), query, reasonTitle: reasonTitle(req),
        exportQuery: query({}),
      });
    }),

    route.get('/decisions/new', submitters, async (req, res) => {
      await renderForm(req, res, { requestId: `web-${randomUUID()}`, asOf: new Date().toISOString().slice(0, 10), termMonths: '12' });
    }),

    // The page builds the API's body and calls the same service: the same input gets the same decision.
    route.post('/decisions', submitters, async (req, res) => {
      const raw = req.body as RawForm;
      const values = stringValues(raw);
      const inForce = await decisions.inForceNow();
      if (!inForce) return renderForm(req, res, values, { _form: req.t('decisions.noPolicy') }, 409);
      const parsed = applicationBodyFromForm(raw, inForce.model.definition);
      if (!parsed.body) return renderForm(req, res, values, translateFieldErrors(req, parsed.errors), 400);
      let result;
      try {
        result = await decisions.decide(actor(req), parsed.body, { via: 'page' });
      } catch (err) {
        if (err instanceof DomainError) return renderForm(req, res, values, { _form: `${req.t('errors.invalidInput')} ${err.message}` }, 400);
        // This form was already submitted with other values (e.g. after going back): offer a new application.
        if (err instanceof HttpError && err.status === 409 && err.message === 'decisions.requestIdReused') {
          const id = (err.details as { id?: number } | undefined)?.id;
          return renderForm(req, res, { ...values, requestId: `web-${randomUUID()}` }, { _form: req.t('decisions.formAlreadySubmitted', { id: id ?? '?' }) }, 409);
        }
        if (err instanceof HttpError && err.status !== 403 && err.status !== 404) {
          const { status, errors } = formErrors(req, err);
          return renderForm(req, res, values, errors, status);
        }
        throw err;
      }
      flash(req, result.created ? 'success' : 'info', req.t(result.created ? 'decisions.submitted' : 'decisions.replayed'));
      res.redirect(303, `/decisions/${result.decision.id}`);
    }),

    route.get('/decisions/queue', readers, async (req, res) => {
      const { pending, awaitingSecond } = await decisions.queue();
      res.page('decisions/queue', {
        title: req.t('decisions.queue'), wide: true, breadcrumbs: crumbs(req, [{ label: req.t('decisions.queue') }]),
        pending, awaitingSecond, reasonTitle: reasonTitle(req), isOfficer: OFFICER_ROLES.includes(actor(req).role),
        now: Date.now(),
      });
    }),

    route.get('/decisions/monitoring', readers, async (req, res) => {
      const q = req.query as Record<string, unknown>;
      const period = ['month', 'quarter', 'year'].includes(String(q.period)) ? (q.period as 'month' | 'quarter' | 'year') : MONITORING_DEFAULTS.period;
      const thresholdPct = Number(q.threshold);
      const threshold = Number.isFinite(thresholdPct) && thresholdPct >= 0 && thresholdPct <= 100 && q.threshold !== '' && q.threshold !== undefined ? thresholdPct / 100 : MONITORING_DEFAULTS.threshold;
      const minCountRaw = Number(q.minCount);
      const minCount = Number.isInteger(minCountRaw) && minCountRaw >= 0 && minCountRaw <= 100_000 && q.minCount !== '' && q.minCount !== undefined ? minCountRaw : MONITORING_DEFAULTS.minCount;
      const from = date(q.from), to = date(q.to);
      const rows = await decisions.all({ from, to });
      const inForce = await decisions.inForceNow();
      const m = monitoring(rows, inForce?.model.definition.gradeScale ?? DEFAULT_INDEX_SYSTEM.gradeScale, { ...MONITORING_DEFAULTS, period, threshold, minCount });
      const pctAxis = { beginAtZero: true, max: 1, percent: true };
      const label = (k: string | null) => k ?? req.t('decisions.notRecorded');
      const charts = {
        mix: {
          type: 'bar',
          data: {
            labels: m.mix.map((r) => r.period),
            datasets: (['approve', 'refer', 'decline'] as const).map((k) => ({ label: req.t(`decisions.decision.${k}`), data: m.mix.map((r) => r[k]), backgroundColor: COLOURS[k] })),
          },
          options: { scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true } } },
        },
        approval: {
          type: 'bar',
          data: { labels: m.approvalByGrade.map((r) => label(r.grade)), datasets: [{ label: req.t('decisions.monitor.approvalRate'), data: m.approvalByGrade.map((r) => r.approvalRate), backgroundColor: '#1f5fae' }] },
          options: { plugins: { legend: { display: false } }, scales: { y: pctAxis } },
        },
        officers: {
          type: 'bar',
          data: { labels: m.overrides.officer.map((r) => label(r.key)), datasets: [{ label: req.t('decisions.monitor.overrideRate'), data: m.overrides.officer.map((r) => r.rate), backgroundColor: m.overrides.officer.map((r) => (r.rate !== null && r.rate > threshold && r.decided >= minCount ? '#b42318' : PALETTE[0])) }] },
          options: { plugins: { legend: { display: false } }, scales: { y: pctAxis } },
        },
        defaults: {
          type: 'bar',
          data: { labels: m.defaultRates.map((r) => req.t(`decisions.path.${r.path}`)), datasets: [{ label: req.t('decisions.monitor.defaultRate'), data: m.defaultRates.map((r) => r.rate), backgroundColor: ['#1e7b4f', '#b08900', '#b42318'] }] },
          options: { plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true, percent: true } } },
        },
      };
      res.page('decisions/monitoring', {
        title: req.t('decisions.monitoring'), wide: true, breadcrumbs: crumbs(req, [{ label: req.t('decisions.monitoring') }]),
        m, charts, period, threshold, minCount, from, to, localText: lt(req),
        scripts: [res.locals.vendor.chartJs + '/chart.umd.min.js', '/static/js/charts.js'],
      });
    }),

    route.get('/decisions/export.csv', readers, async (req, res) => {
      const filter = filterOf(req.query as Record<string, unknown>);
      const rows = await decisions.all(filter, { withRequest: true });
      const sheets = decisionSheets(rows, req.query.sheet === 'trail' ? await decisions.actionsOf(rows.map((r) => r.id)) : [], req.t, req.locale);
      if (req.query.sheet === 'trail') sendCsv(res, 'decision-trail', sheets.trail);
      else if (req.query.sheet === 'reasons') sendCsv(res, 'decision-reasons', sheets.reasons);
      else sendCsv(res, 'decisions', sheets.decisions);
    }),

    route.get('/decisions/export.xlsx', readers, async (req, res) => {
      const filter = filterOf(req.query as Record<string, unknown>);
      const rows = await decisions.all(filter, { withRequest: true });
      const sheets = decisionSheets(rows, await decisions.actionsOf(rows.map((r) => r.id)), req.t, req.locale);
      await sendXlsx(res, 'decisions', [sheets.decisions, sheets.reasons, sheets.trail]);
    }),

    route.get('/decisions/:id', readers, async (req, res) => {
      const id = Id.safeParse(req.params.id);
      const d = await decisions.getCase(id.success ? id.data : -1);
      await renderCase(req, res, d);
    }),

    route.post('/decisions/:id/decide', officers, async (req, res) => {
      const id = Id.safeParse(req.params.id);
      const d = await decisions.getCase(id.success ? id.data : -1);
      const form = parseForm(OfficerDecisionInput, req.body);
      if (!form.ok) return renderCase(req, res, d, translateFieldErrors(req, form.errors), stringValues(req.body), 400);
      await officerAction(req, res, d.id, () => decisions.decideCase(actor(req), d.id, form.data), 'decisions.officerSaved');
    }),

    route.post('/decisions/:id/second-approval', officers, async (req, res) => {
      const id = Id.safeParse(req.params.id);
      const d = await decisions.getCase(id.success ? id.data : -1);
      const form = parseForm(SecondApprovalInput, req.body);
      if (!form.ok) return renderCase(req, res, d, translateFieldErrors(req, form.errors), stringValues(req.body), 400);
      await officerAction(req, res, d.id, () => decisions.secondApproval(actor(req), d.id, form.data), 'decisions.secondSaved');
    }),

    route.post('/decisions/:id/outcome', access.session('admin', 'credit-officer'), async (req, res) => {
      const id = Id.safeParse(req.params.id);
      const d = await decisions.getCase(id.success ? id.data : -1);
      const form = parseForm(OutcomeInput, req.body);
      if (!form.ok) return renderCase(req, res, d, translateFieldErrors(req, form.errors), stringValues(req.body), 400);
      await officerAction(req, res, d.id, () => decisions.recordOutcome(actor(req), d.id, form.data), 'decisions.outcomeSaved');
    }),
  ];
}
