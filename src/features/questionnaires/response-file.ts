import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { AnswerValue, CompiledSurvey, QuestionDef } from './compile-survey.js';

/** A cell as read from a file: text, a number, a boolean, or empty. */
export type Cell = string | number | boolean | null;

export interface ResponseTable {
  headers: string[];
  /** Each data row with its line number in the file (the header is line 1). */
  rows: Array<{ line: number; cells: Cell[] }>;
}

/** A problem with the file itself (not with one row's answers). */
export class ResponseFileError extends Error {
  constructor(readonly code: string, readonly params: Record<string, string | number> = {}) {
    super(code);
    this.name = 'ResponseFileError';
  }
}

/** Each row is validated by SurveyJS in Node (about 5 ms a row), so one import is bounded to keep requests short. */
export const MAX_IMPORT_ROWS = 5_000;

/** Columns starting with "_" carry export metadata (response number, version, source, month) and are ignored. */
export function isMetaColumn(header: string): boolean {
  return header.startsWith('_');
}

/** Reads a CSV text (comma or semicolon separated, UTF-8 with or without BOM) whose first line names the questions. */
export function readCsvTable(text: string): ResponseTable {
  const firstLine = text.replace(/^\ufeff/, '').split(/\r?\n/, 1)[0] ?? '';
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  let records: string[][];
  try {
    records = parseCsv(text, { bom: true, delimiter, relax_column_count: true, skip_empty_lines: true, trim: false }) as string[][];
  } catch (error) {
    throw new ResponseFileError('unreadableCsv', { detail: error instanceof Error ? error.message.slice(0, 200) : '' });
  }
  return tableFrom(records.map((cells) => cells.map((c) => (c === '' ? null : c))));
}

function cellValue(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value && Array.isArray(value.richText)) return value.richText.map((r) => r.text).join('');
    if ('result' in value) return cellValue((value as { result?: ExcelJS.CellValue }).result ?? null);
    if ('text' in value && typeof (value as { text: unknown }).text === 'string') return (value as { text: string }).text;
    if ('error' in value) return null;
  }
  return String(value);
}

/** Reads the first worksheet of an XLSX file whose first row names the questions. */
export async function readXlsxTable(buffer: Buffer): Promise<ResponseTable> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    throw new ResponseFileError('unreadableXlsx');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new ResponseFileError('emptyFile');
  const records: Cell[][] = [];
  const width = sheet.columnCount;
  sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const cells: Cell[] = [];
    for (let c = 1; c <= width; c++) cells.push(cellValue(row.getCell(c).value));
    records[rowNumber - 1] = cells;
  });
  for (let i = 0; i < records.length; i++) records[i] ??= [];
  return tableFrom(records);
}

function tableFrom(records: Cell[][]): ResponseTable {
  const [header, ...body] = records;
  if (!header || header.every((h) => h === null)) throw new ResponseFileError('emptyFile');
  const headers = header.map((h) => (h === null ? '' : String(h).trim()));
  while (headers.length > 0 && headers[headers.length - 1] === '') headers.pop();
  const rows = body
    .map((cells, i) => ({ line: i + 2, cells: cells.slice(0, headers.length) }))
    .filter((row) => row.cells.some((c) => c !== null && String(c).trim() !== ''));
  if (rows.length === 0) throw new ResponseFileError('noRows');
  if (rows.length > MAX_IMPORT_ROWS) throw new ResponseFileError('tooManyRows', { max: MAX_IMPORT_ROWS });
  return { headers, rows };
}

/** Checks the header row against the questionnaire: every column must be a question, a comment box or metadata. */
export function checkHeaders(headers: string[], compiled: CompiledSurvey): void {
  const known = new Set<string>();
  for (const q of compiled.questions) {
    known.add(q.name);
    if (q.commentKey) known.add(q.commentKey);
  }
  const seen = new Set<string>();
  for (const header of headers) {
    if (header === '') throw new ResponseFileError('emptyHeader');
    if (seen.has(header)) throw new ResponseFileError('duplicateHeader', { column: header });
    seen.add(header);
    if (!isMetaColumn(header) && !known.has(header)) throw new ResponseFileError('unknownColumn', { column: header });
  }
}

function matchChoice(q: QuestionDef, raw: string): AnswerValue | string {
  const text = raw.trim();
  for (const c of q.choices) if (String(c.value) === text) return c.value;
  for (const c of q.choices) if (c.text.en === text || c.text.zh === text) return c.value;
  return text;
}

/**
 * Turns one row of cells into typed answers for checkAnswers: numbers for ratings and number questions, the declared
 * value for choices (matched by code, or by its English or Chinese label), lists for multi-select questions
 * (codes separated by ";"), text as is. Anything that cannot be converted is passed on unchanged, so that
 * checkAnswers rejects it with its usual message.
 */
export function rowToAnswers(headers: string[], cells: Cell[], compiled: CompiledSurvey): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  headers.forEach((header, i) => {
    if (isMetaColumn(header)) return;
    const cell = cells[i] ?? null;
    if (cell === null || (typeof cell === 'string' && cell.trim() === '')) return;
    const q = compiled.byName.get(header);
    if (!q) {
      data[header] = typeof cell === 'string' ? cell : String(cell);
      return;
    }
    if (q.kind === 'likert' || q.kind === 'number') {
      const x = typeof cell === 'number' ? cell : Number(String(cell).trim());
      data[header] = Number.isFinite(x) ? x : cell;
    } else if (q.kind === 'choice' && q.multiple) {
      data[header] = String(cell).split(/[;|]/).map((part) => part.trim()).filter((part) => part !== '').map((part) => matchChoice(q, part));
    } else if (q.kind === 'choice') {
      if (typeof cell === 'boolean') {
        const match = q.choices.find((c) => c.value === cell);
        data[header] = match ? match.value : cell;
      } else {
        const raw = String(cell);
        const matched = matchChoice(q, raw);
        // Booleans typed as text in a CSV: true/false, 1/0, yes/no.
        if (q.type === 'boolean' && typeof matched === 'string') {
          const lowered = raw.trim().toLowerCase();
          if (['true', '1', 'yes', 'y'].includes(lowered)) data[header] = q.choices[0].value;
          else if (['false', '0', 'no', 'n'].includes(lowered)) data[header] = q.choices[1].value;
          else data[header] = matched;
        } else {
          data[header] = matched;
        }
      }
    } else {
      data[header] = typeof cell === 'string' ? cell : String(cell);
    }
  });
  return data;
}
