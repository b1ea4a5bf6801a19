import type { Knex } from 'knex';
import type { FinancialStatement } from '../../domain/credit/derive-indicators.js';
import type { LoanClassification } from '../../domain/credit/loan-classification.js';
import { isSqlite } from '../../storage/database.js';
import type { SnapshotExtra, SnapshotInput } from './snapshot-fields.js';
import { num, parseJsonColumn as parse, str } from '../../storage/row-values.js';

type Row = Record<string, unknown>;

/** A stored snapshot with its borrower's identity. */
export interface SnapshotRecord extends SnapshotInput {
  id: number;
  borrowerId: number;
  portfolio: string;
  isDemo: boolean;
  isSynthetic: boolean;
  importId: number | null;
  createdAt: string;
  updatedAt: string;
}

/** What scoring reads of a snapshot (borrowerInputOf, warningSnapshotOf) and where it is. */
export type ScoringSnapshot = Pick<SnapshotRecord, 'id' | 'borrowerId' | 'asOf' | 'industry' | 'indicators' | 'statement' | 'extra' | 'daysPastDue'>;

export interface BorrowerRecord {
  id: number;
  ref: string;
  name: string;
  portfolio: string;
  isDemo: boolean;
  isSynthetic: boolean;
  createdAt: string;
}

/** Which snapshots: any combination (all given conditions must hold). */
export interface SnapshotFilter {
  portfolio?: string | null;
  borrowerId?: number;
  importId?: number;
  ids?: readonly number[];
  industry?: string | null;
  /** as_of ≤ this date. */
  asOfTo?: string | null;
  /** Only the latest snapshot of each borrower (within asOfTo). */
  latestPerBorrower?: boolean;
}

export interface StoredEvaluation {
  id: number;
  snapshotId: number;
  modelId: number;
  borrowerId: number;
  asOf: string;
  score: number;
  grade: string;
  warningLevel: string;
  missingCount: number;
  capped: boolean;
  result: unknown;
  earlyWarnings: unknown;
  scoredAt: string;
  scoredBy: number | null;
}

export interface NewEvaluationRow {
  snapshotId: number;
  modelId: number;
  borrowerId: number;
  asOf: string;
  score: number;
  grade: string;
  warningLevel: string;
  missingCount: number;
  capped: boolean;
  /** evaluations.result as stored: the JSON of packEvaluation. */
  resultJson: string;
  /** evaluations.early_warnings as stored: the JSON of the early-warning result. */
  earlyWarningsJson: string;
  jobId: number | null;
  scoredBy: number | null;
  scoredAt: string;
}

export interface ScoringJob {
  id: number;
  modelId: number;
  filter: SnapshotFilter;
  status: 'running' | 'done' | 'failed';
  total: number;
  done: number;
  failed: number;
  cursor: { borrowerId: number; asOf: string; id: number } | null;
  errors: { snapshotId: number; message: string }[];
  createdBy: number | null;
  createdAt: string;
  updatedAt: string;
  finishedAt: string | null;
}

export interface ImportRecord {
  id: number;
  fileName: string;
  format: 'csv' | 'xlsx';
  status: 'staged' | 'imported' | 'rejected';
  headers: string[];
  mapping: Record<string, number> | null;
  options: { portfolio?: string; defaultAsOf?: string | null; defaultIndustry?: string | null } | null;
  rowsTotal: number;
  rowsImported: number;
  errorCount: number;
  warningCount: number;
  report: unknown;
  createdBy: number | null;
  createdAt: string;
  updatedAt: string;
}

const SNAPSHOT_COLUMNS = ['s.*', 'b.ref as b_ref', 'b.name as b_name', 'b.portfolio as b_portfolio', 'b.is_demo as b_is_demo', 'b.is_synthetic as b_is_synthetic'];

export function toSnapshot(row: Row): SnapshotRecord {
  return {
    id: Number(row.id),
    borrowerId: Number(row.borrower_id),
    borrowerRef: String(row.b_ref),
    borrowerName: str(row.b_name),
    portfolio: String(row.b_portfolio ?? ''),
    isDemo: Boolean(row.b_is_demo),
    isSynthetic: Boolean(row.b_is_synthetic),
    asOf: String(row.as_of),
    industry: str(row.industry),
    sizeBand: str(row.size_band),
    region: str(row.region),
    indicators: parse<Record<string, number | string | null>>(row.indicators, {}),
    statement: parse<FinancialStatement | null>(row.statement, null),
    loanBalance: num(row.loan_balance),
    classification: str(row.classification) as LoanClassification | null,
    daysPastDue: num(row.days_past_due),
    outcome: row.outcome === null || row.outcome === undefined ? null : (Number(row.outcome) === 1 ? 1 : 0),
    extra: parse<SnapshotExtra>(row.extra, {}),
    importId: num(row.import_id),
    createdAt: String(row.created_at),
    updatedAt: String(row.updated_at),
  };
}

const SCORING_COLUMNS = ['s.id', 's.borrower_id', 's.as_of', 's.industry', 's.indicators', 's.statement', 's.extra', 's.days_past_due'];

function toScoringSnapshot(row: Row): ScoringSnapshot {
  return {
    id: Number(row.id),
    borrowerId: Number(row.borrower_id),
    asOf: String(row.as_of),
    industry: str(row.industry),
    indicators: parse<Record<string, number | string | null>>(row.indicators, {}),
    statement: parse<FinancialStatement | null>(row.statement, null),
    extra: row.extra === '{}' ? {} : parse<SnapshotExtra>(row.extra, {}),
    daysPastDue: num(row.days_past_due),
  };
}

function snapshotColumns(s: SnapshotInput): Row {
  return {
    as_of: s.asOf,
    industry: s.industry,
    size_band: s.sizeBand,
    region: s.region,
    indicators: JSON.stringify(s.indicators),
    statement: s.statement ? JSON.stringify(s.statement) : null,
    loan_balance: s.loanBalance,
    classification: s.classification,
    days_past_due: s.daysPastDue,
    outcome: s.outcome,
    extra: JSON.stringify(s.extra ?? {}),
  };
}

function toEvaluation(row: Row): StoredEvaluation {
  return {
    id: Number(row.id),
    snapshotId: Number(row.snapshot_id),
    modelId: Number(row.model_id),
    borrowerId: Number(row.borrower_id),
    asOf: String(row.as_of),
    score: Number(row.score),
    grade: String(row.grade),
    warningLevel: String(row.warning_level),
    missingCount: Number(row.missing_count),
    capped: Boolean(row.capped),
    result: parse<unknown>(row.result, null),
    earlyWarnings: parse<unknown>(row.early_warnings, null),
    scoredAt: String(row.scored_at),
    scoredBy: num(row.scored_by),
  };
}

function toJob(row: Row): ScoringJob {
  return {
    id: Number(row.id),
    modelId: Number(row.model_id),
    filter: parse<SnapshotFilter>(row.filter, {}),
    status: String(row.status) as ScoringJob['status'],
    total: Number(row.total),
    done: Number(row.done),
    failed: Number(row.failed),
    cursor: parse<ScoringJob['cursor']>(row.cursor, null),
    errors: parse<ScoringJob['errors']>(row.errors, []),
    createdBy: num(row.created_by),
    createdAt: String(row.created_at),
    updatedAt: String(row.updated_at),
    finishedAt: str(row.finished_at),
  };
}

function toImport(row: Row): ImportRecord {
  return {
    id: Number(row.id),
    fileName: String(row.file_name),
    format: String(row.format) as 'csv' | 'xlsx',
    status: String(row.status) as ImportRecord['status'],
    headers: parse<string[]>(row.headers, []),
    mapping: parse<Record<string, number> | null>(row.mapping, null),
    options: parse<ImportRecord['options']>(row.options, null),
    rowsTotal: Number(row.rows_total),
    rowsImported: Number(row.rows_imported),
    errorCount: Number(row.error_count),
    warningCount: Number(row.warning_count),
    report: parse<unknown>(row.report, null),
    createdBy: num(row.created_by),
    createdAt: String(row.created_at),
    updatedAt: String(row.updated_at),
  };
}

const CHUNK = 400;
/** Borrower references per lookup in the import (bound text; far below either engine's limit on parameters). */
const REF_CHUNK = 2000;

/**
 * Multi-row INSERT … VALUES with bound parameters (SQLite and PostgreSQL), up to ~30,000 bound values per
 * statement: for the bulk paths (imports, batch scoring), where knex's insert builder (SQLite: one SELECT … UNION
 * ALL per row, every identifier and value wrapped) costs more than the insert itself. With `returning`, gives
 * those columns of the new rows (in no guaranteed order: match them by a key, not by position). With `upsert`,
 * a row whose key (a unique index) exists already replaces the other columns of that row, or only `update`
 * (ON CONFLICT … DO UPDATE, the same on both engines; `returning` then gives the updated rows too).
 */
async function bulkInsert(trx: Knex, table: string, columns: readonly string[], rows: readonly unknown[][], returning: readonly string[] = [], upsert?: { key: readonly string[]; update?: readonly string[] }): Promise<Row[]> {
  const out: Row[] = [];
  if (rows.length === 0) return out;
  const perStatement = Math.max(1, Math.floor(30_000 / columns.length));
  const head = `insert into ${table} (${columns.join(', ')}) values `;
  const onConflict = upsert
    ? ` on conflict (${upsert.key.join(', ')}) do update set ${(upsert.update ?? columns.filter((c) => !upsert.key.includes(c))).map((c) => `${c} = excluded.${c}`).join(', ')}`
    : '';
  const tail = onConflict + (returning.length ? ` returning ${returning.join(', ')}` : '');
  for (let i = 0; i < rows.length; i += perStatement) {
    const end = Math.min(rows.length, i + perStatement);
    const bindings: unknown[] = [];
    let values = '';
    for (let k = i; k < end; k++) {
      const r = rows[k] as unknown[];
      values += k === i ? '(' : ', (';
      for (let c = 0; c < r.length; c++) {
        const v = r[c];
        const text = literal(v);
        if (text === null) bindings.push(v);
        values += c === 0 ? (text ?? '?') : `, ${text ?? '?'}`;
      }
      values += ')';
    }
    const result = (await trx.raw(head + values + tail, bindings as Knex.RawBinding[])) as unknown;
    if (returning.length) for (const r of (Array.isArray(result) ? result : (result as { rows: Row[] }).rows) as Row[]) out.push(r);
  }
  return out;
}

/**
 * A value written into a bulk INSERT's text instead of bound: null, true/false and safe integers, literals that
 * mean the same on SQLite and PostgreSQL and cannot carry anything else. node-sqlite3 binds each of those several
 * times slower than a string (it tests every non-string parameter for RegExp and Date); text and fractional
 * numbers stay bound.
 */
function literal(v: unknown): string | null {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number' && Number.isSafeInteger(v)) return String(v);
  return null;
}

/** Applies a snapshot filter to a query over `borrower_snapshots as s` joined with `borrowers as b`. */
function applyFilter(q: Knex.QueryBuilder, f: SnapshotFilter): Knex.QueryBuilder {
  if (f.portfolio) q.where('b.portfolio', f.portfolio);
  if (f.borrowerId !== undefined) q.where('s.borrower_id', f.borrowerId);
  if (f.importId !== undefined) q.where('s.import_id', f.importId);
  if (f.ids) q.whereIn('s.id', f.ids as number[]);
  if (f.industry) q.where('s.industry', f.industry);
  if (f.asOfTo) q.where('s.as_of', '<=', f.asOfTo);
  if (f.latestPerBorrower) {
    if (f.asOfTo) q.whereRaw('s.as_of = (select max(s2.as_of) from borrower_snapshots s2 where s2.borrower_id = s.borrower_id and s2.as_of <= ?)', [f.asOfTo]);
    else q.whereRaw('s.as_of = (select max(s2.as_of) from borrower_snapshots s2 where s2.borrower_id = s.borrower_id)');
  }
  return q;
}

/** Grades under a model by snapshot id, for evaluations whose `column` is one of `ids` (read CHUNK ids at a time). */
async function gradesBy(trx: Knex, modelId: number, column: 'borrower_id' | 'snapshot_id', ids: readonly number[]): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  for (let i = 0; i < ids.length; i += CHUNK) {
    const rows = (await trx('evaluations').where({ model_id: modelId }).whereIn(column, ids.slice(i, i + CHUNK) as number[]).select('snapshot_id', 'grade')) as Row[];
    for (const r of rows) out.set(Number(r.snapshot_id), String(r.grade));
  }
  return out;
}

/** All SQL of the borrower area: borrowers, snapshots, imports, evaluations and scoring jobs. */
export function createBorrowersRepository(db: Knex) {
  const snapshots = (trx: Knex = db) => trx('borrower_snapshots as s').join('borrowers as b', 'b.id', 's.borrower_id');

  return {
    // ---- borrowers and snapshots

    async findBorrower(id: number): Promise<BorrowerRecord | undefined> {
      const r = (await db('borrowers').where({ id }).first()) as Row | undefined;
      return r ? { id: Number(r.id), ref: String(r.ref), name: String(r.name), portfolio: String(r.portfolio), isDemo: Boolean(r.is_demo), isSynthetic: Boolean(r.is_synthetic), createdAt: String(r.created_at) } : undefined;
    },

    async findSnapshot(id: number, trx: Knex = db): Promise<SnapshotRecord | undefined> {
      const r = (await snapshots(trx).where('s.id', id).first(SNAPSHOT_COLUMNS)) as Row | undefined;
      return r ? toSnapshot(r) : undefined;
    },

    async listSnapshots(filter: SnapshotFilter, trx: Knex = db): Promise<SnapshotRecord[]> {
      const q = applyFilter(snapshots(trx), filter).orderBy([{ column: 's.borrower_id' }, { column: 's.as_of' }, { column: 's.id' }]);
      return ((await q.select(SNAPSHOT_COLUMNS)) as Row[]).map(toSnapshot);
    },

    async countSnapshots(filter: SnapshotFilter, trx: Knex = db): Promise<number> {
      const r = (await applyFilter(snapshots(trx), filter).count({ n: 's.id' }).first()) as { n: unknown } | undefined;
      return Number(r?.n ?? 0);
    },

    /**
     * Snapshots after a keyset cursor (borrower id, as-of, id), in that order, as scoring reads them, with the
     * number of snapshots each of their borrowers has in all (matching the filter or not): the scorer fetches a
     * borrower's other snapshots only when it has some outside the chunk.
     */
    async snapshotsAfter(filter: SnapshotFilter, cursor: { borrowerId: number; asOf: string; id: number } | null, limit: number, trx: Knex = db): Promise<{ snapshots: ScoringSnapshot[]; snapshotsPerBorrower: Map<number, number> }> {
      // Snapshots drive the query (a CROSS JOIN keeps SQLite from starting at the borrowers' portfolio index, which
      // joined and sorted the whole rest of the portfolio for every chunk): the keyset condition is a row-value
      // range on the (borrower_id, as_of) index, whose rows come in the wanted order, so a chunk reads `limit`
      // matching rows and stops. PostgreSQL plans a cross join with a join condition like the inner join.
      const q = applyFilter(trx('borrower_snapshots as s').joinRaw('cross join borrowers as b').where('b.id', trx.ref('s.borrower_id')), filter);
      if (cursor) q.whereRaw('(s.borrower_id, s.as_of, s.id) > (?, ?, ?)', [cursor.borrowerId, cursor.asOf, cursor.id]);
      q.orderBy([{ column: 's.borrower_id' }, { column: 's.as_of' }, { column: 's.id' }]).limit(limit);
      const count = trx('borrower_snapshots as s3').count('*').where('s3.borrower_id', trx.ref('s.borrower_id')).as('b_snapshot_count');
      const rows = (await q.select(SCORING_COLUMNS).select(count)) as Row[];
      const snapshotsPerBorrower = new Map<number, number>();
      for (const r of rows) snapshotsPerBorrower.set(Number(r.borrower_id), Number(r.b_snapshot_count));
      return { snapshots: rows.map(toScoringSnapshot), snapshotsPerBorrower };
    },

    /** Every snapshot of the given borrowers (for early-warning history). */
    async snapshotsOfBorrowers(borrowerIds: readonly number[], trx: Knex = db): Promise<SnapshotRecord[]> {
      const out: SnapshotRecord[] = [];
      for (let i = 0; i < borrowerIds.length; i += CHUNK) {
        const rows = (await snapshots(trx).whereIn('s.borrower_id', borrowerIds.slice(i, i + CHUNK) as number[]).orderBy([{ column: 's.borrower_id' }, { column: 's.as_of' }]).select(SNAPSHOT_COLUMNS)) as Row[];
        for (const r of rows) out.push(toSnapshot(r));
      }
      return out;
    },

    /** Ids of every snapshot of the given borrowers (index only; no row data). */
    async snapshotIdsOfBorrowers(borrowerIds: readonly number[], trx: Knex = db): Promise<number[]> {
      const out: number[] = [];
      for (let i = 0; i < borrowerIds.length; i += CHUNK) {
        const rows = (await trx('borrower_snapshots').whereIn('borrower_id', borrowerIds.slice(i, i + CHUNK) as number[]).select('id')) as Row[];
        for (const r of rows) out.push(Number(r.id));
      }
      return out;
    },

    /** Snapshots by id, in chunks (any order). */
    async snapshotsByIds(ids: readonly number[], trx: Knex = db): Promise<SnapshotRecord[]> {
      const out: SnapshotRecord[] = [];
      for (let i = 0; i < ids.length; i += CHUNK) {
        const rows = (await snapshots(trx).whereIn('s.id', ids.slice(i, i + CHUNK) as number[]).select(SNAPSHOT_COLUMNS)) as Row[];
        for (const r of rows) out.push(toSnapshot(r));
      }
      return out;
    },

    /** Borrowers by ref (existing ones only). */
    async borrowerIdsByRef(refs: readonly string[], trx: Knex = db): Promise<Map<string, number>> {
      const out = new Map<string, number>();
      for (let i = 0; i < refs.length; i += REF_CHUNK) {
        const rows = (await trx('borrowers').whereIn('ref', refs.slice(i, i + REF_CHUNK) as string[]).select('id', 'ref')) as Row[];
        for (const r of rows) out.set(String(r.ref), Number(r.id));
      }
      return out;
    },

    /** Keys "ref|asOf" of snapshots that already exist for these borrower refs. */
    async existingSnapshotKeys(refs: readonly string[], trx: Knex = db): Promise<Set<string>> {
      const out = new Set<string>();
      for (let i = 0; i < refs.length; i += REF_CHUNK) {
        const rows = (await snapshots(trx).whereIn('b.ref', refs.slice(i, i + REF_CHUNK) as string[]).select('b.ref', 's.as_of')) as Row[];
        for (const r of rows) out.add(`${String(r.ref)}|${String(r.as_of)}`);
      }
      return out;
    },

    /**
     * Inserts snapshots (and their borrowers when new) in the caller's transaction, in chunks. Existing
     * borrowers keep their portfolio; a given name updates an existing borrower's name. Returns the new ids
     * (none with `returnIds: false`, which spares reading them back).
     */
    async insertSnapshots(trx: Knex, rows: readonly SnapshotInput[], meta: { portfolio: string; isDemo: boolean; isSynthetic: boolean; importId: number | null; userId: number | null; now: string }, knownIds?: ReadonlyMap<string, number>, options: { returnIds?: boolean } = {}): Promise<number[]> {
      if (rows.length === 0) return [];
      const refs = [...new Set(rows.map((r) => r.borrowerRef))];
      // knownIds: the caller's lookup of these refs in this transaction (saves a query per batch).
      const ids = knownIds ? new Map(knownIds) : await this.borrowerIdsByRef(refs, trx);
      const names = new Map<string, string | null>();
      for (const r of rows) if (r.borrowerName) names.set(r.borrowerRef, r.borrowerName);
      // New borrowers are inserted and existing ones given a name are renamed, in one upsert on the reference
      // (an existing borrower keeps its portfolio and flags).
      const upserts = refs.filter((ref) => !ids.has(ref) || names.get(ref));
      const written = await bulkInsert(trx, 'borrowers', ['ref', 'name', 'portfolio', 'is_demo', 'is_synthetic', 'created_by', 'created_at', 'updated_at'],
        upserts.map((ref) => [ref, names.get(ref) ?? ref, meta.portfolio, meta.isDemo, meta.isSynthetic, meta.userId, meta.now, meta.now]), ['id', 'ref'],
        { key: ['ref'], update: ['name', 'updated_at'] });
      for (const r of written) ids.set(String(r.ref), Number(r.id));
      const columns = ['borrower_id', 'as_of', 'industry', 'size_band', 'region', 'indicators', 'statement', 'loan_balance', 'classification', 'days_past_due', 'outcome', 'extra', 'import_id', 'created_by', 'created_at', 'updated_at'];
      const inserted = await bulkInsert(trx, 'borrower_snapshots', columns, rows.map((s) => {
        const c = snapshotColumns(s);
        return [ids.get(s.borrowerRef), c.as_of, c.industry, c.size_band, c.region, c.indicators, c.statement, c.loan_balance, c.classification, c.days_past_due, c.outcome, c.extra, meta.importId, meta.userId, meta.now, meta.now];
      }), options.returnIds === false ? [] : ['id', 'borrower_id', 'as_of']);
      if (options.returnIds === false) return [];
      // The new ids in the order of `rows`, matched by (borrower, as-of), which is unique.
      const byKey = new Map(inserted.map((r) => [`${Number(r.borrower_id)}|${String(r.as_of)}`, Number(r.id)]));
      return rows.map((s) => byKey.get(`${ids.get(s.borrowerRef)}|${s.asOf}`) as number);
    },

    async updateSnapshot(trx: Knex, id: number, s: SnapshotInput, now: string): Promise<void> {
      await trx('borrower_snapshots').where({ id }).update({ ...snapshotColumns(s), updated_at: now });
    },

    async updateBorrowerName(trx: Knex, id: number, name: string, now: string): Promise<void> {
      await trx('borrowers').where({ id }).update({ name, updated_at: now });
    },

    async deleteSnapshot(trx: Knex, id: number): Promise<void> {
      await trx('evaluations').where({ snapshot_id: id }).delete();
      await trx('borrower_snapshots').where({ id }).delete();
    },

    async portfolios(): Promise<{ portfolio: string; borrowers: number; latestAsOf: string | null }[]> {
      const rows = (await db('borrowers as b').leftJoin('borrower_snapshots as s', 's.borrower_id', 'b.id').groupBy('b.portfolio')
        .select('b.portfolio').countDistinct({ n: 'b.id' }).max({ latest: 's.as_of' })) as Row[];
      return rows.map((r) => ({ portfolio: String(r.portfolio), borrowers: Number(r.n), latestAsOf: str(r.latest) })).sort((a, b) => a.portfolio.localeCompare(b.portfolio));
    },

    async industries(): Promise<string[]> {
      return ((await db('borrower_snapshots').whereNotNull('industry').distinct('industry').orderBy('industry')) as Row[]).map((r) => String(r.industry));
    },

    /** Latest snapshot per borrower with its evaluation under a model (or none), filtered and paged. */
    async borrowerList(opts: { modelId: number | null; portfolio?: string | null; industry?: string | null; grade?: string | null; level?: string | null; search?: string | null; limit: number; offset: number }) {
      const q = snapshots()
        .whereRaw('s.as_of = (select max(s2.as_of) from borrower_snapshots s2 where s2.borrower_id = s.borrower_id)')
        .leftJoin('evaluations as e', (j) => j.on('e.snapshot_id', 's.id').andOn('e.model_id', db.raw('?', [opts.modelId ?? -1])));
      if (opts.portfolio) q.where('b.portfolio', opts.portfolio);
      if (opts.industry) q.where('s.industry', opts.industry);
      if (opts.grade) q.where('e.grade', opts.grade);
      if (opts.level) q.where('e.warning_level', opts.level);
      if (opts.search) {
        const like = `%${opts.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
        q.where((w) => w.whereRaw("b.ref like ? escape '\\'", [like]).orWhereRaw("b.name like ? escape '\\'", [like]));
      }
      const total = Number(((await q.clone().clearSelect().count({ n: 's.id' }).first()) as { n: unknown } | undefined)?.n ?? 0);
      const rows = (await q.orderBy([{ column: 'b.portfolio' }, { column: 'b.ref' }]).limit(opts.limit).offset(opts.offset)
        .select([...SNAPSHOT_COLUMNS, 'e.score as e_score', 'e.grade as e_grade', 'e.warning_level as e_level', 'e.missing_count as e_missing'])) as Row[];
      return {
        total,
        rows: rows.map((r) => ({
          snapshot: toSnapshot(r),
          score: num(r.e_score), grade: str(r.e_grade), level: str(r.e_level), missing: num(r.e_missing),
        })),
      };
    },

    // ---- evaluations

    /**
     * Replaces the evaluations of these (snapshot, model) pairs, in the caller's transaction: one upsert on the
     * (snapshot, model) key, so a re-scored evaluation keeps its row and takes the new values.
     */
    async replaceEvaluations(trx: Knex, rows: readonly NewEvaluationRow[]): Promise<void> {
      const columns = ['snapshot_id', 'model_id', 'borrower_id', 'as_of', 'score', 'grade', 'warning_level', 'missing_count', 'capped', 'result', 'early_warnings', 'job_id', 'scored_by', 'scored_at'];
      await bulkInsert(trx, 'evaluations', columns, rows.map((r) => [
        r.snapshotId, r.modelId, r.borrowerId, r.asOf, r.score, r.grade, r.warningLevel, r.missingCount, r.capped,
        r.resultJson, r.earlyWarningsJson, r.jobId, r.scoredBy, r.scoredAt,
      ]), [], { key: ['snapshot_id', 'model_id'] });
    },

    async evaluationsOfBorrower(borrowerId: number): Promise<StoredEvaluation[]> {
      return ((await db('evaluations').where({ borrower_id: borrowerId }).orderBy([{ column: 'as_of' }, { column: 'model_id' }]).select('*')) as Row[]).map(toEvaluation);
    },

    async evaluationOf(snapshotId: number, modelId: number, trx: Knex = db): Promise<StoredEvaluation | undefined> {
      const r = (await trx('evaluations').where({ snapshot_id: snapshotId, model_id: modelId }).first()) as Row | undefined;
      return r ? toEvaluation(r) : undefined;
    },

    /** Grades under a model for snapshots of the given borrowers (early-warning downgrade history). */
    async gradesOfBorrowers(modelId: number, borrowerIds: readonly number[], trx: Knex = db): Promise<Map<number, string>> {
      return gradesBy(trx, modelId, 'borrower_id', borrowerIds);
    },

    /** Grades under a model of the given snapshots (those that have an evaluation under it). */
    async gradesOfSnapshots(modelId: number, snapshotIds: readonly number[], trx: Knex = db): Promise<Map<number, string>> {
      return gradesBy(trx, modelId, 'snapshot_id', snapshotIds);
    },

    /** Evaluations under a model joined with their snapshots (portfolio, watch list, other areas). */
    async evaluationsWithSnapshots(modelId: number, filter: SnapshotFilter): Promise<{ snapshot: SnapshotRecord; evaluation: StoredEvaluation }[]> {
      const q = applyFilter(snapshots(), filter).join('evaluations as e', (j) => j.on('e.snapshot_id', 's.id').andOn('e.model_id', db.raw('?', [modelId])));
      const rows = (await q.orderBy([{ column: 's.borrower_id' }, { column: 's.as_of' }]).select([...SNAPSHOT_COLUMNS,
        'e.id as e_id', 'e.snapshot_id as e_snapshot_id', 'e.model_id as e_model_id', 'e.borrower_id as e_borrower_id', 'e.as_of as e_as_of', 'e.score as e_score',
        'e.grade as e_grade', 'e.warning_level as e_warning_level', 'e.missing_count as e_missing_count', 'e.capped as e_capped', 'e.result as e_result',
        'e.early_warnings as e_early_warnings', 'e.scored_at as e_scored_at', 'e.scored_by as e_scored_by'])) as Row[];
      return rows.map((r) => ({
        snapshot: toSnapshot(r),
        evaluation: toEvaluation(Object.fromEntries(Object.entries(r).filter(([k]) => k.startsWith('e_')).map(([k, v]) => [k.slice(2), v]))),
      }));
    },

    async evaluationCounts(): Promise<Map<number, number>> {
      const rows = (await db('evaluations').groupBy('model_id').select('model_id').count({ n: 'id' })) as Row[];
      return new Map(rows.map((r) => [Number(r.model_id), Number(r.n)]));
    },

    // ---- scoring jobs

    async createJob(job: { modelId: number; filter: SnapshotFilter; total: number; userId: number | null; now: string }): Promise<number> {
      const [r] = await db('scoring_jobs').insert({
        model_id: job.modelId, filter: JSON.stringify(job.filter), status: job.total === 0 ? 'done' : 'running', total: job.total, done: 0, failed: 0,
        cursor: null, errors: '[]', created_by: job.userId, created_at: job.now, updated_at: job.now, finished_at: job.total === 0 ? job.now : null,
      }).returning('id');
      return Number((r as { id: number }).id ?? r);
    },

    async findJob(id: number, trx: Knex = db, lock = false): Promise<ScoringJob | undefined> {
      const q = trx('scoring_jobs').where({ id });
      if (lock && !isSqlite(trx)) q.forUpdate();
      const r = (await q.first()) as Row | undefined;
      return r ? toJob(r) : undefined;
    },

    async updateJob(trx: Knex, id: number, patch: { done: number; failed: number; cursor: ScoringJob['cursor']; errors: ScoringJob['errors']; status: ScoringJob['status']; now: string }): Promise<void> {
      await trx('scoring_jobs').where({ id }).update({
        done: patch.done, failed: patch.failed, cursor: JSON.stringify(patch.cursor), errors: JSON.stringify(patch.errors.slice(0, 200)),
        status: patch.status, updated_at: patch.now, finished_at: patch.status === 'running' ? null : patch.now,
      });
    },

    // ---- imports

    async createImport(row: { fileName: string; format: 'csv' | 'xlsx'; content: Buffer; headers: string[]; userId: number | null; now: string }): Promise<number> {
      const [r] = await db('borrower_imports').insert({
        file_name: row.fileName, format: row.format, status: 'staged', content: row.content, headers: JSON.stringify(row.headers),
        created_by: row.userId, created_at: row.now, updated_at: row.now,
      }).returning('id');
      return Number((r as { id: number }).id ?? r);
    },

    async findImport(id: number): Promise<ImportRecord | undefined> {
      const r = (await db('borrower_imports').where({ id }).first('id', 'file_name', 'format', 'status', 'headers', 'mapping', 'options', 'rows_total', 'rows_imported', 'error_count', 'warning_count', 'report', 'created_by', 'created_at', 'updated_at')) as Row | undefined;
      return r ? toImport(r) : undefined;
    },

    /** The staged file, or only its first `maxBytes` bytes (enough for a preview; both engines cut a blob with substr). */
    async importContent(id: number, maxBytes?: number): Promise<Buffer | null> {
      const column = maxBytes === undefined ? 'content' : db.raw(`substr(content, 1, ${Math.max(1, Math.floor(maxBytes))}) as content`);
      const r = (await db('borrower_imports').where({ id }).first(column)) as { content: Buffer | Uint8Array | null } | undefined;
      const content = r?.content;
      if (!content) return null;
      return Buffer.isBuffer(content) ? content : Buffer.from(content.buffer, content.byteOffset, content.byteLength);
    },

    async updateImport(id: number, patch: { status?: ImportRecord['status']; mapping?: Record<string, number>; options?: ImportRecord['options']; rowsTotal?: number; rowsImported?: number; errorCount?: number; warningCount?: number; report?: unknown; clearContent?: boolean; now: string }, trx: Knex = db): Promise<void> {
      const u: Row = { updated_at: patch.now };
      if (patch.status) u.status = patch.status;
      if (patch.mapping) u.mapping = JSON.stringify(patch.mapping);
      if (patch.options) u.options = JSON.stringify(patch.options);
      if (patch.rowsTotal !== undefined) u.rows_total = patch.rowsTotal;
      if (patch.rowsImported !== undefined) u.rows_imported = patch.rowsImported;
      if (patch.errorCount !== undefined) u.error_count = patch.errorCount;
      if (patch.warningCount !== undefined) u.warning_count = patch.warningCount;
      if (patch.report !== undefined) u.report = JSON.stringify(patch.report);
      if (patch.clearContent) u.content = null;
      await trx('borrower_imports').where({ id }).update(u);
    },

    async recentImports(limit = 10): Promise<ImportRecord[]> {
      return ((await db('borrower_imports').orderBy('id', 'desc').limit(limit).select('id', 'file_name', 'format', 'status', 'headers', 'mapping', 'options', 'rows_total', 'rows_imported', 'error_count', 'warning_count', 'created_by', 'created_at', 'updated_at')) as Row[]).map(toImport);
    },
  };
}

export type BorrowersRepository = ReturnType<typeof createBorrowersRepository>;
