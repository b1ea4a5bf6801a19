import { describe, expect, it } from 'vitest';
import { analyseResponses } from '../../../../src/domain/statistics/analyse-responses.js';
import { compareGroups } from '../../../../src/domain/statistics/compare-groups.js';
import { dimensionScores } from '../../../../src/domain/statistics/dimension-scores.js';
import { checkAnswers } from '../../../../src/features/questionnaires/check-answers.js';
import { compileSurvey } from '../../../../src/features/questionnaires/compile-survey.js';
import { demoResponses } from '../../../../src/features/questionnaires/demo-responses.js';
import { smeRiskTemplate, TEMPLATE_DIMENSIONS } from '../../../../src/features/questionnaires/questionnaire-template.js';

const compiled = compileSurvey(smeRiskTemplate());
const rows = demoResponses(120);
const specs = compiled.itemSpecs('en');
const analysis = analyseResponses({ items: specs, rows });

/**
 * The demo data must reproduce the seed study's findings (Z Commercial Bank: most staff see weak early warning, an
 * untargeted evaluation system, unfit standard models, loopholes in online approval, hard-to-dispose NPLs) and be
 * valid, reproducible answers to the template. The oracle is the seed study's qualitative pattern.
 */
describe('demoResponses', () => {
  it('is deterministic for a seed and differs across seeds', () => {
    expect(demoResponses(120)).toEqual(rows);
    expect(demoResponses(120, 7)).not.toEqual(rows);
  });

  it('gives 120 complete answers that pass the same checks as online answers', () => {
    expect(rows).toHaveLength(120);
    for (const row of rows) expect(checkAnswers(compiled, row, { partial: false, locale: 'en' }).issues).toEqual([]);
    const roles = new Map<string, number>();
    for (const row of rows) roles.set(String(row.role), (roles.get(String(row.role)) ?? 0) + 1);
    expect(Object.fromEntries(roles)).toEqual({ 'account-manager': 46, 'risk-officer': 24, approver: 20, manager: 16, other: 14 });
  });

  it('shows a majority seeing a problem in every area, early warning the most', () => {
    const shares = TEMPLATE_DIMENSIONS.map((d) => [d.name, analysis.dimensions[d.name]!.disagreePercent as number] as const);
    for (const [, share] of shares) expect(share).toBeGreaterThan(55);
    expect([...shares].sort((a, b) => b[1] - a[1])[0]?.[0]).toBe('early-warning');
  });

  it('has acceptable reliability (alpha ≥ 0.6) in every dimension', () => {
    for (const d of TEMPLATE_DIMENSIONS) expect(analysis.dimensions[d.name]!.alpha as number).toBeGreaterThan(0.6);
  });

  it('differs by role: managers see fewer problems, approvers and risk officers distrust online approval', () => {
    const role = specs.find((s) => s.name === 'role')!;
    for (const d of TEMPLATE_DIMENSIONS) {
      const groups = compareGroups(rows, dimensionScores(rows, specs, d.name), role).groups;
      const manager = groups['Manager (branch or department head)']!.mean as number;
      const others = Object.entries(groups).filter(([label]) => !label.startsWith('Manager')).map(([, g]) => g.mean as number);
      expect(manager).toBeGreaterThan(Math.min(...others));
    }
    const online = compareGroups(rows, dimensionScores(rows, specs, 'online-approval'), role);
    expect(online.kruskalWallis.p as number).toBeLessThan(0.01);
    expect(online.groups['Credit approver']!.mean as number).toBeLessThan(online.groups['Account manager (customer manager)']!.mean as number);
  });

  it('includes open answers in both languages', () => {
    const texts = rows.flatMap((r) => [r.obstacle, r.suggestion]).filter((x): x is string => typeof x === 'string');
    expect(texts.length).toBeGreaterThan(60);
    expect(texts.some((x) => /[\u4e00-\u9fff]/.test(x))).toBe(true);
    expect(texts.some((x) => /^[A-Z][a-z]/.test(x))).toBe(true);
  });
});
