import { seededRandom, type SeededRandom } from '../../domain/random/seeded-random.js';
import { TEMPLATE_DIMENSIONS } from './questionnaire-template.js';

/**
 * Generates the demo responses to the shipped template: a deterministic (seeded) pattern that reproduces the
 * seed study's findings at Z Commercial Bank — most staff see weak early warning, an untargeted evaluation system,
 * standard models that do not fit SMEs, loopholes in online approval and hard-to-dispose NPLs — with plausible
 * differences by role (account managers find the models unfit, risk officers the warning weak, approvers the online
 * process loose; managers see everything more favourably) and by branch (county branches feel NPL pressure most).
 * This is illustrative demo data, labelled as such wherever it is shown; it is not survey data of any bank.
 *
 * Model: each respondent has a latent "works well" level per dimension on the 1–5 scale = base + role effect +
 * branch effect + personal optimism + dimension-specific noise; each item answer is that level plus an item offset
 * and item noise, rounded to the scale (problem statements, `reverse` items, are answered as 6 − level).
 */

const BASE: Record<string, number> = {
  'npl-disposal': 2.5,
  'early-warning': 2.2,
  'evaluation-system': 2.45,
  'model-fit': 2.3,
  'online-approval': 2.6,
};

const ROLE_EFFECT: Record<string, Record<string, number>> = {
  'account-manager': { 'model-fit': -0.35, 'evaluation-system': -0.2, 'online-approval': -0.1 },
  'risk-officer': { 'early-warning': -0.35, 'npl-disposal': -0.2, 'online-approval': -0.25 },
  approver: { 'online-approval': -0.4, 'model-fit': -0.15 },
  manager: { 'npl-disposal': 0.45, 'early-warning': 0.45, 'evaluation-system': 0.45, 'model-fit': 0.45, 'online-approval': 0.45 },
  other: {},
};

const BRANCH_EFFECT: Record<string, Record<string, number>> = {
  'head-office': { 'npl-disposal': 0.15, 'early-warning': 0.15 },
  'county-branch': { 'npl-disposal': -0.25, 'early-warning': -0.15 },
};

/** Items that staff see as the weakest point of their dimension (negative = more problematic). */
const ITEM_OFFSET: Record<string, number> = {
  npl4: -0.35, ew3: -0.3, ev3: -0.3, mf4: -0.25, oa2: -0.2, ew2: -0.15, mf5: -0.2, oa3: -0.1, npl1: 0.2, ev1: 0.15, oa5: 0.15,
};

const ROLES: Array<[string, number]> = [['account-manager', 46], ['risk-officer', 24], ['approver', 20], ['manager', 16], ['other', 14]];

const DEPARTMENT_BY_ROLE: Record<string, Array<[string, number]>> = {
  'account-manager': [['sme-banking', 0.85], ['post-loan', 0.1], ['other', 0.05]],
  'risk-officer': [['risk-management', 0.7], ['post-loan', 0.3]],
  approver: [['credit-approval', 0.9], ['risk-management', 0.1]],
  manager: [['sme-banking', 0.4], ['risk-management', 0.25], ['credit-approval', 0.2], ['post-loan', 0.15]],
  other: [['other', 0.5], ['post-loan', 0.3], ['sme-banking', 0.2]],
};
const BRANCHES: Array<[string, number]> = [['head-office', 0.2], ['city-branch', 0.35], ['county-branch', 0.3], ['sub-branch', 0.15]];
const YEARS: Array<[string, number]> = [['lt3', 0.2], ['3-5', 0.3], ['6-10', 0.3], ['gt10', 0.2]];
const EDUCATION: Array<[string, number]> = [['college', 0.15], ['bachelor', 0.6], ['master', 0.22], ['doctorate', 0.03]];

type Bilingual = [en: string, zh: string];

const OBSTACLES: Record<string, Bilingual[]> = {
  'early-warning': [
    ['Warning signals arrive too late: by the time the system flags a borrower, the business has often stopped operating.', '预警信号来得太晚，系统提示时企业往往已经停产。'],
    ['We have no access to tax and utility data for post-loan monitoring, so we rely on site visits.', '贷后监测缺少税务、水电等外部数据，只能依靠实地走访。'],
    ['Post-loan checks are box-ticking; each account manager looks after too many borrowers.', '贷后检查流于形式，每个客户经理管户数量太多。'],
  ],
  'model-fit': [
    ['The scoring model penalises young firms without audited statements even when their cash flow is sound.', '评分模型对没有审计报表的新设企业打分过低，即使其现金流良好。'],
    ['The rating model was built for corporate clients; for small firms I have to adjust the result by hand.', '评级模型是按对公大客户设计的，对小微企业我只能手工调整结果。'],
  ],
  'evaluation-system': [
    ['The indicators are the same for manufacturers and traders, which makes little sense.', '制造业和商贸企业使用同一套指标，缺乏针对性。'],
    ['The weights have not changed since before the pandemic.', '指标权重自疫情前就没有调整过。'],
  ],
  'online-approval': [
    ['Online applications can pass with a borrowed business licence; identity checks are weak.', '借用营业执照也能通过线上申请，身份核验薄弱。'],
    ['Nobody checks how online loans are actually used after disbursement.', '线上贷款发放后，几乎没有人核查资金实际用途。'],
  ],
  'npl-disposal': [
    ['Collateral in county towns is hard to sell, so disposal drags on for years.', '县域的抵押物很难变现，不良处置往往拖上好几年。'],
    ['Recovery targets are set, but responsibility between branch and head office is unclear.', '清收任务有下达，但分支行与总行之间的责任不清。'],
  ],
};

const SUGGESTIONS: Record<string, Bilingual[]> = {
  'early-warning': [['Bring tax, invoice and utility data into the early-warning system and review warnings every week.', '将税务、发票和水电数据纳入预警系统，并每周复核预警信号。']],
  'model-fit': [['Recalibrate the scoring model on our own default data instead of the vendor’s parameters.', '用本行自己的违约数据重新校准评分模型，而不是沿用供应商的参数。']],
  'evaluation-system': [['Build separate indicator sets for manufacturing, trade and service SMEs, and update the weights every year.', '分别为制造业、商贸业和服务业小微企业建立指标体系，并每年更新权重。']],
  'online-approval': [['Add a manual review for online applications above a set amount and check the use of funds.', '对超过一定额度的线上申请增加人工复核，并核查资金用途。']],
  'npl-disposal': [['Name a person responsible and a deadline for recovering every non-performing loan.', '为每笔不良贷款明确清收责任人和完成时限。']],
};

function pick<T>(random: SeededRandom, weighted: Array<[T, number]>): T {
  const total = weighted.reduce((s, [, w]) => s + w, 0);
  let u = random.next() * total;
  for (const [value, w] of weighted) {
    u -= w;
    if (u < 0) return value;
  }
  return weighted[weighted.length - 1][0];
}

const clampPoint = (x: number) => Math.min(5, Math.max(1, Math.round(x)));

/** `count` demo responses (answer objects keyed by the template's question names), the same for the same seed. */
export function demoResponses(count = 120, seed = 20_240_315): Array<Record<string, string | number>> {
  const random = seededRandom(seed);
  // Exact role counts (scaled to `count`), in a seeded order.
  const total = ROLES.reduce((s, [, n]) => s + n, 0);
  const roles: string[] = [];
  for (const [role, n] of ROLES) for (let i = 0; i < Math.round((n * count) / total); i++) roles.push(role);
  while (roles.length < count) roles.push('account-manager');
  roles.length = count;
  for (let i = roles.length - 1; i > 0; i--) {
    const j = random.nextInt(i + 1);
    [roles[i], roles[j]] = [roles[j], roles[i]];
  }

  return roles.map((role) => {
    const branch = pick(random, BRANCHES);
    const answers: Record<string, string | number> = {
      role,
      department: pick(random, DEPARTMENT_BY_ROLE[role]),
      branch,
      years: pick(random, YEARS),
      education: pick(random, EDUCATION),
    };
    const optimism = 0.35 * random.nextNormal();
    let worst = { name: '', level: Number.POSITIVE_INFINITY };
    for (const dimension of TEMPLATE_DIMENSIONS) {
      const level = BASE[dimension.name] + (ROLE_EFFECT[role][dimension.name] ?? 0) + (BRANCH_EFFECT[branch]?.[dimension.name] ?? 0)
        + (answers.years === 'gt10' && dimension.name === 'evaluation-system' ? -0.1 : 0) + optimism + 0.45 * random.nextNormal();
      if (level < worst.level) worst = { name: dimension.name, level };
      for (const item of dimension.items) {
        const perceived = level + (ITEM_OFFSET[item.name] ?? 0) + 0.7 * random.nextNormal();
        answers[item.name] = clampPoint(item.reverse ? 6 - perceived : perceived);
      }
    }
    const chinese = random.next() < 0.65;
    if (random.next() < 0.45) {
      const pool = OBSTACLES[worst.name];
      const text = pool[random.nextInt(pool.length)];
      answers.obstacle = chinese ? text[1] : text[0];
    }
    if (random.next() < 0.35) {
      const pool = SUGGESTIONS[worst.name];
      const text = pool[random.nextInt(pool.length)];
      answers.suggestion = chinese ? text[1] : text[0];
    }
    return answers;
  });
}
