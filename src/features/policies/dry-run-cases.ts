import type { CreditModelDefinition } from '../../domain/credit/credit-model-definition.js';
import type { WarningLevel } from '../../domain/credit/evaluate-early-warnings.js';
import type { PortfolioPosition } from '../../domain/policy/application-input.js';
import { dataCompleteness } from '../../domain/policy/data-completeness.js';
import type { DryRunCase } from '../../domain/policy/policy-dry-run.js';
import { seededRandom } from '../../domain/random/seeded-random.js';
import type { SnapshotRecord, StoredEvaluation } from '../borrowers/borrowers-repository.js';
import { unpackEvaluation, type PackedEvaluation } from '../borrowers/stored-evaluation.js';

/** How portfolio borrowers are turned into applications for a dry run. */
export interface DryRunAssumptions {
  /** Requested term of every case (months). */
  termMonths: number;
  /** Amount for a borrower without a positive loan balance (currency). */
  defaultAmount: number;
  /** At most this many borrowers (a seeded random sample when the portfolio is larger); null = all. */
  sampleSize: number | null;
  seed: number;
  /** Size band for a borrower whose band is not known; null = such borrowers cannot be decided (listed as errors). */
  unknownSizeBand: string | null;
}

export const DEFAULT_ASSUMPTIONS: DryRunAssumptions = { termMonths: 12, defaultAmount: 1_000_000, sampleSize: null, seed: 1, unknownSizeBand: null };

const LEVELS = new Set<string>(['green', 'yellow', 'orange', 'red']);

/** A case with what the page shows about it. */
export interface PortfolioCase {
  case: DryRunCase;
  snapshotId: number;
  borrowerId: number;
  borrowerRef: string;
  borrowerName: string | null;
  grade: string;
}

/** Sum of loan balances overall and by industry (the bank's position before the cases). */
export function portfolioPosition(snapshots: readonly Pick<SnapshotRecord, 'industry' | 'loanBalance'>[]): PortfolioPosition {
  let totalBalance = 0;
  const balanceByIndustry: Record<string, number> = {};
  for (const s of snapshots) {
    const b = s.loanBalance !== null && Number.isFinite(s.loanBalance) && s.loanBalance > 0 ? s.loanBalance : 0;
    totalBalance += b;
    if (s.industry !== null && b > 0) balanceByIndustry[s.industry] = (balanceByIndustry[s.industry] ?? 0) + b;
  }
  return { totalBalance, balanceByIndustry };
}

/** Up to `size` items chosen without replacement by a seeded partial Fisher–Yates shuffle, in their input order. */
export function seededSample<T>(items: readonly T[], size: number | null, seed: number): T[] {
  if (size === null || size >= items.length) return [...items];
  const rng = seededRandom(seed);
  const idx = items.map((_, i) => i);
  for (let i = 0; i < size; i++) {
    const j = i + rng.nextInt(idx.length - i);
    [idx[i], idx[j]] = [idx[j] as number, idx[i] as number];
  }
  return idx.slice(0, size).sort((a, b) => a - b).map((i) => items[i] as T);
}

/**
 * The portfolio as applications (the dry run's data): each borrower's latest snapshot with its stored evaluation
 * under the policy's model version is a renewal — amount = the current loan balance (or `defaultAmount` when it has
 * none), no other exposure (the renewal replaces the loan, so the borrower's own balance is taken out of the
 * portfolio position), term `termMonths`, no earlier applications, decided as of the snapshot date (so the data is
 * never stale in a dry run); a borrower without a size band gets `unknownSizeBand`. Completeness from the stored evaluation (dataCompleteness); indicator values as scored; warning level as stored.
 * `rows`: latest snapshots of the portfolio joined with their evaluations; the position is computed from all rows,
 * the cases from the sample.
 */
export function portfolioCases(model: CreditModelDefinition, rows: readonly { snapshot: SnapshotRecord; evaluation: StoredEvaluation }[],
  assumptions: DryRunAssumptions): PortfolioCase[] {
  const position = portfolioPosition(rows.map((r) => r.snapshot));
  return seededSample(rows, assumptions.sampleSize, assumptions.seed).map(({ snapshot: s, evaluation: e }) => {
    const full = unpackEvaluation(e.result as PackedEvaluation);
    const own = s.loanBalance !== null && Number.isFinite(s.loanBalance) && s.loanBalance > 0 ? s.loanBalance : 0;
    const byIndustry = { ...position.balanceByIndustry };
    if (s.industry !== null && own > 0) byIndustry[s.industry] = Math.max(0, (byIndustry[s.industry] ?? 0) - own);
    const c: DryRunCase = {
      caseId: String(s.id),
      evaluation: { score: full.score, grade: full.grade, caps: full.caps, warnings: full.warnings },
      warningLevel: (LEVELS.has(e.warningLevel) ? e.warningLevel : 'green') as WarningLevel,
      completeness: dataCompleteness(model, full),
      amount: own > 0 ? own : assumptions.defaultAmount,
      termMonths: assumptions.termMonths,
      borrower: {
        id: String(s.borrowerId),
        industry: s.industry,
        sizeBand: s.sizeBand ?? assumptions.unknownSizeBand ?? '',
        existingExposure: 0,
        snapshotAsOf: s.asOf,
        indicators: Object.fromEntries(Object.entries(full.indicators).map(([id, x]) => [id, x.value])),
        statement: s.statement,
        flags: { dishonestDebtorList: Boolean(s.extra.dishonestDebtorList), insolvency: Boolean(s.extra.insolvency) },
      },
      portfolio: { totalBalance: Math.max(0, position.totalBalance - own), balanceByIndustry: byIndustry },
      history: [],
      requestId: null,
      asOf: s.asOf,
    };
    return { case: c, snapshotId: s.id, borrowerId: s.borrowerId, borrowerRef: s.borrowerRef, borrowerName: s.borrowerName, grade: full.grade };
  });
}
