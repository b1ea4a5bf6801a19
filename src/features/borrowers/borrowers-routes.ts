import type { Request, Response } from 'express';
import { z } from 'zod';
import { DEFAULT_INDEX_SYSTEM } from '../../domain/credit/default-index-system.js';
import { LOAN_CLASSIFICATIONS } from '../../domain/credit/loan-classification.js';
import { ValidationError } from '../../web/http-errors.js';
import { flash } from '../../web/render-page.js';
import type { AuthUser } from '../../web/request-context.js';
import { access, route, type RouteDef } from '../../web/route-table.js';
import { localText } from '../models/model-page.js';
import type { ModelVersion } from '../models/model-version.js';
import type { ModelsService } from '../models/models-service.js';
import { formErrors, type TranslatedErrors } from '../studies/form-errors.js';
import { canWriteBorrowers, type BorrowersService, type ImportReport } from './borrowers-service.js';
import { FIELD_BY_KEY, SIZE_BANDS, SNAPSHOT_FIELDS, snapshotToRaw } from './snapshot-fields.js';
import type { ScoringService } from './scoring-service.js';
import { waterfallChart, waterfallSteps } from './waterfall.js';

export interface BorrowersRouteDeps {
  borrowers: BorrowersService;
  scoring: ScoringService;
  models: ModelsService;
}

const Id = z.coerce.number().int().positive().max(2_147_483_647);
const optionalId = z.preprocess((v) => (v === '' || v === undefined ? undefined : v), Id.optional());
const PAGE_SIZE = 50;

const readers = access.session('admin', 'researcher', 'manager', 'credit-officer');
const writers = access.session('admin', 'researcher');

const text = (v: unknown, max = 200): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim().slice(0, max) : null);

/**
 * Borrower pages (issue 6 items 4–6): list, import (upload → column mapping → dry run / import with a per-row
 * report), manual entry and editing, batch scoring with a progress bar, per-borrower page (waterfall, grade
 * history, early warnings), watch list.
 */
export function borrowersRoutes(deps: BorrowersRouteDeps): RouteDef[] {
  const { borrowers, scoring, models } = deps;
  const actor = (req: Request) => req.user as AuthUser;
  const today = () => new Date().toISOString().slice(0, 10);
  const crumbs = (req: Request, extra: { label: string; href?: string }[] = []) => [
    { label: req.t('nav.home'), href: '/' }, { label: req.t('borrowers.title'), href: '/borrowers' }, ...extra,
  ];

  /** The version a page shows: ?version=, else the one in force today, else the newest approved one. */
  async function pickVersion(req: Request): Promise<ModelVersion | null> {
    const q = optionalId.safeParse(req.query.version);
    if (q.success && q.data) return models.getModelVersion(q.data);
    const effective = await models.effectiveVersionAt(today());
    if (effective) return effective;
    const approved = await models.approvedVersions();
    return approved[0] ? models.getModelVersion(approved[0].id) : null;
  }

  const fieldGroups = () => ['identity', 'loan', 'flags', 'warning', 'indicator', 'statement'].map((group) => ({ group, fields: SNAPSHOT_FIELDS.filter((f) => f.group === group) }));

  const renderForm = async (req: Request, res: Response, input: { snapshotId?: number; borrowerId?: number; values: Record<string, string>; errors?: TranslatedErrors; warnings?: string[] }, status = 200) => {
    const portfolios = await borrowers.portfolios();
    res.page('borrowers/form', {
      title: input.snapshotId ? req.t('borrowers.editSnapshot') : req.t('borrowers.new'), wide: true,
      breadcrumbs: crumbs(req, [{ label: input.snapshotId ? req.t('borrowers.editSnapshot') : req.t('borrowers.new') }]),
      groups: fieldGroups(), values: input.values, errors: input.errors ?? {}, warnings: input.warnings ?? [],
      snapshotId: input.snapshotId ?? null, borrowerId: input.borrowerId ?? null, portfolios: portfolios.map((p) => p.portfolio),
      classifications: LOAN_CLASSIFICATIONS, sizeBands: SIZE_BANDS, localText: (t: { en: string; zh?: string }) => localText(t, req.locale),
    }, status);
  };
  const entryErrors = (req: Request, err: unknown): { status: number; errors: TranslatedErrors } => {
    if (err instanceof ValidationError) {
      const errors: TranslatedErrors = { _form: req.t('borrowers.entryInvalid') };
      const issues = ((err.details as { issues?: { field: string; key: string; params?: Record<string, string | number> }[] } | undefined)?.issues) ?? [];
      for (const i of issues) errors[i.field || '_row'] ??= req.t(i.key, i.params ?? {});
      for (const [field, key] of Object.entries(err.fieldErrors)) errors[field] ??= req.t(key);
      return { status: 400, errors };
    }
    return formErrors(req, err);
  };
  const rawOf = (body: unknown): Record<string, string> => {
    const out: Record<string, string> = {};
    const b = (body ?? {}) as Record<string, unknown>;
    for (const f of SNAPSHOT_FIELDS) if (typeof b[f.key] === 'string') out[f.key] = b[f.key] as string;
    return out;
  };

  const renderReport = (req: Request, res: Response, importId: number, fileName: string, report: ImportReport, status: number) => {
    res.page('borrowers/import-report', {
      title: req.t('borrowers.import.report'), wide: true,
      breadcrumbs: crumbs(req, [{ label: req.t('borrowers.import.title'), href: '/borrowers/import' }, { label: fileName, href: `/borrowers/import/${importId}` }, { label: req.t('borrowers.import.report') }]),
      importId, fileName, report, fieldLabel: (key: string) => fieldLabel(req, key),
    }, status);
  };
  const fieldLabel = (req: Request, key: string): string => {
    const f = FIELD_BY_KEY.get(key);
    if (!f) return key;
    if (f.indicator) return `${f.key} ${localText(f.indicator.names, req.locale)}`;
    return req.t(`borrowers.field.${key}`);
  };

  return [
    route.get('/borrowers', readers, async (req, res) => {
      const version = await pickVersion(req);
      const page = Math.max(1, Number(req.query.page) || 1);
      const filter = {
        portfolio: text(req.query.portfolio), industry: text(req.query.industry, 40), grade: text(req.query.grade, 10),
        level: text(req.query.level, 10), search: text(req.query.q, 100),
      };
      const list = await borrowers.borrowerList({ modelId: version?.id ?? null, ...filter, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
      res.page('borrowers/list', {
        title: req.t('borrowers.title'), wide: true, breadcrumbs: crumbs(req).slice(0, 1).concat([{ label: req.t('borrowers.title') }]),
        version, versions: (await models.listModelVersions()).filter((v) => v.status !== 'draft'), filter, page, pages: Math.max(1, Math.ceil(list.total / PAGE_SIZE)),
        list, portfolios: await borrowers.portfolios(), industries: await borrowers.industries(), canWrite: canWriteBorrowers(actor(req)),
        grades: version ? [...version.definition.gradeScale.bands.map((b) => b.grade), version.definition.gradeScale.defaultGrade] : [],
        query: (extra: Record<string, string | number>) => new URLSearchParams(Object.entries({ version: version?.id ?? '', ...filter, page, ...extra }).filter(([, v]) => v !== null && v !== '').map(([k, v]) => [k, String(v)])).toString(),
      });
    }),

    route.get('/borrowers/new', writers, async (req, res) => {
      await renderForm(req, res, { values: { asOf: today(), portfolio: '' } });
    }),

    route.post('/borrowers', writers, async (req, res) => {
      const raw = rawOf(req.body);
      const portfolio = text((req.body as Record<string, unknown>).portfolio) ?? '';
      const result = await borrowers.createSnapshot(actor(req), raw, portfolio).catch(async (err) => {
        const { status, errors } = entryErrors(req, err);
        await renderForm(req, res, { values: { ...raw, portfolio }, errors }, status);
        return undefined;
      });
      if (!result) return;
      flash(req, 'success', req.t('borrowers.saved'));
      for (const w of result.warnings.slice(0, 5)) flash(req, 'warning', req.t(w.key, w.params ?? {}));
      res.redirect(303, `/borrowers/${result.borrowerId}`);
    }),

    route.get('/borrowers/import', writers, async (req, res) => {
      res.page('borrowers/import', {
        title: req.t('borrowers.import.title'), breadcrumbs: crumbs(req, [{ label: req.t('borrowers.import.title') }]),
        imports: await borrowers.recentImports(), errors: {},
      });
    }),

    route.post('/borrowers/import', writers, { body: ['multipart'] }, async (req, res) => {
      const file = req.file;
      if (!file || file.size === 0) {
        return res.page('borrowers/import', { title: req.t('borrowers.import.title'), breadcrumbs: crumbs(req, [{ label: req.t('borrowers.import.title') }]), imports: await borrowers.recentImports(), errors: { file: req.t('borrowers.import.noFile') } }, 400);
      }
      const id = await borrowers.stageImport(actor(req), { fileName: file.originalname, buffer: file.buffer }).catch(async (err) => {
        const { status, errors } = formErrors(req, err);
        res.page('borrowers/import', { title: req.t('borrowers.import.title'), breadcrumbs: crumbs(req, [{ label: req.t('borrowers.import.title') }]), imports: await borrowers.recentImports(), errors: { file: errors.file ?? errors._form } }, status);
        return undefined;
      });
      if (id === undefined) return;
      res.redirect(303, `/borrowers/import/${id}`);
    }),

    route.get('/borrowers/import/:id', writers, async (req, res) => {
      const { record, guessed, samples } = await borrowers.getImport(Id.parse(req.params.id));
      res.page('borrowers/import-mapping', {
        title: `${req.t('borrowers.import.mapping')} · ${record.fileName}`, wide: true,
        breadcrumbs: crumbs(req, [{ label: req.t('borrowers.import.title'), href: '/borrowers/import' }, { label: record.fileName }]),
        record, mapping: record.mapping ?? guessed, options: record.options ?? { portfolio: record.fileName.replace(/\.[^.]+$/, ''), defaultAsOf: '', defaultIndustry: '' },
        groups: fieldGroups(), fieldLabel: (key: string) => fieldLabel(req, key), errors: {}, samples,
      });
    }),

    route.post('/borrowers/import/:id', writers, async (req, res) => {
      const id = Id.parse(req.params.id);
      const body = req.body as Record<string, unknown>;
      const { record, samples } = await borrowers.getImport(id);
      const mapping: Record<string, number> = {};
      for (const f of SNAPSHOT_FIELDS) {
        const v = body[`map.${f.key}`];
        mapping[f.key] = typeof v === 'string' && /^-?\d+$/.test(v) ? Number(v) : -1;
      }
      const options = { portfolio: text(body.portfolio) ?? '', defaultAsOf: text(body.defaultAsOf, 10), defaultIndustry: text(body.defaultIndustry, 40) };
      if (options.defaultAsOf && !/^\d{4}-\d{2}-\d{2}$/.test(options.defaultAsOf)) options.defaultAsOf = null;
      const dryRun = body.action !== 'import';
      const report = await borrowers.runStagedImport(actor(req), id, { mapping, options, dryRun }).catch((err) => {
        const { status, errors } = formErrors(req, err);
        res.page('borrowers/import-mapping', {
          title: `${req.t('borrowers.import.mapping')} · ${record.fileName}`, wide: true,
          breadcrumbs: crumbs(req, [{ label: req.t('borrowers.import.title'), href: '/borrowers/import' }, { label: record.fileName }]),
          record, mapping, options, groups: fieldGroups(), fieldLabel: (key: string) => fieldLabel(req, key), errors, samples,
        }, status);
        return undefined;
      });
      if (!report) return;
      renderReport(req, res, id, record.fileName, report, report.status === 'rejected' ? 400 : 200);
    }),

    route.get('/borrowers/score', writers, async (req, res) => {
      const versions = await models.approvedVersions();
      const version = await pickVersion(req);
      const jobId = optionalId.safeParse(req.query.job);
      res.page('borrowers/score', {
        title: req.t('borrowers.score.title'), breadcrumbs: crumbs(req, [{ label: req.t('borrowers.score.title') }]),
        versions, version: version && version.status === 'approved' ? version : null, portfolios: await borrowers.portfolios(),
        job: jobId.success && jobId.data ? await scoring.getJob(jobId.data).catch(() => null) : null,
        counts: await scoring.evaluationCounts(),
        scripts: ['/static/js/borrowers-score.js'],
      });
    }),

    route.post('/borrowers/score-jobs', writers, { body: ['form', 'json'] }, async (req, res) => {
      const body = req.body as Record<string, unknown>;
      const versionId = Id.parse(body.version);
      const portfolio = text(body.portfolio);
      const fetchCall = req.get('x-requested-with') === 'fetch';
      if (fetchCall) {
        const job = await scoring.startJob(actor(req), versionId, { portfolio });
        return res.status(201).json({ job });
      }
      // Without JavaScript: run every chunk inside this request, then show the result.
      const job = await scoring.scoreAll(actor(req), versionId, { portfolio });
      flash(req, 'success', req.t('borrowers.score.done', { done: job.done, failed: job.failed }));
      res.redirect(303, `/borrowers/score?version=${versionId}&job=${job.id}`);
    }),

    route.post('/borrowers/score-jobs/:id/step', writers, { body: ['json', 'form'] }, async (req, res) => {
      res.json({ job: await scoring.runJobStep(actor(req), Id.parse(req.params.id)) });
    }),

    route.get('/borrowers/score-jobs/:id', writers, async (req, res) => {
      res.json({ job: await scoring.getJob(Id.parse(req.params.id)) });
    }),

    route.get('/borrowers/watch-list', readers, async (req, res) => {
      const version = await pickVersion(req);
      const portfolio = text(req.query.portfolio);
      const level = text(req.query.level, 10) as 'red' | 'orange' | 'yellow' | null;
      const rows = version ? await scoring.watchList(version.id, { portfolio, level: level && ['red', 'orange', 'yellow'].includes(level) ? level : null }) : [];
      res.page('borrowers/watch-list', {
        title: req.t('borrowers.watch.title'), wide: true, breadcrumbs: crumbs(req, [{ label: req.t('borrowers.watch.title') }]),
        version, versions: (await models.listModelVersions()).filter((v) => v.status !== 'draft'), portfolios: await borrowers.portfolios(),
        portfolio, level, rows: rows.slice(0, 500), total: rows.length, localText: (t: { en: string; zh?: string }) => localText(t, req.locale),
      });
    }),

    route.get('/borrowers/snapshots/:sid/edit', writers, async (req, res) => {
      const s = await borrowers.getSnapshot(Id.parse(req.params.sid));
      await renderForm(req, res, { snapshotId: s.id, borrowerId: s.borrowerId, values: { ...snapshotToRaw(s), portfolio: s.portfolio } });
    }),

    route.post('/borrowers/snapshots/:sid', writers, async (req, res) => {
      const sid = Id.parse(req.params.sid);
      const s = await borrowers.getSnapshot(sid);
      const raw = rawOf(req.body);
      const ok = await borrowers.updateSnapshot(actor(req), sid, raw).catch(async (err) => {
        const { status, errors } = entryErrors(req, err);
        await renderForm(req, res, { snapshotId: sid, borrowerId: s.borrowerId, values: { ...raw, borrower: s.borrowerRef, portfolio: s.portfolio }, errors }, status);
        return undefined;
      });
      if (!ok) return;
      flash(req, 'success', req.t('borrowers.savedRescore'));
      for (const w of ok.warnings.slice(0, 5)) flash(req, 'warning', req.t(w.key, w.params ?? {}));
      res.redirect(303, `/borrowers/${s.borrowerId}?snapshot=${sid}`);
    }),

    route.post('/borrowers/snapshots/:sid/delete', writers, async (req, res) => {
      const borrowerId = await borrowers.deleteSnapshot(actor(req), Id.parse(req.params.sid));
      flash(req, 'success', req.t('borrowers.snapshotDeleted'));
      res.redirect(303, `/borrowers/${borrowerId}`);
    }),

    route.post('/borrowers/snapshots/:sid/score', writers, async (req, res) => {
      const sid = Id.parse(req.params.sid);
      const versionId = Id.parse((req.body as Record<string, unknown>).version);
      const result = await scoring.scoreSnapshot(versionId, sid, { store: true, actor: actor(req) });
      flash(req, 'success', req.t('borrowers.scoredOne', { grade: result.evaluation.grade }));
      res.redirect(303, `/borrowers/${result.snapshot.borrowerId}?snapshot=${sid}&version=${versionId}`);
    }),

    route.get('/borrowers/:id/snapshots/new', writers, async (req, res) => {
      const { borrower, snapshots } = await borrowers.getBorrower(Id.parse(req.params.id));
      const latest = snapshots[snapshots.length - 1];
      const values: Record<string, string> = latest ? { ...snapshotToRaw(latest), asOf: today() } : { borrower: borrower.ref, name: borrower.name, asOf: today() };
      await renderForm(req, res, { borrowerId: borrower.id, values: { ...values, portfolio: borrower.portfolio } });
    }),

    route.get('/borrowers/:id', readers, async (req, res) => {
      const { borrower, snapshots } = await borrowers.getBorrower(Id.parse(req.params.id));
      const version = await pickVersion(req);
      const sq = optionalId.safeParse(req.query.snapshot);
      const snapshot = (sq.success && sq.data ? snapshots.find((s) => s.id === sq.data) : undefined) ?? snapshots[snapshots.length - 1] ?? null;
      let evaluation = null, earlyWarnings = null, stored = null, scoreError: string | null = null;
      if (version && snapshot) {
        const s = await scoring.storedEvaluation(version.id, snapshot.id);
        if (s) ({ evaluation, earlyWarnings, stored } = { evaluation: s.evaluation, earlyWarnings: s.earlyWarnings, stored: s.stored });
        else {
          try {
            const live = await scoring.scoreSnapshot(version.id, snapshot.id);
            evaluation = live.evaluation; earlyWarnings = live.earlyWarnings;
          } catch (err) {
            scoreError = err instanceof Error ? err.message : String(err);
          }
        }
      }
      const history = await scoring.gradeHistory(borrower.id);
      const versionNames = new Map((await models.listModelVersions()).map((v) => [v.id, v.name]));
      const colours = ['#1f5fae', '#c4520f', '#1e7b4f', '#7a3fb0', '#b42318'];
      const versionIds = [...new Set(history.map((h) => h.modelId))];
      const dates = [...new Set(history.map((h) => h.asOf))].sort();
      const historyChart = {
        type: 'line',
        data: {
          labels: dates,
          datasets: versionIds.map((vid, k) => ({
            label: `#${vid} ${versionNames.get(vid) ?? ''}`, borderColor: colours[k % colours.length], backgroundColor: colours[k % colours.length], spanGaps: true,
            data: dates.map((d) => { const h = history.find((x) => x.modelId === vid && x.asOf === d); return h ? Math.round(h.score * 100) / 100 : null; }),
          })),
        },
        options: { scales: { y: { min: 0, max: 100 } } },
      };
      res.page('borrowers/show', {
        title: `${borrower.ref} · ${borrower.name}`, wide: true,
        breadcrumbs: crumbs(req, [{ label: `${borrower.ref} ${borrower.name}` }]),
        borrower, snapshots, snapshot, version, versions: (await models.listModelVersions()).filter((v) => v.status !== 'draft'),
        evaluation, earlyWarnings, stored, scoreError, history, versionNames, historyChart,
        criteriaChart: evaluation && version ? waterfallChart(waterfallSteps(evaluation, version.definition, req.locale, 'criterion')) : null,
        indicatorChart: evaluation && version ? waterfallChart(waterfallSteps(evaluation, version.definition, req.locale, 'indicator'), true) : null,
        canWrite: canWriteBorrowers(actor(req)), indicatorsById: new Map(DEFAULT_INDEX_SYSTEM.indicators.map((i) => [i.id, i])),
        localText: (t: { en: string; zh?: string }) => localText(t, req.locale),
        scripts: [res.locals.vendor.chartJs + '/chart.umd.min.js', '/static/js/charts.js'],
      });
    }),
  ];
}
