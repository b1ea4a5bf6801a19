import type { Request, Response } from 'express';
import type { CreditModelDefinition, IndustryVariant } from '../../domain/credit/credit-model-definition.js';
import { DomainError } from '../../domain/domain-error.js';
import type { EarlyWarningConfig } from '../../domain/credit/early-warning-config.js';
import { safeFileName } from '../../web/exports.js';
import { parseForm } from '../../web/forms.js';
import { ValidationError } from '../../web/http-errors.js';
import { flash } from '../../web/render-page.js';
import type { AuthUser } from '../../web/request-context.js';
import { access, route, type RouteDef } from '../../web/route-table.js';
import type { BorrowersService } from '../borrowers/borrowers-service.js';
import { borrowerInputOf } from '../borrowers/snapshot-input.js';
import { formErrors, translateFieldErrors, type TranslatedErrors } from '../studies/form-errors.js';
import { adjustmentImpact } from './model-impact.js';
import { localText, modelPageModel } from './model-page.js';
import type { ModelVersion } from './model-version.js';
import { ApproveForm, DefinitionForm, DetailsForm, DiffQuery, EarlyWarningForm, Id, IndicatorCode, IndustryCode, NewVersionForm, OverlayForm, RationaleForm, VariantForm } from './models-schemas.js';
import { canAuthorModels, type ModelsService, type NewVersionSource } from './models-service.js';
import { readProsperityFile } from './prosperity-import.js';
import { DIRECTIONS, parseRuleForm, ruleProblemMessage, UNITS } from './rule-form.js';

export interface ModelsRouteDeps {
  models: ModelsService;
  borrowers: BorrowersService;
}

const readers = access.session('admin', 'researcher', 'manager', 'credit-officer');
const writers = access.session('admin', 'researcher');

/** "C1=1.2, I42=0.5" → { C1: 1.2, I42: 0.5 }; throws ValidationError on a bad entry. */
export function parseTilts(text: string | undefined): Record<string, number> {
  const out: Record<string, number> = {};
  for (const part of (text ?? '').split(/[,;\n]+/).map((p) => p.trim()).filter(Boolean)) {
    const m = /^([A-Za-z0-9_.-]{1,40})\s*[=:]\s*([0-9]*\.?[0-9]+)$/.exec(part);
    if (!m) throw new ValidationError('models.variant.badTilt', { indicatorTilts: 'models.variant.badTilt' }).with({ part: part.slice(0, 40) });
    out[m[1] as string] = Number(m[2]);
  }
  return out;
}

/**
 * Credit model pages (issue 6 items 1–3): versions list, new version, version page (weights, rules, grades,
 * caps, adjustments log, approval/retirement), rule editor with live curve, adjustments (industry variants,
 * overlay, impact on one borrower), diff, prosperity index table.
 */
export function modelsRoutes(deps: ModelsRouteDeps): RouteDef[] {
  const { models, borrowers } = deps;
  const actor = (req: Request) => req.user as AuthUser;
  const zh = (req: Request) => (req.locale.startsWith('zh') ? 'zh' : 'en') as 'en' | 'zh';
  const crumbs = (req: Request, extra: { label: string; href?: string }[] = []) => [
    { label: req.t('nav.home'), href: '/' }, { label: req.t('models.title'), href: '/models' }, ...extra,
  ];
  const canEdit = (req: Request, v: ModelVersion) => v.status === 'draft' && canAuthorModels(actor(req)) && (actor(req).role === 'admin' || v.createdBy === null || v.createdBy === actor(req).id);
  const back = (res: Response, id: number, hash = '') => res.redirect(303, `/models/${id}${hash}`);

  const renderShow = async (req: Request, res: Response, id: number, extra: { errors?: TranslatedErrors; form?: string; values?: Record<string, unknown> } = {}, status = 200) => {
    const v = await models.getModelVersion(id);
    const all = await models.listModelVersions();
    res.page('models/show', {
      title: v.name, wide: true,
      breadcrumbs: crumbs(req, [{ label: v.name }]),
      v, page: modelPageModel(v.definition, req.locale), others: all.filter((x) => x.id !== v.id),
      canEdit: canEdit(req, v), canAuthor: canAuthorModels(actor(req)), isAuthor: v.createdBy === actor(req).id,
      localText: (t: { en: string; zh?: string }) => localText(t, req.locale),
      errors: extra.errors ?? {}, form: extra.form ?? null, values: extra.values ?? {}, today: new Date().toISOString().slice(0, 10),
      definitionJson: JSON.stringify(v.definition, null, 2),
      scripts: [res.locals.vendor.chartJs + '/chart.umd.min.js', '/static/js/charts.js'],
    }, status);
  };
  const showErrors = (req: Request, res: Response, id: number, form: string) => async (err: unknown) => {
    const { status, errors } = formErrors(req, err);
    await renderShow(req, res, id, { errors, form, values: req.body as Record<string, unknown> }, status);
  };

  const renderNew = async (req: Request, res: Response, extra: { errors?: TranslatedErrors; values?: Record<string, unknown> } = {}, status = 200) => {
    res.page('models/new', {
      title: req.t('models.new'), breadcrumbs: crumbs(req, [{ label: req.t('models.new') }]),
      weightSets: await models.weightSetChoices(actor(req)), versions: await models.listModelVersions(),
      errors: extra.errors ?? {}, values: { source: 'template', theta: '0.7', lambda: '0.8', ...(req.query.copy ? { source: 'copy', copyOf: String(req.query.copy) } : {}), ...(req.query.base ? { baseVersionId: String(req.query.base) } : {}), ...extra.values },
    }, status);
  };

  const renderRule = async (req: Request, res: Response, v: ModelVersion, indicatorId: string, extra: { errors?: TranslatedErrors; problems?: { key: string; params: Record<string, string | number> }[]; rule?: unknown; values?: Record<string, unknown> } = {}, status = 200) => {
    const indicator = v.definition.indicators.find((i) => i.id === indicatorId);
    if (!indicator) throw new ValidationError('models.indicatorNotFound');
    const industry = typeof req.query.industry === 'string' && req.query.industry ? req.query.industry : (typeof req.body?.industry === 'string' && req.body.industry ? req.body.industry : null);
    const variant = industry ? v.definition.industryVariants.find((x) => x.industry === industry) : undefined;
    if (industry && !variant) throw new ValidationError('models.variantNotFound');
    const criterion = v.definition.criteria.find((c) => c.id === indicator.criterion);
    const rule = extra.rule ?? variant?.ruleOverrides?.[indicatorId] ?? indicator.rule;
    res.page('models/rule', {
      title: `${indicator.id} · ${v.name}`, wide: true,
      breadcrumbs: crumbs(req, [{ label: v.name, href: `/models/${v.id}` }, { label: `${indicator.id} ${localText(indicator.names, req.locale)}` }]),
      v, indicator, criterion, industry, rule, units: UNITS, directions: DIRECTIONS,
      placeholder: v.settings.placeholderRules.includes(indicatorId),
      globalWeight: (criterion?.weight ?? 0) * indicator.weight,
      canEdit: canEdit(req, v), localText: (t: { en: string; zh?: string }) => localText(t, req.locale),
      errors: extra.errors ?? {}, problems: extra.problems ?? [], values: extra.values ?? {},
      editorData: { rule, unit: indicator.unit, direction: indicator.direction, messages: ruleEditorMessages(req) },
      scripts: [res.locals.vendor.chartJs + '/chart.umd.min.js', '/static/js/models-rule-editor.js'],
    }, status);
  };

  const renderAdjustments = async (req: Request, res: Response, id: number, extra: { errors?: TranslatedErrors; form?: string; values?: Record<string, unknown> } = {}, status = 200) => {
    const v = await models.getModelVersion(id);
    const parent = v.parentId ? await models.getModelVersion(v.parentId).catch(() => null) : null;
    const snapshots = (await borrowers.borrowerList({ modelId: null, limit: 300, offset: 0 })).rows.map((r) => r.snapshot);
    // Default: a snapshot whose industry has a variant in this version, so every step shows.
    const variantIndustries = new Set(v.definition.industryVariants.map((x) => x.industry));
    const chosenId = typeof req.query.snapshot === 'string' && /^\d+$/.test(req.query.snapshot) ? Number(req.query.snapshot)
      : (snapshots.find((s) => s.industry !== null && variantIndustries.has(s.industry)) ?? snapshots.find((s) => s.isSynthetic) ?? snapshots[0])?.id ?? null;
    let impact = null;
    let chosen = null;
    if (chosenId !== null) {
      chosen = await borrowers.getSnapshot(chosenId).catch(() => null);
      if (chosen) {
        const table = await models.prosperityTable();
        impact = adjustmentImpact(v.definition, borrowerInputOf(chosen, table.valueAt(chosen.industry, chosen.asOf)), { parent: parent ? { id: parent.id, definition: parent.definition } : null });
      }
    }
    const impactChart = impact ? {
      type: 'bar',
      data: {
        labels: impact.map((s) => req.t(`models.impact.step.${s.key}`, s.params)),
        datasets: [{ label: req.t('models.impact.score'), data: impact.map((s) => s.score), backgroundColor: impact.map((s) => (s.delta !== null && s.delta < 0 ? '#b42318' : '#1f5fae')) }],
      },
      options: { plugins: { legend: { display: false } }, scales: { y: { min: Math.max(0, Math.floor(Math.min(...impact.map((s) => s.score ?? 100)) / 10) * 10 - 10), max: 100 } } },
    } : null;
    res.page('models/adjustments', {
      title: `${req.t('models.adjustments.title')} · ${v.name}`, wide: true,
      breadcrumbs: crumbs(req, [{ label: v.name, href: `/models/${v.id}` }, { label: req.t('models.adjustments.title') }]),
      v, parent, snapshots, chosen, impact, impactChart, canEdit: canEdit(req, v), canAuthor: canAuthorModels(actor(req)),
      industries: [...new Set([...(await models.prosperityTable()).industries, ...(await borrowers.industries())])],
      localText: (t: { en: string; zh?: string }) => localText(t, req.locale),
      errors: extra.errors ?? {}, form: extra.form ?? null, values: extra.values ?? {},
      scripts: [res.locals.vendor.chartJs + '/chart.umd.min.js', '/static/js/charts.js'],
    }, status);
  };
  const adjustmentErrors = (req: Request, res: Response, id: number, form: string) => async (err: unknown) => {
    const { status, errors } = formErrors(req, err);
    await renderAdjustments(req, res, id, { errors, form, values: req.body as Record<string, unknown> }, status);
  };

  const renderProsperity = async (req: Request, res: Response, extra: { issues?: { row: number; key: string; params?: Record<string, string | number> }[]; preview?: { industry: string; periodLabel: string; value: number }[] | null; errors?: TranslatedErrors } = {}, status = 200) => {
    const rows = await models.prosperityRows();
    const industries = [...new Set(rows.map((r) => r.industry))];
    const periods = [...new Set(rows.map((r) => r.periodEnd))].sort();
    const colours = ['#1f5fae', '#c4520f', '#1e7b4f', '#7a3fb0', '#b42318', '#2a6b8f', '#9a6200', '#5b6778'];
    const chart = {
      type: 'line',
      data: {
        labels: periods,
        datasets: industries.map((ind, k) => ({ label: ind, data: periods.map((p) => rows.find((r) => r.industry === ind && r.periodEnd === p)?.value ?? null), borderColor: colours[k % colours.length], spanGaps: true })),
      },
      options: { scales: { y: { suggestedMin: 70, suggestedMax: 130 } } },
    };
    res.page('models/prosperity', {
      title: req.t('models.prosperity.title'), wide: true, breadcrumbs: crumbs(req, [{ label: req.t('models.prosperity.title') }]),
      rows, industries, chart, canAuthor: canAuthorModels(actor(req)), issues: extra.issues ?? [], preview: extra.preview ?? null, errors: extra.errors ?? {},
      scripts: [res.locals.vendor.chartJs + '/chart.umd.min.js', '/static/js/charts.js'],
    }, status);
  };

  return [
    route.get('/models', readers, async (req, res) => {
      const versions = await models.listModelVersions();
      const effective = await models.effectiveVersionAt(new Date().toISOString().slice(0, 10));
      res.page('models/list', { title: req.t('models.title'), breadcrumbs: crumbs(req).slice(0, 1).concat([{ label: req.t('models.title') }]), versions, effectiveId: effective?.id ?? null, canAuthor: canAuthorModels(actor(req)) });
    }),

    route.get('/models/new', writers, async (req, res) => renderNew(req, res)),

    route.post('/models', writers, async (req, res) => {
      const parsed = parseForm(NewVersionForm, req.body);
      if (!parsed.ok) return renderNew(req, res, { errors: translateFieldErrors(req, parsed.errors), values: req.body as Record<string, unknown> }, 400);
      const d = parsed.data;
      let source: NewVersionSource;
      const errors: Record<string, string> = {};
      if (d.source === 'template') source = { kind: 'template' };
      else if (d.source === 'copy') {
        if (!d.copyOf) errors.copyOf = 'validation.required';
        source = { kind: 'copy', versionId: d.copyOf ?? 0 };
      } else if (d.source === 'weight-set') {
        if (!d.weightSetId) errors.weightSetId = 'validation.required';
        if (d.blend && !d.baseVersionId) errors.baseVersionId = 'validation.required';
        if (d.blend && d.theta === undefined) errors.theta = 'validation.required';
        source = { kind: 'weight-set', weightSetId: d.weightSetId ?? 0, baseVersionId: d.baseVersionId ?? null, theta: d.blend ? d.theta ?? null : null };
      } else {
        const ids = ([] as string[]).concat((req.body as Record<string, unknown>).decayWeightSet as string[] ?? []).filter(Boolean);
        const ages = ([] as string[]).concat((req.body as Record<string, unknown>).decayAge as string[] ?? []);
        const rounds = ids.map((id, k) => ({ weightSetId: Number(id), age: Number(String(ages[k] ?? '').replace(',', '.')) }));
        if (rounds.length < 2 || rounds.some((r) => !Number.isInteger(r.weightSetId) || !(r.age >= 0 && Number.isFinite(r.age)))) errors.rounds = 'models.decayNeedsRounds';
        if (d.lambda === undefined) errors.lambda = 'validation.required';
        source = { kind: 'time-decay', rounds, lambda: d.lambda ?? 1, baseVersionId: d.baseVersionId ?? null };
      }
      if (Object.keys(errors).length) return renderNew(req, res, { errors: translateFieldErrors(req, errors), values: req.body as Record<string, unknown> }, 400);
      const id = await models.createDraft(actor(req), { name: d.name, description: d.description, rationale: d.rationale, source })
        .catch(async (err) => { const { status, errors: e } = formErrors(req, err); await renderNew(req, res, { errors: e, values: req.body as Record<string, unknown> }, status); return undefined; });
      if (id === undefined) return;
      flash(req, 'success', req.t('models.created'));
      back(res, id);
    }),

    route.get('/models/diff', readers, async (req, res) => {
      const q = DiffQuery.parse(req.query);
      const versions = await models.listModelVersions();
      const b = q.b ?? versions[0]?.id;
      const bVersion = b ? await models.getModelVersion(b) : null;
      const a = q.a ?? bVersion?.parentId ?? versions.find((v) => v.id !== b)?.id;
      const result = a && b ? await models.diff(a, b, zh(req)) : null;
      res.page('models/diff', { title: req.t('models.diff.title'), wide: true, breadcrumbs: crumbs(req, [{ label: req.t('models.diff.title') }]), versions, a: a ?? null, b: b ?? null, result });
    }),

    route.get('/models/prosperity', readers, async (req, res) => renderProsperity(req, res)),

    route.post('/models/prosperity', writers, { body: ['multipart'] }, async (req, res) => {
      const file = (req as Request & { file?: { originalname: string; buffer: Buffer } }).file;
      if (!file || file.buffer.length === 0) return renderProsperity(req, res, { errors: { file: req.t('borrowers.import.noFile') } }, 400);
      const result = await readProsperityFile(file.originalname, file.buffer);
      if (result.issues.length) return renderProsperity(req, res, { issues: result.issues }, 400);
      const dryRun = (req.body as Record<string, unknown>).dryRun === 'on' || (req.body as Record<string, unknown>).dryRun === '1';
      if (dryRun) return renderProsperity(req, res, { preview: result.rows });
      const source = String((req.body as Record<string, unknown>).source ?? '').trim().slice(0, 300) || file.originalname.slice(0, 300);
      await models.importProsperity(actor(req), result.rows, { source });
      flash(req, 'success', req.t('models.prosperity.imported', { count: result.rows.length }));
      res.redirect(303, '/models/prosperity');
    }),

    route.post('/models/prosperity/delete', writers, async (req, res) => {
      const industry = IndustryCode.parse((req.body as Record<string, unknown>).industry);
      await models.deleteProsperityIndustry(actor(req), industry);
      flash(req, 'success', req.t('models.prosperity.deleted', { industry }));
      res.redirect(303, '/models/prosperity');
    }),

    route.get('/models/:id', readers, async (req, res) => renderShow(req, res, Id.parse(req.params.id))),

    route.get('/models/:id/definition.json', readers, async (req, res) => {
      const v = await models.getModelVersion(Id.parse(req.params.id));
      res.set('Content-Disposition', `attachment; filename="${safeFileName(`model-${v.id}-${v.name}`, 'json')}"`);
      res.set('Cache-Control', 'no-store');
      res.json({ id: v.id, name: v.name, status: v.status, effectiveFrom: v.effectiveFrom, definition: v.definition, settings: v.settings, source: v.source });
    }),

    route.post('/models/:id/details', writers, async (req, res) => {
      const id = Id.parse(req.params.id);
      const parsed = parseForm(DetailsForm, req.body);
      if (!parsed.ok) return renderShow(req, res, id, { errors: translateFieldErrors(req, parsed.errors), form: 'details', values: req.body as Record<string, unknown> }, 400);
      const d = parsed.data;
      const ok = await models.updateDetails(actor(req), id, { name: d.name, description: d.description ?? '', effectiveFrom: d.effectiveFrom ?? null, missingPolicy: d.missingPolicy, collateralMode: d.collateralMode, rationale: d.rationale })
        .then(() => true, showErrors(req, res, id, 'details'));
      if (!ok) return;
      flash(req, 'success', req.t('models.saved'));
      back(res, id);
    }),

    route.get('/models/:id/rules/:indicator', readers, async (req, res) => {
      const v = await models.getModelVersion(Id.parse(req.params.id));
      await renderRule(req, res, v, IndicatorCode.parse(req.params.indicator));
    }),

    route.post('/models/:id/rules/:indicator', writers, async (req, res) => {
      const id = Id.parse(req.params.id);
      const indicatorId = IndicatorCode.parse(req.params.indicator);
      const { input, rationale, errors } = parseRuleForm(req.body as Record<string, unknown>);
      const v = await models.getModelVersion(id);
      if (Object.keys(errors).length) return renderRule(req, res, v, indicatorId, { errors: translateFieldErrors(req, errors), rule: input.rule, values: req.body as Record<string, unknown> }, 400);
      const ok = await models.updateRule(actor(req), id, indicatorId, input, rationale).then(() => true, async (err) => {
        if (err instanceof ValidationError && (err.details as { problems?: unknown[] } | undefined)?.problems) {
          const problems = ((err.details as { problems: { code: string; message: string; index?: number }[] }).problems).map(ruleProblemMessage);
          await renderRule(req, res, v, indicatorId, { errors: { _form: req.t('models.ruleInvalid') }, problems, rule: input.rule, values: req.body as Record<string, unknown> }, 400);
          return false;
        }
        const { status, errors: e } = formErrors(req, err);
        await renderRule(req, res, v, indicatorId, { errors: e, rule: input.rule, values: req.body as Record<string, unknown> }, status);
        return false;
      });
      if (!ok) return;
      flash(req, 'success', req.t('models.ruleSaved', { id: indicatorId }));
      res.redirect(303, input.industry ? `/models/${id}/adjustments#variants` : `/models/${id}#indicators`);
    }),

    route.get('/models/:id/variant-rule', readers, async (req, res) => {
      const id = Id.parse(req.params.id);
      const indicator = IndicatorCode.parse(req.query.indicator);
      const industry = IndustryCode.parse(req.query.industry);
      res.redirect(303, `/models/${id}/rules/${indicator}?industry=${encodeURIComponent(industry)}`);
    }),

    route.get('/models/:id/adjustments', readers, async (req, res) => renderAdjustments(req, res, Id.parse(req.params.id))),

    route.post('/models/:id/variants', writers, async (req, res) => {
      const id = Id.parse(req.params.id);
      const parsed = parseForm(VariantForm, req.body);
      if (!parsed.ok) return renderAdjustments(req, res, id, { errors: translateFieldErrors(req, parsed.errors), form: 'variant', values: req.body as Record<string, unknown> }, 400);
      const d = parsed.data;
      const ok = await (async () => {
        const v = await models.getModelVersion(id);
        const criterionTilts: Record<string, number> = {};
        for (const c of v.definition.criteria) {
          const raw = String((req.body as Record<string, unknown>)[`tilt_${c.id}`] ?? '').trim().replace(',', '.');
          if (raw === '' || raw === '1') continue;
          const x = Number(raw);
          if (!(Number.isFinite(x) && x >= 0 && x <= 10)) throw new ValidationError('models.variant.badTilt', { [`tilt_${c.id}`]: 'validation.invalid' }).with({ part: `${c.id}=${raw.slice(0, 20)}` });
          criterionTilts[c.id] = x;
        }
        const variant: IndustryVariant = {
          industry: d.industry,
          ...(d.nameEn || d.nameZh ? { names: { en: d.nameEn ?? d.industry, zh: d.nameZh ?? d.nameEn ?? d.industry } } : {}),
          ...(Object.keys(criterionTilts).length ? { criterionTilts } : {}),
          ...(d.indicatorTilts ? { indicatorTilts: parseTilts(d.indicatorTilts) } : {}),
          rationale: d.rationale,
        };
        await models.setVariant(actor(req), id, variant);
        return true;
      })().catch(adjustmentErrors(req, res, id, 'variant'));
      if (!ok) return;
      flash(req, 'success', req.t('models.variant.saved', { industry: d.industry }));
      res.redirect(303, `/models/${id}/adjustments#variants`);
    }),

    route.post('/models/:id/variants/delete', writers, async (req, res) => {
      const id = Id.parse(req.params.id);
      const industry = IndustryCode.parse((req.body as Record<string, unknown>).industry);
      const parsed = parseForm(RationaleForm, req.body);
      if (!parsed.ok) return renderAdjustments(req, res, id, { errors: translateFieldErrors(req, parsed.errors), form: `variant-delete-${industry}` }, 400);
      const ok = await models.removeVariant(actor(req), id, industry, parsed.data.rationale).then(() => true, adjustmentErrors(req, res, id, `variant-delete-${industry}`));
      if (!ok) return;
      flash(req, 'success', req.t('models.variant.removed', { industry }));
      res.redirect(303, `/models/${id}/adjustments#variants`);
    }),

    route.post('/models/:id/overlay', writers, async (req, res) => {
      const id = Id.parse(req.params.id);
      const parsed = parseForm(OverlayForm, req.body);
      if (!parsed.ok) return renderAdjustments(req, res, id, { errors: translateFieldErrors(req, parsed.errors), form: 'overlay', values: req.body as Record<string, unknown> }, 400);
      const d = parsed.data;
      const overlay = d.enabled ? { neutralIndex: d.neutralIndex, pointsPerIndexPoint: d.pointsPerIndexPoint, maxPoints: d.maxPoints, rationale: d.rationale } : null;
      const ok = await models.setOverlay(actor(req), id, overlay, d.rationale).then(() => true, adjustmentErrors(req, res, id, 'overlay'));
      if (!ok) return;
      flash(req, 'success', req.t('models.overlay.saved'));
      res.redirect(303, `/models/${id}/adjustments#overlay`);
    }),

    route.post('/models/:id/early-warnings', writers, async (req, res) => {
      const id = Id.parse(req.params.id);
      const parsed = parseForm(EarlyWarningForm, req.body);
      if (!parsed.ok) return renderShow(req, res, id, { errors: translateFieldErrors(req, parsed.errors), form: 'early-warnings', values: req.body as Record<string, unknown> }, 400);
      const d = parsed.data;
      const pair = <T>(a: number | null, b: number | null, make: (a: number, b: number) => T): T | null => (a === null || b === null ? null : make(a, b));
      const config: EarlyWarningConfig = {
        red: {
          daysPastDueAbove: d.redDpd, otherBankOverdue: d.redOtherBank, listing: d.redListing, utilityCutOff: d.redUtility,
          taxGrades: (d.redTaxGrades ?? '').split(/[,\s]+/).map((x) => x.trim().toUpperCase()).filter((x) => ['A', 'B', 'M', 'C', 'D'].includes(x)),
        },
        amber: {
          daysPastDueFrom: d.amberDpdFrom, revenueDropPct: d.amberRevenueDrop, collateralDropPct: d.amberCollateralDrop,
          creditLineUse: pair(d.amberLinePct, d.amberLineMonths, (pct, months) => ({ pct, months: Math.round(months) })),
          industryIndex: pair(d.amberIndexBelow, d.amberIndexQuarters, (below, quarters) => ({ below, quarters: Math.round(quarters) })),
          downgrade: pair(d.amberDowngradeNotches, d.amberDowngradeDays, (notches, lookbackDays) => ({ notches: Math.round(notches), lookbackDays: Math.round(lookbackDays) })),
        },
      };
      const ok = await models.setEarlyWarnings(actor(req), id, config, d.rationale).then(() => true, showErrors(req, res, id, 'early-warnings'));
      if (!ok) return;
      flash(req, 'success', req.t('models.saved'));
      back(res, id, '#early-warnings');
    }),

    route.post('/models/:id/definition', writers, { bodyLimit: '2mb' }, async (req, res) => {
      const id = Id.parse(req.params.id);
      const parsed = parseForm(DefinitionForm, req.body);
      if (!parsed.ok) return renderShow(req, res, id, { errors: translateFieldErrors(req, parsed.errors), form: 'definition', values: req.body as Record<string, unknown> }, 400);
      let definition: CreditModelDefinition;
      try {
        definition = JSON.parse(parsed.data.definition) as CreditModelDefinition;
        if (definition === null || typeof definition !== 'object' || Array.isArray(definition)) throw new Error('not an object');
      } catch {
        return renderShow(req, res, id, { errors: { definition: req.t('models.json.invalid'), _form: req.t('models.json.invalid') }, form: 'definition', values: req.body as Record<string, unknown> }, 400);
      }
      const ok = await models.replaceDefinition(actor(req), id, definition, parsed.data.rationale).then(() => true, async (err) => {
        if (err instanceof DomainError || (err instanceof TypeError)) {
          await renderShow(req, res, id, { errors: { _form: req.t('models.json.invalid') }, form: 'definition', values: req.body as Record<string, unknown> }, 400);
          return false;
        }
        return showErrors(req, res, id, 'definition')(err).then(() => false);
      });
      if (!ok) return;
      flash(req, 'success', req.t('models.saved'));
      back(res, id);
    }),

    route.post('/models/:id/approve', writers, async (req, res) => {
      const id = Id.parse(req.params.id);
      const parsed = parseForm(ApproveForm, req.body);
      if (!parsed.ok) return renderShow(req, res, id, { errors: translateFieldErrors(req, parsed.errors), form: 'approve', values: req.body as Record<string, unknown> }, 400);
      const ok = await models.approve(actor(req), id, parsed.data).then(() => true, showErrors(req, res, id, 'approve'));
      if (!ok) return;
      flash(req, 'success', req.t('models.approved'));
      back(res, id);
    }),

    route.post('/models/:id/retire', writers, async (req, res) => {
      const id = Id.parse(req.params.id);
      const parsed = parseForm(RationaleForm, req.body);
      if (!parsed.ok) return renderShow(req, res, id, { errors: translateFieldErrors(req, parsed.errors), form: 'retire', values: req.body as Record<string, unknown> }, 400);
      const ok = await models.retire(actor(req), id, parsed.data.rationale).then(() => true, showErrors(req, res, id, 'retire'));
      if (!ok) return;
      flash(req, 'success', req.t('models.retired'));
      back(res, id);
    }),

    route.post('/models/:id/delete', writers, async (req, res) => {
      const id = Id.parse(req.params.id);
      const ok = await models.deleteDraft(actor(req), id).then(() => true, showErrors(req, res, id, 'delete'));
      if (!ok) return;
      flash(req, 'success', req.t('models.deleted'));
      res.redirect(303, '/models');
    }),
  ];
}

/** Texts the rule editor's script shows (validation messages, axis labels), in the reader's language. */
function ruleEditorMessages(req: Request): Record<string, string> {
  const keys = ['too-few-anchors', 'raw-not-finite', 'raw-not-increasing', 'score-out-of-range', 'not-monotone', 'direction-mismatch', 'no-codes', 'empty-code', 'duplicate-code'];
  const out: Record<string, string> = {};
  for (const k of keys) out[k] = req.t(`models.ruleProblem.${k}`, { position: '{position}' });
  out.valid = req.t('models.rule.valid');
  out.raw = req.t('models.rule.raw');
  out.score = req.t('models.rule.score');
  out.testScore = req.t('models.rule.testScore', { score: '{score}' });
  return out;
}
