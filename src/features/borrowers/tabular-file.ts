import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';

export type TableFormat = 'csv' | 'xlsx';

/** XLSX by its zip signature (PK\x03\x04) or extension, CSV otherwise when the bytes look like text. */
export function detectFormat(fileName: string, head: Buffer): TableFormat | null {
  if (head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) return 'xlsx';
  if (/\.xlsx$/i.test(fileName)) return null; // named .xlsx but not a zip
  const sample = head.subarray(0, 4096);
  if (sample.includes(0)) return null; // binary
  return 'csv';
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    const v = value as { result?: unknown; text?: unknown; richText?: { text: string }[]; error?: unknown };
    if (Array.isArray(v.richText)) return v.richText.map((r) => r.text).join('').trim();
    if ('result' in v) return cellText(v.result);
    if (typeof v.text === 'string') return v.text.trim();
    if (v.error !== undefined) return '';
  }
  return String(value).trim();
}

/**
 * Streams the rows of a CSV (comma, semicolon or tab separated; UTF-8 with or without BOM; quoted fields) or of
 * the first worksheet of an XLSX file as arrays of trimmed strings; the first row is the header. Memory stays
 * flat: rows are read one at a time (csv-parse, ExcelJS streaming reader). Blank rows are skipped.
 */
export async function* readTableRows(input: Readable | Buffer, format: TableFormat): AsyncGenerator<string[]> {
  const stream = Buffer.isBuffer(input) ? Readable.from([input]) : input;
  if (format === 'csv') {
    const parser = stream.pipe(parse({ bom: true, delimiter: [',', ';', '\t'], skip_empty_lines: true, trim: true, relax_column_count: true }));
    for await (const record of parser as AsyncIterable<string[]>) {
      if (record.every((c) => c === '')) continue;
      yield record;
    }
    return;
  }
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(stream, { sharedStrings: 'cache', worksheets: 'emit', hyperlinks: 'ignore', styles: 'cache', entries: 'emit' });
  for await (const sheet of reader) {
    let width = 0;
    for await (const row of sheet) {
      const values = row.values as unknown[];
      const out: string[] = [];
      for (let c = 1; c < values.length; c++) out.push(cellText(values[c]));
      if (width === 0) width = out.length;
      while (out.length < width) out.push('');
      if (out.every((c) => c === '')) continue;
      yield out;
    }
    break; // first worksheet only
  }
}

/** The header row of a table (first non-blank row), or [] for an empty file. */
export async function readHeaders(input: Buffer, format: TableFormat): Promise<string[]> {
  for await (const row of readTableRows(input, format)) return row;
  return [];
}
