import { describe, expect, it } from 'vitest';
import { DEFAULT_INDEX_SYSTEM } from '../../../../src/domain/credit/default-index-system.js';
import {
  blendLocalWeights, definitionFromWeights, localWeightsOf, localWeightsOfDefinition, PLACEHOLDER_RULE, structureOfDefinition,
  timeDecayedLocalWeights, type WeightsInput,
} from '../../../../src/features/models/definition-from-weights.js';
import { templateDefinition } from '../../../../src/features/models/models-service.js';
import { ValidationError } from '../../../../src/web/http-errors.js';

const t = (en: string) => ({ en, zh: en });

/** A two-criterion hierarchy: C2 with I21, I22 (default indicators) and C9 with X1 (not in the default system). */
const small: WeightsInput = {
  criteria: [{ code: 'C2', names: t('solvency'), weight: 0.6 }, { code: 'C9', names: t('other'), weight: 0.4 }],
  indicators: [
    { code: 'I21', criterion: 'C2', names: t(''), weight: 0.75 },
    { code: 'I22', criterion: 'C2', names: t('current ratio (bank wording)'), weight: 0.25 },
    { code: 'X1', criterion: 'C9', names: t('site visit'), description: t('Result of the site visit.'), weight: 1 },
  ],
};

describe('definitionFromWeights', () => {
  const { definition: d, placeholderRules } = definitionFromWeights(DEFAULT_INDEX_SYSTEM, small);

  it('copies the local weights by code and keeps the default rules of known indicators', () => {
    expect(d.criteria.map((c) => [c.id, c.weight])).toEqual([['C2', 0.6], ['C9', 0.4]]);
    expect(d.indicators.map((i) => [i.id, i.criterion, i.weight])).toEqual([['I21', 'C2', 0.75], ['I22', 'C2', 0.25], ['X1', 'C9', 1]]);
    const i21 = d.indicators[0]!;
    expect(i21.rule).toEqual({ kind: 'anchors', anchors: [{ raw: 40, score: 100 }, { raw: 55, score: 80 }, { raw: 70, score: 50 }, { raw: 85, score: 0 }] });
    expect([i21.unit, i21.direction]).toEqual(['%', 'decreasing']);
    // An empty name falls back to the system's; a given one wins.
    expect(i21.names.en).toBe('debt-to-asset');
    expect(d.indicators[1]!.names.en).toBe('current ratio (bank wording)');
  });

  it('gives an unknown indicator the placeholder rule and lists it (approval waits for a real rule)', () => {
    expect(placeholderRules).toEqual(['X1']);
    expect(d.indicators[2]).toMatchObject({ rule: { kind: 'anchors', anchors: PLACEHOLDER_RULE.anchors }, unit: 'index', direction: 'increasing', definition: { en: 'Result of the site visit.' } });
  });

  it('drops caps and requirements on indicators the hierarchy lacks, keeps flag and days-past-due knock-outs', () => {
    expect(d.gradeCaps.map((c) => c.id)).toEqual(['knock-out-dishonest-debtor', 'knock-out-insolvency', 'knock-out-past-due-90']);
    expect(d.gradeRequirements).toEqual([]);
    expect(d).toMatchObject({ missingPolicy: 'renormalise-within-criterion', collateralMode: 'borrower-score', overlay: null, industryVariants: [], uncalibrated: true });
  });

  it('takes rules, options, variants and overlay from a template version, dropping variants on missing ids', () => {
    const base = templateDefinition();
    const template = {
      ...base,
      indicators: base.indicators.map((i) => (i.id === 'I22' ? { ...i, rule: { kind: 'anchors' as const, anchors: [{ raw: 0.5, score: 0 }, { raw: 2.5, score: 100 }] } } : i)),
      missingPolicy: 'score-zero' as const,
      overlay: { neutralIndex: 100, pointsPerIndexPoint: 0.25, maxPoints: 5, rationale: 'cycle' },
      industryVariants: [
        { industry: 'F', indicatorTilts: { I22: 2 }, rationale: 'kept' },
        { industry: 'E', criterionTilts: { C7: 1.4 }, rationale: 'dropped: C7 is not in the new hierarchy' },
      ],
    };
    const r = definitionFromWeights(DEFAULT_INDEX_SYSTEM, small, { template });
    expect(r.definition.indicators[1]!.rule).toEqual({ kind: 'anchors', anchors: [{ raw: 0.5, score: 0 }, { raw: 2.5, score: 100 }] });
    expect(r.definition.missingPolicy).toBe('score-zero');
    expect(r.definition.overlay?.maxPoints).toBe(5);
    expect(r.definition.industryVariants.map((v) => v.industry)).toEqual(['F']);
  });

  it('refuses weights that do not make a valid model (a criterion block not summing to 1)', () => {
    const bad = { ...small, indicators: small.indicators.map((i) => (i.code === 'I22' ? { ...i, weight: 0.5 } : i)) };
    expect(() => definitionFromWeights(DEFAULT_INDEX_SYSTEM, bad)).toThrow(ValidationError);
  });

  it('structureOfDefinition and localWeightsOfDefinition give back the codes, names and local weights', () => {
    const s = structureOfDefinition(d);
    expect(s.criteria.map((c) => c.code)).toEqual(['C2', 'C9']);
    expect(localWeightsOf(s)).toEqual(localWeightsOfDefinition(d));
    expect(localWeightsOfDefinition(d)).toEqual({ criteria: { C2: 0.6, C9: 0.4 }, indicators: { I21: 0.75, I22: 0.25, X1: 1 } });
  });
});

describe('blending and time decay of local weights (issue 6, 3a)', () => {
  const older = { criteria: { C2: 0.2, C9: 0.8 }, indicators: { I21: 0.5, I22: 0.5, X1: 1 } };
  const newer = localWeightsOf(small);

  it('w = θ·new + (1 − θ)·old within each block (θ = 0.7, by hand)', () => {
    const w = blendLocalWeights(small, newer, older, 0.7);
    expect(w.criteria.C2).toBeCloseTo(0.7 * 0.6 + 0.3 * 0.2, 12); // .48
    expect(w.criteria.C9).toBeCloseTo(0.7 * 0.4 + 0.3 * 0.8, 12); // .52
    expect(w.indicators.I21).toBeCloseTo(0.7 * 0.75 + 0.3 * 0.5, 12); // .675
    expect(w.indicators.I22).toBeCloseTo(0.7 * 0.25 + 0.3 * 0.5, 12); // .325
    expect(w.indicators.X1).toBeCloseTo(1, 12);
    expect(blendLocalWeights(small, newer, older, 1)).toEqual(newer);
  });

  it('refuses to blend different structures', () => {
    expect(() => blendLocalWeights(small, newer, { criteria: { C2: 1 }, indicators: { I21: 1 } }, 0.5)).toThrow(ValidationError);
  });

  it('pools rounds by λ^age / Σ λ^age (λ = 0.5, ages 0 and 1 → factors 2/3 and 1/3)', () => {
    const { weights, factors } = timeDecayedLocalWeights(small, [{ label: 'new', age: 0, weights: newer }, { label: 'old', age: 1, weights: older }], 0.5);
    expect(factors.map((f) => f.factor)).toEqual([expect.closeTo(2 / 3, 12), expect.closeTo(1 / 3, 12)]);
    expect(weights.criteria.C2).toBeCloseTo((2 / 3) * 0.6 + (1 / 3) * 0.2, 12);
    expect(weights.indicators.I21).toBeCloseTo((2 / 3) * 0.75 + (1 / 3) * 0.5, 12);
    expect(weights.indicators.I21! + weights.indicators.I22!).toBeCloseTo(1, 12);
  });
});
