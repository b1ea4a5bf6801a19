import type { Request, Response } from 'express';
import { DomainError } from '../../domain/domain-error.js';
import type { PolicyProblem } from '../../domain/policy/validate-policy.js';
import { safeFileName } from '../../web/exports.js';
import { parseForm } from '../../web/forms.js';
import { ValidationError } from '../../web/http-errors.js';
import { flash } from '../../web/render-page.js';
import type { AuthUser } from '../../web/request-context.js';
import { access, route, type RouteDef } from '../../web/route-table.js';
import { localText } from '../models/model-page.js';
import { formErrors, translateFieldErrors, type TranslatedErrors } from '../studies/form-errors.js';
import type { DryRunAssumptions } from './dry-run-cases.js';
import { dryRunCharts } from './dry-run-page.js';
import { canAuthorPolicies, type DryRunInput, type PoliciesService } from './policies-service.js';
import { ApproveForm, DetailsFields, DiffQuery, DryRunQuery, Id, NewPolicyForm, RationaleForm } from './policies-schemas.js';
import {
  ACTIONS, CAP_KINDS, CONDITION_KINDS, FLAGS, formValuesFromBody, formValuesOf, OVERRIDE_KINDS, parsePolicyForm, problemsByField, rowCount,
  WARNING_LEVELS, type FormValues,
} from './policy-form.js';
import type { PolicyVersion } from './policy-version.js';

export interface PoliciesRouteDeps {
  policies: PoliciesService;
}

/** Everyone signed in reads policies (credit officers apply them, managers oversee them). */
const readers = access.session('admin', 'researcher', 'manager', 'credit-officer');
/** Researchers and administrators write them (approval additionally needs a second person). */
const writers = access.session('admin', 'researcher');

/** Dry-run parameters from a query or a form body. */
function dryRunInputOf(source: unknown): { input: DryRunInput; query: Record<string, string> } {
  const q = DryRunQuery.safeParse(source ?? {});
  const d = q.success ? q.data : {};
  const assumptions: Partial<DryRunAssumptions> = {
    ...(d.termMonths !== undefined ? { termMonths: d.termMonths } : {}),
    ...(d.defaultAmount !== undefined ? { defaultAmount: d.defaultAmount } : {}),
    ...(d.sampleSize !== undefined ? { sampleSize: d.sampleSize } : {}),
    ...(d.seed !== undefined ? { seed: d.seed } : {}),
  };
  const input: DryRunInput = {
    portfolio: d.portfolio ?? null,
    ...(d.baseline === 'none' ? { baselineId: null } : d.baseline !== undefined ? { baselineId: d.baseline } : {}),
    assumptions,
  };
  const query: Record<string, string> = {};
  for (const [k, v] of Object.entries(d)) if (v !== undefined) query[k] = String(v);
  return { input, query };
}

/**
 * Approval decision policy pages (issue 9 item 1): list, new (default or copy), edit form of a draft (errors by
 * field from validatePolicy), show (readable rules), dry run on a portfolio with the comparison to the current
 * policy and the approval form, retire, delete, diff, definition JSON.
 */
export function policiesRoutes(deps: PoliciesRouteDeps): RouteDef[] {
  const { policies } = deps;
  const actor = (req: Request) => req.user as AuthUser;
  const today = () => new Date().toISOString().slice(0, 10);
  const crumbs = (req: Request, extra: { label: string; href?: string }[] = []) => [
    { label: req.t('nav.home'), href: '/' }, { label: req.t('policies.title'), href: '/policies' }, ...extra,
  ];
  const isEditor = (req: Request, v: PolicyVersion) => v.status === 'draft' && canAuthorPolicies(actor(req))
    && (actor(req).role === 'admin' || v.createdBy === null || v.createdBy === actor(req).id);
  const canApprove = (req: Request, v: PolicyVersion) => v.status === 'draft' && canAuthorPolicies(actor(req)) && (v.createdBy === null || v.createdBy !== actor(req).id);
  const lt = (req: Request) => (t: { en: string; zh?: string }) => localText(t, req.locale);

  const renderShow = async (req: Request, res: Response, id: number, extra: { errors?: TranslatedErrors; form?: string; values?: Record<string, unknown> } = {}, status = 200) => {
    const v = await policies.getPolicyVersion(id);
    const problems = await policies.problemsOf(v).catch(() => [] as PolicyProblem[]);
    const inForce = await policies.effectivePolicy(v.modelVersionId, today());
    res.page('policies/show', {
      title: v.name, wide: true, breadcrumbs: crumbs(req, [{ label: v.name }]),
      v, d: v.definition, problems, inForceId: inForce?.id ?? null,
      canEdit: isEditor(req, v), canAuthor: canAuthorPolicies(actor(req)), canApprove: canApprove(req, v), isAuthor: v.createdBy !== null && v.createdBy === actor(req).id,
      localText: lt(req), errors: extra.errors ?? {}, form: extra.form ?? null, values: extra.values ?? {},
      others: (await policies.listPolicyVersions()).filter((x) => x.id !== v.id),
    }, status);
  };
  const showErrors = (req: Request, res: Response, id: number, form: string) => async (err: unknown) => {
    const { status, errors } = formErrors(req, err);
    await renderShow(req, res, id, { errors, form, values: req.body as Record<string, unknown> }, status);
    return false;
  };

  const renderNew = async (req: Request, res: Response, extra: { errors?: TranslatedErrors; values?: Record<string, unknown> } = {}, status = 200) => {
    const copy = typeof req.query.copy === 'string' && /^\d+$/.test(req.query.copy) ? req.query.copy : null;
    res.page('policies/new', {
      title: req.t('policies.new'), breadcrumbs: crumbs(req, [{ label: req.t('policies.new') }]),
      models: await policies.modelChoices(), versions: await policies.listPolicyVersions(),
      errors: extra.errors ?? {}, values: { source: copy ? 'copy' : 'default', ...(copy ? { copyOf: copy } : {}), ...extra.values },
    }, status);
  };

  const renderEdit = async (req: Request, res: Response, v: PolicyVersion, extra: { values?: FormValues; errors?: TranslatedErrors; details?: Record<string, unknown> } = {}, status = 200) => {
    const values = extra.values ?? formValuesOf(v.definition);
    const scale = v.definition.gradeScale;
    const grades = scale.bands.map((b) => b.grade);
    const bands = (values.sizeBands ?? '').split(/[,;\s]+/).map((x) => x.trim()).filter(Boolean);
    const problems = extra.values ? [] : (await policies.problemsOf(v).catch(() => [] as PolicyProblem[]));
    res.page('policies/edit', {
      title: `${req.t('policies.edit.title')} · ${v.name}`, wide: true,
      breadcrumbs: crumbs(req, [{ label: v.name, href: `/policies/${v.id}` }, { label: req.t('policies.edit.title') }]),
      v, values, errors: extra.errors ?? {}, details: extra.details ?? { name: v.name, description: v.description, effectiveFrom: v.effectiveFrom ?? '' },
      grades, bands, knockOutRows: rowCount(values, 'knockOuts') + 1, boundRows: rowCount(values, 'loopholeChecks.plausibility.bounds') + 2,
      warnings: problems.filter((p) => p.severity === 'warning'),
      styles: ['/static/css/policies.css'], levels: WARNING_LEVELS, actions: ACTIONS, conditionKinds: CONDITION_KINDS, capKinds: CAP_KINDS, flags: FLAGS, overrideKinds: OVERRIDE_KINDS,
    }, status);
  };

  const renderDryRun = async (req: Request, res: Response, id: number, source: unknown, extra: { errors?: TranslatedErrors; values?: Record<string, unknown> } = {}, status = 200) => {
    const { input, query } = dryRunInputOf(source);
    const run = await policies.dryRun(id, input);
    const r = run.report.result;
    res.page('policies/dry-run', {
      title: `${req.t('policies.dryRun.title')} · ${run.version.name}`, wide: true,
      breadcrumbs: crumbs(req, [{ label: run.version.name, href: `/policies/${id}` }, { label: req.t('policies.dryRun.title') }]),
      run, r, query, charts: dryRunCharts(run.report, (k, p) => req.t(k, p)),
      baselines: (await policies.listPolicyVersions()).filter((x) => x.status !== 'draft' && x.id !== id),
      v: run.version, canApprove: canApprove(req, run.version), isAuthor: run.version.createdBy !== null && run.version.createdBy === actor(req).id,
      canAuthor: canAuthorPolicies(actor(req)), today: today(),
      errors: extra.errors ?? {}, values: extra.values ?? {},
      scripts: [res.locals.vendor.chartJs + '/chart.umd.min.js', '/static/js/charts.js'], styles: ['/static/css/policies.css'],
    }, status);
  };

  return [
    route.get('/policies', readers, async (req, res) => {
      const versions = await policies.listPolicyVersions();
      const inForce = await policies.effectivePolicy(undefined, today());
      const inForceByModel = new Set<number>();
      for (const modelId of new Set(versions.map((v) => v.modelVersionId))) {
        const p = await policies.effectivePolicy(modelId, today());
        if (p) inForceByModel.add(p.id);
      }
      res.page('policies/list', {
        title: req.t('policies.title'), breadcrumbs: crumbs(req).slice(0, 1).concat([{ label: req.t('policies.title') }]),
        versions, inForceId: inForce?.id ?? null, inForceByModel: [...inForceByModel], canAuthor: canAuthorPolicies(actor(req)),
      });
    }),

    route.get('/policies/new', writers, async (req, res) => renderNew(req, res)),

    route.post('/policies', writers, async (req, res) => {
      const parsed = parseForm(NewPolicyForm, req.body);
      if (!parsed.ok) return renderNew(req, res, { errors: translateFieldErrors(req, parsed.errors), values: req.body as Record<string, unknown> }, 400);
      const d = parsed.data;
      if (d.source === 'copy' && !d.copyOf) return renderNew(req, res, { errors: translateFieldErrors(req, { copyOf: 'validation.required' }), values: req.body as Record<string, unknown> }, 400);
      if (d.source === 'default' && !d.modelVersionId) return renderNew(req, res, { errors: translateFieldErrors(req, { modelVersionId: 'validation.required' }), values: req.body as Record<string, unknown> }, 400);
      const id = await policies.createDraft(actor(req), {
        name: d.name, description: d.description, modelVersionId: d.modelVersionId ?? null,
        source: d.source === 'copy' ? { kind: 'copy', versionId: d.copyOf as number } : { kind: 'default' },
      }).catch(async (err) => { const { status, errors } = formErrors(req, err); await renderNew(req, res, { errors, values: req.body as Record<string, unknown> }, status); return undefined; });
      if (id === undefined) return;
      flash(req, 'success', req.t('policies.createdFlash'));
      res.redirect(303, `/policies/${id}/edit`);
    }),

    route.get('/policies/diff', readers, async (req, res) => {
      const q = DiffQuery.safeParse(req.query);
      const versions = await policies.listPolicyVersions();
      const b = (q.success ? q.data.b : undefined) ?? versions[0]?.id;
      const bVersion = b ? await policies.getPolicyVersion(b) : null;
      const a = (q.success ? q.data.a : undefined) ?? bVersion?.parentId ?? versions.find((v) => v.id !== b)?.id;
      const result = a && b ? await policies.diff(a, b) : null;
      res.page('policies/diff', { title: req.t('policies.diff.title'), wide: true, breadcrumbs: crumbs(req, [{ label: req.t('policies.diff.title') }]), versions, a: a ?? null, b: b ?? null, result });
    }),

    route.get('/policies/:id', readers, async (req, res) => renderShow(req, res, Id.parse(req.params.id))),

    route.get('/policies/:id/definition.json', readers, async (req, res) => {
      const v = await policies.getPolicyVersion(Id.parse(req.params.id));
      res.set('Content-Disposition', `attachment; filename="${safeFileName(`policy-${v.id}-${v.name}`, 'json')}"`);
      res.set('Cache-Control', 'no-store');
      res.json({ id: v.id, name: v.name, status: v.status, modelVersionId: v.modelVersionId, effectiveFrom: v.effectiveFrom, definition: v.definition });
    }),

    route.get('/policies/:id/edit', writers, async (req, res) => {
      const v = await policies.getPolicyVersion(Id.parse(req.params.id));
      await policies.assertEditable(actor(req), v.id);
      await renderEdit(req, res, v);
    }),

    route.post('/policies/:id/edit', writers, { bodyLimit: '1mb' }, async (req, res) => {
      const v = await policies.assertEditable(actor(req), Id.parse(req.params.id));
      const values = formValuesFromBody(req.body);
      const details = DetailsFields.safeParse(req.body);
      const grades = v.definition.gradeScale.bands.map((b) => b.grade);
      const parsed = parsePolicyForm(values, v.definition, grades);
      const fieldErrors: Record<string, string> = { ...parsed.errors };
      if (!details.success) for (const issue of details.error.issues) fieldErrors[issue.path.join('.')] ??= issue.message.includes('.') ? issue.message : 'validation.invalid';
      const detailValues = { name: values.name ?? '', description: values.description ?? '', effectiveFrom: values.effectiveFrom ?? '' };
      if (Object.keys(fieldErrors).length || !details.success) {
        return renderEdit(req, res, v, { values, details: detailValues, errors: translateFieldErrors(req, fieldErrors) }, 400);
      }
      const ok = await policies.updateDraft(actor(req), v.id, {
        name: details.data.name, description: details.data.description ?? '', effectiveFrom: details.data.effectiveFrom || null, definition: parsed.definition,
      }).then(() => true, async (err) => {
        const problems = err instanceof ValidationError ? (err.details as { problems?: PolicyProblem[] } | undefined)?.problems : undefined;
        if (problems) {
          const fields = new Set([...Object.keys(values), ...grades.flatMap((g) => parsed.definition.sizeBands.map((b) => `exposureLimits.${g}.${b}`))]);
          const byField = problemsByField(problems, fields, parsed.rows);
          await renderEdit(req, res, v, { values, details: detailValues, errors: { ...byField, _form: [req.t('policies.invalid'), byField._form].filter(Boolean).join(' ') } }, 400);
          return false;
        }
        if (err instanceof DomainError) {
          await renderEdit(req, res, v, { values, details: detailValues, errors: { _form: err.message } }, 400);
          return false;
        }
        const { status, errors } = formErrors(req, err);
        await renderEdit(req, res, v, { values, details: detailValues, errors }, status);
        return false;
      });
      if (!ok) return;
      flash(req, 'success', req.t('policies.saved'));
      res.redirect(303, `/policies/${v.id}`);
    }),

    route.get('/policies/:id/dry-run', readers, async (req, res) => {
      const id = Id.parse(req.params.id);
      const ok = await renderDryRun(req, res, id, req.query).then(() => true, async (err) => {
        if (err instanceof ValidationError) {
          const { status, errors } = formErrors(req, err);
          await renderShow(req, res, id, { errors, form: 'dry-run' }, status);
          return false;
        }
        throw err;
      });
      void ok;
    }),

    route.post('/policies/:id/approve', writers, async (req, res) => {
      const id = Id.parse(req.params.id);
      const parsed = parseForm(ApproveForm, req.body);
      if (!parsed.ok) return renderDryRun(req, res, id, req.body, { errors: translateFieldErrors(req, parsed.errors), values: req.body as Record<string, unknown> }, 400);
      const { input } = dryRunInputOf(req.body);
      const ok = await policies.approve(actor(req), id, { effectiveFrom: parsed.data.effectiveFrom, rationale: parsed.data.rationale, dryRun: input }).then(() => true, async (err) => {
        const { status, errors } = formErrors(req, err);
        if (status === 409) throw err;
        await renderDryRun(req, res, id, req.body, { errors, values: req.body as Record<string, unknown> }, status);
        return false;
      });
      if (!ok) return;
      flash(req, 'success', req.t('policies.approved'));
      res.redirect(303, `/policies/${id}`);
    }),

    route.post('/policies/:id/retire', writers, async (req, res) => {
      const id = Id.parse(req.params.id);
      const parsed = parseForm(RationaleForm, req.body);
      if (!parsed.ok) return renderShow(req, res, id, { errors: translateFieldErrors(req, parsed.errors), form: 'retire', values: req.body as Record<string, unknown> }, 400);
      const ok = await policies.retire(actor(req), id, parsed.data.rationale).then(() => true, showErrors(req, res, id, 'retire'));
      if (!ok) return;
      flash(req, 'success', req.t('policies.retired'));
      res.redirect(303, `/policies/${id}`);
    }),

    route.post('/policies/:id/delete', writers, async (req, res) => {
      const id = Id.parse(req.params.id);
      const ok = await policies.deleteDraft(actor(req), id).then(() => true, showErrors(req, res, id, 'delete'));
      if (!ok) return;
      flash(req, 'success', req.t('policies.deleted'));
      res.redirect(303, '/policies');
    }),
  ];
}

