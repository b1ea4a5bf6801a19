import { germanRowToIndicators } from '../../domain/credit/german-row-to-indicators.js';
import type { SnapshotInput } from '../borrowers/snapshot-fields.js';

export const GERMAN_PORTFOLIO = 'Demo: German credit (real data, Statlog UCI 144, CC BY 4.0)';

/**
 * The data set has no dates: the loans were granted in 1973–1975 (Grömping 2019). One nominal as-of date is used
 * and said to be nominal wherever the demo shows it.
 */
export const GERMAN_NOMINAL_AS_OF = '1975-12-31';

/**
 * Snapshots from the Statlog German Credit data (german.data, Hofmann 1994, UCI 144, CC BY 4.0; 1,000 real loans,
 * 300 bad): indicators I12, I51, I52, I71 and I72 by `germanRowToIndicators` (documented proxies; the other 21
 * indicators stay missing and the scorer renormalises and flags them), the credit amount as the balance (DM),
 * outcome 1 for class 2 ("bad"). Industry, size band and classification are unknown (individual borrowers; never
 * invented). Rows are numbered as in the file.
 */
export function germanDemoPortfolio(text: string): SnapshotInput[] {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  return lines.map((line, i) => {
    const row = germanRowToIndicators(line);
    const indicators: Record<string, number | string> = {};
    for (const [id, v] of Object.entries(row.indicators)) if (v !== null) indicators[id] = v;
    const n = i + 1;
    return {
      borrowerRef: `DE-${String(n).padStart(4, '0')}`,
      borrowerName: `German credit, Statlog row ${n} (purpose ${row.purpose})`,
      asOf: GERMAN_NOMINAL_AS_OF,
      industry: null,
      sizeBand: null,
      region: 'DE',
      indicators,
      statement: null,
      loanBalance: row.creditAmount,
      classification: null,
      daysPastDue: null,
      outcome: row.bad ? 1 : 0,
      extra: {},
    };
  });
}
