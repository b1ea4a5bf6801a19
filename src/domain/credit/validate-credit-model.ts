import type { CreditModelDefinition } from './credit-model-definition.js';
import { validateScoringRule } from './validate-scoring-rule.js';
import { describeValue } from '../domain-error.js';

export interface CreditModelProblem {
  readonly code: string;
  readonly message: string;
  /** Where: e.g. 'criteria.C2.weight', 'indicators.I21.rule', 'industryVariants.F51.criterionTilts.C9'. */
  readonly path: string;
}

/** Tolerance on "weights sum to 1" (stored weights are often rounded to 6+ decimals). */
export const WEIGHT_SUM_TOLERANCE = 1e-6;

const FLAGS = new Set(['dishonestDebtorList', 'insolvency']);

/**
 * Problems with a credit model definition (empty list = valid): weights finite, ≥ 0 and summing to 1 (±1e-6)
 * across criteria and within each criterion; every criterion has an indicator; scoring rules valid and agreeing
 * with unit and direction; grade scale bands strictly decreasing to 0 with a distinct default grade; caps and
 * requirements referring to known grades, indicators, codes and flags; variants and overlay well formed.
 */
export function validateCreditModel(model: CreditModelDefinition): CreditModelProblem[] {
  const problems: CreditModelProblem[] = [];
  const add = (code: string, path: string, message: string) => problems.push({ code, path, message });
  const finiteNonNegative = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x) && x >= 0;

  const criterionIds = new Set<string>();
  let criteriaSum = 0;
  if (!Array.isArray(model.criteria) || model.criteria.length === 0) add('no-criteria', 'criteria', 'The model needs at least one criterion.');
  for (const c of model.criteria ?? []) {
    if (criterionIds.has(c.id)) add('duplicate-id', `criteria.${c.id}`, `Criterion id ${c.id} is used twice.`);
    criterionIds.add(c.id);
    if (!finiteNonNegative(c.weight)) add('bad-weight', `criteria.${c.id}.weight`, `Criterion ${c.id} needs a finite weight ≥ 0.`);
    else criteriaSum += c.weight;
  }
  if (model.criteria?.length > 0 && Math.abs(criteriaSum - 1) > WEIGHT_SUM_TOLERANCE) {
    add('weights-not-normalised', 'criteria', `Criterion weights sum to ${criteriaSum}, not 1.`);
  }

  const indicatorIds = new Map<string, CreditModelDefinition['indicators'][number]>();
  const sums = new Map<string, number>();
  for (const ind of model.indicators ?? []) {
    const path = `indicators.${ind.id}`;
    if (indicatorIds.has(ind.id)) add('duplicate-id', path, `Indicator id ${ind.id} is used twice.`);
    indicatorIds.set(ind.id, ind);
    if (!criterionIds.has(ind.criterion)) add('unknown-criterion', `${path}.criterion`, `Indicator ${ind.id} belongs to unknown criterion ${ind.criterion}.`);
    if (!finiteNonNegative(ind.weight)) add('bad-weight', `${path}.weight`, `Indicator ${ind.id} needs a finite weight ≥ 0.`);
    else sums.set(ind.criterion, (sums.get(ind.criterion) ?? 0) + ind.weight);
    for (const p of validateScoringRule(ind.rule, ind.direction)) add(p.code, `${path}.rule`, `Indicator ${ind.id}: ${p.message}`);
    if ((ind.unit === 'code') !== (ind.rule?.kind === 'codes')) {
      add('unit-rule-mismatch', `${path}.unit`, `Indicator ${ind.id}: unit 'code' goes with a code table and only with one.`);
    }
  }
  for (const c of model.criteria ?? []) {
    const sum = sums.get(c.id);
    if (sum === undefined) {
      if (!(model.indicators ?? []).some((i) => i.criterion === c.id)) add('empty-criterion', `criteria.${c.id}`, `Criterion ${c.id} has no indicator.`);
    } else if (Math.abs(sum - 1) > WEIGHT_SUM_TOLERANCE) {
      add('weights-not-normalised', `criteria.${c.id}`, `Indicator weights of ${c.id} sum to ${sum}, not 1.`);
    }
  }

  const grades = new Set<string>();
  const scale = model.gradeScale;
  const bands = scale?.bands ?? [];
  if (bands.length === 0) add('no-grades', 'gradeScale', 'The grade scale needs at least one band.');
  bands.forEach((b, i) => {
    if (grades.has(b.grade)) add('duplicate-grade', `gradeScale.${b.grade}`, `Grade ${b.grade} is listed twice.`);
    grades.add(b.grade);
    if (typeof b.minScore !== 'number' || !(b.minScore >= 0 && b.minScore <= 100)) {
      add('bad-grade-band', `gradeScale.${b.grade}`, `Grade ${b.grade} needs a minimum score from 0 to 100.`);
    } else if (i > 0 && !(b.minScore < bands[i - 1].minScore)) {
      add('bad-grade-band', `gradeScale.${b.grade}`, `Grade minimum scores must strictly decrease (${b.grade}).`);
    }
  });
  if (bands.length > 0 && bands[bands.length - 1].minScore !== 0) {
    add('bad-grade-band', 'gradeScale', 'The worst band must start at score 0 so every score has a grade.');
  }
  if (!scale?.defaultGrade || grades.has(scale.defaultGrade)) {
    add('bad-default-grade', 'gradeScale.defaultGrade', 'The default grade must be named and differ from the score bands.');
  }
  const knownGrade = (g: string) => grades.has(g) || g === scale?.defaultGrade;

  for (const cap of model.gradeCaps ?? []) {
    const path = `gradeCaps.${cap.id}`;
    if (!knownGrade(cap.maxGrade)) add('unknown-grade', path, `Cap ${cap.id} names unknown grade ${cap.maxGrade}.`);
    const cond = cap.condition;
    if (cond.kind === 'flag') {
      if (!FLAGS.has(cond.flag)) add('unknown-flag', path, `Cap ${cap.id} uses unknown flag ${cond.flag}.`);
    } else if (cond.kind === 'code') {
      const ind = indicatorIds.get(cond.indicator);
      if (!ind || ind.rule.kind !== 'codes') add('unknown-indicator', path, `Cap ${cap.id} needs categorical indicator ${cond.indicator}.`);
      else for (const code of cond.codes) {
        if (!ind.rule.codes.some((o) => o.code === code)) add('unknown-code', path, `Cap ${cap.id}: ${cond.indicator} has no code ${code}.`);
      }
    } else if (cond.kind === 'days-past-due-above') {
      if (!finiteNonNegative(cond.days)) add('bad-cap', path, `Cap ${cap.id} needs a day count ≥ 0.`);
    } else add('bad-cap', path, `Cap ${(cap as { id: string }).id} has an unknown condition.`);
  }
  for (const req of model.gradeRequirements ?? []) {
    const path = `gradeRequirements.${req.id}`;
    const index = bands.findIndex((b) => b.grade === req.grade);
    if (index < 0 || index === bands.length - 1) add('unknown-grade', path, `Requirement ${req.id} needs a score band with a band below it.`);
    for (const id of req.indicators) if (!indicatorIds.has(id)) add('unknown-indicator', path, `Requirement ${req.id} names unknown indicator ${id}.`);
  }

  if (model.missingPolicy !== 'renormalise-within-criterion' && model.missingPolicy !== 'score-zero') {
    add('bad-option', 'missingPolicy', `Unknown missing-value policy ${describeValue(model.missingPolicy)}.`);
  }
  if (model.collateralMode !== 'borrower-score' && model.collateralMode !== 'facility-grade-only') {
    add('bad-option', 'collateralMode', `Unknown collateral mode ${describeValue(model.collateralMode)}.`);
  } else if (model.collateralMode === 'facility-grade-only') {
    if (!criterionIds.has(model.collateralCriterion)) add('unknown-criterion', 'collateralCriterion', `Collateral criterion ${model.collateralCriterion} is not in the model.`);
    else if (model.criteria.length < 2) add('bad-option', 'collateralMode', 'Facility-grade-only needs at least one other criterion.');
  }

  const industries = new Set<string>();
  for (const v of model.industryVariants ?? []) {
    const path = `industryVariants.${v.industry}`;
    if (typeof v.industry !== 'string' || v.industry === '') add('bad-variant', path, 'An industry variant needs an industry code.');
    if (industries.has(v.industry)) add('duplicate-variant', path, `Industry ${v.industry} has two variants.`);
    industries.add(v.industry);
    for (const [id, f] of Object.entries(v.criterionTilts ?? {})) {
      if (!criterionIds.has(id)) add('unknown-criterion', `${path}.criterionTilts.${id}`, `Variant ${v.industry} tilts unknown criterion ${id}.`);
      if (!finiteNonNegative(f)) add('bad-tilt', `${path}.criterionTilts.${id}`, `Variant ${v.industry}: tilt of ${id} must be a finite factor ≥ 0.`);
    }
    for (const [id, f] of Object.entries(v.indicatorTilts ?? {})) {
      if (!indicatorIds.has(id)) add('unknown-indicator', `${path}.indicatorTilts.${id}`, `Variant ${v.industry} tilts unknown indicator ${id}.`);
      if (!finiteNonNegative(f)) add('bad-tilt', `${path}.indicatorTilts.${id}`, `Variant ${v.industry}: tilt of ${id} must be a finite factor ≥ 0.`);
    }
    for (const [id, rule] of Object.entries(v.ruleOverrides ?? {})) {
      const ind = indicatorIds.get(id);
      if (!ind) { add('unknown-indicator', `${path}.ruleOverrides.${id}`, `Variant ${v.industry} overrides unknown indicator ${id}.`); continue; }
      if (rule.kind !== ind.rule.kind) add('unit-rule-mismatch', `${path}.ruleOverrides.${id}`, `Variant ${v.industry}: the override of ${id} must be of kind ${ind.rule.kind}.`);
      for (const p of validateScoringRule(rule, ind.direction)) add(p.code, `${path}.ruleOverrides.${id}`, `Variant ${v.industry}, ${id}: ${p.message}`);
    }
    if (v.criterionTilts) {
      const total = model.criteria.reduce((s, c) => s + c.weight * (v.criterionTilts?.[c.id] ?? 1), 0);
      if (!(total > 0)) add('bad-tilt', `${path}.criterionTilts`, `Variant ${v.industry} leaves every criterion with weight 0.`);
    }
    if (v.indicatorTilts) {
      for (const c of model.criteria) {
        const members = model.indicators.filter((i) => i.criterion === c.id);
        if (members.some((i) => v.indicatorTilts?.[i.id] !== undefined)) {
          const total = members.reduce((s, i) => s + i.weight * (v.indicatorTilts?.[i.id] ?? 1), 0);
          if (!(total > 0)) add('bad-tilt', `${path}.indicatorTilts`, `Variant ${v.industry} leaves every indicator of ${c.id} with weight 0.`);
        }
      }
    }
  }

  const o = model.overlay;
  if (o !== null && o !== undefined) {
    if (!Number.isFinite(o.neutralIndex)) add('bad-overlay', 'overlay.neutralIndex', 'The overlay needs a finite neutral index.');
    if (!Number.isFinite(o.pointsPerIndexPoint)) add('bad-overlay', 'overlay.pointsPerIndexPoint', 'The overlay needs finite points per index point.');
    if (!finiteNonNegative(o.maxPoints) || o.maxPoints > 100) add('bad-overlay', 'overlay.maxPoints', 'The overlay bound must be from 0 to 100 points.');
  }
  return problems;
}
