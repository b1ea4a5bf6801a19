import { DomainError } from '../domain-error.js';
import { applyIndustryVariant } from './apply-industry-variant.js';
import type {
  AppliedAdjustment, AppliedCap, BorrowerEvaluation, BorrowerInput, CriterionResult, EvaluationWarning, IndicatorResult,
} from './borrower-evaluation.js';
import type { CreditModelDefinition } from './credit-model-definition.js';
import type { BorrowerFlag, GradeCap, GradeRequirement } from './grade-cap.js';
import { GRADE_BOUNDARY_TOLERANCE } from './grade-for-score.js';
import { overlayPoints } from './overlay-points.js';
import { validateCreditModel } from './validate-credit-model.js';

/** A credit model precompiled into flat typed arrays for fast, repeated scoring. */
export interface CompiledCreditModel {
  readonly definition: CreditModelDefinition;
  /** Indicator ids in model order. */
  readonly indicatorIds: readonly string[];
  /** Criterion ids in model order. */
  readonly criterionIds: readonly string[];
  /** Full evaluation, exactly as scoreBorrower. */
  score(borrower: BorrowerInput): BorrowerEvaluation;
  /** Same score and grade as `score`, without building the breakdown (batch ranking, validation runs). */
  scoreAndGrade(borrower: BorrowerInput): { score: number; grade: string };
}

/** Per industry variant (and the default): rules and local weights as flat arrays. */
interface Core {
  readonly isCode: Uint8Array;
  readonly anchorStart: Int32Array;
  readonly anchorEnd: Int32Array; // exclusive
  readonly anchorRaw: Float64Array;
  readonly anchorScore: Float64Array;
  readonly codeTables: (Map<string, number> | null)[];
  readonly localWeight: Float64Array;
  readonly criterionWeight: Float64Array;
  readonly adjustment: AppliedAdjustment | null;
}

interface CompiledCap {
  readonly cap: GradeCap;
  readonly rank: number;
  readonly kind: 0 | 1 | 2; // flag, code, days past due
  readonly flag: BorrowerFlag | null;
  readonly indicator: number;
  readonly codes: ReadonlySet<string> | null;
  readonly days: number;
}

interface CompiledRequirement {
  readonly requirement: GradeRequirement;
  readonly rank: number;
  readonly indicators: Int32Array;
}

const FLAG_NAMES: readonly BorrowerFlag[] = ['dishonestDebtorList', 'insolvency'];

/**
 * Precompiles a credit model definition (validated first; DomainError `invalid-model` lists the problems) into
 * a scorer. Scoring (DESIGN §5, credit-default-model.md):
 * 1. indicator scores s_i by their rules (the industry variant's rules and weights when the industry matches);
 * 2. criterion score = Σ_{i present} l_i·s_i / Σ_{i present} l_i (policy 'renormalise-within-criterion') or
 *    Σ_i l_i·s_i / Σ_i l_i with missing s_i = 0 ('score-zero');
 * 3. S = Σ_{c scored} W_c·score_c / Σ_{c scored} W_c over criteria with data (and without the collateral
 *    criterion in 'facility-grade-only' mode); applied global weight of i = W_c/ΣW · l_i/Σl;
 * 4. overlay: S ← clamp(S + overlayPoints(index), 0, 100);
 * 5. grade = first band with S ≥ minScore; then the requirements (AAA needs I21, I51, I52 at 100), caps and
 *    knock-outs lower it; a borrower in default gets the default grade (D).
 * Throws DomainError `invalid-borrower` listing unknown ids and values of the wrong type or unknown codes, and
 * `no-indicator-values` when no criterion has any value.
 */
export function compileModel(definition: CreditModelDefinition): CompiledCreditModel {
  const problems = validateCreditModel(definition);
  if (problems.length > 0) {
    throw new DomainError('invalid-model', `The credit model is invalid: ${problems.map((p) => p.message).join(' ')}`, { problems });
  }
  const indicatorIds = definition.indicators.map((i) => i.id);
  const criterionIds = definition.criteria.map((c) => c.id);
  const n = indicatorIds.length;
  const m = criterionIds.length;
  const idIndex = new Map<string, number>(indicatorIds.map((id, i) => [id, i]));
  const criterionIndex = new Map<string, number>(criterionIds.map((id, i) => [id, i]));
  const criterionOf = Int32Array.from(definition.indicators, (i) => criterionIndex.get(i.criterion) as number);
  const facilityMode = definition.collateralMode === 'facility-grade-only';
  const collateral = facilityMode ? (criterionIndex.get(definition.collateralCriterion) as number) : -1;
  const scoreZero = definition.missingPolicy === 'score-zero';
  const reviewAbove = definition.indicators.map((i) => i.reviewAbove ?? null);

  const bands = definition.gradeScale.bands;
  const bandMin = Float64Array.from(bands, (b) => b.minScore - GRADE_BOUNDARY_TOLERANCE);
  const grades = [...bands.map((b) => b.grade), definition.gradeScale.defaultGrade];
  const defaultRank = bands.length;
  const rankOf = (g: string) => grades.indexOf(g);

  const caps: CompiledCap[] = definition.gradeCaps.map((cap) => {
    const c = cap.condition;
    return {
      cap,
      rank: rankOf(cap.maxGrade),
      kind: c.kind === 'flag' ? 0 : c.kind === 'code' ? 1 : 2,
      flag: c.kind === 'flag' ? c.flag : null,
      indicator: c.kind === 'code' ? (idIndex.get(c.indicator) as number) : -1,
      codes: c.kind === 'code' ? new Set(c.codes) : null,
      days: c.kind === 'days-past-due-above' ? c.days : 0,
    };
  });
  const requirements: CompiledRequirement[] = definition.gradeRequirements.map((r) => ({
    requirement: r,
    rank: rankOf(r.grade),
    indicators: Int32Array.from(r.indicators, (id) => idIndex.get(id) as number),
  }));

  const compileCore = (model: CreditModelDefinition, adjustment: AppliedAdjustment | null): Core => {
    const starts = new Int32Array(n), ends = new Int32Array(n);
    const raws: number[] = [], scores: number[] = [];
    const isCode = new Uint8Array(n);
    const codeTables: (Map<string, number> | null)[] = [];
    model.indicators.forEach((ind, i) => {
      if (ind.rule.kind === 'codes') {
        isCode[i] = 1;
        codeTables.push(new Map(ind.rule.codes.map((o) => [o.code, o.score])));
      } else {
        codeTables.push(null);
        starts[i] = raws.length;
        for (const a of ind.rule.anchors) { raws.push(a.raw); scores.push(a.score); }
        ends[i] = raws.length;
      }
    });
    return {
      isCode, anchorStart: starts, anchorEnd: ends,
      anchorRaw: Float64Array.from(raws), anchorScore: Float64Array.from(scores), codeTables,
      localWeight: Float64Array.from(model.indicators, (i) => i.weight),
      criterionWeight: Float64Array.from(model.criteria, (c) => c.weight),
      adjustment,
    };
  };
  const base = compileCore(definition, null);
  const variantCores = new Map<string, Core>();
  for (const v of definition.industryVariants) {
    variantCores.set(v.industry, compileCore(applyIndustryVariant(definition, v.industry),
      { kind: 'industry-variant', industry: v.industry, rationale: v.rationale }));
  }

  // Output records are cloned from fast-mode templates (JSON.parse builds objects with a stable hidden class;
  // adding 26 keys one by one would turn every result into a slow dictionary-mode object).
  const indicatorTemplate = JSON.parse(JSON.stringify(Object.fromEntries(indicatorIds.map((id) => [id, null])))) as Record<string, IndicatorResult>;
  const criterionTemplate = JSON.parse(JSON.stringify(Object.fromEntries(criterionIds.map((id) => [id, null])))) as Record<string, CriterionResult>;

  // Scratch buffers, reused across calls (scoring is synchronous, so calls never interleave).
  const indicatorScore = new Float64Array(n);
  const present = new Uint8Array(n);
  const rawValue: (number | string | null)[] = new Array(n).fill(null);
  const critScore = new Float64Array(m);
  const critLocalSum = new Float64Array(m);
  const critHasData = new Uint8Array(m);
  const critApplied = new Float64Array(m);

  /** Steps 1–4; fills the scratch buffers and returns the final score and the score before the overlay. */
  const computeScore = (b: BorrowerInput, core: Core): { score: number; before: number; points: number | null } => {
    const values = b.indicators;
    if (values === null || typeof values !== 'object') {
      throw new DomainError('invalid-borrower', 'The borrower needs an object of indicator values.', {});
    }
    // One pass over the given keys (Object.keys is the fastest enumeration for both fast- and dictionary-mode
    // objects); ids not given stay missing.
    present.fill(0);
    let unknown: string[] | null = null;
    let invalid: { indicator: string; value: unknown; problem: string }[] | null = null;
    const keys = Object.keys(values);
    for (let j = 0; j < keys.length; j++) {
      const key = keys[j];
      const i = idIndex.get(key);
      if (i === undefined) { (unknown ??= []).push(key); continue; }
      const v = values[key];
      if (v === null || v === undefined) continue;
      if (core.isCode[i] === 1) {
        const table = core.codeTables[i] as Map<string, number>;
        const s = typeof v === 'string' ? table.get(v) : undefined;
        if (s === undefined) {
          (invalid ??= []).push({
            indicator: key, value: v,
            problem: typeof v === 'string' ? `unknown code; expected one of ${[...table.keys()].join(', ')}` : 'expected a code (text)',
          });
          continue;
        }
        indicatorScore[i] = s;
      } else {
        if (typeof v !== 'number' || !Number.isFinite(v)) {
          (invalid ??= []).push({ indicator: key, value: v, problem: 'expected a finite number' });
          continue;
        }
        // Piecewise-linear through the anchors, clamped outside (same formula as interpolateAnchors).
        const lo = core.anchorStart[i], hi = core.anchorEnd[i] - 1;
        const raw = core.anchorRaw, sc = core.anchorScore;
        let s: number;
        if (v <= raw[lo]) s = sc[lo];
        else if (v >= raw[hi]) s = sc[hi];
        else {
          let k = lo;
          while (v > raw[k + 1]) k++;
          s = sc[k] + ((v - raw[k]) * (sc[k + 1] - sc[k])) / (raw[k + 1] - raw[k]);
        }
        indicatorScore[i] = s;
      }
      present[i] = 1;
      rawValue[i] = v;
    }
    if (unknown !== null || invalid !== null) {
      const parts: string[] = [];
      if (unknown) parts.push(`unknown indicator ids ${unknown.join(', ')}`);
      if (invalid) parts.push(`invalid values for ${invalid.map((x) => `${x.indicator} (${x.problem})`).join(', ')}`);
      throw new DomainError('invalid-borrower', `The borrower has ${parts.join(' and ')}.`,
        { unknownIndicators: unknown ?? [], invalidValues: invalid ?? [] });
    }
    checkScalars(b);

    critScore.fill(0); critLocalSum.fill(0); critHasData.fill(0);
    for (let i = 0; i < n; i++) {
      const c = criterionOf[i], w = core.localWeight[i];
      if (present[i] === 1) { critScore[c] += w * indicatorScore[i]; critLocalSum[c] += w; critHasData[c] = 1; }
      else if (scoreZero) { critLocalSum[c] += w; critHasData[c] = 1; }
    }
    let total = 0;
    for (let c = 0; c < m; c++) {
      if (critHasData[c] === 1 && critLocalSum[c] > 0) critScore[c] /= critLocalSum[c];
      else critHasData[c] = 0;
      if (critHasData[c] === 1 && c !== collateral) total += core.criterionWeight[c];
    }
    if (!(total > 0)) {
      throw new DomainError('no-indicator-values', 'No indicator of the borrower has a value that counts in the score.', {});
    }
    let score = 0;
    for (let c = 0; c < m; c++) {
      const w = critHasData[c] === 1 && c !== collateral ? core.criterionWeight[c] / total : 0;
      critApplied[c] = w;
      score += w * critScore[c];
    }
    score = clamp100(score);
    const before = score;
    let points: number | null = null;
    if (definition.overlay !== null && b.prosperityIndex !== null && b.prosperityIndex !== undefined) {
      points = overlayPoints(b.prosperityIndex, definition.overlay);
      score = clamp100(score + points);
    }
    return { score, before, points };
  };

  const checkScalars = (b: BorrowerInput) => {
    const bad: Record<string, unknown> = {};
    if (b.daysPastDue !== null && b.daysPastDue !== undefined && !(typeof b.daysPastDue === 'number' && Number.isFinite(b.daysPastDue) && b.daysPastDue >= 0)) bad.daysPastDue = b.daysPastDue;
    if (b.prosperityIndex !== null && b.prosperityIndex !== undefined && !(typeof b.prosperityIndex === 'number' && Number.isFinite(b.prosperityIndex))) bad.prosperityIndex = b.prosperityIndex;
    if (b.inDefault !== null && b.inDefault !== undefined && typeof b.inDefault !== 'boolean') bad.inDefault = b.inDefault;
    if (b.flags !== null && b.flags !== undefined) {
      if (typeof b.flags !== 'object') bad.flags = b.flags;
      else for (const key in b.flags) {
        const v = (b.flags as Record<string, unknown>)[key];
        if (!FLAG_NAMES.includes(key as BorrowerFlag) || (v !== undefined && v !== null && typeof v !== 'boolean')) bad[`flags.${key}`] = v;
      }
    }
    const keys = Object.keys(bad);
    if (keys.length > 0) {
      throw new DomainError('invalid-borrower', `The borrower has invalid ${keys.join(', ')} (days past due ≥ 0, a finite index, yes/no flags ${FLAG_NAMES.join(', ')}).`, { invalidFields: bad });
    }
  };

  const scoreRank = (score: number): number => {
    for (let g = 0; g < bandMin.length; g++) if (score >= bandMin[g]) return g;
    return bandMin.length - 1;
  };

  const capHolds = (cap: CompiledCap, b: BorrowerInput): boolean => {
    if (cap.kind === 0) return b.flags?.[cap.flag as BorrowerFlag] === true;
    if (cap.kind === 1) {
      if (present[cap.indicator] !== 1) return false;
      return (cap.codes as ReadonlySet<string>).has(rawValue[cap.indicator] as string);
    }
    return typeof b.daysPastDue === 'number' && b.daysPastDue > cap.days;
  };

  const requirementMet = (r: CompiledRequirement): boolean => {
    for (let k = 0; k < r.indicators.length; k++) {
      const i = r.indicators[k];
      if (present[i] !== 1 || indicatorScore[i] < r.requirement.minScore) return false;
    }
    return true;
  };

  /** Grade after requirements, caps and default; optionally collects the rules that hold. */
  const finalRank = (score: number, b: BorrowerInput, collect: AppliedCap[] | null): number => {
    const fromScore = scoreRank(score);
    let rank = fromScore;
    for (const r of requirements) {
      if (fromScore <= r.rank && !requirementMet(r)) {
        rank = Math.max(rank, r.rank + 1);
        collect?.push({ id: r.requirement.id, kind: 'requirement', maxGrade: grades[r.rank + 1], binding: true, labels: r.requirement.labels });
      }
    }
    for (const cap of caps) {
      if (capHolds(cap, b)) {
        collect?.push({ id: cap.cap.id, kind: cap.cap.kind, maxGrade: grades[cap.rank], binding: cap.rank > fromScore, labels: cap.cap.labels });
        if (cap.rank > rank) rank = cap.rank;
      }
    }
    if (b.inDefault === true) {
      collect?.push({ id: 'in-default', kind: 'default', maxGrade: grades[defaultRank], binding: true, labels: { en: 'The borrower is in default.', zh: '借款人已违约。' } });
      rank = defaultRank;
    }
    return rank;
  };

  const coreFor = (b: BorrowerInput): Core =>
    (b.industry !== null && b.industry !== undefined && variantCores.get(b.industry)) || base;

  const score = (b: BorrowerInput): BorrowerEvaluation => {
    const core = coreFor(b);
    const { score: s, before, points } = computeScore(b, core);
    const capsOut: AppliedCap[] = [];
    const grade = grades[finalRank(s, b, capsOut)];

    const criteria: Record<string, CriterionResult> = { ...criterionTemplate };
    for (let c = 0; c < m; c++) {
      criteria[criterionIds[c]] = { weight: critApplied[c], score: critHasData[c] === 1 ? critScore[c] : null };
    }
    const indicators: Record<string, IndicatorResult> = { ...indicatorTemplate };
    const missing: string[] = [];
    let review: EvaluationWarning[] | null = null;
    for (let i = 0; i < n; i++) {
      const c = criterionOf[i];
      const id = indicatorIds[i];
      const has = present[i] === 1;
      const counts = has || scoreZero;
      const weight = counts && critHasData[c] === 1 ? (critApplied[c] * core.localWeight[i]) / critLocalSum[c] : 0;
      const value = has ? rawValue[i] : null;
      indicators[id] = { value, score: has ? indicatorScore[i] : scoreZero ? 0 : null, weight: weight === 0 ? 0 : weight };
      if (!has) missing.push(id);
      const r = reviewAbove[i];
      if (r !== null && has && (value as number) > r.value) {
        (review ??= []).push({ code: 'review-value', message: r.reason.en, indicators: [id] });
      }
    }

    const warnings: EvaluationWarning[] = [];
    if (missing.length > 0) {
      warnings.push({
        code: 'missing-indicators',
        message: `${missing.length} indicator${missing.length === 1 ? ' is' : 's are'} missing (${missing.join(', ')}); ${scoreZero ? 'they score 0' : 'weights renormalised within their criteria'}.`,
        indicators: missing,
      });
    }
    if (!scoreZero) {
      for (let c = 0; c < m; c++) {
        if (critHasData[c] === 0) {
          warnings.push({
            code: 'criterion-missing', criterion: criterionIds[c],
            message: `Every indicator of ${criterionIds[c]} is missing; criterion weights renormalised across the remaining criteria.`,
          });
        }
      }
    }
    if (review) warnings.push(...review);
    const adjustments: AppliedAdjustment[] = [];
    if (core.adjustment) adjustments.push(core.adjustment);
    if (points !== null && definition.overlay) {
      adjustments.push({ kind: 'overlay', prosperityIndex: b.prosperityIndex as number, points, scoreBefore: before, rationale: definition.overlay.rationale });
    } else if (definition.overlay !== null) {
      warnings.push({ code: 'overlay-index-missing', message: 'The model has a prosperity overlay but no prosperity index was given; no overlay applied.' });
    }

    const result: BorrowerEvaluation = { score: s, grade, criteria, indicators, missing, caps: capsOut, adjustments, warnings };
    if (facilityMode) {
      const has = critHasData[collateral] === 1;
      const fs = has ? clamp100(critScore[collateral]) : null;
      return { ...result, facility: { criterion: criterionIds[collateral], score: fs, grade: fs === null ? null : grades[scoreRank(fs)] } };
    }
    return result;
  };

  const scoreAndGrade = (b: BorrowerInput): { score: number; grade: string } => {
    const { score: s } = computeScore(b, coreFor(b));
    return { score: s, grade: grades[finalRank(s, b, null)] };
  };

  return { definition, indicatorIds, criterionIds, score, scoreAndGrade };
}

function clamp100(x: number): number {
  return x < 0 ? 0 : x > 100 ? 100 : x;
}
