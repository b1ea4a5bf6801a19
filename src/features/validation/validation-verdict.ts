import type { ValidationResults } from './validation-report.js';

/** One sentence of the verdict: a message key and its values (numbers already formatted, the same in every language). */
export interface VerdictSentence {
  key: string;
  params: Record<string, string | number>;
}

export interface VerdictSection {
  /** 'discrimination' | 'decision' | 'calibration' | 'stability' | 'sample'. */
  topic: string;
  sentences: VerdictSentence[];
}

const f3 = (x: number) => x.toFixed(3);
const pct = (x: number, digits = 1) => `${(x * 100).toFixed(digits)} %`;
/** A p-value with its relation, read after "p": "= 0.124", "< 0.001". */
const pValue = (p: number) => (p < 0.001 ? '< 0.001' : `= ${p.toFixed(3)}`);

/**
 * AUC bands for the words of the verdict: 0.7, 0.8 and 0.9 are Hosmer & Lemeshow's (2000, Applied Logistic
 * Regression 2nd ed., p. 162) acceptable / excellent / outstanding; below 0.6 the ranking is little better than
 * chance, 0.6–0.7 modest.
 */
export function discriminationLevel(auc: number): 'weak' | 'modest' | 'acceptable' | 'excellent' | 'outstanding' {
  if (auc >= 0.9) return 'outstanding';
  if (auc >= 0.8) return 'excellent';
  if (auc >= 0.7) return 'acceptable';
  if (auc >= 0.6) return 'modest';
  return 'weak';
}

/**
 * The plain-language verdict of a run, built only from its numbers: how well each version ranks defaulters
 * (AUC bands), which version discriminates better than the reference and whether DeLong's test finds the
 * difference significant at the run's level; the decision at the cut-off grade (error rates, expected cost,
 * McNemar); where calibration fails (grades whose PD the binomial or Jeffreys test finds underestimated, the
 * Hosmer–Lemeshow test, observed rate against mean PD); stability (grade PSI, migration) and the sample's weights.
 * `names` maps version keys to display names. The view translates each sentence (English or Chinese).
 */
export function buildVerdict(results: ValidationResults, names: Record<string, string>): VerdictSection[] {
  const alpha = 1 - results.confidence;
  const name = (key: string) => names[key] ?? key;
  const sections: VerdictSection[] = [];
  const reference = results.versions[0]!;

  // Discrimination.
  const disc: VerdictSentence[] = [];
  for (const v of results.versions) {
    if (v.auc === null || v.aucCi === null) continue;
    disc.push({ key: `val.verdict.level.${discriminationLevel(v.auc)}`, params: { version: name(v.key), auc: f3(v.auc), lo: f3(v.aucCi[0]), hi: f3(v.aucCi[1]), gini: f3(v.gini ?? 0) } });
  }
  for (const c of results.comparisons) {
    if (c.a !== reference.key && c.b !== reference.key) continue;
    if (!c.delong) continue;
    const d = c.delong;
    const aBetter = d.difference >= 0;
    const better = aBetter ? c.a : c.b, worse = aBetter ? c.b : c.a;
    const params = {
      better: name(better), worse: name(worse),
      aucBetter: f3(aBetter ? d.aucA : d.aucB), aucWorse: f3(aBetter ? d.aucB : d.aucA),
      diff: f3(Math.abs(d.difference)), p: pValue(d.p), z: Math.abs(d.z).toFixed(2), level: pct(alpha, 0),
    };
    if (Math.abs(d.difference) < 5e-4) disc.push({ key: 'val.verdict.sameAuc', params });
    else disc.push({ key: d.p < alpha ? 'val.verdict.betterSignificant' : 'val.verdict.betterNotSignificant', params });
  }
  const ranked = results.versions.filter((v) => v.auc !== null).sort((a, b) => (b.auc as number) - (a.auc as number));
  if (results.versions.length > 2 && ranked.length) disc.push({ key: 'val.verdict.best', params: { version: name(ranked[0]!.key), auc: f3(ranked[0]!.auc as number) } });
  sections.push({ topic: 'discrimination', sentences: disc });

  // Decision at the cut-off grade.
  const decision: VerdictSentence[] = [];
  for (const v of results.versions) {
    if (!v.confusion) continue;
    decision.push({ key: 'val.verdict.cutoff', params: {
      version: name(v.key), grade: results.cutoffGrade, rejected: pct(v.confusion.rejectionRate), typeI: pct(v.confusion.typeIErrorRate), typeII: pct(v.confusion.typeIIErrorRate),
      cost: v.confusion.expectedCost.toFixed(3), ratio: String(results.costRatio),
    } });
  }
  const costed = results.versions.filter((v) => v.confusion);
  if (costed.length >= 2) {
    const cheapest = [...costed].sort((a, b) => a.confusion!.expectedCost - b.confusion!.expectedCost)[0]!;
    const refCost = reference.confusion;
    if (refCost && cheapest.key !== reference.key && cheapest.confusion!.expectedCost < refCost.expectedCost - 1e-12) {
      decision.push({ key: 'val.verdict.cheaper', params: { version: name(cheapest.key), reference: name(reference.key), cost: cheapest.confusion!.expectedCost.toFixed(3), refCost: refCost.expectedCost.toFixed(3) } });
    } else if (refCost) {
      decision.push({ key: 'val.verdict.referenceCheapest', params: { reference: name(reference.key), cost: refCost.expectedCost.toFixed(3) } });
    }
  }
  for (const c of results.comparisons) {
    if (!c.mcnemar || (c.a !== reference.key && c.b !== reference.key)) continue;
    const m = c.mcnemar;
    const p = m.recommended === 'exact' ? m.exactP : m.pCorrected;
    const more = m.onlyFirst >= m.onlySecond ? c.a : c.b;
    decision.push({ key: p < alpha ? 'val.verdict.mcnemarSignificant' : 'val.verdict.mcnemarNotSignificant', params: {
      a: name(c.a), b: name(c.b), onlyA: m.onlyFirst, onlyB: m.onlySecond, more: name(more), p: pValue(p), level: pct(alpha, 0),
    } });
  }
  sections.push({ topic: 'decision', sentences: decision });

  // Calibration.
  const cal: VerdictSentence[] = [];
  for (const v of results.versions) {
    if (!v.calibration.length) continue;
    const failing = v.calibration.filter((r) => r.pdUnderestimated);
    if (failing.length) {
      cal.push({ key: 'val.verdict.calibrationFails', params: {
        version: name(v.key), count: failing.length,
        grades: failing.map((r) => `${r.grade} (${pct(r.weightedDefaultRate)} / PD ${pct(r.pd, 2)})`).join(', '),
      } });
    } else {
      cal.push({ key: 'val.verdict.calibrationHolds', params: { version: name(v.key), grades: v.calibration.length } });
    }
    const overestimated = v.calibration.filter((r) => r.jeffreysP > 1 - alpha && r.effectiveObligors >= 10 && r.pd < 1);
    if (overestimated.length) cal.push({ key: 'val.verdict.conservative', params: { version: name(v.key), grades: overestimated.map((r) => r.grade).join(', ') } });
    if (v.hosmerLemeshow) {
      const h = v.hosmerLemeshow;
      cal.push({ key: h.p < alpha ? 'val.verdict.hlRejects' : 'val.verdict.hlAccepts', params: { version: name(v.key), stat: h.statistic.toFixed(2), df: h.degreesOfFreedom, p: pValue(h.p) } });
    }
    const ratio = v.meanPd > 0 ? v.observedRate / v.meanPd : Infinity;
    cal.push({ key: ratio > 1.25 ? 'val.verdict.centralUnder' : ratio < 0.8 ? 'val.verdict.centralOver' : 'val.verdict.centralOk', params: {
      version: name(v.key), observed: pct(v.observedRate, 2), meanPd: pct(v.meanPd, 2),
    } });
  }
  sections.push({ topic: 'calibration', sentences: cal });

  // Stability.
  const stab: VerdictSentence[] = [];
  for (const g of results.gradePsi) {
    const level = g.result.psi < 0.1 ? 'stable' : g.result.psi < 0.25 ? 'moderate' : 'significant';
    stab.push({ key: `val.verdict.psi.${level}`, params: { from: name(g.from), to: name(g.to), psi: f3(g.result.psi) } });
  }
  for (const m of results.migrations) {
    stab.push({ key: 'val.verdict.migration', params: {
      from: name(m.from), to: name(m.to), unchanged: pct(m.matrix.unchanged), one: pct(m.matrix.withinOneNotch), two: pct(m.matrix.withinTwoNotches),
      up: pct(m.matrix.upgraded), down: pct(m.matrix.downgraded),
    } });
  }
  if (results.indicatorPsi) {
    const shifted = results.indicatorPsi.rows.filter((r) => r.result.psi >= 0.25).map((r) => r.indicator);
    const moderate = results.indicatorPsi.rows.filter((r) => r.result.psi >= 0.1 && r.result.psi < 0.25).map((r) => r.indicator);
    const base = results.indicatorPsi.reference === 'period' ? 'val.verdict.indicatorsPeriod' : 'val.verdict.indicatorsPopulation';
    if (shifted.length) stab.push({ key: `${base}.shift`, params: { indicators: shifted.join(', ') } });
    else if (moderate.length) stab.push({ key: `${base}.moderate`, params: { indicators: moderate.join(', ') } });
    else stab.push({ key: `${base}.stable`, params: { count: results.indicatorPsi.rows.length } });
  }
  sections.push({ topic: 'stability', sentences: stab });

  // The sample behind the numbers.
  const s = results.sample;
  const sample: VerdictSentence[] = [{ key: 'val.verdict.sample', params: { n: s.n, bads: s.bads, rate: pct(s.weightedBadRate, 2) } }];
  if (s.weighted) sample.push({ key: 'val.verdict.weighted', params: { effective: Math.round(s.effectiveSize), raw: pct(s.badRate, 2), rate: pct(s.weightedBadRate, 2) } });
  if (s.bads < 20) sample.push({ key: 'val.verdict.fewBads', params: { bads: s.bads } });
  if (results.problems.length) sample.push({ key: 'val.verdict.problems', params: { count: results.problems.length } });
  sections.push({ topic: 'sample', sentences: sample });
  return sections;
}
