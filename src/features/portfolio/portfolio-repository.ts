import type { Knex } from 'knex';
import type { LoanClassification } from '../../domain/credit/loan-classification.js';
import { num, str } from '../../storage/row-values.js';
import type { PortfolioPosition } from './portfolio-view.js';

type Row = Record<string, unknown>;

/**
 * The portfolio page's one query: every snapshot (optionally of one portfolio) with the grade, score and warning
 * level of its evaluation under one model version, if scored. Only the columns the page shows are read: the stored
 * breakdown and the raw indicators stay in the database, so the page costs the same whatever the model's size.
 */
export function createPortfolioRepository(db: Knex) {
  return {
    async positions(modelId: number, portfolio: string | null): Promise<PortfolioPosition[]> {
      const q = db('borrower_snapshots as s')
        .join('borrowers as b', 'b.id', 's.borrower_id')
        .leftJoin('evaluations as e', (j) => j.on('e.snapshot_id', 's.id').andOn('e.model_id', db.raw('?', [modelId])))
        .select(
          's.borrower_id', 's.as_of', 's.industry', 's.size_band', 's.loan_balance', 's.classification', 's.days_past_due', 's.outcome',
          'e.grade', 'e.score', 'e.warning_level',
        )
        .orderBy([{ column: 's.borrower_id' }, { column: 's.as_of' }, { column: 's.id' }]);
      if (portfolio) q.where('b.portfolio', portfolio);
      return ((await q) as Row[]).map((r) => ({
        borrowerId: Number(r.borrower_id),
        asOf: String(r.as_of),
        industry: str(r.industry),
        sizeBand: str(r.size_band),
        balance: num(r.loan_balance),
        classification: str(r.classification) as LoanClassification | null,
        daysPastDue: num(r.days_past_due),
        outcome: r.outcome === null || r.outcome === undefined ? null : Number(r.outcome) === 1 ? 1 : 0,
        grade: str(r.grade),
        score: num(r.score),
        level: str(r.warning_level),
      }));
    },
  };
}

export type PortfolioRepository = ReturnType<typeof createPortfolioRepository>;
