import { describe, expect, it } from 'vitest';
import { DEFAULT_INDEX_SYSTEM } from '../../../../src/domain/credit/default-index-system.js';
import { DEFAULT_POLICY } from '../../../../src/domain/policy/default-policy.js';
import type { PolicyDefinition } from '../../../../src/domain/policy/policy-definition.js';
import { validatePolicy } from '../../../../src/domain/policy/validate-policy.js';

const with_ = (changes: Partial<PolicyDefinition>): PolicyDefinition => ({ ...DEFAULT_POLICY, ...changes });
const errors = (p: PolicyDefinition) => validatePolicy(p).filter((x) => x.severity === 'error').map((x) => x.path);
const warnings = (p: PolicyDefinition) => validatePolicy(p).filter((x) => x.severity === 'warning').map((x) => x.path);

// Oracle: the rules listed in validatePolicy's doc comment; each case breaks exactly one of them.
describe('validatePolicy', () => {
  it('accepts the default policy, also against the default model scale', () => {
    expect(validatePolicy(DEFAULT_POLICY)).toEqual([]);
    expect(validatePolicy(DEFAULT_POLICY, { gradeScale: DEFAULT_INDEX_SYSTEM.gradeScale })).toEqual([]);
  });

  it('rejects a scale different from the model’s', () => {
    const other = { ...DEFAULT_INDEX_SYSTEM.gradeScale, defaultGrade: 'X' };
    expect(errors(with_({})).length).toBe(0);
    expect(validatePolicy(DEFAULT_POLICY, { gradeScale: other }).map((p) => p.path)).toEqual(['gradeScale']);
  });

  it('checks the grade scale itself', () => {
    const bands = DEFAULT_POLICY.gradeScale.bands;
    expect(errors(with_({ gradeScale: { bands: [], defaultGrade: 'D' } }))).toContain('gradeScale');
    expect(errors(with_({ gradeScale: { bands: [bands[1], bands[0], ...bands.slice(2)], defaultGrade: 'D' } }))).toContain('gradeScale.bands.1.minScore');
    expect(errors(with_({ gradeScale: { bands: bands.slice(0, -1), defaultGrade: 'D' } }))).toContain('gradeScale.bands');
    expect(errors(with_({ gradeScale: { bands, defaultGrade: 'C' } }))).toContain('gradeScale.defaultGrade');
  });

  it('checks thresholds: on the scale, approve at or above refer', () => {
    expect(errors(with_({ gradeThresholds: { approveFrom: 'A+', referFrom: 'B' } }))).toEqual(['gradeThresholds.approveFrom']);
    expect(errors(with_({ gradeThresholds: { approveFrom: 'BBB', referFrom: 'D' } }))).toContain('gradeThresholds.referFrom');
    expect(errors(with_({ gradeThresholds: { approveFrom: 'B', referFrom: 'BBB' } }))).toEqual(['gradeThresholds']);
  });

  it('checks knock-out rules', () => {
    const [first, ...rest] = DEFAULT_POLICY.knockOuts;
    expect(errors(with_({ knockOuts: [first, first] }))).toEqual(['knockOuts.1.id']);
    expect(errors(with_({ knockOuts: [{ ...first, action: 'approve' as never }] }))).toEqual(['knockOuts.0.action']);
    expect(errors(with_({ knockOuts: [{ ...first, condition: { kind: 'cap-kind', capKinds: [] } }] }))).toEqual(['knockOuts.0.condition.capKinds']);
    expect(errors(with_({ knockOuts: [{ ...first, condition: { kind: 'flag', flag: 'bankrupt' as never } }] }))).toEqual(['knockOuts.0.condition.flag']);
    expect(errors(with_({ knockOuts: [{ ...first, condition: { kind: 'indicator-code', indicator: 'I55', codes: [] } }] }))).toEqual(['knockOuts.0.condition.codes']);
    expect(errors(with_({ knockOuts: [{ ...first, labels: { en: 'x', zh: '' } }, ...rest] }))).toEqual(['knockOuts.0.labels']);
  });

  it('checks size bands and the exposure table: unknown grades and bands, negatives, missing entries', () => {
    const limits = DEFAULT_POLICY.exposureLimits;
    expect(errors(with_({ sizeBands: ['micro', 'micro', 'small', 'medium'] }))).toEqual(['sizeBands']);
    expect(errors(with_({ exposureLimits: { ...limits, 'A+': { micro: 1 } } }))).toEqual(['exposureLimits.A+']);
    expect(errors(with_({ exposureLimits: { ...limits, BB: { ...limits.BB, large: 1 } } }))).toEqual(['exposureLimits.BB.large']);
    expect(errors(with_({ exposureLimits: { ...limits, BB: { ...limits.BB, small: -1 } } }))).toEqual(['exposureLimits.BB.small']);
    const { B: _b, ...withoutB } = limits;
    expect(errors(with_({ exposureLimits: withoutB }))).toEqual(['exposureLimits.B.micro', 'exposureLimits.B.small', 'exposureLimits.B.medium']);
  });

  it('warns (does not block) when a worse grade has a higher limit, or the split limit differs from the ceiling', () => {
    const limits = DEFAULT_POLICY.exposureLimits;
    const p = with_({ exposureLimits: { ...limits, BB: { ...limits.BB, micro: 2_000_000 } } });
    expect(errors(p)).toEqual([]);
    expect(warnings(p)).toEqual(['exposureLimits.BB.micro']);
    const split = with_({ loopholeChecks: { ...DEFAULT_POLICY.loopholeChecks, split: { windowDays: 30, aggregateLimit: 2_000_000 } } });
    expect(warnings(split)).toEqual(['loopholeChecks.split.aggregateLimit']);
  });

  it('checks amounts, terms, completeness, actions and shares', () => {
    expect(errors(with_({ autoApprovalMaxAmount: 0 }))).toEqual(['autoApprovalMaxAmount']);
    expect(errors(with_({ maxTermMonths: -1 }))).toEqual(['maxTermMonths']);
    expect(errors(with_({ minCompleteness: 1.01 }))).toEqual(['minCompleteness']);
    expect(errors(with_({ noHeadroomAction: 'approve' as never }))).toEqual(['noHeadroomAction']);
    expect(errors(with_({ warningLevelActions: { ...DEFAULT_POLICY.warningLevelActions, red: 'maybe' as never } }))).toEqual(['warningLevelActions.red']);
    expect(errors(with_({ industryConcentration: { defaultMaxShare: 0, maxShareByIndustry: { F51: 1.5 }, minPortfolioBalance: -1 } })))
      .toEqual(['industryConcentration.defaultMaxShare', 'industryConcentration.maxShareByIndustry.F51', 'industryConcentration.minPortfolioBalance']);
    expect(errors(with_({ reviewFlagAction: 'decline' as never }))).toEqual(['reviewFlagAction']);
    expect(errors(with_({ autoApprovalMaxAmount: null, maxTermMonths: null }))).toEqual([]);
  });

  it('checks loophole parameters', () => {
    const lc = DEFAULT_POLICY.loopholeChecks;
    const pl = lc.plausibility as NonNullable<typeof lc.plausibility>;
    expect(errors(with_({ loopholeChecks: { ...lc, duplicate: { windowDays: -1 } } }))).toEqual(['loopholeChecks.duplicate.windowDays']);
    expect(errors(with_({ loopholeChecks: { ...lc, split: { windowDays: 30, aggregateLimit: 0 } } }))).toEqual(['loopholeChecks.split.aggregateLimit']);
    expect(errors(with_({ loopholeChecks: { ...lc, staleness: { maxAgeDays: Number.NaN } } }))).toEqual(['loopholeChecks.staleness.maxAgeDays']);
    const bad = { ...pl, bounds: [{ indicator: 'I21', kind: 'implausible' as const, min: 10, max: 5 }, { indicator: 'I22', kind: 'review' as const, min: null, max: null }] };
    expect(errors(with_({ loopholeChecks: { ...lc, plausibility: bad } }))).toEqual(['loopholeChecks.plausibility.bounds.0', 'loopholeChecks.plausibility.bounds.1']);
    expect(errors(with_({ loopholeChecks: { ...lc, plausibility: { ...pl, dupont: { absolutePct: -1, relative: 0 } } } }))).toEqual(['loopholeChecks.plausibility.dupont.absolutePct']);
    expect(errors(with_({ loopholeChecks: { duplicate: null, split: null, staleness: null, plausibility: null } }))).toEqual([]);
  });

  it('reports missing lists and tables instead of crashing', () => {
    expect(errors(with_({ knockOuts: undefined as never, sizeBands: undefined as never }))).toEqual(expect.arrayContaining(['knockOuts', 'sizeBands']));
    expect(errors(with_({ exposureLimits: { ...DEFAULT_POLICY.exposureLimits, BB: null as never } }))).toContain('exposureLimits.BB');
    const lc = DEFAULT_POLICY.loopholeChecks;
    expect(errors(with_({ loopholeChecks: { ...lc, plausibility: { ...(lc.plausibility as NonNullable<typeof lc.plausibility>), bounds: undefined as never } } })))
      .toEqual(['loopholeChecks.plausibility.bounds']);
  });

  it('checks override rules and the proposal marker', () => {
    expect(errors(with_({ overrides: { secondApprovalAboveAmount: -5, secondApprovalKinds: ['decline-to-approve'] } }))).toEqual(['overrides.secondApprovalAboveAmount']);
    expect(errors(with_({ overrides: { secondApprovalAboveAmount: null, secondApprovalKinds: ['low-side' as never] } }))).toEqual(['overrides.secondApprovalKinds']);
    expect(errors(with_({ proposal: 'yes' as never }))).toEqual(['proposal']);
  });
});
