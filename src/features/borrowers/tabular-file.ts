import { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
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

/** A file held in memory as 64 KB views of it (no copies), so that it is read like a stream: text a piece at a time. */
function* slices(buffer: Buffer): Generator<Buffer> {
  const size = 64 * 1024;
  for (let at = 0; at < buffer.length; at += size) yield buffer.subarray(at, at + size);
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
 * strings; the first row is the header. Memory stays flat: rows are read one at a time (CSV: readCsvRows; ExcelJS
 * streaming reader). Blank rows are skipped.
 */
export async function* readTableRows(input: Readable | Buffer, format: TableFormat): AsyncGenerator<string[]> {
  const stream = Buffer.isBuffer(input) ? Readable.from(slices(input)) : input;
  if (format === 'csv') {
    const { firstLine, all } = await peekFirstLine(stream);
    for await (const record of readCsvRows(all, sniffDelimiter(firstLine))) {
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

/** csv-parse as the import reads a CSV: trimmed fields, blank lines skipped, rows of any length. */
function csvParser(delimiter: string, options: { bom: boolean; recordDelimiter?: string }) {
  return parse({
    bom: options.bom, delimiter, skip_empty_lines: true, trim: true, relax_column_count: true,
    ...(options.recordDelimiter ? { record_delimiter: options.recordDelimiter } : {}),
  });
}

/** Rows of a CSV read by csv-parse from `chunks` (raw bytes, or text from the point where the fast reader stopped). */
async function* csvParseRows(chunks: AsyncIterable<Buffer | string>, delimiter: string, options: { bom: boolean; recordDelimiter?: string }): AsyncGenerator<string[]> {
  const source = Readable.from(chunks, { objectMode: false });
  const parser = csvParser(delimiter, options);
  // pipe() does not forward errors: a failing source must fail the parser, or the reader would wait forever
  // (inside the import's transaction).
  source.once('error', (err) => parser.destroy(err));
  source.pipe(parser);
  yield* parser as AsyncIterable<string[]>;
}

const SPACE = 32, QUOTE = 34;

/**
 * Space, or tab unless the tab separates fields: the characters csv-parse's trim skips around fields within a
 * line (it looks for the separator first; \r, \n and \f never get here).
 */
function trimmable(c: number, tabSeparates: boolean): boolean {
  return c === SPACE || (c === 9 && !tabSeparates);
}

/** Nothing but trimmable characters (or nothing): an empty line to csv-parse. */
function blank(line: string, tabSeparates: boolean): boolean {
  for (let i = 0; i < line.length; i++) if (!trimmable(line.charCodeAt(i), tabSeparates)) return false;
  return true;
}

/**
 * The fields of one line (without its line break) exactly as csv-parse reads them with trim, or null when the
 * line needs csv-parse itself: a quoted field that goes on past the line, a quote inside an unquoted field, or
 * text after a closing quote (csv-parse's errors). Quoted fields keep their text as written ("" is one quote).
 */
function splitLine(line: string, delimiter: string): string[] | null {
  const out: string[] = [];
  const n = line.length;
  const tabSeparates = delimiter === '\t';
  let pos = 0;
  for (;;) {
    let start = pos;
    while (start < n && trimmable(line.charCodeAt(start), tabSeparates)) start++;
    if (start < n && line.charCodeAt(start) === QUOTE) {
      let value = '';
      let from = start + 1;
      for (;;) {
        const q = line.indexOf('"', from);
        if (q < 0) return null; // goes on past the line (or is never closed)
        if (q + 1 < n && line.charCodeAt(q + 1) === QUOTE) { value += line.slice(from, q + 1); from = q + 2; continue; }
        value += line.slice(from, q);
        pos = q + 1;
        break;
      }
      while (pos < n && trimmable(line.charCodeAt(pos), tabSeparates)) pos++;
      out.push(value);
      if (pos === n) return out;
      if (line.startsWith(delimiter, pos)) { pos += delimiter.length; continue; }
      return null; // text after the closing quote
    }
    const d = line.indexOf(delimiter, start);
    const field = d < 0 ? line.slice(start) : line.slice(start, d);
    if (field.indexOf('"') >= 0) return null; // a quote inside an unquoted field
    out.push(field.trimEnd());
    if (d < 0) return out;
    pos = d + delimiter.length;
  }
}

/**
 * Rows of a CSV as csv-parse reads them (bom, trim, skip_empty_lines, relax_column_count; the line break is the
 * first of \r\n, \n or \r in the file), several times faster: lines are split with string searches, and a line
 * the fast path does not fully understand (see splitLine; also a form feed or a line break of another kind, which
 * csv-parse treats in its own ways) hands the rest of the file, from the start of that line — a record boundary —
 * to csv-parse. A UTF-16 file goes to csv-parse from the start.
 */
export async function* readCsvRows(chunks: AsyncIterable<Buffer | string>, delimiter: string): AsyncGenerator<string[]> {
  const source = chunks[Symbol.asyncIterator]();
  let ended = false;
  const nextChunk = async (): Promise<Buffer | null> => {
    const next = await source.next();
    if (next.done) { ended = true; return null; }
    return typeof next.value === 'string' ? Buffer.from(next.value) : next.value;
  };

  // A UTF-16 byte order mark (csv-parse then reads UTF-16) needs the first bytes: csv-parse from the start.
  const first: Buffer[] = [];
  for (let size = 0; size < 3 && !ended;) {
    const chunk = await nextChunk();
    if (chunk) { first.push(chunk); size += chunk.length; }
  }
  const head = Buffer.concat(first);
  if (head.length >= 2 && head[0] === 0xff && head[1] === 0xfe) {
    async function* all(): AsyncGenerator<Buffer> {
      yield head;
      while (!ended) {
        const chunk = await nextChunk();
        if (chunk) yield chunk;
      }
    }
    yield* csvParseRows(all(), delimiter, { bom: true });
    return;
  }
  const decoder = new StringDecoder('utf8');
  let text = decoder.write(head);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);

  // The line break: the first \r\n, \n or \r outside quotes (csv-parse's discovery; a quote that csv-parse
  // refuses makes the first line fail splitLine below, and csv-parse then reads the file from there).
  let lineBreak: string | null = null;
  let quoting = false;
  for (let i = 0; ;) {
    // More text is needed at the end, and after a \r that a \n may follow.
    if (!ended && (i >= text.length || (i === text.length - 1 && text.charCodeAt(i) === 13))) {
      const chunk = await nextChunk();
      if (chunk) text += decoder.write(chunk);
      continue;
    }
    if (i >= text.length) break;
    const c = text.charCodeAt(i);
    if (c === QUOTE) quoting = !quoting;
    else if (!quoting && (c === 10 || c === 13)) {
      lineBreak = c === 10 ? '\n' : text.charCodeAt(i + 1) === 10 ? '\r\n' : '\r';
      break;
    }
    i++;
  }
  if (ended) text += decoder.end();

  // Characters that make a line csv-parse's: quotes are handled here, but not a form feed or a foreign line break.
  const unusual = lineBreak === '\n' ? /[\f\r]/ : lineBreak === '\r' ? /[\f\n]/ : /[\f\r\n]/;
  const separator = lineBreak ?? '\n';
  for (;;) {
    let start = 0;
    for (;;) {
      const end = lineBreak === null ? -1 : text.indexOf(separator, start);
      const last = end < 0;
      if (last && !ended) break; // the rest of the line is in the next chunk
      const line = last ? text.slice(start) : text.slice(start, end);
      const fields = unusual.test(line) ? null : splitLine(line, delimiter);
      if (fields === null) {
        const rest = text.slice(start);
        async function* remainder(): AsyncGenerator<string> {
          yield rest;
          while (!ended) {
            const chunk = await nextChunk();
            if (chunk) yield decoder.write(chunk);
          }
          const tail = decoder.end();
          if (tail) yield tail;
        }
        yield* csvParseRows(remainder(), delimiter, { bom: false, recordDelimiter: separator });
        return;
      }
      // A line of spaces and tabs only is an empty line to csv-parse: skipped.
      if (!blank(line, delimiter === '\t')) yield fields;
      if (last) return;
      start = end + separator.length;
    }
    text = text.slice(start);
    const chunk = await nextChunk();
    if (chunk) text += decoder.write(chunk);
    else text += decoder.end();
  }
}

/** The header row of a table (first non-blank row), or [] for an empty file. */
export async function readHeaders(input: Buffer, format: TableFormat): Promise<string[]> {
  for await (const row of readTableRows(input, format)) return row;
  return [];
}
