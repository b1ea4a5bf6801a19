import type { Response } from 'express';
import ExcelJS from 'exceljs';
import { stringify } from 'csv-stringify/sync';

/** A column of an exported table: header text and how to read the cell from a row. */
export interface ExportColumn<Row> {
  header: string;
  value: (row: Row) => string | number | boolean | null | undefined;
}

export interface ExportSheet<Row = Record<string, unknown>> {
  name: string;
  columns: ExportColumn<Row>[];
  rows: Row[];
}

/**
 * Neutralises spreadsheet formula injection (OWASP "CSV Injection"): a text cell starting with = + - @, tab or
 * carriage return is prefixed with a single quote, so Excel and LibreOffice show it as text instead of running it.
 * Numbers stay numbers (a negative number is not text and is safe).
 */
export function neutraliseFormula(value: string | number | boolean | null | undefined): string | number | boolean | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'string') return value;
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** File names are made by the server only: letters, digits, dot, dash and underscore, never a path. */
export function safeFileName(base: string, extension: string): string {
  const cleaned = base
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/\.{2,}/g, '.')
    .replace(/^[-.]+|[-.]+$/g, '')
    .slice(0, 80);
  return `${cleaned || 'export'}.${extension}`;
}

export function toCsv<Row>(sheet: ExportSheet<Row>): string {
  const records = sheet.rows.map((row) => sheet.columns.map((c) => neutraliseFormula(c.value(row))));
  // A UTF-8 byte-order mark lets Excel open Chinese text correctly.
  return '\ufeff' + stringify([sheet.columns.map((c) => neutraliseFormula(c.header)), ...records], { cast: { boolean: (b) => (b ? 'true' : 'false') } });
}

export function sendCsv<Row>(res: Response, fileBase: string, sheet: ExportSheet<Row>): void {
  res.set('Content-Type', 'text/csv; charset=utf-8');
  res.set('Content-Disposition', `attachment; filename="${safeFileName(fileBase, 'csv')}"`);
  res.set('Cache-Control', 'no-store');
  res.send(toCsv(sheet));
}

export async function toXlsx(sheets: ExportSheet<any>[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const usedNames = new Set<string>();
  for (const sheet of sheets) {
    // Excel sheet names: at most 31 characters, none of : \ / ? * [ ], unique.
    let name = sheet.name.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31) || 'Sheet';
    for (let i = 2; usedNames.has(name); i++) name = `${name.slice(0, 28)} ${i}`;
    usedNames.add(name);
    const ws = workbook.addWorksheet(name);
    ws.addRow(sheet.columns.map((c) => neutraliseFormula(c.header)));
    ws.getRow(1).font = { bold: true };
    for (const row of sheet.rows) ws.addRow(sheet.columns.map((c) => neutraliseFormula(c.value(row))));
    ws.columns.forEach((column) => {
      column.width = 16;
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export async function sendXlsx(res: Response, fileBase: string, sheets: ExportSheet<any>[]): Promise<void> {
  const buffer = await toXlsx(sheets);
  res.set('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  res.set('Content-Disposition', `attachment; filename="${safeFileName(fileBase, 'xlsx')}"`);
  res.set('Cache-Control', 'no-store');
  res.send(buffer);
}
