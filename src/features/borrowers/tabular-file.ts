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
 * The separator of a CSV file from its header line: whichever of comma, semicolon and tab occurs most often outside
 * quotes (comma on a tie or when none occurs). One separator per file, so "62,5" in a semicolon file stays one cell.
 */
export function sniffDelimiter(headerLine: string): ',' | ';' | '\t' {
  const counts = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (const ch of headerLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === ',' || ch === ';' || ch === '\t')) counts[ch]++;
  }
  if (counts[';'] > counts[','] && counts[';'] >= counts['\t']) return ';';
  if (counts['\t'] > counts[','] && counts['\t'] > counts[';']) return '\t';
  return ',';
}

/** Reads chunks until the first line break (or the end), then hands back the head and a stream of everything. */
async function peekFirstLine(stream: Readable): Promise<{ firstLine: string; all: Readable }> {
  const iterator = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer | string>;
  const head: Buffer[] = [];
  let size = 0;
  let done = false;
  for (;;) {
    const next = await iterator.next();
    if (next.done) { done = true; break; }
    const chunk = typeof next.value === 'string' ? Buffer.from(next.value) : next.value;
    head.push(chunk);
    size += chunk.length;
    if (chunk.includes(0x0a) || chunk.includes(0x0d) || size > 1 << 20) break;
  }
  const text = Buffer.concat(head).toString('utf8');
  const firstLine = text.split(/\r\n|\n|\r/, 1)[0] ?? '';
  async function* rest() {
    for (const chunk of head) yield chunk;
    if (done) return;
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      yield next.value;
    }
  }
  return { firstLine, all: Readable.from(rest(), { objectMode: false }) };
}

/**
 * Streams the rows of a CSV (comma, semicolon or tab separated — one separator per file, taken from the header
 * line; UTF-8 with or without BOM; quoted fields) or of the first worksheet of an XLSX file as arrays of trimmed
 * strings; the first row is the header. Memory stays flat: rows are read one at a time (csv-parse, ExcelJS
 * streaming reader). Blank rows are skipped.
 */
export async function* readTableRows(input: Readable | Buffer, format: TableFormat): AsyncGenerator<string[]> {
  const stream = Buffer.isBuffer(input) ? Readable.from([input]) : input;
  if (format === 'csv') {
    const { firstLine, all } = await peekFirstLine(stream);
    const parser = parse({ bom: true, delimiter: sniffDelimiter(firstLine), skip_empty_lines: true, trim: true, relax_column_count: true });
    // pipe() does not forward errors: a failing source must fail the parser, or the reader would wait forever
    // (inside the import's transaction).
    all.once('error', (err) => parser.destroy(err));
    all.pipe(parser);
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
