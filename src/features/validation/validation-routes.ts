import type { Request, Response } from 'express';
import { SIZE_BANDS } from '../borrowers/snapshot-fields.js';
import { LOAN_CLASSIFICATIONS } from '../../domain/credit/loan-classification.js';
import { sendCsv, sendXlsx } from '../../web/exports.js';
import { parseForm } from '../../web/forms.js';
import { NotFoundError } from '../../web/http-errors.js';
import { flash } from '../../web/render-page.js';
import type { AuthUser } from '../../web/request-context.js';
import { access, route, type RouteDef } from '../../web/route-table.js';
import type { BorrowersService } from '../borrowers/borrowers-service.js';
import type { ModelsService } from '../models/models-service.js';
import { formErrors, translateFieldErrors, type TranslatedErrors } from '../studies/form-errors.js';
import { gradeOrderOf, ILLUSTRATIVE_PD_SCALE, pdScaleFor } from './pd-master-scale.js';
import { reportCharts } from './report-charts.js';
import { REPORT_TABLES, reportSheets, sampleSheets, type ReportTable } from './report-tables.js';
import { CalculatorQuery, Id, outcomeDefinitionOf, readPdFields, RunForm, SampleForm } from './validation-schemas.js';
import { STRATIFY_VARIABLES } from './validation-population.js';
import { canWriteValidation, type ValidationService } from './validation-service.js';
import { buildVerdict, discriminationLevel } from './validation-verdict.js';

export interface ValidationRouteDeps {
  validation: ValidationService;
  models: ModelsService;
  borrowers: BorrowersService;
}

const readers = access.session('admin', 'researcher', 'manager');
const writers = access.session('admin', 'researcher');

/** Default values of the new-sample form. */
const SAMPLE_DEFAULTS = {
  method: 'stratified', stratifyBy: ['industry', 'sizeBand', 'classification'], allocation: 'proportional', minPerStratum: '2', smallStrata: 'collapse',
  oversampleFactor: '2', outcomeKind: 'stored', horizonMonths: '12', dpdAbove: '90', confidence: '95', margin: '5', expectedRate: '50',
};

/**
 * Validation pages (issue 7 points 1–4): the list of runs and samples, the new-sample form with its sample-size
 * calculator, a sample's design and strata (with a redraw check), the new-run form, the report with its verdict,
 * plots and tables (print-friendly), exports of every table, and the page of formulas. Managers read; researchers
 * and administrators draw, run and delete (their own; administrators any).
 */
export function validationRoutes(deps: ValidationRouteDeps): RouteDef[] {
  const { validation, models, borrowers } = deps;
  const actor = (req: Request) => req.user as AuthUser;
  const crumbs = (req: Request, extra: { label: string; href?: string }[] = []) => [
    { label: req.t('nav.home'), href: '/' }, { label: req.t('val.title'), href: '/validation' }, ...extra,
  ];
  const mayDelete = (req: Request, createdBy: number | null) => canWriteValidation(actor(req)) && (actor(req).role === 'admin' || createdBy === null || createdBy === actor(req).id);
  const chartScripts = (res: Response) => [res.locals.vendor.chartJs + '/chart.umd.min.js', '/static/js/charts.js'];

  async function portfolioChoices() {
    const list = await borrowers.portfolios();
    return Promise.all(list.map(async (p) => ({ ...p, snapshots: await borrowers.countSnapshots({ portfolio: p.portfolio }) })));
  }

  const renderSampleForm = async (req: Request, res: Response, extra: { errors?: TranslatedErrors; values?: Record<string, unknown>; calculated?: { sampleSize: number; n0: number; z: number } | null } = {}, status = 200) => {
    res.page('validation/sample-new', {
      title: req.t('val.sample.new'), wide: true, breadcrumbs: crumbs(req, [{ label: req.t('val.sample.new') }]),
      portfolios: await portfolioChoices(), versions: await models.listModelVersions(), variables: STRATIFY_VARIABLES,
      errors: extra.errors ?? {}, values: { ...SAMPLE_DEFAULTS, ...extra.values }, calculated: extra.calculated ?? null,
      calculatorMessages: { result: req.t('val.calc.result', { n: '{n}', n0: '{n0}' }), invalid: req.t('val.calc.invalid') },
      scripts: ['/static/js/validation-sample.js'],
    }, status);
  };

  const renderRunForm = async (req: Request, res: Response, sampleId: number, extra: { errors?: TranslatedErrors; values?: Record<string, unknown> } = {}, status = 200) => {
    const sample = await validation.getSample(sampleId);
    const versions = await models.listModelVersions();
    // The grades of the PD table: the scale of the newest approved version (the template scale for the demo).
    const scaleSource = versions.find((v) => v.status === 'approved') ?? versions[0];
    const scale = scaleSource ? (await models.getModelVersion(scaleSource.id)).definition.gradeScale : null;
    const grades = scale ? gradeOrderOf(scale) : Object.keys(ILLUSTRATIVE_PD_SCALE);
    const pds = scale ? pdScaleFor(scale) : { ...ILLUSTRATIVE_PD_SCALE };
    const approved = versions.filter((v) => v.status === 'approved').map((v) => v.id).slice(0, 2).reverse();
    const defaults: Record<string, unknown> = {
      name: '', versionIds: approved.map(String), referenceVersionId: approved[0] ? String(approved[0]) : '', outcomeKind: 'sample',
      horizonMonths: '12', dpdAbove: '90', cutoffGrade: grades.includes('CCC') ? 'CCC' : grades[Math.floor(grades.length / 2)], costRatio: '5',
      ...Object.fromEntries(grades.map((g) => [`pd_${g}`, String(Number((pds[g]! * 100).toPrecision(6)))])),
    };
    res.page('validation/run-new', {
      title: req.t('val.run.new'), wide: true,
      breadcrumbs: crumbs(req, [{ label: sample.name, href: `/validation/samples/${sample.id}` }, { label: req.t('val.run.new') }]),
      sample, versions, grades, errors: extra.errors ?? {}, values: { ...defaults, ...extra.values },
    }, status);
  };

  const csvOrXlsx = async (req: Request, res: Response, runId: number, table: ReportTable | 'all') => {
    const run = await validation.getRun(runId);
    const sample = await validation.getSample(run.sampleId);
    const units = table === 'all' || table === 'units' ? await validation.runUnits(run.id) : [];
    const sheets = reportSheets(run, sample, units, req.t);
    const base = `validation-run-${run.id}`;
    if (table === 'all') return sendXlsx(res, base, REPORT_TABLES.map((k) => sheets[k]));
    sendCsv(res, `${base}-${table}`, sheets[table]);
  };

  return [
    route.get('/validation', readers, async (req, res) => {
      res.page('validation/list', {
        title: req.t('val.title'), wide: true, breadcrumbs: crumbs(req).slice(0, 1).concat([{ label: req.t('val.title') }]),
        runs: await validation.listRuns(), samples: await validation.listSamples(), canWrite: canWriteValidation(actor(req)),
      });
    }),

    route.get('/validation/methods', readers, async (req, res) => {
      res.page('validation/methods', { title: req.t('val.methods.title'), breadcrumbs: crumbs(req, [{ label: req.t('val.methods.title') }]) });
    }),

    route.get('/validation/samples/new', writers, async (req, res) => {
      // Without JavaScript the calculator is a GET of this page with its three inputs.
      if (req.query.calculate !== undefined) {
        const parsed = CalculatorQuery.safeParse(req.query);
        const values = { ...req.query } as Record<string, unknown>;
        if (!parsed.success) return renderSampleForm(req, res, { errors: { margin: req.t('val.calc.invalid') }, values }, 400);
        const q = parsed.data;
        const r = validation.sampleSize({ confidence: q.confidence / 100, margin: q.margin / 100, expectedRate: q.expectedRate / 100, populationSize: q.populationSize });
        return renderSampleForm(req, res, { values: { ...values, sampleSize: String(r.sampleSize) }, calculated: { sampleSize: r.sampleSize, n0: r.infinitePopulationSize, z: r.z } });
      }
      await renderSampleForm(req, res);
    }),

    route.post('/validation/samples', writers, async (req, res) => {
      const body = req.body as Record<string, unknown>;
      const parsed = parseForm(SampleForm, body);
      if (!parsed.ok) return renderSampleForm(req, res, { errors: translateFieldErrors(req, parsed.errors), values: body }, 400);
      const d = parsed.data;
      const extraErrors: Record<string, string> = {};
      if (d.method === 'stratified' && d.stratifyBy.length === 0) extraErrors.stratifyBy = 'validation.required';
      if (d.stratifyBy.includes('grade') && d.gradeVersionId === undefined && d.method === 'stratified') extraErrors.gradeVersionId = 'validation.required';
      if (d.oversample && d.oversampleFactor === undefined) extraErrors.oversampleFactor = 'validation.required';
      if (d.sampleSize === undefined && (d.confidence === undefined || d.margin === undefined || d.expectedRate === undefined)) extraErrors.sampleSize = 'validation.required';
      if (d.asOfFrom && d.asOfTo && d.asOfFrom > d.asOfTo) extraErrors.asOfTo = 'validation.invalid';
      if (Object.keys(extraErrors).length) return renderSampleForm(req, res, { errors: translateFieldErrors(req, extraErrors), values: body }, 400);
      const id = await validation.drawSample(actor(req), {
        name: d.name, description: d.description ?? '',
        populationFilter: { portfolio: d.portfolio ?? null, asOfFrom: d.asOfFrom ?? null, asOfTo: d.asOfTo ?? null, industry: d.industry ?? null, latestPerBorrower: d.latestPerBorrower },
        outcomeDefinition: outcomeDefinitionOf(d)!,
        design: {
          method: d.method, sampleSize: d.sampleSize ?? null, stratifyBy: d.stratifyBy, allocation: d.allocation, minPerStratum: d.minPerStratum,
          smallStrata: d.smallStrata, oversampleFactor: d.oversample ? d.oversampleFactor ?? null : null, gradeVersionId: d.gradeVersionId ?? null,
        },
        seed: d.seed ?? null,
        calculator: d.sampleSize === undefined ? { confidence: d.confidence! / 100, margin: d.margin! / 100, expectedRate: d.expectedRate! / 100 } : null,
      }).catch(async (err) => { const { status, errors } = formErrors(req, err); await renderSampleForm(req, res, { errors, values: body }, status); return undefined; });
      if (id === undefined) return;
      flash(req, 'success', req.t('val.sample.drawn'));
      res.redirect(303, `/validation/samples/${id}`);
    }),

    route.get('/validation/samples/:id', readers, async (req, res) => {
      const sample = await validation.getSample(Id.parse(req.params.id));
      const members = await validation.sampleMembers(sample.id);
      const check = req.query.check !== undefined ? await validation.checkSample(sample.id) : null;
      const gradeVersion = sample.design.method === 'stratified' && sample.design.gradeVersionId
        ? await models.getModelVersion(sample.design.gradeVersionId).catch(() => null) : null;
      res.page('validation/sample', {
        title: sample.name, wide: true, breadcrumbs: crumbs(req, [{ label: sample.name }]),
        sample, members: { total: members.length, gone: members.filter((m) => m.snapshotId === null).length, defaults: members.filter((m) => m.outcomeAtDraw === 1).length },
        runs: await validation.listRuns({ sampleId: sample.id }), check, gradeVersion,
        canWrite: canWriteValidation(actor(req)), canDelete: mayDelete(req, sample.createdBy),
      });
    }),

    route.get('/validation/samples/:id/strata.csv', readers, async (req, res) => {
      const sample = await validation.getSample(Id.parse(req.params.id));
      sendCsv(res, `validation-sample-${sample.id}-strata`, sampleSheets(sample, [], req.t).strata);
    }),

    route.get('/validation/samples/:id/members.csv', readers, async (req, res) => {
      const sample = await validation.getSample(Id.parse(req.params.id));
      sendCsv(res, `validation-sample-${sample.id}-members`, sampleSheets(sample, await validation.sampleMembers(sample.id), req.t).members);
    }),

    route.post('/validation/samples/:id/delete', writers, async (req, res) => {
      const id = Id.parse(req.params.id);
      const ok = await validation.deleteSample(actor(req), id).then(() => true, (err) => {
        const { errors } = formErrors(req, err);
        flash(req, 'error', errors._form ?? req.t('errors.invalidInput'));
        res.redirect(303, `/validation/samples/${id}`);
        return false;
      });
      if (!ok) return;
      flash(req, 'success', req.t('val.sample.deleted'));
      res.redirect(303, '/validation');
    }),

    route.get('/validation/samples/:id/runs/new', writers, async (req, res) => renderRunForm(req, res, Id.parse(req.params.id))),

    route.post('/validation/runs', writers, async (req, res) => {
      const body = req.body as Record<string, unknown>;
      const sampleId = Id.safeParse(body.sampleId);
      if (!sampleId.success) throw new NotFoundError('val.sampleNotFound');
      const parsed = parseForm(RunForm, body);
      if (!parsed.ok) return renderRunForm(req, res, sampleId.data, { errors: translateFieldErrors(req, parsed.errors), values: body }, 400);
      const d = parsed.data;
      const grades = Object.keys(body).filter((k) => /^pd_[A-Za-z+\-]{1,20}$/.test(k)).map((k) => k.slice(3));
      const { pdScale, errors } = readPdFields(body, grades);
      const versionIds = [...new Set(d.versionIds)];
      const reference = d.referenceVersionId ?? versionIds[0]!;
      if (!versionIds.includes(reference)) errors.referenceVersionId = 'val.error.referenceChosen';
      if (d.referenceFrom && d.referenceTo && d.referenceFrom > d.referenceTo) errors.referenceTo = 'validation.invalid';
      if (Object.keys(errors).length) return renderRunForm(req, res, sampleId.data, { errors: translateFieldErrors(req, errors), values: body }, 400);
      const id = await validation.createRun(actor(req), {
        sampleId: d.sampleId, name: d.name, versionIds: [reference, ...versionIds.filter((v) => v !== reference)],
        outcomeDefinition: outcomeDefinitionOf(d), cutoffGrade: d.cutoffGrade, costRatio: d.costRatio, pdScale,
        referencePeriod: d.referenceFrom || d.referenceTo ? { asOfFrom: d.referenceFrom ?? null, asOfTo: d.referenceTo ?? null } : null,
      }).catch(async (err) => { const { status, errors: e } = formErrors(req, err); await renderRunForm(req, res, sampleId.data, { errors: e, values: body }, status); return undefined; });
      if (id === undefined) return;
      flash(req, 'success', req.t('val.run.created'));
      res.redirect(303, `/validation/runs/${id}`);
    }),

    route.get('/validation/runs/:id', readers, async (req, res) => {
      const run = await validation.getRun(Id.parse(req.params.id));
      const sample = await validation.getSample(run.sampleId);
      const names = Object.fromEntries(run.versions.map((v) => [v.key, v.name]));
      res.page('validation/run', {
        title: run.name, wide: true, breadcrumbs: crumbs(req, [{ label: sample.name, href: `/validation/samples/${sample.id}` }, { label: run.name }]),
        run, sample, names, verdict: buildVerdict(run.results, names), charts: reportCharts(run, req.t), discriminationLevel,
        canDelete: mayDelete(req, run.createdBy), sizeBands: SIZE_BANDS, classifications: LOAN_CLASSIFICATIONS,
        scripts: [...chartScripts(res), '/static/js/validation-report.js'],
      });
    }),

    route.get('/validation/runs/:id/export.xlsx', readers, async (req, res) => csvOrXlsx(req, res, Id.parse(req.params.id), 'all')),

    route.get('/validation/runs/:id/export/:table.csv', readers, async (req, res) => {
      const table = String(req.params.table) as ReportTable;
      if (!(REPORT_TABLES as readonly string[]).includes(table)) throw new NotFoundError('val.tableNotFound');
      await csvOrXlsx(req, res, Id.parse(req.params.id), table);
    }),

    route.post('/validation/runs/:id/delete', writers, async (req, res) => {
      const id = Id.parse(req.params.id);
      const run = await validation.getRun(id);
      await validation.deleteRun(actor(req), id);
      flash(req, 'success', req.t('val.run.deleted'));
      res.redirect(303, `/validation/samples/${run.sampleId}`);
    }),
  ];
}
