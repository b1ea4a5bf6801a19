import { z } from 'zod';
import { DomainError } from '../../domain/domain-error.js';
import { validationMetrics, type ValidationMetrics } from '../../domain/validation/validation-metrics.js';
import { parseInput } from '../../web/forms.js';
import { ValidationError } from '../../web/http-errors.js';
import { access, route, type RouteDef } from '../../web/route-table.js';

/** At most this many models per request (45 pairwise DeLong comparisons). */
export const MAX_MODELS = 10;
/** At most this many scored units per request; the body limit (64 MB) is usually reached first with many models. */
export const MAX_ROWS = 2_000_000;
/** Body limit of POST /api/v1/validation/metrics only: 1,000,000 units × 2 models of full-precision PDs is ≈ 40 MB. */
export const METRICS_BODY_LIMIT = '64mb';
const MODEL_NAME_MAX = 100;
/** Names that would touch an object's prototype when used as keys. */
const RESERVED_NAMES = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * A JSON array, checked element by element later by the domain validators (0/1 outcomes, finite numbers) with a
 * message that names the first bad entry. Checking a million entries through zod would cost more than the metrics.
 */
const list = (what: string) => z.custom<unknown[]>((v) => Array.isArray(v), { message: `Expected an array of ${what}` });

export const MetricsRequest = z.object({
  outcomes: list('0/1 outcomes'),
  scores: z.record(z.string(), list('numbers')),
  higherIsRiskier: z.boolean().optional(),
  scoresArePd: z.boolean().optional(),
  cutoff: z.number().finite().optional(),
  costRatio: z.number().positive().finite().optional(),
  weights: list('non-negative numbers').optional(),
  confidence: z.number().gt(0).lt(1).optional(),
  curves: z.boolean().optional(),
}).strict();

export type MetricsRequest = z.infer<typeof MetricsRequest>;

function refuse(message: string, details?: Record<string, unknown>): never {
  throw new ValidationError(message, {}, details);
}

/**
 * The checks the domain function does not make itself (sizes, names, contradictory options), then the metrics.
 * Every refusal is a 400 with a sentence naming the problem; nothing here can produce NaN.
 */
export function computeMetrics(body: unknown): ValidationMetrics {
  // Before zod, which would silently drop a "__proto__" key rather than say so.
  const rawScores = (body as { scores?: unknown } | null)?.scores;
  if (rawScores && typeof rawScores === 'object') {
    for (const name of Object.keys(rawScores)) if (RESERVED_NAMES.has(name)) refuse(`"${name}" cannot be used as a model name.`);
  }
  const input = parseInput(MetricsRequest, body);
  const n = input.outcomes.length;
  if (n < 2) refuse(`At least 2 rows are needed (with both good and bad outcomes); got ${n}.`, { rows: n });
  if (n > MAX_ROWS) refuse(`At most ${MAX_ROWS.toLocaleString('en')} rows per request; got ${n.toLocaleString('en')}.`, { rows: n, maxRows: MAX_ROWS });
  const names = Object.keys(input.scores);
  if (names.length === 0) refuse('"scores" must hold the scores of at least one model, e.g. { "scores": { "v1": [ … ] } }.');
  if (names.length > MAX_MODELS) refuse(`At most ${MAX_MODELS} models per request; got ${names.length}.`, { models: names.length, maxModels: MAX_MODELS });
  for (const name of names) {
    if (name.trim() === '' || name.length > MODEL_NAME_MAX) refuse(`A model name must have 1 to ${MODEL_NAME_MAX} characters; got "${name.slice(0, 120)}".`);
  }
  if (input.scoresArePd === true && input.higherIsRiskier === false) {
    refuse('Probabilities of default are higher for riskier units: "scoresArePd": true needs "higherIsRiskier" true or left out.');
  }
  const higherIsRiskier = input.higherIsRiskier ?? input.scoresArePd ?? false;
  try {
    return validationMetrics({
      outcomes: input.outcomes as number[],
      scores: input.scores as Record<string, number[]>,
      higherIsRiskier,
      // PDs: said explicitly, or implied by scores where higher is riskier (a model whose scores leave [0, 1] gets a note instead).
      scoresArePd: input.scoresArePd ?? higherIsRiskier,
      cutoff: input.cutoff,
      costRatio: input.costRatio,
      weights: input.weights as number[] | undefined,
      confidence: input.confidence,
      curves: input.curves,
    });
  } catch (error) {
    // Domain messages already name the list and the entry; keep them, as a 400.
    if (error instanceof DomainError) throw new ValidationError(error.message, {}, { code: error.code, ...error.details });
    throw error;
  }
}

/** /api/v1/validation routes (documented in validation-openapi.ts). */
export function validationApiRoutes(): RouteDef[] {
  const validators = access.api('admin', 'researcher', 'manager');
  return [
    route.post('/api/v1/validation/metrics', validators,
      { summary: 'Discrimination metrics (AUC with DeLong CI, Gini, KS, Brier) of scored outcomes and DeLong tests between models', bodyLimit: METRICS_BODY_LIMIT },
      (req, res) => {
        res.json(computeMetrics(req.body));
      }),
  ];
}
