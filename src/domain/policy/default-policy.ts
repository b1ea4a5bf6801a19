import { DEFAULT_INDEX_SYSTEM } from '../credit/default-index-system.js';
import type { PolicyDefinition } from './policy-definition.js';

const t = (en: string, zh: string) => ({ en, zh });

/**
 * The shipped decision policy for the default model's grade scale (AAA … C, D; DESIGN §5). A PROPOSAL
 * (`proposal: true`): every number below is a starting point for the bank's credit committee, not a calibrated
 * or approved value. Amounts are in CNY.
 *
 * - Grades: AAA…BBB approve, BB and B refer, CCC and below (and D) decline. BBB is the usual investment-grade
 *   boundary of agency-style scales; B is the cap of a restricted industry, so a capped borrower is still seen.
 * - Knock-outs: the model's knock-outs and default → decline; the dishonest-debtor and insolvency flags and the
 *   I55 'dishonest_list' / I62 'eliminated' codes → decline even if a bank's model drops those caps; the
 *   restricted-industry cap → refer.
 * - Maximum exposure (grade × micro / small / medium, CNY): see the table. 10 million at AAA-small matches the
 *   single-borrower ceiling of "inclusive" small and micro loans (普惠型小微企业贷款, 单户授信1000万元及以下,
 *   CBIRC); the rest steps down with the grade. No headroom → refer.
 * - Automatic approval ceiling 3 million (above → refer); terms above 36 months → refer (working-capital loans are
 *   normally up to three years, 流动资金贷款管理办法 2024, as we read it).
 * - Minimum data completeness 0.8 of the indicator weight; orange or red early warning → refer.
 * - Industry concentration: at most 25 % of the portfolio balance per industry, checked once the portfolio
 *   exceeds 10 million.
 * - Loophole checks: duplicate within 7 days; split applications within 30 days against the 3 million ceiling;
 *   data older than 90 days; plausibility bounds in the default model's units (debt-to-asset 0–300 %, revenue
 *   growth ≥ −100 % and > 100 % reviewed as in credit-default-model.md, shares 0–100 %, non-negative ratios, days
 *   and years); quick > current ratio by more than 0.01; DuPont ROA = margin × turnover within 0.5 points + 10 %;
 *   statement-derived indicators within 5 % (at least 0.5 points, 0.02 ×, 2 days).
 * - Overrides above 1 million (either direction) need a second officer.
 */
export const DEFAULT_POLICY: PolicyDefinition = deepFreeze({
  gradeScale: DEFAULT_INDEX_SYSTEM.gradeScale,
  gradeThresholds: { approveFrom: 'BBB', referFrom: 'B' },
  knockOuts: [
    { id: 'model-knock-out', condition: { kind: 'cap-kind', capKinds: ['knock-out', 'default'] }, action: 'decline',
      labels: t('Knock-out in the credit model', '信用模型否决项') },
    { id: 'dishonest-debtor-flag', condition: { kind: 'flag', flag: 'dishonestDebtorList' }, action: 'decline',
      labels: t('The firm or its actual controller is on the dishonest-debtor list', '企业或实际控制人被列入失信被执行人名单') },
    { id: 'dishonest-debtor-record', condition: { kind: 'indicator-code', indicator: 'I55', codes: ['dishonest_list'] }, action: 'decline',
      labels: t('Legal records show a dishonest-debtor listing', '涉诉记录显示被列入失信被执行人名单') },
    { id: 'insolvency-flag', condition: { kind: 'flag', flag: 'insolvency' }, action: 'decline',
      labels: t('Insolvency proceedings', '进入破产程序') },
    { id: 'eliminated-industry', condition: { kind: 'indicator-code', indicator: 'I62', codes: ['eliminated'] }, action: 'decline',
      labels: t('Industry in the eliminated class of the industrial policy catalogue', '所属行业属于产业政策淘汰类') },
    { id: 'restricted-industry', condition: { kind: 'cap-id', capIds: ['cap-restricted-industry'] }, action: 'refer',
      labels: t('Restricted industry', '限制类行业') },
  ],
  sizeBands: ['micro', 'small', 'medium'],
  exposureLimits: {
    AAA: { micro: 3_000_000, small: 10_000_000, medium: 30_000_000 },
    AA: { micro: 2_500_000, small: 8_000_000, medium: 25_000_000 },
    A: { micro: 2_000_000, small: 6_000_000, medium: 20_000_000 },
    BBB: { micro: 1_500_000, small: 4_000_000, medium: 12_000_000 },
    BB: { micro: 1_000_000, small: 2_500_000, medium: 8_000_000 },
    B: { micro: 500_000, small: 1_500_000, medium: 4_000_000 },
  },
  noHeadroomAction: 'refer',
  autoApprovalMaxAmount: 3_000_000,
  maxTermMonths: 36,
  minCompleteness: 0.8,
  warningLevelActions: { green: 'none', yellow: 'none', orange: 'refer', red: 'refer' },
  industryConcentration: { defaultMaxShare: 0.25, maxShareByIndustry: {}, minPortfolioBalance: 10_000_000 },
  reviewFlagAction: 'refer',
  loopholeChecks: {
    duplicate: { windowDays: 7 },
    split: { windowDays: 30, aggregateLimit: 3_000_000 },
    staleness: { maxAgeDays: 90 },
    plausibility: {
      bounds: [
        { indicator: 'I12', kind: 'implausible', min: 0, max: 80 },
        { indicator: 'I13', kind: 'implausible', min: 0, max: 200 },
        { indicator: 'I21', kind: 'implausible', min: 0, max: 300 },
        { indicator: 'I22', kind: 'implausible', min: 0, max: null },
        { indicator: 'I23', kind: 'implausible', min: 0, max: null },
        { indicator: 'I31', kind: 'implausible', min: -100, max: 100 },
        { indicator: 'I32', kind: 'implausible', min: null, max: 100 },
        { indicator: 'I41', kind: 'implausible', min: 0, max: 3650 },
        { indicator: 'I42', kind: 'implausible', min: 0, max: 3650 },
        { indicator: 'I43', kind: 'implausible', min: -100, max: null },
        { indicator: 'I43', kind: 'review', min: null, max: 100 },
        { indicator: 'I44', kind: 'implausible', min: 0, max: 50 },
        { indicator: 'I61', kind: 'implausible', min: 0, max: 300 },
        { indicator: 'I63', kind: 'implausible', min: 0, max: 100 },
        { indicator: 'I71', kind: 'implausible', min: 0, max: null },
      ],
      quickAboveCurrentTolerance: 0.01,
      dupont: { absolutePct: 0.5, relative: 0.1 },
      statement: { relative: 0.05, absolute: { pct: 0.5, ratio: 0.02, days: 2 }, itemRelative: 0.001 },
    },
  },
  overrides: { secondApprovalAboveAmount: 1_000_000, secondApprovalKinds: ['decline-to-approve', 'approve-to-decline'] },
  proposal: true,
  notes: 'Shipped proposal for the default model (uncalibrated); amounts in CNY. Replace with the credit committee\'s values.',
} satisfies PolicyDefinition);

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}
