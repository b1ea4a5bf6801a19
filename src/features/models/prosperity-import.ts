import { detectFormat, readTableRows } from '../borrowers/tabular-file.js';
import { normaliseHeader, parseNumber } from '../borrowers/snapshot-fields.js';
import { parsePeriod } from './prosperity-table.js';

export interface ProsperityImportResult {
  rows: { industry: string; periodEnd: string; periodLabel: string; value: number }[];
  /** Row-numbered problems (the header is row 1); any problem means nothing is imported. */
  issues: { row: number; key: string; params?: Record<string, string | number> }[];
}

const COLUMNS: Record<'industry' | 'period' | 'value', string[]> = {
  industry: ['industry', 'industry code', '行业', '行业代码'],
  period: ['period', 'quarter', 'date', 'period end', '期间', '季度', '日期'],
  value: ['index', 'value', 'prosperity index', '指数', '景气指数'],
};

/**
 * Reads an industry prosperity index table (CSV or XLSX; columns industry, period, index — period as YYYY-Qn,
 * YYYY-MM, YYYY or a period-end date; index 100 = neutral). Values must be finite and in (0, 1000]; a duplicate
 * industry × period is a problem.
 */
export async function readProsperityFile(fileName: string, buffer: Buffer): Promise<ProsperityImportResult> {
  const issues: ProsperityImportResult['issues'] = [];
  const rows: ProsperityImportResult['rows'] = [];
  const format = detectFormat(fileName, buffer);
  if (!format) return { rows, issues: [{ row: 1, key: 'borrowers.import.badFormat' }] };
  let header: number[] | null = null;
  let n = 0;
  const seen = new Set<string>();
  for await (const cells of readTableRows(buffer, format)) {
    n++;
    if (!header) {
      const normal = cells.map(normaliseHeader);
      header = (['industry', 'period', 'value'] as const).map((k) => normal.findIndex((h) => COLUMNS[k].map(normaliseHeader).includes(h)));
      if (header.some((i) => i < 0)) return { rows, issues: [{ row: 1, key: 'models.prosperity.columns' }] };
      continue;
    }
    const [ci, pi, vi] = header as [number, number, number];
    const industry = (cells[ci] ?? '').trim();
    const period = parsePeriod(cells[pi] ?? '');
    const value = parseNumber(cells[vi] ?? '');
    if (!/^[A-Za-z0-9_.-]{1,40}$/.test(industry)) issues.push({ row: n, key: 'models.prosperity.badIndustry', params: { value: industry.slice(0, 40) } });
    if (!period) issues.push({ row: n, key: 'models.prosperity.badPeriod', params: { value: (cells[pi] ?? '').slice(0, 40) } });
    if (value === null || Number.isNaN(value) || !(value > 0 && value <= 1000)) issues.push({ row: n, key: 'models.prosperity.badValue', params: { value: (cells[vi] ?? '').slice(0, 40) } });
    if (industry && period) {
      const key = `${industry}|${period.periodEnd}`;
      if (seen.has(key)) issues.push({ row: n, key: 'models.prosperity.duplicate', params: { industry, period: period.label } });
      seen.add(key);
      if (value !== null && !Number.isNaN(value)) rows.push({ industry, periodEnd: period.periodEnd, periodLabel: period.label, value });
    }
    if (issues.length > 200) break;
  }
  if (n <= 1 && issues.length === 0) issues.push({ row: 1, key: 'borrowers.issue.emptyFile' });
  return { rows, issues };
}
