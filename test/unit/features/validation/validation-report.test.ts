import { describe, expect, it } from 'vitest';
import { gradeForScore } from '../../../../src/domain/credit/grade-for-score.js';
import { seededRandom } from '../../../../src/domain/random/seeded-random.js';
import { areaUnderRocCurve } from '../../../../src/domain/validation/area-under-roc-curve.js';
import { aucConfidenceInterval } from '../../../../src/domain/validation/auc-confidence-interval.js';
import { brierScore } from '../../../../src/domain/validation/brier-score.js';
import { confusionMatrixAtGrade } from '../../../../src/domain/validation/confusion-matrix-at-grade.js';
import { defaultRatesByGrade } from '../../../../src/domain/validation/default-rates-by-grade.js';
import { delongTest } from '../../../../src/domain/validation/delong-test.js';
import { hosmerLemeshowTest } from '../../../../src/domain/validation/hosmer-lemeshow-test.js';
import { kendallTauB } from '../../../../src/domain/validation/kendall-tau-b.js';
import { kolmogorovSmirnovStatistic } from '../../../../src/domain/validation/kolmogorov-smirnov-statistic.js';
import { migrationMatrix } from '../../../../src/domain/validation/migration-matrix.js';
import { spearmanCorrelation } from '../../../../src/domain/validation/spearman-correlation.js';
import { ILLUSTRATIVE_PD_SCALE } from '../../../../src/features/validation/pd-master-scale.js';
import {
  calibrationByGrade, computeValidationResults, hasUnequalWeights, kishEffectiveSize, type ReportInput, type ReportUnit,
} from '../../../../src/features/validation/validation-report.js';

const SCALE = { bands: [['AAA', 90], ['AA', 85], ['A', 80], ['BBB', 75], ['BB', 70], ['B', 65], ['CCC', 60], ['CC', 50], ['C', 0]].map(([grade, minScore]) => ({ grade: grade as string, minScore: minScore as number })), defaultGrade: 'D' };
const ORDER = ['AAA', 'AA', 'A', 'BBB', 'BB', 'B', 'CCC', 'CC', 'C', 'D'];

/** A scored sample: two versions whose scores share a latent quality; defaults likelier for low quality. */
function sample(n: number, seed: number, weights?: (i: number, bad: boolean) => number): ReportUnit[] {
  const rng = seededRandom(seed);
  return Array.from({ length: n }, (_, i) => {
    const quality = rng.nextNormal();
    const bad = rng.next() < 1 / (1 + Math.exp(2.6 + 1.2 * quality));
    const s1 = Math.max(0, Math.min(100, 72 + 9 * quality + 5 * rng.nextNormal()));
    const s2 = Math.max(0, Math.min(100, 72 + 9 * quality + 3 * rng.nextNormal()));
    return {
      snapshotId: i + 1, outcome: bad ? 1 : 0, weight: weights ? weights(i, bad) : 1, stratum: 'all',
      scores: { v1: Math.round(s1 * 100) / 100, v2: Math.round(s2 * 100) / 100 },
      grades: { v1: gradeForScore(Math.round(s1 * 100) / 100, SCALE), v2: gradeForScore(Math.round(s2 * 100) / 100, SCALE) },
      classification: i % 7 === 0 ? (bad ? 'substandard' : 'normal') : null,
      indicators: { I21: 40 + 30 * rng.next(), I51: rng.next() < 0.8 ? 'clean' : 'cured30' },
    };
  });
}

const versions = [
  { key: 'v1', id: 1, name: 'old', gradeOrder: ORDER, pdByGrade: { ...ILLUSTRATIVE_PD_SCALE } },
  { key: 'v2', id: 2, name: 'new', gradeOrder: ORDER, pdByGrade: { ...ILLUSTRATIVE_PD_SCALE } },
];
const input = (units: ReportUnit[]): ReportInput => ({ versions, units, cutoffGrade: 'CCC', costRatio: 5, psiReference: { kind: 'population', indicators: units.map((u) => u.indicators) } });

describe('computeValidationResults — unweighted sample (oracle: the domain functions on the same data)', () => {
  const units = sample(800, 42);
  const r = computeValidationResults(input(units));
  const y = units.map((u) => u.outcome);
  const s1 = units.map((u) => u.scores.v1!), s2 = units.map((u) => u.scores.v2!);
  const g1 = units.map((u) => u.grades.v1!), g2 = units.map((u) => u.grades.v2!);

  it('counts the sample and sees equal weights as unweighted', () => {
    expect(r.sample).toMatchObject({ n: 800, bads: y.filter((x) => x === 1).length, weighted: false, effectiveSize: 800, totalWeight: 800 });
    expect(r.sample.bads).toBeGreaterThan(40);
  });

  it('AUC, its DeLong CI, Gini and KS match areaUnderRocCurve, aucConfidenceInterval and kolmogorovSmirnovStatistic', () => {
    const v1 = r.versions[0]!;
    expect(v1.auc).toBeCloseTo(areaUnderRocCurve(y, s1), 14);
    const ci = aucConfidenceInterval(y, s1);
    expect(v1.aucCi![0]).toBeCloseTo(ci.ci[0], 14);
    expect(v1.aucCi![1]).toBeCloseTo(ci.ci[1], 14);
    expect(v1.gini).toBeCloseTo(2 * v1.auc! - 1, 14);
    expect(v1.ks).toBeCloseTo(kolmogorovSmirnovStatistic(y, s1).ks, 14);
    expect(r.versions[1]!.auc).toBeCloseTo(areaUnderRocCurve(y, s2), 14);
    expect(v1.roc[0]).toMatchObject({ falsePositiveRate: 0, truePositiveRate: 0 });
    expect(v1.cap.at(-1)).toMatchObject({ populationShare: 1, badShare: 1 });
    expect(v1.roc.length).toBeLessThanOrEqual(101);
  });

  it('DeLong\'s paired test matches delongTest', () => {
    const d = delongTest(y, s1, s2);
    expect(r.comparisons).toHaveLength(1);
    expect(r.comparisons[0]!.delong!.z).toBeCloseTo(d.z, 12);
    expect(r.comparisons[0]!.delong!.p).toBeCloseTo(d.p, 12);
  });

  it('confusion matrix, Brier of the grade PDs, default rates by grade and Hosmer–Lemeshow match the domain functions', () => {
    const c = confusionMatrixAtGrade(y, g1, { gradeOrder: ORDER, cutoffGrade: 'CCC', costRatio: 5 });
    expect(r.versions[0]!.confusion).toEqual(c);
    const pds = g1.map((g) => ILLUSTRATIVE_PD_SCALE[g]!);
    expect(r.versions[0]!.brier).toBeCloseTo(brierScore(y, pds), 14);
    const rows = defaultRatesByGrade({ outcomes: y, grades: g1, pdByGrade: ILLUSTRATIVE_PD_SCALE, gradeOrder: ORDER });
    expect(r.versions[0]!.calibration.map((x) => [x.grade, x.obligors, x.defaults, x.binomialP, x.jeffreysP])).toEqual(rows.map((x) => [x.grade, x.obligors, x.defaults, x.binomialP, x.jeffreysP]));
    const hl = hosmerLemeshowTest(y, pds, { groupBy: g1 });
    expect(r.versions[0]!.hosmerLemeshow!.statistic).toBeCloseTo(hl.statistic, 10);
    expect(r.versions[0]!.hosmerLemeshow!.degreesOfFreedom).toBe(hl.degreesOfFreedom);
  });

  it('McNemar counts the units classified correctly by only one version (hand count)', () => {
    const cut = ORDER.indexOf('CCC');
    const right = (g: string, bad: number) => (ORDER.indexOf(g) <= cut ? bad === 0 : bad === 1);
    let b = 0, c = 0;
    units.forEach((u, i) => { const a1 = right(g1[i]!, u.outcome), a2 = right(g2[i]!, u.outcome); if (a1 && !a2) b++; if (a2 && !a1) c++; });
    expect(r.comparisons[0]!.mcnemar).toMatchObject({ onlyFirst: b, onlySecond: c, discordant: b + c });
  });

  it('migration matrix, grade PSI, rank correlations match migrationMatrix, spearmanCorrelation and kendallTauB', () => {
    expect(r.migrations[0]!.matrix).toEqual(migrationMatrix(g1, g2, ORDER));
    expect(r.gradePsi[0]!.result.psi).toBeGreaterThanOrEqual(0);
    expect(r.rankCorrelations[0]!.spearman!.rho).toBeCloseTo(spearmanCorrelation(s1, s2).rho, 14);
    expect(r.rankCorrelations[0]!.kendall!.tau).toBeCloseTo(kendallTauB(s1, s2).tau, 14);
    // The loan classification is known for every 7th unit: a correlation per version with it.
    const known = units.filter((u) => u.classification !== null);
    const withClass = r.rankCorrelations.filter((x) => x.b === 'classification');
    expect(withClass.map((x) => x.a)).toEqual(['v1', 'v2']);
    expect(withClass[0]!.n).toBe(known.length);
    expect(withClass[0]!.spearman!.rho).toBeLessThan(0);
  });

  it('PSI per indicator of the sample against itself is 0 for every indicator', () => {
    expect(r.indicatorPsi!.rows.map((x) => x.indicator)).toEqual(['I21', 'I51']);
    for (const row of r.indicatorPsi!.rows) expect(row.result.psi).toBeCloseTo(0, 14);
    expect(r.problems).toEqual([]);
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });
});

describe('computeValidationResults — design weights', () => {
  it('weights equal to replicating units: weighted AUC equals the AUC of the replicated sample', () => {
    const units = sample(300, 5, (i, bad) => (bad ? 1 : 3));
    const r = computeValidationResults(input(units));
    expect(r.sample.weighted).toBe(true);
    const replicated = units.flatMap((u) => Array.from({ length: u.weight }, () => u));
    expect(r.versions[0]!.auc).toBeCloseTo(areaUnderRocCurve(replicated.map((u) => u.outcome), replicated.map((u) => u.scores.v1!)), 12);
    expect(r.versions[0]!.auc).toBeCloseTo(areaUnderRocCurve(units.map((u) => u.outcome), units.map((u) => u.scores.v1!), { weights: units.map((u) => u.weight) }), 14);
    const bads = units.filter((u) => u.outcome === 1).length;
    expect(r.sample.weightedBadRate).toBeCloseTo(bads / (bads + 3 * (units.length - bads)), 14);
    // The confusion matrix counts weighted units.
    expect(r.versions[0]!.confusion!.weighted).toBe(true);
    expect(r.versions[0]!.confusion!.badRejected + r.versions[0]!.confusion!.badAccepted).toBe(bads);
  });

  it('Kish effective counts: (Σw)²/Σw², hand-computed', () => {
    expect(kishEffectiveSize([1, 1, 1, 1])).toBe(4);
    expect(kishEffectiveSize([1, 3])).toBeCloseTo(16 / 10, 14);
    expect(hasUnequalWeights([2, 2, 2])).toBe(false);
    expect(hasUnequalWeights([2, 2, 2.5])).toBe(true);
    // Grade A: 2 defaults of weight 1 and 4 goods of weight 3 → rate 2/14, n_eff = 14²/(2 + 36) = 5.16 → 5, D_eff = round(5·2/14) = 1.
    const rows = calibrationByGrade([1, 1, 0, 0, 0, 0], ['A', 'A', 'A', 'A', 'A', 'A'], [1, 1, 3, 3, 3, 3], { A: 0.1 }, ['A', 'B']);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ grade: 'A', obligors: 6, defaults: 2, effectiveObligors: 5, effectiveDefaults: 1 });
    expect(rows[0]!.weightedDefaultRate).toBeCloseTo(2 / 14, 14);
    // Binomial P(X ≥ 1 | 5, 0.1) = 1 − 0.9⁵.
    expect(rows[0]!.binomialP).toBeCloseTo(1 - 0.9 ** 5, 12);
  });
});

describe('computeValidationResults — clear messages, never NaN', () => {
  it('an all-good sample is refused with "no-bads"', () => {
    const units = sample(50, 3).map((u) => ({ ...u, outcome: 0 as const }));
    expect(() => computeValidationResults(input(units))).toThrow(expect.objectContaining({ code: 'no-bads' }));
  });

  it('too few grades for Hosmer–Lemeshow and an unknown cut-off grade become listed problems', () => {
    const units = sample(200, 9).map((u) => ({ ...u, grades: { v1: u.scores.v1! >= 72 ? 'AA' : 'B', v2: u.scores.v2! >= 72 ? 'AA' : 'B' } }));
    const r = computeValidationResults({ ...input(units), cutoffGrade: 'Z' });
    expect(r.versions[0]!.hosmerLemeshow).toBeNull();
    expect(r.versions[0]!.confusion).toBeNull();
    expect(r.problems.map((p) => `${p.metric}:${p.code}`)).toEqual(expect.arrayContaining(['hosmer-lemeshow:too-few-groups', 'confusion:unknown-grade']));
    expect(r.comparisons[0]!.mcnemar).toBeNull();
    expect(JSON.stringify(r)).not.toContain('NaN');
  });

  it('needs two versions', () => {
    expect(() => computeValidationResults({ ...input(sample(20, 1)), versions: versions.slice(0, 1) })).toThrow(expect.objectContaining({ code: 'too-few-versions' }));
  });
});
