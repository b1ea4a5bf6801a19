import type { Request } from 'express';
import type { BorrowerEvaluation, BorrowerInput, EvaluationWarning } from '../../domain/credit/borrower-evaluation.js';
import { compileModel } from '../../domain/credit/compile-model.js';
import { DomainError } from '../../domain/domain-error.js';
import { parseInput } from '../../web/forms.js';
import { access, route, type RouteDef } from '../../web/route-table.js';
import type { ModelVersion, ModelVersionSummary } from './model-version.js';
import { Id, MAX_BATCH, ScoreBatchRequest, ScoreRequest } from './models-schemas.js';
import type { ModelsService } from './models-service.js';
import type { ProsperityTable } from './prosperity-table.js';

/** The list entry of GET /api/v1/models. */
export function modelSummaryJson(v: ModelVersionSummary | ModelVersion) {
  return {
    id: v.id, name: v.name, status: v.status, effectiveFrom: v.effectiveFrom, isDemo: v.isDemo,
    uncalibrated: 'uncalibrated' in v ? v.uncalibrated : v.definition.uncalibrated,
    source: v.source, parentId: v.parentId,
    createdAt: v.createdAt, createdBy: v.createdByName,
    approvedAt: v.approvedAt, approvedBy: v.approvedByName, approvalRationale: v.approvalRationale,
    retiredAt: v.retiredAt, retireRationale: v.retireRationale,
  };
}

/** GET /api/v1/models/{id}: weights (local and global), rules, grades, caps, adjustments, options. */
export function modelJson(v: ModelVersion) {
  const d = v.definition;
  const cw = new Map(d.criteria.map((c) => [c.id, c.weight]));
  return {
    ...modelSummaryJson(v),
    description: v.description,
    weights: {
      criteria: Object.fromEntries(d.criteria.map((c) => [c.id, { name: c.names, weight: c.weight }])),
      indicators: Object.fromEntries(d.indicators.map((i) => [i.id, { criterion: i.criterion, name: i.names, localWeight: i.weight, globalWeight: (cw.get(i.criterion) ?? 0) * i.weight }])),
    },
    rules: Object.fromEntries(d.indicators.map((i) => [i.id, { unit: i.unit, direction: i.direction, definition: i.definition, ...i.rule, ...(i.reviewAbove ? { reviewAbove: i.reviewAbove } : {}) }])),
    grades: d.gradeScale,
    caps: d.gradeCaps,
    requirements: d.gradeRequirements,
    missingPolicy: d.missingPolicy,
    collateralMode: d.collateralMode,
    industryVariants: d.industryVariants,
    overlay: d.overlay,
    adjustments: d.adjustments,
    earlyWarnings: v.settings.earlyWarnings,
  };
}

/** Fills the overlay's prosperity index from the table (industry, asOf) when the caller gave none. */
function withProsperity(v: ModelVersion, b: BorrowerInput, table: ProsperityTable): BorrowerInput {
  if (v.definition.overlay === null || (b.prosperityIndex !== null && b.prosperityIndex !== undefined) || !b.industry || !b.asOf) return b;
  const index = table.valueAt(b.industry, b.asOf);
  return index === null ? b : { ...b, prosperityIndex: index };
}

/** Warnings about the version itself, appended to every API evaluation's `warnings`. */
export function versionWarnings(v: ModelVersion): EvaluationWarning[] {
  const out: EvaluationWarning[] = [];
  if (v.status === 'draft') out.push({ code: 'model-draft', message: `Version #${v.id} is a draft: it may still change, and nothing scored with it is stored.` });
  if (v.status === 'retired') out.push({ code: 'model-retired', message: `Version #${v.id} is retired: it is kept for history and no longer in use.` });
  if (v.definition.uncalibrated) out.push({ code: 'model-uncalibrated', message: `Version #${v.id} is uncalibrated: its weights and anchors are not yet fitted to the bank's own defaults.` });
  return out;
}

/**
 * The scoring API's result (issue 6 item 8), exactly `{ score, grade, criteria, indicators, missing, caps,
 * adjustments, warnings }` (plus `facility` under the facility-grade-only collateral mode): `weight` is the global
 * weight actually applied; each cap carries its `reason` (English; `labels` has both languages); the version's
 * status and calibration are told in `warnings` (codes model-draft, model-retired, model-uncalibrated).
 */
export function scoreResultJson(v: ModelVersion, e: BorrowerEvaluation) {
  return {
    score: e.score,
    grade: e.grade,
    criteria: e.criteria,
    indicators: e.indicators,
    missing: e.missing,
    caps: e.caps.map((c) => ({ id: c.id, kind: c.kind, maxGrade: c.maxGrade, binding: c.binding, reason: c.labels.en, labels: c.labels })),
    adjustments: e.adjustments,
    warnings: [...e.warnings, ...versionWarnings(v)],
    ...(e.facility ? { facility: e.facility } : {}),
  };
}

/** /api/v1 routes of credit models (issue 6 item 8; documented in models-openapi.ts). */
export function modelsApiRoutes(deps: { models: ModelsService }): RouteDef[] {
  const { models } = deps;
  const readers = access.api('admin', 'researcher', 'manager', 'credit-officer');
  const id = (req: Request) => Id.parse(req.params.id);
  const modelRef = (v: ModelVersion) => ({ id: v.id, name: v.name, status: v.status, uncalibrated: v.definition.uncalibrated });

  return [
    route.get('/api/v1/models', readers, { summary: 'Model versions with status and effective date' }, async (_req, res) => {
      res.json((await models.listModelVersions()).map(modelSummaryJson));
    }),
    route.get('/api/v1/models/:id', readers, { summary: 'A model version: weights, rules, grades, caps, adjustments' }, async (req, res) => {
      res.json(modelJson(await models.getModelVersion(id(req))));
    }),
    route.post('/api/v1/models/:id/score', readers, { summary: 'Score one borrower (not stored)' }, async (req, res) => {
      const v = await models.getModelVersion(id(req));
      const input = parseInput(ScoreRequest, req.body) as BorrowerInput;
      const table = await models.prosperityTable();
      // DomainError (unknown indicator ids, wrong types, unknown codes) → 400 with the ids in details.
      const evaluation = compileModel(v.definition).score(withProsperity(v, input, table));
      res.set('X-Model-Version', String(v.id)).set('X-Model-Status', v.status).json(scoreResultJson(v, evaluation));
    }),
    route.post('/api/v1/models/:id/score-batch', readers, { summary: `Score up to ${MAX_BATCH} borrowers (not stored)`, bodyLimit: '20mb' }, async (req, res) => {
      const v = await models.getModelVersion(id(req));
      const { borrowers } = parseInput(ScoreBatchRequest, req.body);
      const scorer = compileModel(v.definition);
      const table = await models.prosperityTable();
      let failed = 0;
      const results = borrowers.map((raw, index) => {
        const parsed = ScoreRequest.safeParse(raw);
        if (!parsed.success) {
          failed++;
          const issue = parsed.error.issues[0];
          return { index, error: { message: `Invalid input${issue?.path.length ? ` at "${issue.path.join('.')}"` : ''}: ${issue?.message ?? 'invalid'}`, details: { issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) } } };
        }
        try {
          return { index, result: scoreResultJson(v, scorer.score(withProsperity(v, parsed.data as BorrowerInput, table))) };
        } catch (err) {
          if (!(err instanceof DomainError)) throw err;
          failed++;
          return { index, error: { message: err.message, details: err.details } };
        }
      });
      res.json({ model: modelRef(v), count: borrowers.length, failed, results });
    }),
  ];
}
