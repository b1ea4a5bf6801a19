import { DomainError, describeValue } from '../domain-error.js';
import { DEFAULT_INDEX_SYSTEM } from './default-index-system.js';
import type { GradeScale } from './grade-scale.js';
import { isNonPerforming } from './is-non-performing.js';
import { LOAN_CLASSIFICATIONS, type ClassificationRules, type LoanClassification } from './loan-classification.js';
import { minimumClassification } from './minimum-classification.js';
import { classificationRank, worseClassification } from './worse-classification.js';

export interface PortfolioLoan {
  /** Groups loans of one borrower for the top-10 concentration; without it each loan counts on its own. */
  readonly borrowerId?: string | null;
  /** Outstanding balance (≥ 0, one currency). */
  readonly balance: number;
  /** Reported five-category classification. */
  readonly classification: LoanClassification;
  /** When given, a reported classification better than the days-past-due minimum is raised to it. */
  readonly daysPastDue?: number | null;
  readonly grade?: string | null;
  readonly industry?: string | null;
  readonly sizeBand?: string | null;
}

export interface DistributionRow {
  /** The grade, industry, size band or classification; null = not recorded. */
  readonly key: string | null;
  readonly count: number;
  readonly balance: number;
  /** Share of the loan count, 0..1 (null for an empty portfolio). */
  readonly countShare: number | null;
  /** Share of the total balance, 0..1 (null when the total balance is 0). */
  readonly balanceShare: number | null;
}

export interface PortfolioSummary {
  readonly count: number;
  readonly totalBalance: number;
  readonly npl: {
    readonly count: number;
    readonly balance: number;
    /** NPL loans / all loans (null for an empty portfolio). */
    readonly ratioByCount: number | null;
    /** NPL balance / total loan balance (null when the total balance is 0). */
    readonly ratioByBalance: number | null;
  };
  /** Loans whose reported classification was better than their days-past-due minimum (raised in this summary). */
  readonly raisedByDaysPastDue: number;
  readonly byClassification: readonly DistributionRow[];
  /** In scale order (then the default grade, then other grades alphabetically, then ungraded). */
  readonly byGrade: readonly DistributionRow[];
  /** By balance, largest first. */
  readonly byIndustry: readonly DistributionRow[];
  readonly bySizeBand: readonly DistributionRow[];
  /** counts[g][c] and balances[g][c] for grades (as in byGrade) × the five classifications. */
  readonly gradeByClassification: {
    readonly grades: readonly (string | null)[];
    readonly classifications: readonly LoanClassification[];
    readonly counts: readonly (readonly number[])[];
    readonly balances: readonly (readonly number[])[];
  };
  readonly concentration: {
    /** Balance share of the 10 largest borrowers (loans grouped by borrowerId), 0..1; null when the total is 0. */
    readonly top10Share: number | null;
    /** Herfindahl–Hirschman index of balance shares by industry, Σ s_k² in 0..1 (× 10 000 for the points
     *  convention); unrecorded industry counts as one group; null when the total is 0. */
    readonly hhiByIndustry: number | null;
  };
}

/**
 * Portfolio view (issue 6 item 7): NPL ratio by count and by balance from the five-category classification
 * (NPL = substandard + doubtful + loss; NPL ratio = NPL balance / total loan balance, credit-default-model.md),
 * distributions by classification, grade, industry and size band, the grade × classification table and
 * concentration (top-10 borrower share; HHI by industry, Rhoades 1993, Federal Reserve Bulletin 79:188).
 * A reported classification better than its days-past-due minimum is raised to the minimum and counted.
 * Throws DomainError `invalid-loan` (with the loan's index) for a negative or non-finite balance or an unknown
 * classification.
 */
export function portfolioSummary(
  loans: readonly PortfolioLoan[],
  options: { readonly gradeScale?: GradeScale; readonly rules?: ClassificationRules } = {},
): PortfolioSummary {
  const scale = options.gradeScale ?? DEFAULT_INDEX_SYSTEM.gradeScale;
  const rules = options.rules ?? DEFAULT_INDEX_SYSTEM.classification;
  let total = 0, nplCount = 0, nplBalance = 0, raised = 0;
  const byClass = new Map<string | null, [number, number]>();
  const byGrade = new Map<string | null, [number, number]>();
  const byIndustry = new Map<string | null, [number, number]>();
  const bySize = new Map<string | null, [number, number]>();
  const cells = new Map<string | null, { counts: number[]; balances: number[] }>();
  const byBorrower = new Map<string, number>();
  const add = (map: Map<string | null, [number, number]>, key: string | null, balance: number) => {
    const row = map.get(key);
    if (row) { row[0] += 1; row[1] += balance; } else map.set(key, [1, balance]);
  };

  loans.forEach((loan, index) => {
    const b = loan.balance;
    if (typeof b !== 'number' || !Number.isFinite(b) || b < 0) {
      throw new DomainError('invalid-loan', `Loan ${index + 1} needs a balance ≥ 0, got ${describeValue(b)}.`, { index, balance: b });
    }
    let c: LoanClassification;
    try {
      classificationRank(loan.classification);
      c = loan.classification;
      if (loan.daysPastDue !== null && loan.daysPastDue !== undefined) {
        const floor = minimumClassification(loan.daysPastDue, rules);
        const worse = worseClassification(c, floor);
        if (worse !== c) { raised++; c = worse; }
      }
    } catch (e) {
      if (e instanceof DomainError) throw new DomainError('invalid-loan', `Loan ${index + 1}: ${e.message}`, { index, ...e.details });
      throw e;
    }
    total += b;
    if (isNonPerforming(c, rules)) { nplCount++; nplBalance += b; }
    const grade = loan.grade ?? null;
    add(byClass, c, b);
    add(byGrade, grade, b);
    add(byIndustry, loan.industry ?? null, b);
    add(bySize, loan.sizeBand ?? null, b);
    let cell = cells.get(grade);
    if (!cell) { cell = { counts: [0, 0, 0, 0, 0], balances: [0, 0, 0, 0, 0] }; cells.set(grade, cell); }
    const k = classificationRank(c);
    cell.counts[k]++; cell.balances[k] += b;
    const who = loan.borrowerId ?? `#loan-${index}`;
    byBorrower.set(who, (byBorrower.get(who) ?? 0) + b);
  });

  const n = loans.length;
  const rows = (map: Map<string | null, [number, number]>, keys: (string | null)[]): DistributionRow[] =>
    keys.map((key) => {
      const [count, balance] = map.get(key) as [number, number];
      return { key, count, balance, countShare: n > 0 ? count / n : null, balanceShare: total > 0 ? balance / total : null };
    });
  const byBalanceDesc = (map: Map<string | null, [number, number]>) =>
    [...map.keys()].sort((a, b) => (map.get(b) as [number, number])[1] - (map.get(a) as [number, number])[1] || compareKeys(a, b));
  const scaleOrder = [...scale.bands.map((b) => b.grade), scale.defaultGrade];
  const gradeKeys = [...byGrade.keys()].sort((a, b) => gradeOrder(a, scaleOrder) - gradeOrder(b, scaleOrder) || compareKeys(a, b));

  const borrowerBalances = [...byBorrower.values()].sort((a, b) => b - a);
  const top10 = borrowerBalances.slice(0, 10).reduce((s, x) => s + x, 0);
  let hhi = 0;
  for (const [, [, balance]] of byIndustry) hhi += total > 0 ? (balance / total) ** 2 : 0;

  return {
    count: n,
    totalBalance: total,
    npl: { count: nplCount, balance: nplBalance, ratioByCount: n > 0 ? nplCount / n : null, ratioByBalance: total > 0 ? nplBalance / total : null },
    raisedByDaysPastDue: raised,
    byClassification: rows(byClass, LOAN_CLASSIFICATIONS.filter((c) => byClass.has(c))),
    byGrade: rows(byGrade, gradeKeys),
    byIndustry: rows(byIndustry, byBalanceDesc(byIndustry)),
    bySizeBand: rows(bySize, byBalanceDesc(bySize)),
    gradeByClassification: {
      grades: gradeKeys,
      classifications: LOAN_CLASSIFICATIONS,
      counts: gradeKeys.map((g) => (cells.get(g) as { counts: number[] }).counts),
      balances: gradeKeys.map((g) => (cells.get(g) as { balances: number[] }).balances),
    },
    concentration: { top10Share: total > 0 ? top10 / total : null, hhiByIndustry: total > 0 ? hhi : null },
  };
}

function gradeOrder(g: string | null, order: readonly string[]): number {
  if (g === null) return order.length + 1;
  const i = order.indexOf(g);
  return i < 0 ? order.length : i;
}

function compareKeys(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}
