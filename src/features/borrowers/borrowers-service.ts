import type { Readable } from 'node:stream';
import type { Knex } from 'knex';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../web/http-errors.js';
import type { AuditService } from '../audit/audit-service.js';
import type { Actor } from '../studies/studies-service.js';
import type { BorrowersRepository, SnapshotFilter, SnapshotRecord } from './borrowers-repository.js';
import { FIELD_BY_KEY, guessMapping, parseSnapshotRow, rowFieldsOf, type RawValues, type RowIssue, type SnapshotInput } from './snapshot-fields.js';
import { detectFormat, readHeaders, readTableRows, type TableFormat } from './tabular-file.js';

export interface ImportOptions {
  /** Portfolio name given to borrowers created by this import. */
  portfolio: string;
  defaultAsOf?: string | null;
  defaultIndustry?: string | null;
}

export interface ImportIssue extends RowIssue {
  /** Row number in the file, the header being row 1. */
  row: number;
  severity: 'error' | 'warning';
}

export interface ImportReport {
  dryRun: boolean;
  /** 'ok' (dry run without errors), 'imported', or 'rejected' (errors: nothing was imported). */
  status: 'ok' | 'imported' | 'rejected';
  rowsTotal: number;
  rowsValid: number;
  rowsWithErrors: number;
  rowsWithWarnings: number;
  errorCount: number;
  warningCount: number;
  imported: number;
  newBorrowers: number;
  /** The first MAX_REPORTED_ISSUES issues (errors first within a row). */
  issues: ImportIssue[];
  truncated: boolean;
  /** Mapped fields, for the report header. */
  mappedFields: string[];
}

export const MAX_REPORTED_ISSUES = 500;
/** Bytes of a staged CSV read for the mapping page's sample values. */
const PREVIEW_BYTES = 256 * 1024;
/** Rows validated before each insert (a few multi-row statements per batch). */
const BATCH = 2000;

class RejectImport extends Error {}

/** Who may import, enter and edit borrower data: researchers and administrators (and the demo seeder). */
export function canWriteBorrowers(actor: Actor): boolean {
  return actor.role === 'admin' || actor.role === 'researcher' || actor.id === 0;
}

/**
 * Borrower snapshots (issue 6 item 4): staged file imports with a column-mapping step, dry run and per-row
 * report, all-or-nothing in one transaction, streamed row by row; manual entry and editing with the same
 * validation (parseSnapshotRow). Read functions for other areas: listSnapshots, getSnapshot.
 */
export function createBorrowersService(deps: { db: Knex; repository: BorrowersRepository; audit: AuditService; now: () => Date }) {
  const { db, repository: repo, audit } = deps;
  const nowIso = () => deps.now().toISOString();
  const actorId = (actor: Actor) => (actor.id > 0 ? actor.id : null);
  const assertWriter = (actor: Actor) => {
    if (!canWriteBorrowers(actor)) throw new ForbiddenError('borrowers.readOnly');
  };

  /**
   * The import pipeline over a row stream: map → validate → check duplicates (in the file and in the database)
   * → insert in batches inside the caller's transaction (unless dry run). Keeps going after the first error so
   * the report lists every problem (up to MAX_REPORTED_ISSUES), but stops inserting.
   */
  async function pipeline(rows: AsyncIterable<string[]>, mapping: Record<string, number>, options: ImportOptions, dryRun: boolean, actor: Actor, importId: number | null, trx: Knex | null): Promise<ImportReport> {
    const report: ImportReport = {
      dryRun, status: 'ok', rowsTotal: 0, rowsValid: 0, rowsWithErrors: 0, rowsWithWarnings: 0, errorCount: 0, warningCount: 0,
      imported: 0, newBorrowers: 0, issues: [], truncated: false,
      mappedFields: Object.entries(mapping).filter(([, i]) => i >= 0).map(([k]) => k),
    };
    const add = (row: number, severity: 'error' | 'warning', issue: RowIssue) => {
      if (severity === 'error') report.errorCount++; else report.warningCount++;
      if (report.issues.length < MAX_REPORTED_ISSUES) report.issues.push({ row, severity, ...issue });
      else report.truncated = true;
    };
    const seen = new Set<string>();
    let batch: { row: number; input: SnapshotInput }[] = [];
    let headerWidth = -1;
    const mapped = Object.entries(mapping).filter(([k, i]) => i >= 0 && FIELD_BY_KEY.has(k));
    // Only mapped columns have values: validation skips the fields no column gives.
    const fields = rowFieldsOf(mapped.map(([k]) => k));
    const refsBefore = new Set<string>();

    const flush = async () => {
      if (batch.length === 0) return;
      const refs = [...new Set(batch.map((b) => b.input.borrowerRef))];
      const known = await repo.borrowerIdsByRef(refs, trx ?? db);
      // Only borrowers that exist already can have a snapshot on the same date.
      const existing = known.size ? await repo.existingSnapshotKeys([...known.keys()], trx ?? db) : new Set<string>();
      for (const ref of refs) if (!known.has(ref)) refsBefore.add(ref);
      const ok: SnapshotInput[] = [];
      for (const b of batch) {
        if (existing.has(`${b.input.borrowerRef}|${b.input.asOf}`)) {
          add(b.row, 'error', { field: 'asOf', key: 'borrowers.issue.existsAlready', params: { borrower: b.input.borrowerRef, asOf: b.input.asOf } });
          report.rowsWithErrors++; report.rowsValid--;
        } else ok.push(b.input);
      }
      if (!dryRun && trx && report.errorCount === 0) {
        await repo.insertSnapshots(trx, ok, { portfolio: options.portfolio, isDemo: false, isSynthetic: false, importId, userId: actorId(actor), now: nowIso() }, known, { returnIds: false });
        report.imported += ok.length;
      }
      batch = [];
    };

    const defaults = { asOf: options.defaultAsOf ?? null, industry: options.defaultIndustry ?? null };
    let rowNumber = 0;
    for await (const cells of rows) {
      rowNumber++;
      if (headerWidth < 0) { headerWidth = cells.length; continue; }
      report.rowsTotal++;
      const raw: Record<string, string> = {};
      for (const [key, index] of mapped) raw[key] = cells[index] ?? '';
      const parsed = parseSnapshotRow(raw, defaults, fields);
      if (cells.length !== headerWidth) parsed.warnings.push({ field: '', key: 'borrowers.issue.columnCount', params: { found: cells.length, expected: headerWidth } });
      if (parsed.input) {
        const key = `${parsed.input.borrowerRef}|${parsed.input.asOf}`;
        if (seen.has(key)) {
          parsed.errors.push({ field: 'asOf', key: 'borrowers.issue.duplicateInFile', params: { borrower: parsed.input.borrowerRef, asOf: parsed.input.asOf } });
        } else seen.add(key);
      }
      for (const e of parsed.errors) add(rowNumber, 'error', e);
      for (const w of parsed.warnings) add(rowNumber, 'warning', w);
      if (parsed.errors.length) report.rowsWithErrors++;
      else if (parsed.input) {
        report.rowsValid++;
        batch.push({ row: rowNumber, input: parsed.input });
      }
      if (parsed.warnings.length) report.rowsWithWarnings++;
      if (batch.length >= BATCH) await flush();
    }
    await flush();
    report.newBorrowers = refsBefore.size;
    if (report.rowsTotal === 0) add(1, 'error', { field: '', key: 'borrowers.issue.emptyFile' });
    report.issues.sort((a, b) => a.row - b.row || (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
    report.status = report.errorCount > 0 ? 'rejected' : dryRun ? 'ok' : 'imported';
    if (report.status === 'rejected') report.imported = 0;
    return report;
  }

  function checkMapping(mapping: Record<string, number>, options: ImportOptions, width: number) {
    const errors: Record<string, string> = {};
    for (const [key, index] of Object.entries(mapping)) {
      if (!FIELD_BY_KEY.has(key)) throw new ValidationError('borrowers.import.unknownField').with({ field: key });
      if (!Number.isInteger(index) || index < -1 || index >= width) errors[`map.${key}`] = 'validation.invalid';
    }
    const used = Object.values(mapping).filter((i) => i >= 0);
    if (new Set(used).size !== used.length) throw new ValidationError('borrowers.import.columnTwice');
    if ((mapping.borrower ?? -1) < 0) errors['map.borrower'] = 'validation.required';
    if ((mapping.asOf ?? -1) < 0 && !options.defaultAsOf) errors['map.asOf'] = 'borrowers.import.asOfNeeded';
    if (!options.portfolio.trim()) errors.portfolio = 'validation.required';
    if (Object.keys(errors).length) throw new ValidationError('borrowers.import.mappingInvalid', errors);
  }

  /** Runs the pipeline on a stream: dry run (reads only) or the all-or-nothing import in one transaction. */
  async function importRows(actor: Actor, rows: AsyncIterable<string[]>, mapping: Record<string, number>, options: ImportOptions, dryRun: boolean, importId: number | null): Promise<ImportReport> {
    if (dryRun) return pipeline(rows, mapping, options, true, actor, importId, null);
    let report: ImportReport | null = null;
    try {
      await db.transaction(async (trx) => {
        report = await pipeline(rows, mapping, options, false, actor, importId, trx);
        if (report.status === 'rejected') throw new RejectImport();
        await audit.record({ event: 'borrowers.imported', actorUserId: actorId(actor), actorLabel: actorId(actor) ? null : 'system', targetType: 'borrower_import', targetId: importId, ip: null, details: { rows: report.imported, portfolio: options.portfolio } }, trx);
      });
    } catch (err) {
      if (!(err instanceof RejectImport)) throw err;
    }
    return report as unknown as ImportReport;
  }

  return {
    // ---- reads (also for validation and decision-policy areas)

    /** Snapshots matching a filter, ordered by borrower, as-of date, id; `outcome` is the observed outcome (1/0/null). */
    listSnapshots: (filter: SnapshotFilter = {}): Promise<SnapshotRecord[]> => repo.listSnapshots(filter),
    countSnapshots: (filter: SnapshotFilter = {}) => repo.countSnapshots(filter),

    async getSnapshot(id: number): Promise<SnapshotRecord> {
      const s = await repo.findSnapshot(id);
      if (!s) throw new NotFoundError('borrowers.snapshotNotFound');
      return s;
    },

    async getBorrower(id: number) {
      const b = await repo.findBorrower(id);
      if (!b) throw new NotFoundError('borrowers.notFound');
      return { borrower: b, snapshots: await repo.listSnapshots({ borrowerId: id }) };
    },

    portfolios: () => repo.portfolios(),
    industries: () => repo.industries(),
    borrowerList: repo.borrowerList.bind(repo),
    recentImports: () => repo.recentImports(),

    // ---- imports

    /** Stores an uploaded CSV/XLSX file for the mapping step; returns the staged import's id. */
    async stageImport(actor: Actor, file: { fileName: string; buffer: Buffer }): Promise<number> {
      assertWriter(actor);
      const format = detectFormat(file.fileName, file.buffer);
      if (!format) throw new ValidationError('borrowers.import.badFormat', { file: 'borrowers.import.badFormat' });
      let headers: string[];
      try {
        headers = await readHeaders(file.buffer, format);
      } catch {
        throw new ValidationError('borrowers.import.unreadable', { file: 'borrowers.import.unreadable' });
      }
      if (headers.length === 0) throw new ValidationError('borrowers.import.noHeader', { file: 'borrowers.import.noHeader' });
      return repo.createImport({ fileName: file.fileName.slice(0, 255), format, content: file.buffer, headers, userId: actorId(actor), now: nowIso() });
    },

    /** A staged import, the mapping guessed from its headers, and a sample value per column (first non-empty of the first rows). */
    async getImport(id: number) {
      const record = await repo.findImport(id);
      if (!record) throw new NotFoundError('borrowers.import.notFound');
      const samples: string[] = record.headers.map(() => '');
      // A CSV's first rows are in its first bytes; an XLSX (a zip) is read whole.
      const content = record.status === 'staged' ? await repo.importContent(id, record.format === 'csv' ? PREVIEW_BYTES : undefined) : null;
      if (content) {
        let n = 0;
        try {
          for await (const row of readTableRows(content, record.format)) {
            if (n++ === 0) continue;
            row.forEach((v, i) => { if (i < samples.length && !samples[i] && v) samples[i] = v.slice(0, 40); });
            if (n > 5) break;
          }
        } catch { /* the samples are a convenience; the dry run reports unreadable rows */ }
      }
      return { record, guessed: guessMapping(record.headers), samples };
    },

    /** Dry run or import of a staged file with a column mapping (field key → column index, −1 = not mapped). */
    async runStagedImport(actor: Actor, id: number, input: { mapping: Record<string, number>; options: ImportOptions; dryRun: boolean }): Promise<ImportReport> {
      assertWriter(actor);
      const record = await repo.findImport(id);
      if (!record) throw new NotFoundError('borrowers.import.notFound');
      if (record.status !== 'staged') throw new ConflictError('borrowers.import.done');
      checkMapping(input.mapping, input.options, record.headers.length);
      const content = await repo.importContent(id);
      if (!content) throw new ConflictError('borrowers.import.done');
      const report = await importRows(actor, readTableRows(content, record.format), input.mapping, input.options, input.dryRun, id);
      const summary = { rowsTotal: report.rowsTotal, errorCount: report.errorCount, warningCount: report.warningCount, report, now: nowIso(), mapping: input.mapping, options: input.options };
      if (report.status === 'imported') await repo.updateImport(id, { ...summary, status: 'imported', rowsImported: report.imported, clearContent: true });
      else await repo.updateImport(id, summary);
      return report;
    },

    /**
     * Imports straight from a stream (no staging): for scripts and the benchmark. `mapping` 'guess' maps columns by
     * their headers. Same validation, dry run and all-or-nothing transaction as the staged import.
     */
    async importFromStream(actor: Actor, input: { stream: Readable; format: TableFormat; mapping: Record<string, number> | 'guess'; options: ImportOptions; dryRun?: boolean }): Promise<ImportReport> {
      assertWriter(actor);
      const iterator = readTableRows(input.stream, input.format)[Symbol.asyncIterator]();
      const first = await iterator.next();
      const headers = first.done ? [] : first.value;
      const mapping = input.mapping === 'guess' ? guessMapping(headers) : input.mapping;
      checkMapping(mapping, input.options, headers.length);
      async function* withHeader() {
        if (!first.done) yield headers;
        for (;;) {
          const next = await iterator.next();
          if (next.done) return;
          yield next.value;
        }
      }
      return importRows(actor, withHeader(), mapping, input.options, input.dryRun ?? false, null);
    },

    // ---- manual entry and editing

    /** Validates form values; throws ValidationError with the row's messages per field (and the issues in details). */
    validateEntry(raw: RawValues): { input: SnapshotInput; warnings: RowIssue[] } {
      const parsed = parseSnapshotRow(raw);
      if (!parsed.input) {
        const fields: Record<string, string> = {};
        for (const e of parsed.errors) fields[e.field || '_form'] ??= e.key;
        throw new ValidationError('borrowers.entryInvalid', fields, { issues: parsed.errors });
      }
      return { input: parsed.input, warnings: parsed.warnings };
    },

    async createSnapshot(actor: Actor, raw: RawValues, portfolio: string): Promise<{ snapshotId: number; borrowerId: number; warnings: RowIssue[] }> {
      assertWriter(actor);
      const { input, warnings } = this.validateEntry(raw);
      if (!portfolio.trim()) throw new ValidationError('borrowers.entryInvalid', { portfolio: 'validation.required' });
      return db.transaction(async (trx) => {
        if ((await repo.existingSnapshotKeys([input.borrowerRef], trx)).has(`${input.borrowerRef}|${input.asOf}`)) {
          throw new ValidationError('borrowers.entryInvalid', { asOf: 'borrowers.issue.existsAlreadyShort' });
        }
        const [id] = await repo.insertSnapshots(trx, [input], { portfolio: portfolio.trim(), isDemo: false, isSynthetic: false, importId: null, userId: actorId(actor), now: nowIso() });
        const stored = await repo.findSnapshot(id as number, trx);
        await audit.record({ event: 'borrowers.snapshot.created', actorUserId: actorId(actor), targetType: 'borrower_snapshot', targetId: id, ip: null, details: { borrower: input.borrowerRef } }, trx);
        return { snapshotId: id as number, borrowerId: (stored as SnapshotRecord).borrowerId, warnings };
      });
    },

    /**
     * Edits a snapshot with the same validation. Its stored evaluations no longer describe it, so they are deleted
     * in the same transaction (re-score to get new ones). The borrower reference cannot change.
     */
    async updateSnapshot(actor: Actor, id: number, raw: RawValues): Promise<{ warnings: RowIssue[] }> {
      assertWriter(actor);
      const current = await repo.findSnapshot(id);
      if (!current) throw new NotFoundError('borrowers.snapshotNotFound');
      const { input, warnings } = this.validateEntry({ ...raw, borrower: current.borrowerRef });
      await db.transaction(async (trx) => {
        if (input.asOf !== current.asOf && (await repo.existingSnapshotKeys([current.borrowerRef], trx)).has(`${current.borrowerRef}|${input.asOf}`)) {
          throw new ValidationError('borrowers.entryInvalid', { asOf: 'borrowers.issue.existsAlreadyShort' });
        }
        await trx('evaluations').where({ snapshot_id: id }).delete();
        await repo.updateSnapshot(trx, id, input, nowIso());
        if (input.borrowerName && input.borrowerName !== current.borrowerName) await repo.updateBorrowerName(trx, current.borrowerId, input.borrowerName, nowIso());
        await audit.record({ event: 'borrowers.snapshot.updated', actorUserId: actorId(actor), targetType: 'borrower_snapshot', targetId: id, ip: null, details: {} }, trx);
      });
      return { warnings };
    },

    async deleteSnapshot(actor: Actor, id: number): Promise<number> {
      assertWriter(actor);
      const current = await repo.findSnapshot(id);
      if (!current) throw new NotFoundError('borrowers.snapshotNotFound');
      await db.transaction(async (trx) => {
        await repo.deleteSnapshot(trx, id);
        await audit.record({ event: 'borrowers.snapshot.deleted', actorUserId: actorId(actor), targetType: 'borrower_snapshot', targetId: id, ip: null, details: {} }, trx);
      });
      return current.borrowerId;
    },

    /** Bulk insert of already-validated snapshots in one transaction (demo seeder, real-data loaders). */
    async insertSnapshots(actor: Actor, inputs: readonly SnapshotInput[], meta: { portfolio: string; isDemo: boolean; isSynthetic: boolean }): Promise<number[]> {
      assertWriter(actor);
      return db.transaction(async (trx) => {
        const ids = await repo.insertSnapshots(trx, inputs, { ...meta, importId: null, userId: actorId(actor), now: nowIso() });
        await audit.record({ event: 'borrowers.imported', actorUserId: actorId(actor), actorLabel: actorId(actor) ? null : 'system', targetType: 'borrowers', targetId: null, ip: null, details: { rows: ids.length, portfolio: meta.portfolio } }, trx);
        return ids;
      });
    },
  };
}

export type BorrowersService = ReturnType<typeof createBorrowersService>;
