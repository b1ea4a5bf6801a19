import { blendWeights } from '../../domain/credit/blend-weights.js';
import type { ModelWeights } from '../../domain/credit/build-credit-model.js';
import type { CreditModelDefinition, ModelAdjustment, ModelIndicator } from '../../domain/credit/credit-model-definition.js';
import type { IndexSystem } from '../../domain/credit/index-system.js';
import type { LocalizedText } from '../../domain/credit/scoring-rule.js';
import { timeDecayedExpertWeights } from '../../domain/credit/time-decayed-expert-weights.js';
import { validateCreditModel } from '../../domain/credit/validate-credit-model.js';
import { ValidationError } from '../../web/http-errors.js';

/** Criteria and indicators (by code) with LOCAL weights, as a weight set gives them (see weight-set-source.ts). */
export interface WeightsInput {
  criteria: readonly { code: string; names: LocalizedText; weight: number }[];
  indicators: readonly { code: string; criterion: string; names: LocalizedText; description?: LocalizedText; weight: number }[];
}

/** The rule given to an indicator that is not in the default index system: linear 0 → 0 … 100 → 100, to be edited. */
export const PLACEHOLDER_RULE = { kind: 'anchors', anchors: [{ raw: 0, score: 0 }, { raw: 100, score: 100 }] } as const;

/** Local weights of a WeightsInput keyed by code. */
export function localWeightsOf(w: WeightsInput): ModelWeights {
  return {
    criteria: Object.fromEntries(w.criteria.map((c) => [c.code, c.weight])),
    indicators: Object.fromEntries(w.indicators.map((i) => [i.code, i.weight])),
  };
}

/** Local weights of a stored definition keyed by id. */
export function localWeightsOfDefinition(d: CreditModelDefinition): ModelWeights {
  return {
    criteria: Object.fromEntries(d.criteria.map((c) => [c.id, c.weight])),
    indicators: Object.fromEntries(d.indicators.map((i) => [i.id, i.weight])),
  };
}

/**
 * A model definition from weights by code. Each indicator takes its scoring rule, unit, direction and definition
 * from `template` (a base version, so edited rules carry over) or else from the index system by code; an
 * indicator found in neither gets PLACEHOLDER_RULE and is listed in `placeholderRules` (approval waits for a real
 * rule). Grade scale, caps, options, variants and overlay come from the template, else the system's defaults;
 * caps and requirements naming indicators the hierarchy lacks are dropped. `weights` overrides the local weights
 * (blending). Throws ValidationError listing the model's problems when the result is invalid.
 */
export function definitionFromWeights(
  system: IndexSystem,
  input: WeightsInput,
  options: { template?: CreditModelDefinition | null; weights?: ModelWeights; adjustments?: readonly ModelAdjustment[] } = {},
): { definition: CreditModelDefinition; placeholderRules: string[] } {
  const template = options.template ?? null;
  const weights = options.weights ?? localWeightsOf(input);
  const placeholderRules: string[] = [];
  const indicators: ModelIndicator[] = input.indicators.map((leaf) => {
    const known = template?.indicators.find((i) => i.id === leaf.code) ?? system.indicators.find((i) => i.id === leaf.code);
    const names = { en: leaf.names.en || known?.names.en || leaf.code, zh: leaf.names.zh || known?.names.zh || leaf.names.en || leaf.code };
    if (known) {
      return { ...known, criterion: leaf.criterion, names, weight: weights.indicators[leaf.code] as number };
    }
    placeholderRules.push(leaf.code);
    return {
      id: leaf.code,
      criterion: leaf.criterion,
      names,
      definition: { en: leaf.description?.en || 'No scoring rule yet: define it before approval.', zh: leaf.description?.zh || '尚无评分规则：批准前须先定义。' },
      unit: 'index',
      direction: 'increasing',
      rule: { kind: 'anchors', anchors: PLACEHOLDER_RULE.anchors.map((a) => ({ ...a })) },
      weight: weights.indicators[leaf.code] as number,
    };
  });
  const ids = new Set(indicators.map((i) => i.id));
  const base = template ?? null;
  const caps = (base?.gradeCaps ?? system.gradeCaps).filter((c) => c.condition.kind !== 'code' || ids.has(c.condition.indicator));
  const requirements = (base?.gradeRequirements ?? system.gradeRequirements).filter((r) => r.indicators.every((id) => ids.has(id)));
  const criteriaIds = new Set(input.criteria.map((c) => c.code));
  const collateralCriterion = base?.collateralCriterion ?? 'C7';
  const definition: CreditModelDefinition = {
    goal: base?.goal ?? system.goal,
    criteria: input.criteria.map((c) => ({ id: c.code, names: { en: c.names.en || c.code, zh: c.names.zh || c.names.en || c.code }, weight: weights.criteria[c.code] as number })),
    indicators,
    gradeScale: base?.gradeScale ?? system.gradeScale,
    gradeCaps: caps,
    gradeRequirements: requirements,
    missingPolicy: base?.missingPolicy ?? 'renormalise-within-criterion',
    collateralMode: base && criteriaIds.has(collateralCriterion) ? base.collateralMode : 'borrower-score',
    collateralCriterion,
    industryVariants: (base?.industryVariants ?? []).filter((v) =>
      Object.keys(v.criterionTilts ?? {}).every((id) => criteriaIds.has(id))
      && Object.keys(v.indicatorTilts ?? {}).every((id) => ids.has(id))
      && Object.keys(v.ruleOverrides ?? {}).every((id) => ids.has(id))),
    overlay: base?.overlay ?? null,
    adjustments: [...(options.adjustments ?? [])],
    uncalibrated: base?.uncalibrated ?? system.uncalibrated,
  };
  assertValidDefinition(definition);
  return { definition, placeholderRules };
}

/** Throws ValidationError('models.invalidModel') with every problem's sentence when the definition is invalid. */
export function assertValidDefinition(definition: CreditModelDefinition): void {
  const problems = validateCreditModel(definition);
  if (problems.length > 0) {
    throw new ValidationError('models.invalidModel', {}, { problems }).with({ problems: problems.map((p) => p.message).join(' ') });
  }
}

/** Blocks of local weights: the criteria, then each criterion's indicators (keys are codes). */
function blocks(structure: WeightsInput, w: ModelWeights): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = { '': {} };
  for (const c of structure.criteria) { out[''][c.code] = w.criteria[c.code] as number; out[c.code] = {}; }
  for (const i of structure.indicators) out[i.criterion][i.code] = w.indicators[i.code] as number;
  return out;
}

function fromBlocks(structure: WeightsInput, b: Record<string, Record<string, number>>): ModelWeights {
  const criteria: Record<string, number> = {};
  const indicators: Record<string, number> = {};
  for (const c of structure.criteria) criteria[c.code] = b[''][c.code] as number;
  for (const i of structure.indicators) indicators[i.code] = b[i.criterion][i.code] as number;
  return { criteria, indicators };
}

function sameStructure(a: WeightsInput, b: ModelWeights): boolean {
  const ac = a.criteria.map((c) => c.code).sort().join('|');
  const bc = Object.keys(b.criteria).sort().join('|');
  const ai = a.indicators.map((i) => i.code).sort().join('|');
  const bi = Object.keys(b.indicators).sort().join('|');
  return ac === bc && ai === bi;
}

/**
 * Blends new local weights with the previous version's, block by block (issue 6, 3a):
 * w = θ·new + (1 − θ)·old, renormalised within each block (blendWeights). Both must have the same criteria and
 * indicators (codes) in the same criteria; otherwise ValidationError('models.blendMismatch').
 */
export function blendLocalWeights(structure: WeightsInput, newer: ModelWeights, older: ModelWeights, theta: number): ModelWeights {
  if (!sameStructure(structure, older)) throw new ValidationError('models.blendMismatch');
  const nb = blocks(structure, newer), ob = blocks(structure, older);
  const out: Record<string, Record<string, number>> = {};
  for (const key of Object.keys(nb)) out[key] = blendWeights(nb[key] as Record<string, number>, ob[key] as Record<string, number>, theta);
  return fromBlocks(structure, out);
}

/**
 * Time-decayed pooling of several rounds' local weights (issue 6, 3a): round r gets the factor
 * λ^age_r / Σ_s λ^age_s (timeDecayedExpertWeights with one pseudo-expert per round), and each block's weights are
 * Σ_r factor_r · w_r, renormalised. This pools the rounds' group priorities (an AIP-style mean); it does not
 * re-aggregate the individual judgments. All rounds must share criteria and indicators (codes).
 */
export function timeDecayedLocalWeights(
  structure: WeightsInput,
  rounds: readonly { label: string; age: number; weights: ModelWeights }[],
  lambda: number,
): { weights: ModelWeights; factors: { label: string; factor: number }[] } {
  for (const r of rounds) if (!sameStructure(structure, r.weights)) throw new ValidationError('models.blendMismatch');
  const factors = timeDecayedExpertWeights(rounds.map((r, k) => ({ round: `${k}`, age: r.age, experts: [{ expert: 'group', weight: 1 }] })), lambda)
    .map((x) => x.weight);
  const acc: Record<string, Record<string, number>> = {};
  rounds.forEach((r, k) => {
    const b = blocks(structure, r.weights);
    for (const [key, block] of Object.entries(b)) {
      acc[key] ??= {};
      for (const [code, w] of Object.entries(block)) acc[key][code] = (acc[key][code] ?? 0) + (factors[k] as number) * w;
    }
  });
  for (const block of Object.values(acc)) {
    const sum = Object.values(block).reduce((s, x) => s + x, 0);
    if (!(sum > 0)) throw new ValidationError('models.blendMismatch');
    for (const code of Object.keys(block)) block[code] = (block[code] as number) / sum;
  }
  return { weights: fromBlocks(structure, acc), factors: rounds.map((r, k) => ({ label: r.label, factor: factors[k] as number })) };
}

/** The structure (codes, names) of a stored definition, as WeightsInput with its own local weights. */
export function structureOfDefinition(d: CreditModelDefinition): WeightsInput {
  return {
    criteria: d.criteria.map((c) => ({ code: c.id, names: c.names, weight: c.weight })),
    indicators: d.indicators.map((i) => ({ code: i.id, criterion: i.criterion, names: i.names, description: { en: i.definition.en, zh: i.definition.zh ?? '' }, weight: i.weight })),
  };
}
