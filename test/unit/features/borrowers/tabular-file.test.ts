import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { detectFormat, readHeaders, readTableRows, sniffDelimiter } from '../../../../src/features/borrowers/tabular-file.js';

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

describe('detectFormat', () => {
  it('knows XLSX by its zip signature, refuses binary or a fake .xlsx, else CSV', () => {
    expect(detectFormat('a.bin', Buffer.from([0x50, 0x4b, 0x03, 0x04, 1]))).toBe('xlsx');
    expect(detectFormat('a.xlsx', Buffer.from('a,b'))).toBeNull();
    expect(detectFormat('a.csv', Buffer.from([0x61, 0x00, 0x62]))).toBeNull();
    expect(detectFormat('a.txt', Buffer.from('a;b'))).toBe('csv');
  });
});
