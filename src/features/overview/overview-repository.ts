import type { Knex } from 'knex';

/**
 * The overview's own read: how many borrowers of the watch list there are per warning level, counted in the
 * database. The rows are the watch list's (src/features/borrowers/scoring-service.ts: the latest snapshot of each
 * borrower, scored under the version, with a warning other than green), so the counts always equal the list the
 * overview links to; only the counts travel, not the stored breakdowns.
 */
export function createOverviewRepository(db: Knex) {
  return {
    async warningCounts(modelId: number, portfolio: string | null): Promise<Map<string, number>> {
      const q = db('borrower_snapshots as s')
        .join('borrowers as b', 'b.id', 's.borrower_id')
        .join('evaluations as e', (j) => j.on('e.snapshot_id', 's.id').andOn('e.model_id', db.raw('?', [modelId])))
        .whereRaw('s.as_of = (select max(s2.as_of) from borrower_snapshots s2 where s2.borrower_id = s.borrower_id)')
        .whereNotNull('e.early_warnings')
        .whereNot('e.warning_level', 'green')
        .groupBy('e.warning_level')
        .select('e.warning_level as level')
        .count({ n: '*' });
      if (portfolio) q.where('b.portfolio', portfolio);
      const rows = (await q) as { level: string; n: number | string }[];
      return new Map(rows.map((r) => [String(r.level), Number(r.n)]));
    },
  };
}

export type OverviewRepository = ReturnType<typeof createOverviewRepository>;
