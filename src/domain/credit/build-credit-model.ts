import { DomainError } from '../domain-error.js';
import type { IndexSystem } from './index-system.js';
import type {
  CollateralMode, CreditModelDefinition, IndustryVariant, MissingValuePolicy, ModelAdjustment, OverlayConfig,
} from './credit-model-definition.js';
import { validateCreditModel } from './validate-credit-model.js';

/** Local weights by id: criteria across the goal, indicators within their criterion. */
export interface ModelWeights {
  readonly criteria: Readonly<Record<string, number>>;
  readonly indicators: Readonly<Record<string, number>>;
}

/** A priority method, e.g. the principal eigenvector of src/domain/ahp (normalised to sum 1). */
export type PriorityFunction = (matrix: readonly (readonly number[])[]) => readonly number[];

export interface BuildCreditModelOptions {
  readonly missingPolicy?: MissingValuePolicy;
  readonly collateralMode?: CollateralMode;
  readonly collateralCriterion?: string;
  readonly industryVariants?: readonly IndustryVariant[];
  readonly overlay?: OverlayConfig | null;
  readonly adjustments?: readonly ModelAdjustment[];
}

/**
 * A credit model definition from an index system and local weights — given directly (e.g. from a stored weight
 * set) or computed by applying a priority method to the system's judgment matrices (the demo model: principal
 * eigenvectors of the demo matrices, Saaty 1980). Defaults: renormalise missing values within the criterion,
 * C7 in the borrower score, no variants, no overlay. Throws DomainError `invalid-model` if the result is invalid
 * (e.g. weights that do not sum to 1 within a criterion).
 */
export function buildCreditModel(
  system: IndexSystem,
  weights: ModelWeights | PriorityFunction,
  options: BuildCreditModelOptions = {},
): CreditModelDefinition {
  const local = typeof weights === 'function' ? weightsFromMatrices(system, weights) : weights;
  const missingIds: string[] = [];
  const weightOf = (table: Readonly<Record<string, number>>, id: string): number => {
    const w = table[id];
    if (w === undefined) { missingIds.push(id); return 0; }
    return w;
  };
  const model: CreditModelDefinition = {
    goal: system.goal,
    criteria: system.criteria.map((c) => ({ ...c, weight: weightOf(local.criteria, c.id) })),
    indicators: system.indicators.map((i) => ({ ...i, weight: weightOf(local.indicators, i.id) })),
    gradeScale: system.gradeScale,
    gradeCaps: system.gradeCaps,
    gradeRequirements: system.gradeRequirements,
    missingPolicy: options.missingPolicy ?? 'renormalise-within-criterion',
    collateralMode: options.collateralMode ?? 'borrower-score',
    collateralCriterion: options.collateralCriterion ?? 'C7',
    industryVariants: options.industryVariants ?? [],
    overlay: options.overlay ?? null,
    adjustments: options.adjustments ?? [],
    uncalibrated: system.uncalibrated,
  };
  if (missingIds.length > 0) {
    throw new DomainError('invalid-model', `No weight was given for ${missingIds.join(', ')}.`, { missingWeights: missingIds });
  }
  const problems = validateCreditModel(model);
  if (problems.length > 0) {
    throw new DomainError('invalid-model', `The credit model is invalid: ${problems.map((p) => p.message).join(' ')}`, { problems });
  }
  return model;
}

function weightsFromMatrices(system: IndexSystem, priority: PriorityFunction): ModelWeights {
  const criteria: Record<string, number> = {};
  const cw = priority(system.criteriaMatrix);
  system.criteria.forEach((c, i) => { criteria[c.id] = cw[i]; });
  const indicators: Record<string, number> = {};
  for (const c of system.criteria) {
    const members = system.indicators.filter((i) => i.criterion === c.id);
    const matrix = system.localMatrices[c.id];
    if (!matrix) throw new DomainError('invalid-model', `Criterion ${c.id} has no local judgment matrix.`, { criterion: c.id });
    const lw = members.length === 1 ? [1] : priority(matrix);
    members.forEach((m, i) => { indicators[m.id] = lw[i]; });
  }
  return { criteria, indicators };
}
