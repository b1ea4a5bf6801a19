import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse';
import { seededRandom } from '../../../../src/domain/random/seeded-random.js';
import { detectFormat, readCsvRows, readHeaders, readTableRows, sniffDelimiter } from '../../../../src/features/borrowers/tabular-file.js';

const rows = async (input: Readable | Buffer, format: 'csv' | 'xlsx' = 'csv') => {
  const out: string[][] = [];
  for await (const r of readTableRows(input, format)) out.push(r);
  return out;
};

describe('sniffDelimiter', () => {
  it('takes the separator that occurs most often outside quotes in the header line', () => {
    expect(sniffDelimiter('a,b,c')).toBe(',');
    expect(sniffDelimiter('a;b;c')).toBe(';');
    expect(sniffDelimiter('a\tb\tc')).toBe('\t');
    expect(sniffDelimiter('"x, y";b;c')).toBe(';');
    expect(sniffDelimiter('single')).toBe(',');
    expect(sniffDelimiter('a,b;c')).toBe(',');
  });
});

describe('readTableRows', () => {
  it('reads comma, semicolon and tab files with one separator each; quotes, BOM, CRLF and blank lines', async () => {
    expect(await rows(Buffer.from('\ufeffa,b\r\n"x, y",2\r\n\r\n,\r\n3,4\r\n'))).toEqual([['a', 'b'], ['x, y', '2'], ['3', '4']]);
    expect(await rows(Buffer.from('a;b\nFirma, s.a.;62,5\n'))).toEqual([['a', 'b'], ['Firma, s.a.', '62,5']]);
    expect(await rows(Buffer.from('a\tb\n1,5\t2;3\n'))).toEqual([['a', 'b'], ['1,5', '2;3']]);
  });

  it('streams a file given in many small chunks, the header split across them', async () => {
    const text = 'borrower;asOf\n' + Array.from({ length: 1000 }, (_, i) => `B${i};2026-09-30`).join('\n');
    const chunks = text.match(/[\s\S]{1,7}/g)!.map((c) => Buffer.from(c));
    const out = await rows(Readable.from(chunks));
    expect(out).toHaveLength(1001);
    expect(out[0]).toEqual(['borrower', 'asOf']);
    expect(out[1000]).toEqual(['B999', '2026-09-30']);
  });

  it('fails (instead of waiting forever) when the source stream fails', async () => {
    async function* broken() { yield Buffer.from('a,b\n1,2\n'); throw new Error('disk gone'); }
    await expect(rows(Readable.from(broken()))).rejects.toThrow('disk gone');
  });

  it('reads the first worksheet of an XLSX file, numbers and dates as text, padded to the header width', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('one');
    ws.addRow(['borrower', 'asOf', 'I21']);
    ws.addRow(['X-1', new Date(Date.UTC(2026, 8, 30)), 62.5]);
    ws.addRow(['X-2']);
    wb.addWorksheet('two').addRow(['ignored']);
    const buffer = Buffer.from(await wb.xlsx.writeBuffer());
    expect(await rows(buffer, 'xlsx')).toEqual([['borrower', 'asOf', 'I21'], ['X-1', '2026-09-30', '62.5'], ['X-2', '', '']]);
    expect(await readHeaders(buffer, 'xlsx')).toEqual(['borrower', 'asOf', 'I21']);
  });
});

describe('readCsvRows', () => {
  const collect = async (source: AsyncIterable<string[]>): Promise<string[][] | 'error'> => {
    const out: string[][] = [];
    try {
      for await (const r of source) out.push(r);
    } catch {
      return 'error';
    }
    return out;
  };

  it('reads what csv-parse reads (the same rows, or an error), on 4,000 seeded random files in random chunks', async () => {
    const rng = seededRandom(20261202);
    const pieces = ['a', 'B1', '12.5', 'x y', ' ', '  ', '\t', ',', ';', '"', '""', '"a,b"', '\n', '\n', '\r\n', '\r', '\f', 'é', '中文', '\u00a0', '\u3000', 'x"y'];
    for (let k = 0; k < 4000; k++) {
      let text = '';
      for (let n = rng.nextInt(40); n > 0; n--) text += pieces[rng.nextInt(pieces.length)];
      const delimiter = [',', ';', '\t'][rng.nextInt(3)]!;
      const form = rng.nextInt(10);
      const bytes = form === 0 ? Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])
        : Buffer.from(form === 1 ? `\ufeff${text}` : text);
      // UTF-16 in one chunk: csv-parse itself reads a UTF-16 file split at odd places differently.
      const chunks: Buffer[] = form === 0 ? [bytes] : [];
      for (let at = form === 0 ? bytes.length : 0; at < bytes.length;) {
        const size = 1 + rng.nextInt(rng.next() < 0.5 ? 4 : 64);
        chunks.push(bytes.subarray(at, at + size));
        at += size;
      }
      // The oracle: csv-parse with the import's options.
      const oracle = parse({ bom: true, delimiter, skip_empty_lines: true, trim: true, relax_column_count: true });
      oracle.end(bytes);
      const expected = await collect(oracle as AsyncIterable<string[]>);
      const actual = await collect(readCsvRows(Readable.from(chunks), delimiter));
      expect(actual, JSON.stringify({ text, delimiter, form })).toEqual(expected);
    }
  });
});

describe('detectFormat', () => {
  it('knows XLSX by its zip signature, refuses binary or a fake .xlsx, else CSV', () => {
    expect(detectFormat('a.bin', Buffer.from([0x50, 0x4b, 0x03, 0x04, 1]))).toBe('xlsx');
    expect(detectFormat('a.xlsx', Buffer.from('a,b'))).toBeNull();
    expect(detectFormat('a.csv', Buffer.from([0x61, 0x00, 0x62]))).toBeNull();
    expect(detectFormat('a.txt', Buffer.from('a;b'))).toBe('csv');
  });
});
