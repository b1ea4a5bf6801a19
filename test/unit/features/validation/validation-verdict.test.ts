import { describe, expect, it } from 'vitest';
import { CATALOGUES } from '../../../../src/i18n/catalogue.js';
import { createTranslator } from '../../../../src/i18n/translator.js';
import type { ValidationResults, VersionResults } from '../../../../src/features/validation/validation-report.js';
import { buildVerdict, discriminationLevel } from '../../../../src/features/validation/validation-verdict.js';

const version = (key: string, auc: number, over: Partial<VersionResults> = {}): VersionResults => ({
  key, auc, aucCi: [auc - 0.03, auc + 0.03], aucStandardError: 0.015, gini: 2 * auc - 1, ks: 0.4, ksScore: 60, roc: [], cap: [], brier: 0.06,
  confusion: null, calibration: [], hosmerLemeshow: null, meanPd: 0.07, observedRate: 0.07, ...over,
});

function results(over: Partial<ValidationResults> = {}): ValidationResults {
  return {
    sample: { n: 1000, bads: 70, goods: 930, weighted: false, badRate: 0.07, weightedBadRate: 0.07, effectiveSize: 1000, totalWeight: 1000 },
    confidence: 0.95, cutoffGrade: 'CCC', costRatio: 5,
    versions: [version('v1', 0.72), version('v2', 0.78)],
    comparisons: [{ a: 'v1', b: 'v2', mcnemar: null, delong: { aucA: 0.72, aucB: 0.78, difference: -0.06, standardError: 0.02, z: -3, p: 0.0027, ci: [-0.1, -0.02], confidence: 0.95 } }],
    migrations: [], gradePsi: [], scorePsi: [], indicatorPsi: null, rankCorrelations: [], problems: [], ...over,
  };
}
const names = { v1: 'Old model', v2: 'New model' };
const sentence = (r: ValidationResults, topic: string) => buildVerdict(r, names).find((s) => s.topic === topic)!.sentences;

describe('discriminationLevel (Hosmer & Lemeshow 2000, p. 162 bands)', () => {
  it.each([[0.55, 'weak'], [0.6, 'modest'], [0.6999, 'modest'], [0.7, 'acceptable'], [0.8, 'excellent'], [0.9, 'outstanding']])('%s → %s', (auc, level) => {
    expect(discriminationLevel(auc)).toBe(level);
  });
});

describe('buildVerdict', () => {
  it('names the version that discriminates better and says the DeLong difference is significant when p < 1 − confidence', () => {
    const s = sentence(results(), 'discrimination');
    expect(s.map((x) => x.key)).toEqual(['val.verdict.level.acceptable', 'val.verdict.level.acceptable', 'val.verdict.betterSignificant']);
    expect(s[2]!.params).toMatchObject({ better: 'New model', worse: 'Old model', aucBetter: '0.780', aucWorse: '0.720', diff: '0.060', p: '= 0.003', level: '5 %' });
  });

  it('not significant when p ≥ 0.05', () => {
    const base = results();
    const r = results({ comparisons: [{ ...base.comparisons[0]!, delong: { ...base.comparisons[0]!.delong!, p: 0.2 } }] });
    expect(sentence(r, 'discrimination')[2]!.key).toBe('val.verdict.betterNotSignificant');
  });

  it('lists the grades where calibration fails, with observed rate and PD; otherwise says calibration holds', () => {
    const row = (grade: string, rate: number, pd: number, under: boolean) => ({ grade, obligors: 100, defaults: Math.round(rate * 100), defaultRate: rate, weightedDefaultRate: rate, pd,
      binomialP: under ? 0.01 : 0.5, jeffreysP: under ? 0.01 : 0.5, jeffreysInterval: [0, 1] as [number, number], pdUnderestimated: under, effectiveObligors: 100, effectiveDefaults: Math.round(rate * 100) });
    const r = results({ versions: [version('v1', 0.72, { calibration: [row('A', 0.05, 0.003, true), row('B', 0.04, 0.045, false)] }), version('v2', 0.78, { calibration: [row('A', 0.002, 0.003, false)] })] });
    const s = sentence(r, 'calibration');
    expect(s[0]).toEqual({ key: 'val.verdict.calibrationFails', params: { version: 'Old model', count: 1, grades: 'A (5.0 % / PD 0.30 %)' } });
    expect(s.find((x) => x.params.version === 'New model' && x.key === 'val.verdict.calibrationHolds')).toBeTruthy();
  });

  it('reads as sentences in English and Chinese (every key exists in both catalogues)', () => {
    const r = results({ sample: { ...results().sample, weighted: true, bads: 12 } });
    const all = buildVerdict(r, names).flatMap((s) => s.sentences);
    for (const locale of ['en', 'zh-CN'] as const) {
      const t = createTranslator(CATALOGUES, locale);
      for (const x of all) {
        expect(CATALOGUES[locale][x.key], x.key).toBeDefined();
        expect(t(x.key, x.params)).not.toMatch(/\{[a-zA-Z]+\}/);
      }
    }
    expect(createTranslator(CATALOGUES, 'zh-CN')(all[2]!.key, all[2]!.params)).toContain('DeLong 检验');
    expect(all.map((x) => x.key)).toEqual(expect.arrayContaining(['val.verdict.weighted', 'val.verdict.fewBads']));
  });
});
