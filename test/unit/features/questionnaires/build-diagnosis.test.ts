import { describe, expect, it } from 'vitest';
import { analyseResponses } from '../../../../src/domain/statistics/analyse-responses.js';
import { buildDiagnosis } from '../../../../src/features/questionnaires/build-diagnosis.js';
import { compileSurvey } from '../../../../src/features/questionnaires/compile-survey.js';
import type { Dataset } from '../../../../src/features/questionnaires/questionnaire-analysis.js';
import type { QuestionnaireRecord } from '../../../../src/features/questionnaires/questionnaires-repository.js';
import { CATALOGUES } from '../../../../src/i18n/catalogue.js';
import { createTranslator } from '../../../../src/i18n/translator.js';
import type { Locale } from '../../../../src/i18n/locale.js';

const compiled = compileSurvey({
  elements: [
    { type: 'radiogroup', name: 'role', choices: [{ value: 'am', text: 'Account manager' }, { value: 'mg', text: 'Manager' }, { value: 'x', text: 'Rare' }] },
    { type: 'rating', name: 'w1', dimension: 'early-warning', title: 'Warnings come in time.' },
    { type: 'rating', name: 'w2', dimension: 'early-warning', reverse: true, title: 'Signals come after default.' },
    { type: 'rating', name: 'e1', dimension: 'culture', title: 'We discuss risk openly.' },
    { type: 'rating', name: 'e2', dimension: 'culture', title: 'Managers listen.' },
  ],
});

/**
 * Hand-made data: 6 account managers see weak warning (w1 = 1 or 2, w2 = 4 or 5 → scores 1.5, 1.5, 1.5, 1.5, 2, 2);
 * 6 managers are neutral to positive (w1 = 3 or 4, w2 = 3 or 2 → scores 3, 3, 3.5, 3.5, 3.5, 3.5); one "Rare"
 * respondent with the lowest score of all (1), who must not be singled out (group below 5). Culture is positive
 * for everybody (e = 4, 5 → score 4.5).
 */
const rows: Array<Record<string, unknown>> = [
  ...[[1, 4], [2, 5], [1, 4], [2, 5], [2, 4], [2, 4]].map(([w1, w2]) => ({ role: 'am', w1, w2, e1: 4, e2: 5 })),
  ...[[3, 3], [3, 3], [4, 3], [4, 3], [4, 3], [4, 3]].map(([w1, w2]) => ({ role: 'mg', w1, w2, e1: 5, e2: 4 })),
  { role: 'x', w1: 1, w2: 5, e1: 4, e2: 5 },
];

function dataset(locale: Locale): Dataset {
  const questionnaire = { id: 1, title: 'T', isDemo: false } as QuestionnaireRecord;
  return {
    questionnaire, version: 1, scopeVersion: undefined, compiled, specs: compiled.itemSpecs(locale), locale,
    rows, records: [], total: rows.length, filters: [],
  };
}

describe('buildDiagnosis', () => {
  const data = dataset('en');
  const t = createTranslator(CATALOGUES, 'en');
  const diagnosis = buildDiagnosis(data, analyseResponses({ items: data.specs, rows }), t);

  it('ranks dimensions by the share of respondents below the midpoint (hand-computed)', () => {
    expect(diagnosis.dimensions.map((d) => d.name)).toEqual(['early-warning', 'culture']);
    const warning = diagnosis.dimensions[0]!;
    // Below 3: the 6 account managers and the rare respondent = 7 of 13; at 3: 2 managers; above: 4.
    expect(warning.problemShare).toBeCloseTo((100 * 7) / 13, 10);
    expect(warning.neutralShare).toBeCloseTo((100 * 2) / 13, 10);
    expect(warning.okShare).toBeCloseTo((100 * 4) / 13, 10);
    expect(warning.severity).toBe('high');
    expect(diagnosis.dimensions[1]!.severity).toBe('low');
    expect(warning.label).toBe('Risk warning and control');
    expect(diagnosis.dimensions[1]!.label).toBe('culture');
  });

  it('names the weakest item (agreeing with a reversed problem statement counts as seeing the problem)', () => {
    // w2 ≥ 4 (agree with "signals come after default"): 7 of 13; w1 ≤ 2: 7 of 13 → tie kept in questionnaire order.
    expect(diagnosis.dimensions[0]!.weakestItems.map((i) => [i.name, Math.round(i.problemShare)])).toEqual([['w1', 54], ['w2', 54]]);
  });

  it('names the most concerned group of at least 5 respondents with its Kruskal–Wallis p', () => {
    const [group] = diagnosis.dimensions[0]!.groups;
    expect(group).toMatchObject({ question: 'role', group: 'Account manager', n: 6 });
    // Scores 1.5,1.5,1.5,1.5,2,2 → mean 10/6.
    expect(group!.mean).toBeCloseTo(10 / 6, 12);
    expect(group!.p as number).toBeLessThan(0.05);
  });

  it('links template areas to the platform', () => {
    expect(diagnosis.dimensions[0]!.links).toEqual([{ href: '/models', label: 'questionnaires.link.earlyWarning' }]);
    expect(diagnosis.dimensions[1]!.links).toEqual([]);
  });

  it('writes the summary from the numbers, in English and in Chinese', () => {
    expect(diagnosis.summary[0]).toBe('13 staff answered. In 1 of the 2 areas surveyed, at least half of them see a problem.');
    // Mean score = (10 + 20 + 1) / 13 = 31/13 = 2.38 (account managers, managers, the rare respondent).
    expect(diagnosis.summary[1]).toContain('1. Risk warning and control: 54% of respondents see a problem (mean 2.38 on a 1–5 scale, where 3 is neutral).');
    expect(diagnosis.summary[1]).toContain('“Account manager”');
    expect(diagnosis.summary[2]).toBe('Areas where most staff see no serious problem: culture.');
    const zhData = dataset('zh-CN');
    const zh = buildDiagnosis(zhData, analyseResponses({ items: zhData.specs, rows }), createTranslator(CATALOGUES, 'zh-CN'));
    expect(zh.summary[0]).toBe('共有 13 名员工作答。在调查的 2 个领域中，有 1 个领域至少一半的答题人认为存在问题。');
    expect(zh.summary[1]).toMatch(/^1\. 风险预警与控制：54% 的答题人认为存在问题（在 1–5 分量表上均值为 2\.38，3 为中立）。最薄弱/);
  });

  it('says so when there is nothing to diagnose', () => {
    const empty = { ...data, rows: [] };
    expect(buildDiagnosis(empty, analyseResponses({ items: data.specs, rows: [] }), t).summary).toEqual(['There are not enough responses on scaled dimensions for a diagnosis yet.']);
  });
});
