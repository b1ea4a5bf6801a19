/**
 * The shipped questionnaire "SME credit risk management status" (小微企业信用风险管理现状), in English and Chinese.
 * It follows the seed study's diagnosis of Z Commercial Bank: five problem areas (NPL level and disposal; risk
 * warning and control; completeness and targeting of the evaluation system; fit of standard risk models to SMEs;
 * online approval models and processes), each measured by five 5-point Likert items. Items are worded so that
 * agreeing means the practice works; the two problem statements per dimension carry `"reverse": true` and are
 * analysed as 6 − x. A dimension score below the midpoint 3 therefore means "respondent sees a problem".
 */

type L = { default: string; 'zh-cn': string };
const l = (en: string, zh: string): L => ({ default: en, 'zh-cn': zh });

export interface TemplateItem {
  name: string;
  text: L;
  reverse?: boolean;
}

export interface TemplateDimension {
  /** The `dimension` value on the items (stable; the analysis and diagnosis key on it). */
  name: string;
  title: L;
  items: TemplateItem[];
}

/** The dimensions of the template, in the seed study's order. */
export const TEMPLATE_DIMENSIONS: TemplateDimension[] = [
  {
    name: 'npl-disposal',
    title: l('NPL level and disposal', '不良贷款水平与处置'),
    items: [
      { name: 'npl1', text: l('The non-performing loan ratio of our SME loan book is under control.', '本行小微企业贷款的不良率总体可控。') },
      { name: 'npl2', reverse: true, text: l('Non-performing SME loans in my area of work have risen noticeably over the past two years.', '近两年我所负责领域的小微企业不良贷款明显增加。') },
      { name: 'npl3', text: l('Non-performing SME loans are disposed of (collected, restructured, written off or transferred) in good time.', '小微企业不良贷款能够及时处置（清收、重组、核销或转让）。') },
      { name: 'npl4', reverse: true, text: l('Collateral of defaulted SME borrowers is hard to realise at a reasonable value.', '违约小微企业的抵质押物难以按合理价格变现。') },
      { name: 'npl5', text: l('Responsibility for recovering non-performing SME loans is clearly assigned and followed up.', '小微企业不良贷款的清收责任划分明确，并有跟踪落实。') },
    ],
  },
  {
    name: 'early-warning',
    title: l('Risk warning and control', '风险预警与控制'),
    items: [
      { name: 'ew1', text: l('Our early-warning system flags deteriorating SME borrowers before they miss payments.', '本行预警系统能在小微企业出现逾期之前识别其经营恶化。') },
      { name: 'ew2', text: l('Post-loan monitoring draws on external data (tax, utilities, court records, public opinion) as well as our own records.', '贷后监测除行内数据外，还利用税务、水电、司法、舆情等外部数据。') },
      { name: 'ew3', reverse: true, text: l('Warning signals are often noticed only after the borrower has already defaulted.', '风险信号往往在借款人已经违约后才被发现。') },
      { name: 'ew4', text: l('When a warning is raised, responsibilities and response deadlines are clear.', '预警信号发出后，处置责任和响应时限清晰明确。') },
      { name: 'ew5', reverse: true, text: l('Post-loan inspections of SME borrowers are mostly a formality.', '对小微企业的贷后检查大多流于形式。') },
    ],
  },
  {
    name: 'evaluation-system',
    title: l('Completeness and targeting of the evaluation system', '信用风险评价体系的完整性与针对性'),
    items: [
      { name: 'ev1', text: l('The credit rating indicators cover the main risks of small and micro enterprises.', '现行信用评级指标涵盖了小微企业的主要风险。') },
      { name: 'ev2', text: l('The evaluation system distinguishes between industries and enterprise sizes.', '评价体系能够区分不同行业和不同规模的企业。') },
      { name: 'ev3', reverse: true, text: l('The rating relies too heavily on financial statements that small firms often cannot provide reliably.', '评级过度依赖财务报表，而小微企业往往难以提供可靠的报表。') },
      { name: 'ev4', text: l("Non-financial information (the owner's conduct, cash flows, supply chain) carries appropriate weight in the rating.", '非财务信息（实际控制人品行、现金流、上下游关系）在评级中得到了应有的权重。') },
      { name: 'ev5', reverse: true, text: l('Evaluation criteria and weights have not been updated as the economy and industries changed.', '评价指标和权重没有随经济形势和行业变化而及时调整。') },
    ],
  },
  {
    name: 'model-fit',
    title: l('Fit of standard risk models to SMEs', '标准化风险模型对小微企业的适用性'),
    items: [
      { name: 'mf1', text: l('The standard scoring models used by the bank fit the characteristics of small and micro enterprises.', '本行使用的标准化评分模型符合小微企业的特点。') },
      { name: 'mf2', reverse: true, text: l('I often have to override model results because they do not match what I know about the borrower.', '由于模型结果与我掌握的借款人实际情况不符，我经常需要人工调整。') },
      { name: 'mf3', text: l('Model results (scores, grades, limits) are consistent with the actual repayment performance of SME borrowers.', '模型结果（评分、等级、额度）与小微企业的实际还款表现相符。') },
      { name: 'mf4', reverse: true, text: l('Models designed for large corporate customers are applied to SMEs with little adjustment.', '为大中型企业设计的模型几乎未经调整就用于小微企业。') },
      { name: 'mf5', text: l('Model parameters are recalibrated regularly using our own default experience.', '模型参数会根据本行自身的违约数据定期重新校准。') },
    ],
  },
  {
    name: 'online-approval',
    title: l('Online approval models and processes', '线上审批模型与流程'),
    items: [
      { name: 'oa1', text: l('The online approval model reliably identifies high-risk applications.', '线上审批模型能够可靠地识别高风险申请。') },
      { name: 'oa2', reverse: true, text: l('Applicants can pass online approval with incomplete or inaccurate information.', '申请人提供不完整或不真实的信息也能通过线上审批。') },
      { name: 'oa3', text: l('Data used in online approval is cross-checked against independent sources.', '线上审批所用数据会与独立来源进行交叉核验。') },
      { name: 'oa4', reverse: true, text: l('The online process has gaps (identity checks, use of funds, manual overrides) that could be exploited.', '线上流程存在可被利用的漏洞（如身份核验、资金用途、人工干预等环节）。') },
      { name: 'oa5', text: l('Responsibilities between the online model and manual reviewers are clearly defined.', '线上模型与人工审核之间的职责划分清晰。') },
    ],
  },
];

export const TEMPLATE_ROLES = ['account-manager', 'risk-officer', 'approver', 'manager', 'other'] as const;
export const TEMPLATE_DEPARTMENTS = ['sme-banking', 'credit-approval', 'risk-management', 'post-loan', 'other'] as const;
export const TEMPLATE_BRANCHES = ['head-office', 'city-branch', 'county-branch', 'sub-branch'] as const;
export const TEMPLATE_YEARS = ['lt3', '3-5', '6-10', 'gt10'] as const;
export const TEMPLATE_EDUCATION = ['college', 'bachelor', 'master', 'doctorate'] as const;

/** A 5-point agreement scale; the end labels sit above and below the buttons so that five buttons fit a phone. */
const agreeScale = {
  rateMin: 1,
  rateMax: 5,
  minRateDescription: l('Strongly disagree', '非常不同意'),
  maxRateDescription: l('Strongly agree', '非常同意'),
  rateDescriptionLocation: 'topBottom',
  displayMode: 'buttons',
};

/** The template's SurveyJS JSON (a fresh copy each call). */
export function smeRiskTemplate(): Record<string, unknown> {
  const profile = {
    name: 'profile',
    title: l('About you', '基本信息'),
    description: l('These questions are used only to compare groups of respondents.', '以下信息仅用于对不同群体的回答进行比较。'),
    elements: [
      {
        type: 'radiogroup', name: 'role', isRequired: true,
        title: l('What is your current role?', '您目前的岗位是？'),
        choices: [
          { value: 'account-manager', text: l('Account manager (customer manager)', '客户经理') },
          { value: 'risk-officer', text: l('Risk officer', '风险管理人员') },
          { value: 'approver', text: l('Credit approver', '信贷审批人员') },
          { value: 'manager', text: l('Manager (branch or department head)', '管理人员（支行或部门负责人）') },
          { value: 'other', text: l('Other', '其他') },
        ],
      },
      {
        type: 'dropdown', name: 'department', isRequired: true,
        title: l('Which department do you work in?', '您所在的部门是？'),
        choices: [
          { value: 'sme-banking', text: l('Small business banking', '普惠金融 / 小微企业金融部') },
          { value: 'credit-approval', text: l('Credit approval', '授信审批部') },
          { value: 'risk-management', text: l('Risk management', '风险管理部') },
          { value: 'post-loan', text: l('Post-loan management and recovery', '贷后管理与资产保全部') },
          { value: 'other', text: l('Other', '其他') },
        ],
      },
      {
        type: 'radiogroup', name: 'branch', isRequired: true,
        title: l('Where do you work?', '您的工作单位是？'),
        choices: [
          { value: 'head-office', text: l('Head office', '总行') },
          { value: 'city-branch', text: l('City branch', '市区分行') },
          { value: 'county-branch', text: l('County branch', '县域支行') },
          { value: 'sub-branch', text: l('Sub-branch or outlet', '网点 / 营业部') },
        ],
      },
      {
        type: 'radiogroup', name: 'years', isRequired: true,
        title: l('How long have you worked in credit business?', '您从事信贷相关工作的年限是？'),
        choices: [
          { value: 'lt3', text: l('Less than 3 years', '不满 3 年') },
          { value: '3-5', text: l('3 to 5 years', '3–5 年') },
          { value: '6-10', text: l('6 to 10 years', '6–10 年') },
          { value: 'gt10', text: l('More than 10 years', '10 年以上') },
        ],
      },
      {
        type: 'radiogroup', name: 'education', isRequired: true,
        title: l('What is your highest level of education?', '您的最高学历是？'),
        choices: [
          { value: 'college', text: l('College diploma or below', '大专及以下') },
          { value: 'bachelor', text: l("Bachelor's degree", '本科') },
          { value: 'master', text: l("Master's degree", '硕士') },
          { value: 'doctorate', text: l('Doctorate', '博士') },
        ],
      },
    ],
  };
  const dimensionPages = TEMPLATE_DIMENSIONS.map((dimension) => ({
    name: dimension.name,
    title: dimension.title,
    description: l('How far do you agree with each statement about your own work at the bank?', '结合您在本行的实际工作，您在多大程度上同意以下说法？'),
    elements: dimension.items.map((item) => ({
      type: 'rating', name: item.name, title: item.text, isRequired: true, dimension: dimension.name,
      ...(item.reverse ? { reverse: true } : {}),
      ...agreeScale,
    })),
  }));
  const open = {
    name: 'open',
    title: l('In your own words', '开放性问题'),
    elements: [
      {
        type: 'comment', name: 'obstacle', maxLength: 2000,
        title: l('What is the biggest obstacle to controlling SME credit risk in your daily work?', '在日常工作中，您认为控制小微企业信用风险的最大障碍是什么？'),
      },
      {
        type: 'comment', name: 'suggestion', maxLength: 2000,
        title: l('Which one change to the evaluation model, the early warning or the approval process would help most?', '您认为对评价模型、风险预警或审批流程做出哪一项改进最有帮助？'),
      },
    ],
  };
  return {
    title: l('SME credit risk management status', '小微企业信用风险管理现状'),
    description: l(
      'This survey asks staff how the bank manages the credit risk of small and micro enterprises. It takes about 10 minutes. There are no right or wrong answers; results are reported only for groups.',
      '本问卷了解员工对本行小微企业信用风险管理现状的看法，约需 10 分钟。答案没有对错之分，结果仅按群体汇总报告。',
    ),
    locale: '',
    showProgressBar: true,
    progressBarLocation: 'top',
    showQuestionNumbers: 'on',
    questionErrorLocation: 'bottom',
    completedHtml: l('<h3>Thank you!</h3><p>Your answers have been recorded.</p>', '<h3>谢谢您的参与！</h3><p>您的回答已提交。</p>'),
    pages: [profile, ...dimensionPages, open],
  };
}

/** A minimal starting point for a questionnaire written from scratch. */
export function blankQuestionnaire(): Record<string, unknown> {
  return {
    title: l('New questionnaire', '新问卷'),
    showProgressBar: true,
    progressBarLocation: 'top',
    pages: [
      {
        name: 'page1',
        elements: [
          {
            type: 'radiogroup', name: 'role', isRequired: true, title: l('What is your role?', '您的岗位是？'),
            choices: [{ value: 'staff', text: l('Staff', '员工') }, { value: 'manager', text: l('Manager', '管理人员') }],
          },
          { type: 'rating', name: 'item1', isRequired: true, dimension: 'dimension1', title: l('First statement', '第一条陈述'), ...agreeScale },
          { type: 'rating', name: 'item2', isRequired: true, dimension: 'dimension1', reverse: true, title: l('Second statement (reverse-coded)', '第二条陈述（反向计分）'), ...agreeScale },
        ],
      },
    ],
  };
}
