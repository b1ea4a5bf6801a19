import type { IndexSystem, IndicatorDefinition } from './index-system.js';
import type { AnchorPoint, CodeOption, IndicatorDirection, IndicatorUnit, LocalizedText } from './scoring-rule.js';

/**
 * The shipped default SME credit-risk index system, transcribed from ../shared/credit-default-model.md
 * (itself following Roy & Shaw 2021, Financial Innovation 7:41, and Chinese bank rating practice).
 * UNCALIBRATED: a proposal that a bank replaces with its own experts' judgments and fits to its own defaults.
 *
 * Matrices are Saaty 1–9 judgments written as exact fractions (1 / 3 is the nearest double to 1/3). The demo
 * criteria matrix's principal eigenvector is C1 .1174, C2 .2143, C3 .2032, C4 .1063, C5 .2143, C6 .0661,
 * C7 .0785 (λmax 7.0603, CR .0076 with the classic RI 1.32), as stated in the source document.
 *
 * Categorical codes (short, stable, documented here; labels carry the wording):
 * - I11 owner personal credit: 'none' 100 · 'cured30' (≤ 30 days, cured) 70 · 'dpd31_90' 40 ·
 *   'dpd90_or_list' (> 90 days, default or dishonest-debtor list) 0.
 * - I14 financial transparency: 'audited' 100 · 'tax_matched' (statements match tax filings) 70 ·
 *   'internal' 40 · 'none' 0.
 * - I51 enterprise credit report: 'clean' 100 · 'cured30' 70 · 'dpd31_90_or_sm' (31–90 days or special mention
 *   now) 40 · 'dpd90_or_npl' (> 90 days or NPL anywhere) 0.
 * - I52 repayment at this bank (12 months): 'none' 100 · 'once_le7' (exactly one event of ≤ 7 days) 80 ·
 *   'dpd8_30' (any 8–30 days; also two or more short events — our conservative reading) 50 · 'dpd31_90' 20 ·
 *   'dpd90' 0.
 * - I53 tax credit grade: 'A' 100 · 'B' 80 · 'M' 65 · 'C' 30 · 'D' 0.
 * - I54 utilities & social insurance: 'no_arrears' 100 · 'late_lt30' 70 · 'arrears_gt30' 30 · 'supply_cut' 0.
 * - I55 legal & public records: 'none' 100 · 'minor_resolved' 60 · 'material_pending' 30 ·
 *   'dishonest_list' 0 (knock-out).
 * - I62 industrial policy: 'encouraged' 100 · 'permitted' 70 · 'restricted' 20 (grade cap B) ·
 *   'eliminated' 0 (knock-out).
 * - I72 guarantee strength: 'government_fund' 90 · 'corporate_a' (corporate guarantor rated ≥ A) 80 ·
 *   'guarantee_company' 70 · 'owner_personal' 50 · 'none' 20.
 *
 * Knock-outs on the dishonest-debtor list: I11 merges "listed" with "> 90 days", so it cannot trigger a
 * knock-out by itself; the caller sets `flags.dishonestDebtorList` when the firm or its actual controller is
 * listed, and I55 = 'dishonest_list' knocks out too.
 */

const t = (en: string, zh: string): LocalizedText => ({ en, zh });

function anchored(
  id: string, criterion: string, names: LocalizedText, definition: { en: string; zh?: string },
  unit: IndicatorUnit, points: readonly (readonly [number, number])[],
  extra: Partial<Pick<IndicatorDefinition, 'reviewAbove'>> = {},
): IndicatorDefinition {
  const anchors: AnchorPoint[] = points.map(([raw, score]) => ({ raw, score }));
  const direction: IndicatorDirection = anchors[anchors.length - 1].score >= anchors[0].score ? 'increasing' : 'decreasing';
  return { id, criterion, names, definition, unit, direction, rule: { kind: 'anchors', anchors }, ...extra };
}

function coded(
  id: string, criterion: string, names: LocalizedText, definition: { en: string; zh?: string },
  options: readonly (readonly [string, number, string, string])[],
): IndicatorDefinition {
  const codes: CodeOption[] = options.map(([code, score, en, zh]) => ({ code, score, labels: { en, zh } }));
  return { id, criterion, names, definition, unit: 'code', direction: 'categorical', rule: { kind: 'codes', codes } };
}

const INDICATORS: readonly IndicatorDefinition[] = [
  // C1 owner & management
  coded('I11', 'C1', t('owner personal credit', '实际控制人个人征信'),
    { en: 'Worst status on the credit report of the actual controller over the last 24 months.', zh: '实际控制人近24个月个人征信报告中的最差状态。' },
    [['none', 100, 'none overdue', '无逾期'],
      ['cured30', 70, 'overdue ≤ 30 days, cured', '逾期不超过30天且已结清'],
      ['dpd31_90', 40, 'overdue 31–90 days', '逾期31–90天'],
      ['dpd90_or_list', 0, 'overdue > 90 days, default or dishonest-debtor list', '逾期90天以上、违约或列入失信被执行人名单']]),
  anchored('I12', 'C1', t('owner industry experience', '从业年限'),
    { en: 'Years the owner has worked in this line of business.', zh: '实际控制人在本行业的从业年数。' },
    'years', [[0, 0], [1, 30], [3, 60], [5, 80], [10, 100]]),
  anchored('I13', 'C1', t('firm age', '企业成立年限'),
    { en: 'Years since registration.', zh: '自工商登记注册以来的年数。' },
    'years', [[0, 20], [2, 50], [3, 65], [5, 85], [8, 100]]),
  coded('I14', 'C1', t('financial transparency', '财务透明度'),
    { en: 'Quality of the financial statements.', zh: '财务报表的质量。' },
    [['audited', 100, 'audited', '经审计'],
      ['tax_matched', 70, 'matches tax filings', '与纳税申报一致'],
      ['internal', 40, 'internal only', '仅有内部报表'],
      ['none', 0, 'none', '无财务报表']]),
  // C2 solvency & leverage
  anchored('I21', 'C2', t('debt-to-asset', '资产负债率'),
    { en: 'Total liabilities / total assets.', zh: '负债总额 / 资产总额。' },
    '%', [[40, 100], [55, 80], [70, 50], [85, 0]]),
  anchored('I22', 'C2', t('current ratio', '流动比率'),
    { en: 'Current assets / current liabilities.', zh: '流动资产 / 流动负债。' },
    '×', [[0.6, 0], [1.0, 40], [1.2, 60], [1.5, 80], [2.0, 100]]),
  anchored('I23', 'C2', t('quick ratio', '速动比率'),
    { en: '(Current assets − inventory) / current liabilities.', zh: '（流动资产 − 存货）/ 流动负债。' },
    '×', [[0.2, 0], [0.5, 30], [0.8, 60], [1.0, 80], [1.2, 100]]),
  anchored('I24', 'C2', t('interest coverage', '利息保障倍数'),
    { en: 'EBIT / interest expense.', zh: '息税前利润 / 利息费用。' },
    '×', [[0, 0], [1.0, 20], [1.5, 50], [3, 75], [6, 100]]),
  // C3 profitability & cash flow
  anchored('I31', 'C3', t('return on assets', '总资产收益率'),
    { en: 'Net profit / average total assets.', zh: '净利润 / 平均资产总额。' },
    '%', [[-5, 0], [0, 30], [2, 60], [5, 80], [10, 100]]),
  anchored('I32', 'C3', t('net margin', '销售净利率'),
    { en: 'Net profit / revenue.', zh: '净利润 / 营业收入。' },
    '%', [[-5, 0], [0, 30], [2, 60], [5, 80], [10, 100]]),
  anchored('I33', 'C3', t('operating cash flow to current liabilities', '经营现金流/流动负债'),
    { en: 'Cash flow from operations / current liabilities.', zh: '经营活动产生的现金流量净额 / 流动负债。' },
    '×', [[-0.2, 0], [0, 25], [0.1, 55], [0.2, 75], [0.4, 100]]),
  anchored('I34', 'C3', t('debt service coverage', '偿债备付率'),
    { en: 'Cash available for debt service / principal and interest due in the next 12 months.', zh: '可用于还本付息的资金 / 未来12个月应还本息。' },
    '×', [[0.8, 0], [1.0, 40], [1.25, 70], [1.5, 85], [2.0, 100]]),
  // C4 operations & growth
  anchored('I41', 'C4', t('days sales outstanding', '应收账款周转天数'),
    { en: 'Receivables × 365 / revenue.', zh: '应收账款 × 365 / 营业收入。' },
    'days', [[30, 100], [60, 80], [90, 60], [180, 20], [270, 0]]),
  anchored('I42', 'C4', t('inventory days', '存货周转天数'),
    { en: 'Inventory × 365 / cost of goods sold.', zh: '存货 × 365 / 营业成本。' },
    'days', [[30, 100], [60, 80], [120, 50], [240, 0]]),
  anchored('I43', 'C4', t('revenue growth', '营业收入增长率'),
    { en: 'Revenue of this year / revenue of last year − 1.', zh: '本期营业收入 / 上期营业收入 − 1。' },
    '%', [[-30, 0], [-10, 30], [0, 60], [10, 85], [20, 100]],
    { reviewAbove: { value: 100, reason: t('Revenue growth above 100 % needs review.', '营业收入增长率超过100%，需复核。') } }),
  anchored('I44', 'C4', t('asset turnover', '总资产周转率'),
    { en: 'Revenue / average total assets.', zh: '营业收入 / 平均资产总额。' },
    '×', [[0.1, 0], [0.3, 30], [0.6, 60], [1.0, 80], [1.5, 100]]),
  // C5 credit & payment conduct
  coded('I51', 'C5', t('enterprise credit report', '企业征信记录'),
    { en: 'Worst status with all lenders over the last 24 months.', zh: '近24个月在所有金融机构的最差还款状态。' },
    [['clean', 100, 'clean', '无不良记录'],
      ['cured30', 70, 'overdue ≤ 30 days, cured', '逾期不超过30天且已结清'],
      ['dpd31_90_or_sm', 40, 'overdue 31–90 days or special mention now', '逾期31–90天或当前有关注类贷款'],
      ['dpd90_or_npl', 0, 'overdue > 90 days or NPL anywhere', '逾期90天以上或在任一机构有不良贷款']]),
  coded('I52', 'C5', t('repayment at this bank', '本行还款记录'),
    { en: 'Days-past-due events at this bank over the last 12 months.', zh: '近12个月在本行的逾期情况。' },
    [['none', 100, 'none', '无逾期'],
      ['once_le7', 80, 'one event of ≤ 7 days', '一次逾期且不超过7天'],
      ['dpd8_30', 50, 'any event of 8–30 days (or several short events)', '有逾期8–30天（或多次短期逾期）'],
      ['dpd31_90', 20, 'any event of 31–90 days', '有逾期31–90天'],
      ['dpd90', 0, 'more than 90 days', '逾期90天以上']]),
  coded('I53', 'C5', t('tax credit grade', '纳税信用等级'),
    { en: 'Tax credit grade assigned by the tax authority.', zh: '税务机关评定的纳税信用等级。' },
    [['A', 100, 'grade A', 'A级'], ['B', 80, 'grade B', 'B级'], ['M', 65, 'grade M', 'M级'],
      ['C', 30, 'grade C', 'C级'], ['D', 0, 'grade D', 'D级']]),
  coded('I54', 'C5', t('utilities & social insurance', '水电社保缴费'),
    { en: 'Payment record of utilities and social insurance over the last 12 months.', zh: '近12个月水电费及社会保险费缴纳记录。' },
    [['no_arrears', 100, 'no arrears', '无欠费'],
      ['late_lt30', 70, 'late < 30 days', '延迟缴纳不超过30天'],
      ['arrears_gt30', 30, 'arrears > 30 days', '欠费超过30天'],
      ['supply_cut', 0, 'supply cut', '已被停止供应']]),
  coded('I55', 'C5', t('legal & public records', '涉诉与行政处罚'),
    { en: 'Lawsuits as defendant, enforcement, administrative penalties.', zh: '作为被告的诉讼、被强制执行及行政处罚。' },
    [['none', 100, 'none', '无'],
      ['minor_resolved', 60, 'minor, resolved', '轻微且已了结'],
      ['material_pending', 30, 'material, pending', '重大且未决'],
      ['dishonest_list', 0, 'dishonest-debtor list (knock-out)', '列入失信被执行人名单（一票否决）']]),
  // C6 industry & environment
  anchored('I61', 'C6', t('industry prosperity', '行业景气指数'),
    { en: 'Industry prosperity index (100 = neutral).', zh: '行业景气指数（100为中性）。' },
    'index', [[70, 0], [85, 35], [100, 60], [115, 80], [130, 100]]),
  coded('I62', 'C6', t('industrial policy', '产业政策导向'),
    { en: 'Class of the industry in the industrial-structure adjustment catalogue.', zh: '所属行业在《产业结构调整指导目录》中的类别。' },
    [['encouraged', 100, 'encouraged', '鼓励类'],
      ['permitted', 70, 'permitted', '允许类'],
      ['restricted', 20, 'restricted (grade cap B)', '限制类（等级上限B）'],
      ['eliminated', 0, 'eliminated (knock-out)', '淘汰类（一票否决）']]),
  anchored('I63', 'C6', t('customer concentration', '客户集中度'),
    { en: 'Revenue share of the top 5 customers.', zh: '前五大客户收入占营业收入的比重。' },
    '%', [[30, 100], [50, 70], [70, 40], [90, 10]]),
  // C7 guarantee & collateral
  anchored('I71', 'C7', t('collateral coverage', '抵质押覆盖率'),
    {
      en: 'Σ(appraised value × haircut) / exposure; haircuts: housing 0.7, commercial property 0.6, equipment 0.4, receivables 0.5.',
      zh: 'Σ（评估价值 × 折扣率）/ 风险敞口；折扣率：住宅0.7，商业房产0.6，设备0.4，应收账款0.5。',
    },
    '×', [[0, 0], [0.5, 35], [1.0, 70], [1.2, 85], [1.5, 100]]),
  coded('I72', 'C7', t('guarantee strength', '保证担保强度'),
    { en: 'Type of guarantor.', zh: '保证人类型。' },
    [['government_fund', 90, 'government guarantee fund', '政府性融资担保基金'],
      ['corporate_a', 80, 'corporate guarantor rated A or better', '评级A及以上的企业保证'],
      ['guarantee_company', 70, 'guarantee company', '融资担保公司'],
      ['owner_personal', 50, "owner's personal guarantee", '实际控制人个人保证'],
      ['none', 20, 'none', '无保证']]),
];

/** The default index system (uncalibrated). Deeply frozen: copy before editing. */
export const DEFAULT_INDEX_SYSTEM: IndexSystem = deepFreeze({
  goal: { names: t('SME credit quality', '小微企业信用质量') },
  criteria: [
    { id: 'C1', names: t('owner & management', '负责人与经营管理') },
    { id: 'C2', names: t('solvency & leverage', '偿债能力') },
    { id: 'C3', names: t('profitability & cash flow', '盈利与现金流') },
    { id: 'C4', names: t('operations & growth', '营运与成长') },
    { id: 'C5', names: t('credit & payment conduct', '信用与履约记录') },
    { id: 'C6', names: t('industry & environment', '行业与外部环境') },
    { id: 'C7', names: t('guarantee & collateral', '担保与抵质押') },
  ],
  criteriaMatrix: [
    [1, 1 / 2, 1 / 2, 1, 1 / 2, 2, 2],
    [2, 1, 1, 2, 1, 3, 3],
    [2, 1, 1, 2, 1, 3, 2],
    [1, 1 / 2, 1 / 2, 1, 1 / 2, 2, 1],
    [2, 1, 1, 2, 1, 3, 3],
    [1 / 2, 1 / 3, 1 / 3, 1 / 2, 1 / 3, 1, 1],
    [1 / 2, 1 / 3, 1 / 2, 1, 1 / 3, 1, 1],
  ],
  indicators: INDICATORS,
  localMatrices: {
    C1: [[1, 3, 2, 3], [1 / 3, 1, 1, 1], [1 / 2, 1, 1, 2], [1 / 3, 1, 1 / 2, 1]],
    C2: [[1, 2, 2, 1], [1 / 2, 1, 1, 1 / 2], [1 / 2, 1, 1, 1 / 2], [1, 2, 2, 1]],
    C3: [[1, 1, 1 / 2, 1 / 2], [1, 1, 1 / 2, 1 / 2], [2, 2, 1, 1], [2, 2, 1, 1]],
    C4: [[1, 1, 1, 2], [1, 1, 1, 2], [1, 1, 1, 2], [1 / 2, 1 / 2, 1 / 2, 1]],
    C5: [[1, 1, 2, 3, 2], [1, 1, 2, 3, 2], [1 / 2, 1 / 2, 1, 2, 1], [1 / 3, 1 / 3, 1 / 2, 1, 1 / 2], [1 / 2, 1 / 2, 1, 2, 1]],
    C6: [[1, 1, 2], [1, 1, 2], [1 / 2, 1 / 2, 1]],
    C7: [[1, 2], [1 / 2, 1]],
  },
  gradeScale: {
    bands: [
      { grade: 'AAA', minScore: 90 }, { grade: 'AA', minScore: 85 }, { grade: 'A', minScore: 80 },
      { grade: 'BBB', minScore: 75 }, { grade: 'BB', minScore: 70 }, { grade: 'B', minScore: 65 },
      { grade: 'CCC', minScore: 60 }, { grade: 'CC', minScore: 50 }, { grade: 'C', minScore: 0 },
    ],
    defaultGrade: 'D',
  },
  gradeCaps: [
    { id: 'knock-out-dishonest-debtor', kind: 'knock-out', condition: { kind: 'flag', flag: 'dishonestDebtorList' }, maxGrade: 'C',
      labels: t('The firm or its actual controller is on the dishonest-debtor list.', '企业或实际控制人被列入失信被执行人名单。') },
    { id: 'knock-out-dishonest-debtor-record', kind: 'knock-out', condition: { kind: 'code', indicator: 'I55', codes: ['dishonest_list'] }, maxGrade: 'C',
      labels: t('Legal records show a dishonest-debtor listing.', '涉诉记录显示被列入失信被执行人名单。') },
    { id: 'knock-out-eliminated-industry', kind: 'knock-out', condition: { kind: 'code', indicator: 'I62', codes: ['eliminated'] }, maxGrade: 'C',
      labels: t('The industry is in the eliminated class of the industrial policy catalogue.', '所属行业属于产业政策淘汰类。') },
    { id: 'knock-out-insolvency', kind: 'knock-out', condition: { kind: 'flag', flag: 'insolvency' }, maxGrade: 'C',
      labels: t('Insolvency proceedings.', '进入破产程序。') },
    { id: 'knock-out-past-due-90', kind: 'knock-out', condition: { kind: 'days-past-due-above', days: 90 }, maxGrade: 'C',
      labels: t('More than 90 days past due now.', '当前逾期超过90天。') },
    { id: 'cap-restricted-industry', kind: 'cap', condition: { kind: 'code', indicator: 'I62', codes: ['restricted'] }, maxGrade: 'B',
      labels: t('Restricted industry: grade at most B.', '限制类行业：等级最高为B。') },
  ],
  gradeRequirements: [
    { id: 'aaa-requires-clean-record', grade: 'AAA', indicators: ['I21', 'I51', 'I52'], minScore: 100,
      labels: t('AAA requires debt-to-asset, enterprise credit report and repayment at this bank all to score 100.',
        'AAA级要求资产负债率、企业征信记录和本行还款记录均为满分。') },
  ],
  earlyWarnings: {
    red: { daysPastDueAbove: 30, otherBankOverdue: true, listing: true, taxGrades: ['C', 'D'], utilityCutOff: true },
    amber: {
      daysPastDueFrom: 1,
      revenueDropPct: 30,
      creditLineUse: { pct: 90, months: 3 },
      collateralDropPct: 20,
      industryIndex: { below: 90, quarters: 2 },
      downgrade: { notches: 2, lookbackDays: 365 },
    },
  },
  classification: {
    categories: [
      { id: 'normal', labels: t('normal', '正常') },
      { id: 'special-mention', labels: t('special mention', '关注') },
      { id: 'substandard', labels: t('substandard', '次级') },
      { id: 'doubtful', labels: t('doubtful', '可疑') },
      { id: 'loss', labels: t('loss', '损失') },
    ],
    minimumByDaysPastDue: [
      { daysAbove: 360, atLeast: 'loss' },
      { daysAbove: 270, atLeast: 'doubtful' },
      { daysAbove: 90, atLeast: 'substandard' },
      { daysAbove: 0, atLeast: 'special-mention' },
    ],
    nonPerforming: ['substandard', 'doubtful', 'loss'],
  },
  uncalibrated: true,
  source: 'credit-default-model.md (shipped template, uncalibrated)',
});

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}
