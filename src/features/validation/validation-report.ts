import { DomainError } from '../../domain/domain-error.js';
import { aucIntervalFromPlacements } from '../../domain/validation/auc-confidence-interval.js';
import { binomialDefaultTest } from '../../domain/validation/binomial-default-test.js';
import { brierScore } from '../../domain/validation/brier-score.js';
import { capCurveFromLevels, type CapPoint } from '../../domain/validation/cap-curve.js';
import { confusionMatrixAtGrade } from '../../domain/validation/confusion-matrix-at-grade.js';
import type { ConfusionMatrix } from '../../domain/validation/confusion-matrix.js';
import { defaultRatesByGrade, type GradeDefaultRow } from '../../domain/validation/default-rates-by-grade.js';
import { delongPlacements, type DelongPlacements } from '../../domain/validation/delong-placements.js';
import { delongTestFromPlacements, type DelongTestResult } from '../../domain/validation/delong-test.js';
import { giniCoefficient } from '../../domain/validation/gini-coefficient.js';
import { hosmerLemeshowFromGroups, type HosmerLemeshowResult } from '../../domain/validation/hosmer-lemeshow-test.js';
import { jeffreysDefaultTest } from '../../domain/validation/jeffreys-default-test.js';
import { kendallTauB } from '../../domain/validation/kendall-tau-b.js';
import { ksFromLevels } from '../../domain/validation/kolmogorov-smirnov-statistic.js';
import { mcNemarFromDecisions, type McNemarResult } from '../../domain/validation/mcnemar-test.js';
import { migrationMatrix, type MigrationMatrix } from '../../domain/validation/migration-matrix.js';
import { rocCurveFromLevels, type RocPoint } from '../../domain/validation/roc-curve.js';
import { scoreLevels } from '../../domain/validation/score-levels.js';
import { spearmanCorrelation } from '../../domain/validation/spearman-correlation.js';
import { LOAN_CLASSIFICATIONS } from '../../domain/credit/loan-classification.js';
import { categoricalPsi, indicatorPsi, numericPsi, type IndicatorValue, type LabelledPsi } from './weighted-psi.js';

/** A model version compared in a run. The first version of a run is the reference ("current") version. */
export interface ReportVersion {
  /** Key of the version in the results ("v12"). */
  key: string;
  id: number;
  name: string;
  /** Grades in notch order, best first, the default grade last. */
  gradeOrder: string[];
  /** PD tested for each grade (the run's master scale). */
  pdByGrade: Record<string, number>;
}

/** One sample member with an outcome, scored under every version. */
export interface ReportUnit {
  snapshotId: number;
  outcome: 0 | 1;
  /** Design weight N_cell / n_cell. */
  weight: number;
  stratum: string;
  /** 0–100 score by version key (higher = safer). */
  scores: Record<string, number>;
  grades: Record<string, string>;
  /** The loan's five-category classification at the as-of date (the officer's assessment), when known. */
  classification: string | null;
  indicators: Record<string, IndicatorValue>;
}

export interface ReportInput {
  versions: ReportVersion[];
  units: ReportUnit[];
  cutoffGrade: string;
  costRatio: number;
  /** Units the indicator PSI compares the sample with: the sample's population or an earlier period. */
  psiReference: { kind: 'population' | 'period'; indicators: Record<string, IndicatorValue>[] } | null;
  /** Indicator ids in display order. */
  indicatorOrder?: string[];
  /** Confidence of the AUC intervals and significance of the tests (default 0.95 / 0.05). */
  confidence?: number;
  /** Points kept per plotted curve (default 101). */
  curvePoints?: number;
}

/** A metric that could not be computed, with the reason (a DomainError's code and sentence). */
export interface ReportProblem {
  metric: string;
  version?: string;
  code: string;
  message: string;
}

export interface CalibrationRow extends GradeDefaultRow {
  /** Kish effective obligors (Σw)²/Σw² and defaults n_eff × weighted rate that the tests used when weighted. */
  effectiveObligors: number;
  effectiveDefaults: number;
}

export interface VersionResults {
  key: string;
  auc: number | null;
  aucCi: [number, number] | null;
  aucStandardError: number | null;
  gini: number | null;
  ks: number | null;
  /** The score at which the KS distance is largest. */
  ksScore: number | null;
  roc: RocPoint[];
  cap: CapPoint[];
  /** Brier score of the grade PDs. */
  brier: number | null;
  confusion: (ConfusionMatrix & { cutoffGrade: string }) | null;
  calibration: CalibrationRow[];
  hosmerLemeshow: HosmerLemeshowResult | null;
  /** Weighted mean PD and weighted observed default rate of the sample (central tendency). */
  meanPd: number;
  observedRate: number;
}

export interface ComparisonResults {
  a: string;
  b: string;
  delong: DelongTestResult | null;
  /** McNemar on "classified correctly at the cut-off grade" (unweighted sample counts). */
  mcnemar: (McNemarResult & { both: number; neither: number }) | null;
}

export interface RankCorrelation {
  /** Version keys, or "classification" for the officers' five-category classification. */
  a: string;
  b: string;
  n: number;
  spearman: { rho: number; p: number } | null;
  kendall: { tau: number; p: number } | null;
}

export interface ValidationResults {
  sample: {
    n: number; bads: number; goods: number;
    /** True when the design weights differ between units (they then enter every metric that sums over units). */
    weighted: boolean;
    badRate: number;
    weightedBadRate: number;
    /** Kish effective sample size (Σw)²/Σw². */
    effectiveSize: number;
    totalWeight: number;
  };
  confidence: number;
  cutoffGrade: string;
  costRatio: number;
  versions: VersionResults[];
  comparisons: ComparisonResults[];
  migrations: { from: string; to: string; matrix: MigrationMatrix }[];
  gradePsi: { from: string; to: string; result: LabelledPsi }[];
  scorePsi: { from: string; to: string; result: LabelledPsi }[];
  indicatorPsi: { reference: 'population' | 'period'; referenceSize: number; rows: { indicator: string; result: LabelledPsi }[] } | null;
  rankCorrelations: RankCorrelation[];
  problems: ReportProblem[];
}

/** Kish (1965, Survey Sampling §11.7) effective sample size of weights: (Σw)² / Σw². */
export function kishEffectiveSize(weights: ArrayLike<number>): number {
  let s = 0, s2 = 0;
  for (let i = 0; i < weights.length; i++) { s += weights[i]!; s2 += weights[i]! * weights[i]!; }
  return s2 > 0 ? (s * s) / s2 : 0;
}

/** True when not every weight equals the first (then the sample is self-weighting and weights change nothing). */
export function hasUnequalWeights(weights: ArrayLike<number>): boolean {
  for (let i = 1; i < weights.length; i++) if (Math.abs(weights[i]! - weights[0]!) > 1e-12 * Math.max(1, Math.abs(weights[0]!))) return true;
  return false;
}

/**
 * Default rate per grade with the one-sided binomial and Jeffreys tests against the grade's PD. Unweighted (a
 * self-weighting sample): exactly the domain's `defaultRatesByGrade`. With unequal design weights (e.g. defaults
 * oversampled) the raw counts of a grade would overstate its default rate, so each grade is tested on its Kish
 * effective counts: n_eff = (Σw)²/Σw² obligors and round(n_eff · weighted default rate) defaults — the usual
 * effective-sample-size adaptation of binomial tests and intervals to survey data (Korn & Graubard 1998,
 * Survey Methodology 24:193–201).
 */
export function calibrationByGrade(outcomes: readonly number[], grades: readonly string[], weights: readonly number[] | null,
  pdByGrade: Record<string, number>, gradeOrder: readonly string[], significance = 0.05): CalibrationRow[] {
  if (!weights) {
    return defaultRatesByGrade({ outcomes, grades, pdByGrade, gradeOrder, significance })
      .map((r) => ({ ...r, effectiveObligors: r.obligors, effectiveDefaults: r.defaults }));
  }
  const rows: CalibrationRow[] = [];
  for (const grade of gradeOrder) {
    let n = 0, d = 0, w = 0, wd = 0, w2 = 0;
    for (let i = 0; i < grades.length; i++) {
      if (grades[i] !== grade) continue;
      const wi = weights[i]!;
      n++; w += wi; w2 += wi * wi;
      if (outcomes[i] === 1) { d++; wd += wi; }
    }
    if (n === 0) continue;
    const pd = pdByGrade[grade];
    if (pd === undefined) throw new DomainError('missing-pd', `Grade "${grade}" has no PD; give a PD for every grade that occurs.`, { grade });
    const rate = w > 0 ? wd / w : d / n;
    const nEff = Math.max(1, Math.round(w2 > 0 ? (w * w) / w2 : n));
    const dEff = Math.min(nEff, Math.max(0, Math.round(nEff * rate)));
    const binomial = binomialDefaultTest(dEff, nEff, pd);
    const jeffreys = jeffreysDefaultTest(dEff, nEff, pd);
    rows.push({
      grade, obligors: n, defaults: d, defaultRate: d / n, weightedDefaultRate: rate, pd,
      binomialP: binomial.p, jeffreysP: jeffreys.p, jeffreysInterval: jeffreys.interval,
      pdUnderestimated: binomial.p < significance || jeffreys.p < significance,
      effectiveObligors: nEff, effectiveDefaults: dEff,
    });
  }
  return rows;
}

/**
 * Hosmer–Lemeshow test over the grades (groups = grades; a grade's PD is the forecast of its units) on the same
 * counts as the per-grade tests (effective counts when weighted). Grades with PD 0 or 1 (the default grade) have no
 * variance term and are left out — listed in `excluded`.
 */
export function hosmerLemeshowByGrade(rows: readonly CalibrationRow[]): { result: HosmerLemeshowResult; excluded: string[] } {
  const excluded = rows.filter((r) => !(r.pd > 0 && r.pd < 1)).map((r) => r.grade);
  const groups = rows.filter((r) => r.pd > 0 && r.pd < 1).map((r) => ({
    label: r.grade, obligors: r.effectiveObligors, observed: r.effectiveDefaults, expected: r.effectiveObligors * r.pd, meanPd: r.pd,
  }));
  return { result: hosmerLemeshowFromGroups(groups), excluded };
}

/**
 * Every metric of a validation run (issue 7 point 3) from the scored sample: per version AUC with its DeLong CI,
 * Gini, KS, ROC and CAP curves (design-weighted when the weights differ), the confusion matrix at the cut-off grade
 * with type I/II error rates and expected cost (weighted), the Brier score of the grade PDs (weighted), default
 * rates per grade with binomial and Jeffreys tests and the Hosmer–Lemeshow test (effective counts when weighted);
 * for every pair of versions DeLong's paired test and McNemar's test (unweighted sample counts); reference version
 * against each other: migration matrix and PSI of grades and scores (weighted); PSI per indicator between a
 * reference set and the sample; Spearman's ρ and Kendall's τ-b between the versions' scores and with the loan
 * classification where known. A metric that cannot be computed (e.g. too few grades for Hosmer–Lemeshow) is
 * listed in `problems` with the reason, never NaN; the whole run fails only without both goods and bads.
 */
export function computeValidationResults(input: ReportInput): ValidationResults {
  const { versions, units } = input;
  if (versions.length < 2) throw new DomainError('too-few-versions', 'Compare at least two model versions.', { versions: versions.length });
  const confidence = input.confidence ?? 0.95;
  const significance = 1 - confidence;
  const outcomes = units.map((u) => u.outcome);
  const allWeights = units.map((u) => u.weight);
  const weighted = hasUnequalWeights(allWeights);
  const weights = weighted ? allWeights : null;
  const bads = outcomes.filter((y) => y === 1).length;
  if (units.length === 0) throw new DomainError('empty-sample', 'No sample member has an outcome and a score under every version.', {});
  if (bads === 0 || bads === units.length) {
    throw new DomainError(bads === 0 ? 'no-bads' : 'no-goods', bads === 0
      ? `All ${units.length} units are good: the validation needs at least one default.`
      : `All ${units.length} units defaulted: the validation needs at least one good.`, { bads, n: units.length });
  }
  const totalWeight = allWeights.reduce((s, w) => s + w, 0);
  const weightedBads = units.reduce((s, u) => s + (u.outcome === 1 ? u.weight : 0), 0);
  const problems: ReportProblem[] = [];
  const attempt = <T>(metric: string, version: string | undefined, f: () => T): T | null => {
    try {
      return f();
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      problems.push({ metric, ...(version ? { version } : {}), code: err.code, message: err.message });
      return null;
    }
  };
  const curvePoints = input.curvePoints ?? 101;

  const placements = new Map<string, DelongPlacements>();
  const results: VersionResults[] = versions.map((v) => {
    const scores = units.map((u) => u.scores[v.key]!);
    const grades = units.map((u) => u.grades[v.key]!);
    const pds = grades.map((g) => v.pdByGrade[g] ?? NaN);
    const levels = scoreLevels(outcomes, scores, { higherIsRiskier: false, weights: weights ?? undefined, label: `scores of ${v.name}` });
    const p = delongPlacements(outcomes, levels, weights ?? undefined);
    placements.set(v.key, p);
    const interval = attempt('auc', v.key, () => aucIntervalFromPlacements(p, confidence));
    const ks = ksFromLevels(levels);
    const brier = attempt('brier', v.key, () => brierScore(outcomes, pds, weights ?? undefined));
    const confusion = attempt('confusion', v.key, () => confusionMatrixAtGrade(outcomes, grades, {
      gradeOrder: v.gradeOrder, cutoffGrade: input.cutoffGrade, costRatio: input.costRatio, weights: weights ?? undefined,
    }));
    const calibration = attempt('calibration', v.key, () => calibrationByGrade(outcomes, grades, weights, v.pdByGrade, v.gradeOrder, significance)) ?? [];
    const hl = calibration.length ? attempt('hosmer-lemeshow', v.key, () => hosmerLemeshowByGrade(calibration).result) : null;
    let pdSum = 0;
    for (let i = 0; i < units.length; i++) pdSum += (pds[i]! >= 0 ? pds[i]! : 0) * units[i]!.weight;
    return {
      key: v.key,
      auc: interval?.auc ?? null, aucCi: interval?.ci ?? null, aucStandardError: interval?.standardError ?? null,
      gini: interval ? giniCoefficient(interval.auc) : null, ks: ks.ks, ksScore: ks.score,
      roc: rocCurveFromLevels(levels, curvePoints), cap: capCurveFromLevels(levels, curvePoints),
      brier, confusion, calibration, hosmerLemeshow: hl, meanPd: pdSum / totalWeight, observedRate: weightedBads / totalWeight,
    };
  });

  const comparisons: ComparisonResults[] = [];
  const correct = (v: ReportVersion) => {
    const cut = v.gradeOrder.indexOf(input.cutoffGrade);
    return units.map((u) => {
      const accepted = v.gradeOrder.indexOf(u.grades[v.key]!) <= cut;
      return u.outcome === 1 ? !accepted : accepted;
    });
  };
  for (let i = 0; i < versions.length; i++) {
    for (let j = i + 1; j < versions.length; j++) {
      const a = versions[i]!, b = versions[j]!;
      const delong = attempt('delong', `${a.key}/${b.key}`, () => delongTestFromPlacements(placements.get(a.key)!, placements.get(b.key)!, confidence));
      const canCut = a.gradeOrder.includes(input.cutoffGrade) && b.gradeOrder.includes(input.cutoffGrade);
      const mcnemar = canCut ? attempt('mcnemar', `${a.key}/${b.key}`, () => mcNemarFromDecisions(correct(a), correct(b))) : null;
      comparisons.push({ a: a.key, b: b.key, delong, mcnemar });
    }
  }

  const reference = versions[0]!;
  const migrations: ValidationResults['migrations'] = [];
  const gradePsi: ValidationResults['gradePsi'] = [];
  const scorePsi: ValidationResults['scorePsi'] = [];
  const refGrades = units.map((u) => u.grades[reference.key]!);
  const refScores = units.map((u) => u.scores[reference.key]!);
  for (const v of versions.slice(1)) {
    const order = [...reference.gradeOrder, ...v.gradeOrder.filter((g) => !reference.gradeOrder.includes(g))];
    const grades = units.map((u) => u.grades[v.key]!);
    const m = attempt('migration', v.key, () => migrationMatrix(refGrades, grades, order, weights ?? undefined));
    if (m) migrations.push({ from: reference.key, to: v.key, matrix: m });
    const gp = attempt('psi-grades', v.key, () => categoricalPsi(refGrades, grades, { referenceWeights: allWeights, currentWeights: allWeights, order }));
    if (gp) gradePsi.push({ from: reference.key, to: v.key, result: gp });
    const sp = attempt('psi-scores', v.key, () => numericPsi(refScores, units.map((u) => u.scores[v.key]!), { referenceWeights: allWeights, currentWeights: allWeights }));
    if (sp) scorePsi.push({ from: reference.key, to: v.key, result: sp });
  }

  let indicatorResults: ValidationResults['indicatorPsi'] = null;
  if (input.psiReference && input.psiReference.indicators.length > 0) {
    const rows = attempt('psi-indicators', undefined, () => indicatorPsi(input.psiReference!.indicators, units.map((u) => u.indicators), allWeights, input.indicatorOrder ?? []));
    if (rows) indicatorResults = { reference: input.psiReference.kind, referenceSize: input.psiReference.indicators.length, rows };
  }

  const rankCorrelations: RankCorrelation[] = [];
  const correlate = (a: string, b: string, x: number[], y: number[]) => {
    const spearman = attempt('spearman', `${a}/${b}`, () => spearmanCorrelation(x, y));
    const kendall = attempt('kendall', `${a}/${b}`, () => kendallTauB(x, y));
    rankCorrelations.push({ a, b, n: x.length, spearman: spearman && { rho: spearman.rho, p: spearman.p }, kendall: kendall && { tau: kendall.tau, p: kendall.p } });
  };
  for (let i = 0; i < versions.length; i++) {
    for (let j = i + 1; j < versions.length; j++) {
      correlate(versions[i]!.key, versions[j]!.key, units.map((u) => u.scores[versions[i]!.key]!), units.map((u) => u.scores[versions[j]!.key]!));
    }
  }
  const classified = units.filter((u) => u.classification !== null && LOAN_CLASSIFICATIONS.includes(u.classification as never));
  if (classified.length >= 3) {
    // Classification rank: normal 0 … loss 4 (worse = higher), so a model that agrees with the officers has a negative ρ with its score.
    const ranks = classified.map((u) => LOAN_CLASSIFICATIONS.indexOf(u.classification as never));
    for (const v of versions) correlate(v.key, 'classification', classified.map((u) => u.scores[v.key]!), ranks);
  }

  return {
    sample: {
      n: units.length, bads, goods: units.length - bads, weighted, badRate: bads / units.length,
      weightedBadRate: weightedBads / totalWeight, effectiveSize: kishEffectiveSize(allWeights), totalWeight,
    },
    confidence, cutoffGrade: input.cutoffGrade, costRatio: input.costRatio,
    versions: results, comparisons, migrations, gradePsi, scorePsi, indicatorPsi: indicatorResults, rankCorrelations, problems,
  };
}
