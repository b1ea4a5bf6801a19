import { describe, expect, it } from 'vitest';
import { validateCreditModel } from '../../../../src/domain/credit/validate-credit-model.js';
import { demoModel } from './demo-model.js';

const codesOf = (m: Parameters<typeof validateCreditModel>[0]) => validateCreditModel(m).map((p) => p.code);

// Oracle: the model requirements of DESIGN §4–5 (weights sum to 1 per level, valid rules, grade bands).
describe('validateCreditModel', () => {
  const model = demoModel();

  it('accepts the demo default model', () => {
    expect(validateCreditModel(model)).toEqual([]);
  });

  it('finds criterion weights that do not sum to 1 and negative weights', () => {
    expect(codesOf({ ...model, criteria: model.criteria.map((c, i) => ({ ...c, weight: i === 0 ? c.weight + 0.1 : c.weight })) })).toEqual(['weights-not-normalised']);
    expect(codesOf({ ...model, indicators: model.indicators.map((i) => (i.id === 'I21' ? { ...i, weight: -1 } : i)) })).toContain('bad-weight');
  });

  it('finds unknown references in caps, requirements and variants', () => {
    const bad = {
      ...model,
      gradeCaps: [...model.gradeCaps, { id: 'x', kind: 'cap' as const, condition: { kind: 'code' as const, indicator: 'I62', codes: ['banned'] }, maxGrade: 'Z', labels: { en: '', zh: '' } }],
      industryVariants: [{ industry: 'F51', criterionTilts: { C9: 2 }, rationale: '' }],
    };
    expect(codesOf(bad).sort()).toEqual(['unknown-code', 'unknown-criterion', 'unknown-grade']);
  });

  it('finds a broken grade scale (not decreasing, last band not 0, default grade among the bands)', () => {
    const scale = { bands: [{ grade: 'A', minScore: 50 }, { grade: 'B', minScore: 60 }], defaultGrade: 'A' };
    expect(codesOf({ ...model, gradeScale: scale, gradeCaps: [], gradeRequirements: [] })).toEqual(['bad-grade-band', 'bad-grade-band', 'bad-default-grade']);
  });
});
