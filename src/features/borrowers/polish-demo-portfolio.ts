import { parseArff } from '../../domain/credit/parse-arff.js';
import { polishRowToIndicators } from '../../domain/credit/polish-row-to-indicators.js';
import type { SnapshotInput } from './snapshot-fields.js';

export const POLISH_PORTFOLIO = 'Demo: Polish companies, 5th year (real data, UCI 365, CC BY 4.0)';

/**
 * The data set gives no date per firm (UCI: bankrupt firms observed 2000–2012, operating firms 2007–2013; "5year"
 * holds ratios of the 5th forecasting year, the outcome is the status one year later). A single nominal as-of date
 * is used and said to be nominal wherever it is shown.
 */
export const POLISH_NOMINAL_AS_OF = '2013-12-31';

/**
 * Snapshots from the Polish companies bankruptcy data, 5year.arff (Tomczak 2016, UCI 365, CC BY 4.0; real firms,
 * real outcomes), mapped by polishRowToIndicators as credit-default-model.md prescribes. Honest by construction:
 * only the 11 financial indicators the data has are filled (the other 15 stay missing: the scorer renormalises
 * and flags them); industry 'C' because UCI describes the firms as mostly manufacturing (not a per-firm code);
 * size band, balance and loan classification unknown (never invented); outcome = the data's class
 * (1 = went bankrupt). Rows are numbered as in the file (1 … 5,910).
 */
export function polishDemoPortfolio(arffText: string): { snapshots: SnapshotInput[]; skipped: number } {
  const data = parseArff(arffText);
  const snapshots: SnapshotInput[] = [];
  let skipped = 0;
  data.rows.forEach((row, i) => {
    const mapped = polishRowToIndicators(row);
    const indicators: Record<string, number> = {};
    for (const [id, v] of Object.entries(mapped.indicators)) if (v !== null) indicators[id] = v;
    if (Object.keys(indicators).length === 0) { skipped++; return; }
    const n = i + 1;
    snapshots.push({
      borrowerRef: `PL5Y-${String(n).padStart(4, '0')}`,
      borrowerName: `Polish company, UCI 365 5year row ${n}`,
      asOf: POLISH_NOMINAL_AS_OF,
      industry: 'C',
      sizeBand: null,
      region: 'PL',
      indicators,
      statement: null,
      loanBalance: null,
      classification: null,
      daysPastDue: null,
      outcome: mapped.bankrupt === null ? null : mapped.bankrupt ? 1 : 0,
      extra: {},
    });
  });
  return { snapshots, skipped };
}
