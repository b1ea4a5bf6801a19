import { DomainError, describeValue } from '../domain-error.js';
import { DEFAULT_INDEX_SYSTEM } from './default-index-system.js';
import type { EarlyWarningConfig } from './early-warning-config.js';
import type { GradeScale } from './grade-scale.js';
import { isoDayNumber } from './iso-day-number.js';
import { gradeRank } from './notch-distance.js';
import type { LocalizedText } from './scoring-rule.js';

/**
 * What the early-warning rules look at in one borrower snapshot (issue 6 item 6). Every field but `asOf` is
 * optional: an unknown value (absent or null) raises no signal.
 */
export interface WarningSnapshot {
  /** ISO date YYYY-MM-DD. */
  readonly asOf: string;
  /** Days past due at this bank now. */
  readonly daysPastDue?: number | null;
  /** An overdue or non-performing loan at another bank (credit report). */
  readonly otherBankOverdue?: boolean | null;
  /** On the dishonest-debtor list (失信被执行人), the firm or its actual controller. */
  readonly dishonestDebtorListed?: boolean | null;
  /** On the enforcement list (被执行人). */
  readonly enforcementListed?: boolean | null;
  /** Tax credit grade code (I53: 'A' | 'B' | 'M' | 'C' | 'D'). */
  readonly taxGrade?: string | null;
  /** A utility supply cut-off. */
  readonly utilityCutOff?: boolean | null;
  /** Revenue of the 12 months to asOf (any currency, same in every snapshot); used for the year-on-year change. */
  readonly revenue?: number | null;
  /** Revenue change year on year in %, when the bank supplies it; wins over the value computed from `revenue`. */
  readonly revenueYoyPct?: number | null;
  /** Credit-line use at asOf in % (drawn / limit × 100). */
  readonly creditLineUsePct?: number | null;
  /** Monthly credit-line use in %, oldest first, the last month ending at asOf; wins over snapshot history. */
  readonly creditLineUseMonthlyPct?: readonly number[] | null;
  /** Appraised collateral value (same currency in every snapshot). */
  readonly collateralValue?: number | null;
  /** Industry prosperity index of the borrower's industry (100 = neutral), as of this snapshot. */
  readonly industryIndex?: number | null;
  /** Credit grade at this snapshot. */
  readonly grade?: string | null;
}

export interface WarningSignal {
  /** 'dpd-over-30' | 'other-bank-overdue' | 'listing' | 'tax-grade' | 'utility-cut-off' (red);
   *  'dpd-1-30' | 'revenue-drop' | 'credit-line-use' | 'collateral-drop' | 'industry-index' | 'downgrade' (amber). */
  readonly code: string;
  readonly severity: 'red' | 'amber';
  readonly reason: LocalizedText;
  /** The numbers behind the reason (e.g. { daysPastDue: 45 }), for display and message templates. */
  readonly params: Readonly<Record<string, number | string | boolean | null>>;
  readonly suggestedAction: LocalizedText;
}

export type WarningLevel = 'green' | 'yellow' | 'orange' | 'red';

export interface EarlyWarningResult {
  readonly level: WarningLevel;
  /** Red signals first, then amber, each in the order of the rules. */
  readonly signals: readonly WarningSignal[];
}

/** Default config (credit-default-model.md "Early-warning signals (defaults)"). */
export const DEFAULT_EARLY_WARNING_CONFIG: EarlyWarningConfig = DEFAULT_INDEX_SYSTEM.earlyWarnings;

const DAY_TOLERANCE_MONTH = 28; // shortest month: a run of monthly snapshots spans ≥ 28 days per month
const DAY_TOLERANCE_QUARTER = 85; // shortest gap between consecutive quarter-end observations, with slack

/**
 * Early-warning signals and level of a borrower (credit-default-model.md; issue 6 item 6).
 *
 * Red: DPD > 30; overdue or NPL at another bank (param `new` tells whether the previous snapshot had it — a
 * persisting one still signals); dishonest-debtor or enforcement listing; tax grade C or D (param `from` gives
 * the previous grade); utility cut-off.
 * Amber: 1 ≤ DPD ≤ 30; revenue down > 30 % year on year (given, or computed from the snapshot 335–395 days
 * earlier closest to one year); credit-line use > 90 % for 3 months (the monthly series on the current
 * snapshot, else the trailing run of snapshots all above 90 % spanning ≥ (months − 1)·28 days); collateral
 * value down > 20 % from the latest earlier value; industry index < 90 for 2 quarters (trailing run of
 * snapshots below 90 spanning ≥ (quarters − 1)·85 days); downgrade by ≥ 2 notches from the best grade of the
 * snapshots within the last 365 days.
 * Level: red if any red signal, else orange for ≥ 2 amber, yellow for 1, green for none.
 *
 * `history` holds earlier snapshots in any order; those not strictly before `current.asOf` are ignored.
 * Throws DomainError for malformed dates or grades not on the scale.
 */
export function evaluateEarlyWarnings(
  current: WarningSnapshot,
  history: readonly WarningSnapshot[] = [],
  config: EarlyWarningConfig = DEFAULT_EARLY_WARNING_CONFIG,
  gradeScale: GradeScale = DEFAULT_INDEX_SYSTEM.gradeScale,
): EarlyWarningResult {
  const today = isoDayNumber(current.asOf);
  const past = history
    .map((s) => ({ s, day: isoDayNumber(s.asOf) }))
    .filter((x) => x.day < today)
    .sort((a, b) => a.day - b.day);
  const latestBefore = <K extends keyof WarningSnapshot>(key: K): { value: NonNullable<WarningSnapshot[K]>; day: number } | null => {
    for (let i = past.length - 1; i >= 0; i--) {
      const v = past[i].s[key];
      if (v !== null && v !== undefined) return { value: v as NonNullable<WarningSnapshot[K]>, day: past[i].day };
    }
    return null;
  };
  const red: WarningSignal[] = [];
  const amber: WarningSignal[] = [];
  const { red: r, amber: a } = config;

  const dpd = finiteOrNull(current.daysPastDue, 'daysPastDue');
  if (dpd !== null && r.daysPastDueAbove !== null && dpd > r.daysPastDueAbove) {
    red.push(signal('dpd-over-30', 'red', { daysPastDue: dpd, threshold: r.daysPastDueAbove },
      [`${dpd} days past due (more than ${r.daysPastDueAbove}).`, `逾期${dpd}天（超过${r.daysPastDueAbove}天）。`],
      ['Contact the borrower, stop new drawdowns, start collection and review the loan classification.', '联系借款人，停止新增提款，启动催收并复核贷款五级分类。']));
  } else if (dpd !== null && a.daysPastDueFrom !== null && dpd >= a.daysPastDueFrom) {
    amber.push(signal('dpd-1-30', 'amber', { daysPastDue: dpd },
      [`${dpd} days past due.`, `逾期${dpd}天。`],
      ['Remind the borrower, find the cause of the delay and watch the next instalment.', '提醒借款人，查明逾期原因，关注下一期还款。']));
  }

  if (r.otherBankOverdue && current.otherBankOverdue === true) {
    const prev = latestBefore('otherBankOverdue');
    const isNew = prev === null || prev.value !== true;
    red.push(signal('other-bank-overdue', 'red', { new: isNew },
      isNew ? ['New overdue or non-performing loan at another bank.', '他行新增逾期或不良贷款。']
        : ['Overdue or non-performing loan at another bank persists.', '他行逾期或不良贷款仍未解决。'],
      ['Obtain the latest credit report, contact the borrower and the other lender, and freeze unused limits.', '调取最新征信报告，联系借款人及他行，冻结未用额度。']));
  }

  if (r.listing && (current.dishonestDebtorListed === true || current.enforcementListed === true)) {
    const dishonest = current.dishonestDebtorListed === true;
    red.push(signal('listing', 'red', { dishonestDebtor: dishonest, enforcement: current.enforcementListed === true },
      dishonest ? ['Listed as a dishonest debtor.', '被列入失信被执行人名单。'] : ['Listed for enforcement.', '被列为被执行人。'],
      ['Freeze unused limits, check the enforcement details and assess accelerating repayment and securing collateral.', '冻结未用额度，核实执行情况，评估提前收回贷款及保全抵押物。']));
  }

  if (current.taxGrade !== null && current.taxGrade !== undefined && r.taxGrades.includes(current.taxGrade)) {
    const prev = latestBefore('taxGrade');
    const from = prev ? prev.value : null;
    red.push(signal('tax-grade', 'red', { grade: current.taxGrade, from },
      from !== null && from !== current.taxGrade
        ? [`Tax credit grade fell from ${from} to ${current.taxGrade}.`, `纳税信用等级由${from}级降至${current.taxGrade}级。`]
        : [`Tax credit grade is ${current.taxGrade}.`, `纳税信用等级为${current.taxGrade}级。`],
      ['Verify tax arrears and revenue, re-rate the borrower and stop new drawdowns.', '核实欠税及收入情况，重新评级并暂停新增提款。']));
  }

  if (r.utilityCutOff && current.utilityCutOff === true) {
    red.push(signal('utility-cut-off', 'red', {},
      ['Utility supply cut off.', '水电等公共事业供应被停止。'],
      ['Visit the premises to check whether operations have stopped, and freeze unused limits.', '实地走访核实是否停产，冻结未用额度。']));
  }

  if (a.revenueDropPct !== null) {
    let yoy = finiteOrNull(current.revenueYoyPct, 'revenueYoyPct');
    const revenue = finiteOrNull(current.revenue, 'revenue');
    if (yoy === null && revenue !== null) {
      let best: { value: number; gap: number } | null = null;
      for (const p of past) {
        const v = p.s.revenue, age = today - p.day;
        if (typeof v === 'number' && Number.isFinite(v) && v > 0 && age >= 335 && age <= 395) {
          const gap = Math.abs(age - 365);
          if (best === null || gap < best.gap) best = { value: v, gap };
        }
      }
      if (best !== null) yoy = (revenue / best.value - 1) * 100;
    }
    if (yoy !== null && yoy < -a.revenueDropPct) {
      amber.push(signal('revenue-drop', 'amber', { yoyPct: yoy, threshold: a.revenueDropPct },
        [`Revenue down ${fmt(-yoy)} % year on year.`, `营业收入同比下降${fmt(-yoy)}%。`],
        ['Request recent statements and an explanation, and re-score with the new figures.', '索取最新报表并了解原因，用新数据重新评分。']));
    }
  }

  if (a.creditLineUse !== null) {
    const { pct, months } = a.creditLineUse;
    let fired = false;
    const monthly = current.creditLineUseMonthlyPct;
    if (monthly !== null && monthly !== undefined && monthly.length > 0) {
      const last = monthly.slice(-months);
      fired = last.length >= months && last.every((x) => Number.isFinite(x) && x > pct);
    } else {
      fired = trailingRunSpan([...past.map((p) => ({ day: p.day, v: p.s.creditLineUsePct })), { day: today, v: current.creditLineUsePct }],
        (v) => v > pct) >= (months - 1) * DAY_TOLERANCE_MONTH;
    }
    if (fired) {
      amber.push(signal('credit-line-use', 'amber', { pct, months },
        [`Credit-line use above ${pct} % for ${months} months.`, `授信额度使用率连续${months}个月超过${pct}%。`],
        ['Review cash flow and the use of the drawdowns; consider limit management.', '核查现金流及资金用途，考虑额度管控。']));
    }
  }

  if (a.collateralDropPct !== null) {
    const value = finiteOrNull(current.collateralValue, 'collateralValue');
    const prev = latestBefore('collateralValue');
    if (value !== null && prev !== null && Number.isFinite(prev.value) && prev.value > 0) {
      const drop = (1 - value / prev.value) * 100;
      if (drop > a.collateralDropPct) {
        amber.push(signal('collateral-drop', 'amber', { from: prev.value, to: value, dropPct: drop },
          [`Collateral value down ${fmt(drop)} %.`, `抵押物价值下降${fmt(drop)}%。`],
          ['Re-appraise the collateral and ask for a top-up or an additional guarantee.', '重新评估抵押物，要求补充担保或追加抵押。']));
      }
    }
  }

  if (a.industryIndex !== null) {
    const { below, quarters } = a.industryIndex;
    const span = trailingRunSpan([...past.map((p) => ({ day: p.day, v: p.s.industryIndex })), { day: today, v: current.industryIndex }], (v) => v < below);
    if (span >= (quarters - 1) * DAY_TOLERANCE_QUARTER) {
      amber.push(signal('industry-index', 'amber', { below, quarters, index: current.industryIndex ?? null },
        [`Industry prosperity index below ${below} for ${quarters} quarters.`, `行业景气指数连续${quarters}个季度低于${below}。`],
        ['Review the exposure to this industry and stress the borrower’s cash flow.', '审视该行业敞口，对借款人现金流进行压力测试。']));
    }
  }

  if (a.downgrade !== null && current.grade !== null && current.grade !== undefined) {
    const now = gradeRank(current.grade, gradeScale);
    let bestRank: number | null = null, bestGrade: string | null = null;
    for (const p of past) {
      if (p.s.grade === null || p.s.grade === undefined || today - p.day > a.downgrade.lookbackDays) continue;
      const rank = gradeRank(p.s.grade, gradeScale);
      if (bestRank === null || rank < bestRank) { bestRank = rank; bestGrade = p.s.grade; }
    }
    if (bestRank !== null && now - bestRank >= a.downgrade.notches) {
      amber.push(signal('downgrade', 'amber', { from: bestGrade, to: current.grade, notches: now - bestRank },
        [`Downgraded ${now - bestRank} notches from ${bestGrade} to ${current.grade}.`, `评级由${bestGrade}下调${now - bestRank}级至${current.grade}。`],
        ['Review the rating drivers and monitor the borrower more often.', '分析评级下调原因，提高监控频率。']));
    }
  }

  const level: WarningLevel = red.length > 0 ? 'red' : amber.length >= 2 ? 'orange' : amber.length === 1 ? 'yellow' : 'green';
  return { level, signals: [...red, ...amber] };
}

function signal(code: string, severity: 'red' | 'amber', params: Record<string, number | string | boolean | null>,
  reason: [string, string], action: [string, string]): WarningSignal {
  return { code, severity, reason: { en: reason[0], zh: reason[1] }, params, suggestedAction: { en: action[0], zh: action[1] } };
}

/** Days from the first to the last point of the run of consecutive points, ending at the last (current) one, that
 *  all satisfy `test`; −1 when the current point fails or is unknown. An unknown value breaks the run. */
function trailingRunSpan(points: { day: number; v: number | null | undefined }[], test: (v: number) => boolean): number {
  const last = points.length - 1;
  let first = -1;
  for (let i = last; i >= 0; i--) {
    const v = points[i].v;
    if (typeof v !== 'number' || !Number.isFinite(v) || !test(v)) break;
    first = i;
  }
  return first < 0 ? -1 : points[last].day - points[first].day;
}

function finiteOrNull(x: number | null | undefined, field: string): number | null {
  if (x === null || x === undefined) return null;
  if (typeof x !== 'number' || !Number.isFinite(x)) {
    throw new DomainError('invalid-snapshot', `Snapshot field ${field} must be a finite number, got ${describeValue(x)}.`, { field, value: x });
  }
  return x;
}

function fmt(x: number): string {
  return (Math.round(x * 10) / 10).toString();
}
