import type { Knex } from 'knex';
import type { BorrowerEvaluation } from '../../domain/credit/borrower-evaluation.js';
import { compileModel, type CompiledCreditModel } from '../../domain/credit/compile-model.js';
import { DomainError } from '../../domain/domain-error.js';
import { evaluateEarlyWarnings, type EarlyWarningResult, type WarningLevel, type WarningSnapshot } from '../../domain/credit/evaluate-early-warnings.js';
import { ConflictError, ForbiddenError, NotFoundError } from '../../web/http-errors.js';
import type { AuditService } from '../audit/audit-service.js';
import { borrowerForModel } from '../models/model-impact.js';
import type { ModelVersion } from '../models/model-version.js';
import type { ModelsService } from '../models/models-service.js';
import type { ProsperityTable } from '../models/prosperity-table.js';
import type { Actor } from '../studies/studies-service.js';
import type { BorrowersRepository, NewEvaluationRow, ScoringJob, ScoringSnapshot, SnapshotFilter, SnapshotRecord, StoredEvaluation } from './borrowers-repository.js';
import { canWriteBorrowers } from './borrowers-service.js';
import { borrowerInputOf, warningSnapshotOf } from './snapshot-input.js';
import { packEvaluation, unpackEvaluation, type PackedEvaluation } from './stored-evaluation.js';

export const LEVEL_ORDER: Record<WarningLevel, number> = { red: 0, orange: 1, yellow: 2, green: 3 };

/** Default number of snapshots per batch-scoring step (one transaction each). */
export const DEFAULT_CHUNK = 500;

export interface SnapshotScore {
  snapshot: SnapshotRecord;
  version: ModelVersion;
  evaluation: BorrowerEvaluation;
  earlyWarnings: EarlyWarningResult;
  /** The prosperity index applied (snapshot override or table), null when none. */
  prosperityIndex: number | null;
  stored: boolean;
}

/**
 * Scoring of stored snapshots (issue 6 items 5–6): one snapshot (stored or as a preview), or a whole filter of
 * snapshots as a batch job run in chunks (each chunk one transaction that also moves the job's cursor, so a page
 * can poll and any instance can continue), with early warnings evaluated against each borrower's earlier
 * snapshots and the industry index history. Only approved versions store evaluations (drafts may change).
 */
export function createScoringService(deps: { db: Knex; repository: BorrowersRepository; models: ModelsService; audit: AuditService; now: () => Date }) {
  const { db, repository: repo, models, audit } = deps;
  const nowIso = () => deps.now().toISOString();
  const actorId = (actor: Actor) => (actor.id > 0 ? actor.id : null);
  // Approved versions never change, so their compiled scorers can be kept (keyed by id and last update).
  const compiled = new Map<string, CompiledCreditModel>();
  const compiledFor = (v: ModelVersion): CompiledCreditModel => {
    const key = `${v.id}|${v.updatedAt}`;
    let c = compiled.get(key);
    if (!c) {
      c = compileModel(v.definition);
      if (compiled.size > 50) compiled.clear();
      compiled.set(key, c);
    }
    return c;
  };

  type ChunkResult = { snapshot: ScoringSnapshot; evaluation: BorrowerEvaluation; warnings: EarlyWarningResult; prosperity: number | null };

  /**
   * Scores a chunk of snapshots (ordered by borrower and date) with their warnings; failures listed, not thrown.
   * Early warnings read each borrower's earlier snapshots and their grades under the version: those in the chunk
   * are at hand (with the grade just computed, or the stored one when scoring it failed), the others are read — all
   * of them, unless `snapshotsPerBorrower` (each borrower's number of snapshots in all) shows that a borrower has
   * none outside the chunk. Each result goes to `onResult` as soon as it is known (so a batch job keeps only the
   * stored texts, not the chunk's evaluations), or is returned in `results` without it.
   */
  async function scoreMany(version: ModelVersion, list: readonly ScoringSnapshot[], trx: Knex, table: ProsperityTable, snapshotsPerBorrower?: ReadonlyMap<number, number>, onResult?: (r: ChunkResult) => void) {
    const scorer = compiledFor(version);
    const inChunk = new Map<number, number>();
    for (const s of list) inChunk.set(s.borrowerId, (inChunk.get(s.borrowerId) ?? 0) + 1);
    const withOthers = snapshotsPerBorrower ? [...inChunk].filter(([b, n]) => (snapshotsPerBorrower.get(b) ?? Infinity) > n).map(([b]) => b) : [...inChunk.keys()];
    const chunkIds = new Set(list.map((s) => s.id));
    const others = withOthers.length ? (await repo.snapshotIdsOfBorrowers(withOthers, trx)).filter((id) => !chunkIds.has(id)) : [];
    const history: readonly ScoringSnapshot[] = others.length ? [...list, ...await repo.snapshotsByIds(others, trx)] : list;
    const byBorrower = new Map<number, ScoringSnapshot[]>();
    for (const h of history) {
      const arr = byBorrower.get(h.borrowerId);
      if (arr) arr.push(h); else byBorrower.set(h.borrowerId, [h]);
    }
    // Stored grades that a warning may read: those of snapshots outside the chunk, and of snapshots in the chunk
    // that come before another of the same borrower (used when scoring them fails now).
    const storedGradeIds = [...others];
    for (let k = 0; k + 1 < list.length; k++) if (list[k]!.borrowerId === list[k + 1]!.borrowerId) storedGradeIds.push(list[k]!.id);
    const grades = storedGradeIds.length ? await repo.gradesOfSnapshots(version.id, storedGradeIds, trx) : new Map<number, string>();
    const results: ChunkResult[] = [];
    const failures: { snapshotId: number; message: string }[] = [];
    for (const s of list) {
      const tableIndex = table.valueAt(s.industry, s.asOf);
      const input = borrowerForModel(version.definition, borrowerInputOf(s, tableIndex));
      let evaluation: BorrowerEvaluation;
      try {
        evaluation = scorer.score(input);
      } catch (err) {
        if (err instanceof DomainError) { failures.push({ snapshotId: s.id, message: err.message }); continue; }
        throw err;
      }
      grades.set(s.id, evaluation.grade);
      const past: WarningSnapshot[] = [];
      for (const h of byBorrower.get(s.borrowerId) ?? []) {
        if (h.asOf >= s.asOf) continue;
        past.push(warningSnapshotOf(h, null, grades.get(h.id) ?? null));
      }
      for (const p of table.historyBefore(s.industry, s.asOf)) past.push({ asOf: p.periodEnd, industryIndex: p.value });
      let warnings: EarlyWarningResult;
      try {
        warnings = evaluateEarlyWarnings(warningSnapshotOf(s, tableIndex, evaluation.grade), past, version.settings.earlyWarnings, version.definition.gradeScale);
      } catch (err) {
        if (!(err instanceof DomainError)) throw err;
        warnings = { level: 'green', signals: [] };
      }
      const result = { snapshot: s, evaluation, warnings, prosperity: input.prosperityIndex ?? null };
      if (onResult) onResult(result); else results.push(result);
    }
    return { results, failures };
  }

  /** The evaluations row of a result, with the breakdown and the warnings as their stored JSON text. */
  function rowOf(version: ModelVersion, r: ChunkResult, jobId: number | null, scoredBy: number | null, scoredAt: string): NewEvaluationRow {
    let capped = false;
    for (const c of r.evaluation.caps) if (c.binding) { capped = true; break; }
    return {
      snapshotId: r.snapshot.id, modelId: version.id, borrowerId: r.snapshot.borrowerId, asOf: r.snapshot.asOf,
      score: r.evaluation.score, grade: r.evaluation.grade, warningLevel: r.warnings.level, missingCount: r.evaluation.missing.length,
      capped, resultJson: JSON.stringify(packEvaluation(r.evaluation)), earlyWarningsJson: JSON.stringify(r.warnings),
      jobId, scoredBy, scoredAt,
    };
  }

  async function approvedVersion(id: number): Promise<ModelVersion> {
    const v = await models.getModelVersion(id);
    if (v.status !== 'approved') throw new ConflictError('borrowers.score.notApproved');
    return v;
  }

  const service = {
    /**
     * Scores one stored snapshot under a version. `store` (approved versions only) replaces its stored evaluation.
     * Unknown-to-the-model indicators are ignored; DomainError (e.g. no indicator values) propagates as 400.
     */
    async scoreSnapshot(versionId: number, snapshotId: number, options: { store?: boolean; actor?: Actor } = {}): Promise<SnapshotScore> {
      const version = options.store ? await approvedVersion(versionId) : await models.getModelVersion(versionId);
      if (options.store && options.actor && !canWriteBorrowers(options.actor)) throw new ForbiddenError('borrowers.readOnly');
      const snapshot = await repo.findSnapshot(snapshotId);
      if (!snapshot) throw new NotFoundError('borrowers.snapshotNotFound');
      const table = await models.prosperityTable();
      const run = async (trx: Knex) => {
        const { results, failures } = await scoreMany(version, [snapshot], trx, table);
        if (failures.length) throw new DomainError('not-scorable', (failures[0] as { message: string }).message, { snapshotId });
        const r = results[0] as (typeof results)[number];
        if (options.store) await repo.replaceEvaluations(trx, [rowOf(version, r, null, actorId(options.actor ?? { id: 0, role: 'admin' }), nowIso())]);
        return { snapshot, version, evaluation: r.evaluation, earlyWarnings: r.warnings, prosperityIndex: r.prosperity, stored: Boolean(options.store) };
      };
      return options.store ? db.transaction(run) : run(db);
    },

    /**
     * Scores many stored snapshots under a version without storing anything (any status, drafts included): the
     * re-evaluation of a validation sample. One pass like a batch-job chunk; results follow the snapshots' order
     * (borrower, as-of, id), snapshots that cannot be scored are listed in `failures`, unknown ids are ignored.
     */
    async scoreSnapshots(versionId: number, snapshotIds: readonly number[]): Promise<{ version: ModelVersion; results: { snapshotId: number; evaluation: BorrowerEvaluation }[]; failures: { snapshotId: number; message: string }[] }> {
      const version = await models.getModelVersion(versionId);
      const table = await models.prosperityTable();
      const list: SnapshotRecord[] = [];
      for (let i = 0; i < snapshotIds.length; i += 400) list.push(...await repo.listSnapshots({ ids: snapshotIds.slice(i, i + 400) }));
      list.sort((a, b) => a.borrowerId - b.borrowerId || a.asOf.localeCompare(b.asOf) || a.id - b.id);
      const { results, failures } = await scoreMany(version, list, db, table);
      return { version, results: results.map((r) => ({ snapshotId: r.snapshot.id, evaluation: r.evaluation })), failures };
    },

    /** The stored evaluation of a snapshot under a version (unpacked), or undefined. */
    async storedEvaluation(versionId: number, snapshotId: number): Promise<{ stored: StoredEvaluation; evaluation: BorrowerEvaluation; earlyWarnings: EarlyWarningResult } | undefined> {
      const stored = await repo.evaluationOf(snapshotId, versionId);
      if (!stored) return undefined;
      return { stored, evaluation: unpackEvaluation(stored.result as PackedEvaluation), earlyWarnings: stored.earlyWarnings as EarlyWarningResult };
    },

    /** Evaluations under a version with their snapshots (for the portfolio, watch list, validation). */
    async evaluations(versionId: number, filter: SnapshotFilter = {}) {
      return repo.evaluationsWithSnapshots(versionId, filter);
    },

    /** Every stored evaluation of a borrower (all versions and dates), oldest first: the grade history. */
    gradeHistory: (borrowerId: number) => repo.evaluationsOfBorrower(borrowerId),

    evaluationCounts: () => repo.evaluationCounts(),

    /** Creates a batch job over the snapshots of a filter under an approved version. */
    async startJob(actor: Actor, versionId: number, filter: SnapshotFilter): Promise<ScoringJob> {
      if (!canWriteBorrowers(actor)) throw new ForbiddenError('borrowers.readOnly');
      await approvedVersion(versionId);
      const total = await repo.countSnapshots(filter);
      const id = await repo.createJob({ modelId: versionId, filter, total, userId: actorId(actor), now: nowIso() });
      return (await repo.findJob(id)) as ScoringJob;
    },

    async getJob(id: number): Promise<ScoringJob> {
      const job = await repo.findJob(id);
      if (!job) throw new NotFoundError('borrowers.score.jobNotFound');
      return job;
    },

    /** Scores the next chunk of a job in one transaction (job row locked on PostgreSQL; SQLite serialises writes). */
    async runJobStep(actor: Actor, jobId: number, chunk = DEFAULT_CHUNK): Promise<ScoringJob> {
      if (!canWriteBorrowers(actor)) throw new ForbiddenError('borrowers.readOnly');
      const table = await models.prosperityTable();
      // Everything read through other services is read before the transaction (SQLite has one connection).
      const before = await repo.findJob(jobId);
      if (!before) throw new NotFoundError('borrowers.score.jobNotFound');
      if (before.status !== 'running') return before;
      const version = await approvedVersion(before.modelId);
      return db.transaction(async (trx) => {
        const job = await repo.findJob(jobId, trx, true);
        if (!job) throw new NotFoundError('borrowers.score.jobNotFound');
        if (job.status !== 'running') return job;
        const { snapshots: list, snapshotsPerBorrower } = await repo.snapshotsAfter(job.filter, job.cursor, chunk, trx);
        const rows: NewEvaluationRow[] = [];
        const scoredAt = nowIso();
        const { failures } = await scoreMany(version, list, trx, table, snapshotsPerBorrower, (r) => rows.push(rowOf(version, r, job.id, actorId(actor), scoredAt)));
        await repo.replaceEvaluations(trx, rows);
        const last = list[list.length - 1];
        const next = {
          done: job.done + list.length,
          failed: job.failed + failures.length,
          cursor: last ? { borrowerId: last.borrowerId, asOf: last.asOf, id: last.id } : job.cursor,
          errors: [...job.errors, ...failures],
          status: (list.length < chunk ? 'done' : 'running') as ScoringJob['status'],
          now: nowIso(),
        };
        await repo.updateJob(trx, job.id, next);
        if (next.status === 'done') {
          await audit.record({ event: 'borrowers.scored', actorUserId: actorId(actor), actorLabel: actorId(actor) ? null : 'system', targetType: 'scoring_job', targetId: job.id, ip: null, details: { model: version.id, snapshots: next.done, failed: next.failed } }, trx);
        }
        return { ...job, ...next, cursor: next.cursor, errors: next.errors.slice(0, 200), updatedAt: next.now, finishedAt: next.status === 'done' ? next.now : null };
      });
    },

    /** Creates a job and runs it to the end (API, no-JS form, demo seeder, benchmark). */
    async scoreAll(actor: Actor, versionId: number, filter: SnapshotFilter, chunk = DEFAULT_CHUNK): Promise<ScoringJob> {
      let job = await service.startJob(actor, versionId, filter);
      while (job.status === 'running') job = await service.runJobStep(actor, job.id, chunk);
      return job;
    },

    /**
     * The watch list (issue 6 item 6): the latest snapshot of each borrower with a warning under a version,
     * red → orange → yellow, then more signals first, then lower score.
     */
    async watchList(versionId: number, filter: { portfolio?: string | null; level?: WarningLevel | null } = {}) {
      const rows = await repo.evaluationsWithSnapshots(versionId, { portfolio: filter.portfolio ?? null, latestPerBorrower: true });
      return rows
        .map((r) => ({ ...r, warnings: r.evaluation.earlyWarnings as EarlyWarningResult }))
        .filter((r) => r.warnings && r.warnings.level !== 'green' && (!filter.level || r.warnings.level === filter.level))
        .sort((a, b) => LEVEL_ORDER[a.warnings.level] - LEVEL_ORDER[b.warnings.level]
          || b.warnings.signals.length - a.warnings.signals.length || a.evaluation.score - b.evaluation.score);
    },
  };
  return service;
}

export type ScoringService = ReturnType<typeof createScoringService>;
