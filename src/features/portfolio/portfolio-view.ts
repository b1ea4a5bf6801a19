import type { GradeScale } from '../../domain/credit/grade-scale.js';
import type { LoanClassification } from '../../domain/credit/loan-classification.js';
import { portfolioSummary, type PortfolioSummary } from '../../domain/credit/portfolio-summary.js';

/** One borrower's position at a date: its latest snapshot on or before it, with the evaluation under the chosen version. */
export interface PortfolioPosition {
  borrowerId: number;
  asOf: string;
  industry: string | null;
  sizeBand: string | null;
  balance: number | null;
  classification: LoanClassification | null;
  daysPastDue: number | null;
  outcome: 0 | 1 | null;
  grade: string | null;
  score: number | null;
  level: string | null;
}

export interface CountRow {
  key: string | null;
  count: number;
  /** Sum of known balances. */
  balance: number;
  share: number | null;
  /** Observed outcomes: borrowers with a known outcome and how many defaulted. */
  outcomes: number;
  defaults: number;
}

export interface PortfolioView {
  count: number;
  scored: number;
  averageScore: number | null;
  /** Positions without a five-category classification (not invented; left out of the NPL figures). */
  classificationUnknown: number;
  /** Positions without a balance (count in the count-based figures only). */
  balanceUnknown: number;
  /** NPL, grade × classification and concentration over positions with a known classification. */
  summary: PortfolioSummary | null;
  byGrade: CountRow[];
  byIndustry: CountRow[];
  bySize: CountRow[];
  byLevel: CountRow[];
  outcomes: { known: number; defaults: number; rate: number | null };
}

function group(positions: readonly PortfolioPosition[], key: (p: PortfolioPosition) => string | null, order?: (a: CountRow, b: CountRow) => number): CountRow[] {
  const map = new Map<string | null, CountRow>();
  for (const p of positions) {
    const k = key(p);
    let row = map.get(k);
    if (!row) { row = { key: k, count: 0, balance: 0, share: null, outcomes: 0, defaults: 0 }; map.set(k, row); }
    row.count++;
    if (p.balance !== null) row.balance += p.balance;
    if (p.outcome !== null) { row.outcomes++; if (p.outcome === 1) row.defaults++; }
  }
  const rows = [...map.values()];
  for (const r of rows) r.share = positions.length ? r.count / positions.length : null;
  return rows.sort(order ?? ((a, b) => b.count - a.count || String(a.key).localeCompare(String(b.key))));
}

/**
 * The manager's portfolio view (issue 6 item 7) over borrower positions: distributions by grade (scale order),
 * industry, size band and warning level (counts, known balances, observed default rates where outcomes are known),
 * and — over positions whose five-category classification is known — portfolioSummary's NPL ratio by count and by
 * balance (a missing balance counts as 0 there and is reported), grade × classification table and concentration.
 */
export function portfolioView(positions: readonly PortfolioPosition[], scale: GradeScale): PortfolioView {
  const gradeOrder = [...scale.bands.map((b) => b.grade), scale.defaultGrade];
  const rank = (g: string | null) => (g === null ? gradeOrder.length + 1 : gradeOrder.indexOf(g) < 0 ? gradeOrder.length : gradeOrder.indexOf(g));
  const classified = positions.filter((p) => p.classification !== null);
  const summary = classified.length
    ? portfolioSummary(classified.map((p) => ({
      borrowerId: String(p.borrowerId), balance: p.balance ?? 0, classification: p.classification as LoanClassification, daysPastDue: p.daysPastDue,
      grade: p.grade, industry: p.industry, sizeBand: p.sizeBand,
    })), { gradeScale: scale })
    : null;
  const scored = positions.filter((p) => p.score !== null);
  const known = positions.filter((p) => p.outcome !== null);
  const defaults = known.filter((p) => p.outcome === 1).length;
  const levelOrder = ['red', 'orange', 'yellow', 'green'];
  const levelIndex = (k: string | null) => (k === null || !levelOrder.includes(k) ? levelOrder.length : levelOrder.indexOf(k));
  const sizeOrder = ['micro', 'small', 'medium', 'large'];
  const sizeIndex = (k: string | null) => (k === null || !sizeOrder.includes(k) ? sizeOrder.length : sizeOrder.indexOf(k));
  return {
    count: positions.length,
    scored: scored.length,
    averageScore: scored.length ? scored.reduce((s, p) => s + (p.score as number), 0) / scored.length : null,
    classificationUnknown: positions.length - classified.length,
    balanceUnknown: positions.filter((p) => p.balance === null).length,
    summary,
    byGrade: group(positions, (p) => p.grade, (a, b) => rank(a.key) - rank(b.key)),
    byIndustry: group(positions, (p) => p.industry),
    bySize: group(positions, (p) => p.sizeBand, (a, b) => sizeIndex(a.key) - sizeIndex(b.key)),
    byLevel: group(positions, (p) => p.level, (a, b) => levelIndex(a.key) - levelIndex(b.key)),
    outcomes: { known: known.length, defaults, rate: known.length ? defaults / known.length : null },
  };
}

/** Positions at a date: each borrower's latest snapshot on or before it. Input sorted or not. */
export function positionsAt<T extends PortfolioPosition>(all: readonly T[], date: string): T[] {
  const latest = new Map<number, T>();
  for (const p of all) {
    if (p.asOf > date) continue;
    const cur = latest.get(p.borrowerId);
    if (!cur || p.asOf > cur.asOf) latest.set(p.borrowerId, p);
  }
  return [...latest.values()];
}
