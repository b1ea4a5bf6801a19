import type { Knex } from 'knex';
import type { DecisionCase } from './decision-case.js';
import type { CasePatch, DecisionsRepository, HistoryRow, NewActionRow, NewDecisionRow } from './decisions-repository.js';

/** What a decision needs from storage: the borrower's earlier applications and the approvals since the book date. */
export interface StorageView {
  /** The borrower's applications decided at or after the job's `since`, oldest first (earlier jobs of the batch included). */
  history: HistoryRow[];
  /** Amounts approved through decisions after the job's `bookDate`, by industry ('' = unknown). */
  approvedSinceBook: Map<string, number>;
  /** The instant of this decision (taken as it is decided, so decisions stored together are in time order). */
  now: Date;
}

/** The rows one decision adds, and the case it becomes once it has its id. */
export interface DecidedRows {
  decision: NewDecisionRow;
  state: CasePatch;
  action: Omit<NewActionRow, 'decisionId'>;
  /** The approved amount to add to the day's total of the industry (policy approvals). */
  approved: { day: string; industry: string | null; amount: number } | null;
  toCase(id: number): DecisionCase;
}

/** A decision prepared outside the transaction (scored, warnings evaluated), waiting for the storage view. */
export interface PendingDecision {
  requestId: string;
  hash: string;
  borrowerRef: string;
  /** Read the borrower's applications decided at or after this ISO instant. */
  since: string;
  /** The borrower book's date: approvals on later days count in the portfolio position. */
  bookDate: string | null;
  /** Decides on the view (pure: no I/O); throws for an application the policy refuses to decide (→ 400). */
  decide(view: StorageView): DecidedRows;
}

export type WriteOutcome = { kind: 'created'; decision: DecisionCase } | { kind: 'stored'; id: number; hash: string };

type Outcome =
  | { type: 'error'; error: unknown }
  | { type: 'stored'; id: number; hash: string }
  | { type: 'local'; requestId: string; hash: string }
  | { type: 'new'; rows: DecidedRows };

interface Job {
  pending: PendingDecision;
  resolve: (outcome: WriteOutcome) => void;
  reject: (reason: unknown) => void;
}

function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; message?: string };
  return e?.code === '23505' || (e?.code === 'SQLITE_CONSTRAINT' && /UNIQUE/i.test(e.message ?? ''));
}

/**
 * Stores decisions with group commit. Decisions that arrive while a transaction runs wait and are stored together
 * by the next one: a commit costs an fsync (SQLite synchronous=FULL: milliseconds on an ordinary disk) and SQLite
 * runs one transaction at a time, so one transaction per decision would cap the service far below the load a bank's
 * online channel brings. Per batch, one query reads the stored request ids, one the history of every borrower in
 * the batch, one the approvals since the book date; the jobs are then decided in arrival order, each seeing the
 * jobs before it exactly as if they had been stored one by one (replays, history, exposure, portfolio); the rows
 * are written with one multi-row insert per table. A job the policy refuses is rejected alone (nothing of it was
 * written); every other job is resolved only after the commit. On PostgreSQL the batch first takes a
 * transaction-scoped advisory lock per borrower (sorted, so two instances cannot deadlock), and a unique violation
 * (another instance stored the same requestId meanwhile) makes the batch run again job by job, so the late job
 * answers as a replay.
 */
export function createDecisionWriter(db: Knex, repo: DecisionsRepository, options: { now: () => Date; maxBatch?: number }) {
  const maxBatch = options.maxBatch ?? 64;
  const queue: Job[] = [];
  let running = false;

  async function storeBatch(batch: Job[]): Promise<void> {
    const outcomes: Outcome[] = [];
    let ids = new Map<string, number>();
    await db.transaction(async (trx) => {
      const refs = [...new Set(batch.map((j) => j.pending.borrowerRef))].sort();
      await repo.lockBorrowers(trx, refs);
      const existing = await repo.findRequests(trx, batch.map((j) => j.pending.requestId));
      const since = batch.reduce((m, j) => (j.pending.since < m ? j.pending.since : m), batch[0]!.pending.since);
      const stored = await repo.historyOfBorrowers(trx, refs, since);
      const approvedByBookDate = new Map<string | null, Map<string, number>>();
      for (const j of batch) {
        if (!approvedByBookDate.has(j.pending.bookDate)) approvedByBookDate.set(j.pending.bookDate, await repo.approvedAfter(trx, j.pending.bookDate));
      }
      const local = new Map<string, string>(); // requestId → hash, stored by an earlier job of this batch
      const localHistory: (HistoryRow & { borrowerRef: string })[] = [];
      const localApproved: { day: string; industry: string; amount: number }[] = [];
      const rows: DecidedRows[] = [];
      for (const { pending: p } of batch) {
        const known = existing.get(p.requestId);
        if (known) { outcomes.push({ type: 'stored', id: known.id, hash: known.requestHash }); continue; }
        const mine = local.get(p.requestId);
        if (mine !== undefined) { outcomes.push({ type: 'local', requestId: p.requestId, hash: mine }); continue; }
        const history = [...stored, ...localHistory].filter((h) => h.borrowerRef === p.borrowerRef && h.decidedAt >= p.since);
        const approvedSinceBook = new Map(approvedByBookDate.get(p.bookDate));
        for (const a of localApproved) if (p.bookDate === null || a.day > p.bookDate) approvedSinceBook.set(a.industry, (approvedSinceBook.get(a.industry) ?? 0) + a.amount);
        let decided: DecidedRows;
        try {
          decided = p.decide({ history, approvedSinceBook, now: options.now() });
        } catch (error) {
          outcomes.push({ type: 'error', error });
          continue;
        }
        const d = decided.decision;
        rows.push(decided);
        local.set(p.requestId, p.hash);
        localHistory.push({
          borrowerRef: d.borrowerRef, requestId: d.requestId, decidedAt: d.decidedAt, amount: d.amount, policyDecision: d.policyDecision,
          status: decided.state.status ?? 'pending', finalDecision: decided.state.finalDecision ?? null, finalLimit: decided.state.finalLimit ?? null,
          closedAt: decided.state.closedAt ?? null,
        });
        if (decided.approved) localApproved.push({ day: decided.approved.day, industry: decided.approved.industry ?? '', amount: decided.approved.amount });
        outcomes.push({ type: 'new', rows: decided });
      }
      if (rows.length === 0) return;
      ids = await repo.insertDecisions(trx, rows.map((r) => r.decision));
      await repo.insertCases(trx, rows.map((r) => ({ decisionId: ids.get(r.decision.requestId)!, patch: r.state })));
      await repo.insertActions(trx, rows.map((r) => ({ ...r.action, decisionId: ids.get(r.decision.requestId)! })));
      const totals = new Map<string, { day: string; industry: string | null; amount: number; count: number }>();
      for (const r of rows) {
        if (!r.approved) continue;
        const key = `${r.approved.day}|${r.approved.industry ?? ''}`;
        const t = totals.get(key) ?? { day: r.approved.day, industry: r.approved.industry, amount: 0, count: 0 };
        t.amount += r.approved.amount;
        t.count += 1;
        totals.set(key, t);
      }
      for (const t of totals.values()) await repo.addApproved(trx, t.day, t.industry, t.amount, t.count);
    });
    batch.forEach((job, i) => {
      const o = outcomes[i]!;
      if (o.type === 'error') job.reject(o.error);
      else if (o.type === 'new') job.resolve({ kind: 'created', decision: o.rows.toCase(ids.get(o.rows.decision.requestId)!) });
      else if (o.type === 'local') job.resolve({ kind: 'stored', id: ids.get(o.requestId)!, hash: o.hash });
      else job.resolve({ kind: 'stored', id: o.id, hash: o.hash });
    });
  }

  async function runBatch(batch: Job[]): Promise<void> {
    try {
      await storeBatch(batch);
    } catch (err) {
      if (isUniqueViolation(err) && batch.length > 1) {
        for (const job of batch) await runBatch([job]);
        return;
      }
      if (isUniqueViolation(err)) {
        // Stored by another instance meanwhile: answer from what is stored now.
        const job = batch[0]!;
        try {
          const found = (await repo.findRequests(db, [job.pending.requestId])).get(job.pending.requestId);
          if (found) return job.resolve({ kind: 'stored', id: found.id, hash: found.requestHash });
        } catch (again) {
          return job.reject(again);
        }
      }
      for (const job of batch) job.reject(err);
    }
  }

  async function drain(): Promise<void> {
    running = true;
    try {
      while (queue.length > 0) await runBatch(queue.splice(0, maxBatch));
    } finally {
      running = false;
    }
  }

  return {
    /** Stores one prepared decision (with whatever else is waiting); resolves after the commit. */
    submit(pending: PendingDecision): Promise<WriteOutcome> {
      return new Promise<WriteOutcome>((resolve, reject) => {
        queue.push({ pending, resolve, reject });
        if (!running) void drain();
      });
    },
  };
}

export type DecisionWriter = ReturnType<typeof createDecisionWriter>;
