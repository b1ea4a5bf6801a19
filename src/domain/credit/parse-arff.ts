import { DomainError } from '../domain-error.js';

export type ArffAttributeType =
  | { readonly kind: 'numeric' }
  | { readonly kind: 'string' }
  | { readonly kind: 'date'; readonly format: string | null }
  | { readonly kind: 'nominal'; readonly values: readonly string[] };

export interface ArffAttribute {
  readonly name: string;
  readonly type: ArffAttributeType;
}

export interface ArffData {
  readonly relation: string;
  readonly attributes: readonly ArffAttribute[];
  /** One array per data line, in attribute order: numbers for numeric attributes, strings otherwise, null for `?`. */
  readonly rows: readonly (readonly (number | string | null)[])[];
}

/**
 * Parses Weka ARFF text (dense format; Witten, Frank & Hall, "Data Mining", 3rd ed., §2.4, and the Weka ARFF
 * documentation): `%` comments, case-insensitive `@relation`, `@attribute <name> <type>` with types
 * numeric/real/integer, string, date [format] and nominal `{a,b,…}`, then `@data` rows of comma-separated
 * values; single- or double-quoted names and values; `?` = missing (→ null); LF or CRLF line ends (the UCI
 * Polish bankruptcy files mix both). Pure text in, data out (no file access).
 * Throws DomainError `invalid-arff` with the line number for a malformed header, a row with the wrong number
 * of values, a non-numeric value in a numeric column, a value outside a nominal set, or sparse rows `{…}`.
 */
export function parseArff(text: string): ArffData {
  const lines = text.split(/\r?\n|\r/);
  let relation: string | null = null;
  const attributes: ArffAttribute[] = [];
  const rows: (number | string | null)[][] = [];
  let inData = false;
  const fail = (line: number, message: string): never => {
    throw new DomainError('invalid-arff', `ARFF line ${line}: ${message}`, { line });
  };

  for (let i = 0; i < lines.length; i++) {
    const lineNo = i + 1;
    const line = lines[i].trim();
    if (line === '' || line.startsWith('%')) continue;
    if (!inData) {
      const lower = line.toLowerCase();
      if (lower.startsWith('@relation')) {
        const [name] = readToken(line.slice(9).trim(), lineNo, fail);
        relation = name;
      } else if (lower.startsWith('@attribute')) {
        const [name, rest] = readToken(line.slice(10).trim(), lineNo, fail);
        attributes.push({ name, type: parseType(rest.trim(), lineNo, fail) });
      } else if (lower === '@data') {
        if (attributes.length === 0) fail(lineNo, '@data comes before any @attribute.');
        inData = true;
      } else fail(lineNo, `unexpected header line "${line.slice(0, 40)}".`);
      continue;
    }
    if (line.startsWith('{')) fail(lineNo, 'sparse ARFF rows are not supported.');
    const values = splitValues(line, lineNo, fail);
    if (values.length !== attributes.length) {
      fail(lineNo, `expected ${attributes.length} values, found ${values.length}.`);
    }
    const row: (number | string | null)[] = new Array(values.length);
    for (let k = 0; k < values.length; k++) {
      const { text: v, quoted } = values[k];
      if (v === '?' && !quoted) { row[k] = null; continue; }
      const type = attributes[k].type;
      if (type.kind === 'numeric') {
        const x = v.trim() === '' ? Number.NaN : Number(v);
        if (!Number.isFinite(x)) fail(lineNo, `value "${v}" of numeric attribute ${attributes[k].name} is not a number.`);
        row[k] = x;
      } else if (type.kind === 'nominal') {
        if (!type.values.includes(v)) fail(lineNo, `value "${v}" of ${attributes[k].name} is not one of {${type.values.join(',')}}.`);
        row[k] = v;
      } else row[k] = v;
    }
    rows.push(row);
  }
  if (relation === null) throw new DomainError('invalid-arff', 'ARFF text has no @relation line.', {});
  if (!inData) throw new DomainError('invalid-arff', 'ARFF text has no @data section.', {});
  return { relation, attributes, rows };
}

type Fail = (line: number, message: string) => never;

/** Reads one possibly quoted token; returns it and the rest of the text. */
function readToken(s: string, line: number, fail: Fail): [string, string] {
  if (s === '') fail(line, 'a name is missing.');
  const q = s[0];
  if (q === "'" || q === '"') {
    let out = '';
    for (let i = 1; i < s.length; i++) {
      if (s[i] === '\\' && i + 1 < s.length) { out += s[++i]; continue; }
      if (s[i] === q) return [out, s.slice(i + 1)];
      out += s[i];
    }
    fail(line, 'unterminated quote.');
  }
  const m = /^(\S+)(.*)$/.exec(s) as RegExpExecArray;
  return [m[1], m[2]];
}

function parseType(s: string, line: number, fail: Fail): ArffAttributeType {
  if (s.startsWith('{')) {
    const end = s.lastIndexOf('}');
    if (end < 0) fail(line, 'unterminated nominal value list.');
    const values = splitValues(s.slice(1, end), line, fail).map((v) => v.text);
    return { kind: 'nominal', values };
  }
  const lower = s.toLowerCase();
  if (lower === 'numeric' || lower === 'real' || lower === 'integer') return { kind: 'numeric' };
  if (lower === 'string') return { kind: 'string' };
  if (lower.startsWith('date')) {
    const rest = s.slice(4).trim();
    return { kind: 'date', format: rest === '' ? null : readToken(rest, line, fail)[0] };
  }
  return fail(line, `unsupported attribute type "${s}".`);
}

/** Splits a comma-separated list honouring single and double quotes; values are trimmed. */
function splitValues(s: string, line: number, fail: Fail): { text: string; quoted: boolean }[] {
  const out: { text: string; quoted: boolean }[] = [];
  let i = 0;
  const n = s.length;
  while (i <= n) {
    while (i < n && (s[i] === ' ' || s[i] === '\t')) i++;
    if (i < n && (s[i] === "'" || s[i] === '"')) {
      const [text, rest] = readToken(s.slice(i), line, fail);
      out.push({ text, quoted: true });
      const after = rest.trimStart();
      if (after !== '' && after[0] !== ',') fail(line, 'text after a quoted value.');
      i = n - after.length + 1;
      if (after === '') break;
      continue;
    }
    let j = s.indexOf(',', i);
    if (j < 0) j = n;
    out.push({ text: s.slice(i, j).trim(), quoted: false });
    i = j + 1;
    if (j === n) break;
  }
  return out;
}
