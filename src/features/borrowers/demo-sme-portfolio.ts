import { minimumClassification } from '../../domain/credit/minimum-classification.js';
import { seededRandom } from '../../domain/random/seeded-random.js';
import { parseSnapshotRow, type SnapshotInput } from './snapshot-fields.js';

/** Quarter ends of the synthetic demo portfolio. */
export const DEMO_SME_DATES = ['2025-12-31', '2026-03-31', '2026-06-30', '2026-09-30'] as const;
export const DEMO_SME_PORTFOLIO = 'Demo SME portfolio (synthetic)';

/** Industries of the demo (GB/T 4754 sections) and their synthetic prosperity index per demo quarter and the year before. */
export const DEMO_INDUSTRIES: { code: string; en: string; zh: string; index: number[] }[] = [
  // 2025Q1 … 2026Q3 (7 quarters): construction falls below 90 for the last three quarters.
  { code: 'C', en: 'manufacturing', zh: '制造业', index: [101, 100, 99, 98, 99, 100, 101] },
  { code: 'F', en: 'wholesale & retail', zh: '批发和零售业', index: [98, 97, 99, 96, 95, 94, 96] },
  { code: 'E', en: 'construction', zh: '建筑业', index: [97, 95, 93, 91, 88, 85, 83] },
  { code: 'G', en: 'transport & logistics', zh: '交通运输业', index: [100, 102, 103, 104, 103, 105, 106] },
  { code: 'I', en: 'IT services', zh: '信息技术服务业', index: [110, 112, 113, 115, 116, 118, 117] },
  { code: 'A', en: 'agriculture', zh: '农林牧渔业', index: [96, 98, 97, 99, 100, 99, 98] },
];
export const DEMO_INDEX_PERIODS = ['2025-Q1', '2025-Q2', '2025-Q3', '2025-Q4', '2026-Q1', '2026-Q2', '2026-Q3'];

const REGIONS = ['Zhejiang', 'Jiangsu', 'Guangdong', 'Sichuan', 'Shandong', 'Hubei'];
const SIZES = ['micro', 'small', 'medium'] as const;

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));
const r2 = (x: number) => String(Math.round(x * 100) / 100);

/**
 * About 40 synthetic SME borrowers ("Demo SME 01 …"), four quarterly snapshots each, generated deterministically
 * (seed 2026) so that every part of the model has content: all grades, caps and knock-outs (dishonest-debtor
 * list, restricted and eliminated industries, > 90 days past due, insolvency, default), every early-warning
 * signal, the five loan classifications, six industries and three size bands, statements that derive ratios and
 * directly given indicators. SYNTHETIC: invented for demonstration, not real firms. Each row passes through
 * parseSnapshotRow, the same validation as an import.
 */
export function demoSmePortfolio(count = 40): SnapshotInput[] {
  const rnd = seededRandom(2026);
  const out: SnapshotInput[] = [];
  for (let k = 0; k < count; k++) {
    const n = k + 1;
    const industry = DEMO_INDUSTRIES[k % DEMO_INDUSTRIES.length]!;
    const size = SIZES[(k * 7) % 3]!;
    const region = REGIONS[k % REGIONS.length]!;
    const q0 = 0.3 + 0.65 * rnd.next();
    let trend = rnd.nextNormal() * 0.03;
    if (k % 9 === 5) trend = -0.13; // deteriorating fast: downgrade by ≥ 2 notches
    const scale = size === 'micro' ? 3e6 : size === 'small' ? 2e7 : 9e7;
    const balance = Math.round((size === 'micro' ? 0.6e6 : size === 'small' ? 4e6 : 1.8e7) * (0.6 + rnd.next()));
    const ownerYears = Math.round(2 + 14 * q0 + rnd.next() * 3);
    const founded = 1 + Math.round(12 * rnd.next());
    const revenuePrior = scale * (0.8 + 0.6 * rnd.next());
    DEMO_SME_DATES.forEach((asOf, t) => {
      const q = clamp(q0 + trend * t + rnd.nextNormal() * 0.02, 0.05, 0.97);
      const raw: Record<string, string> = {
        borrower: `DEMO-SME-${String(n).padStart(2, '0')}`,
        name: `Demo SME ${String(n).padStart(2, '0')} — ${industry.en} (synthetic)`,
        asOf, industry: industry.code, sizeBand: size, region,
      };
      // C1
      raw.I11 = q > 0.55 ? 'none' : q > 0.4 ? 'cured30' : q > 0.22 ? 'dpd31_90' : 'dpd90_or_list';
      raw.I12 = String(ownerYears);
      raw.I13 = r2(founded + t * 0.25);
      raw.I14 = q > 0.78 ? 'audited' : q > 0.5 ? 'tax_matched' : q > 0.3 ? 'internal' : 'none';
      // C2–C4 and I63: statements for even borrowers, direct values for odd ones
      let revenue = revenuePrior * (1 + (q - 0.45) * 0.35 + rnd.nextNormal() * 0.04);
      if (n === 31 && t === 3) revenue = revenuePrior * 0.58; // revenue down > 30 % year on year
      if (k % 2 === 0) {
        const assets = scale * (0.9 + 0.3 * rnd.next());
        const liabilities = assets * clamp(0.9 - 0.5 * q + rnd.nextNormal() * 0.03, 0.2, 0.98);
        const currentLiabilities = liabilities * 0.65;
        const currentAssets = currentLiabilities * clamp(0.6 + 1.6 * q, 0.4, 2.6);
        const inventory = currentAssets * (0.25 + 0.15 * rnd.next());
        const ebit = revenue * (0.14 * q - 0.02);
        Object.assign(raw, {
          totalAssets: r2(assets), totalAssetsPrior: r2(assets * 0.95), totalLiabilities: r2(liabilities),
          currentAssets: r2(currentAssets), currentLiabilities: r2(currentLiabilities), inventory: r2(inventory),
          receivables: r2(revenue * (40 + 120 * (1 - q)) / 365), revenue: r2(revenue), revenuePrior: r2(revenuePrior),
          costOfGoodsSold: r2(revenue * 0.78), netProfit: r2(ebit * 0.7 - liabilities * 0.01), ebit: r2(ebit),
          interestExpense: r2(liabilities * 0.045), depreciation: r2(assets * 0.03), operatingCashFlow: r2(revenue * (0.12 * q - 0.03)),
          debtServiceDue12m: r2(liabilities * 0.25), top5CustomerRevenue: r2(revenue * clamp(0.85 - 0.5 * q, 0.15, 0.95)),
        });
      } else {
        Object.assign(raw, {
          I21: r2(clamp(88 - 50 * q + rnd.nextNormal() * 3, 15, 98)), I22: r2(0.6 + 1.6 * q), I23: r2(0.25 + 1.1 * q),
          I24: r2(-0.5 + 7 * q), I31: r2(-4 + 13 * q), I32: r2(-4 + 12 * q), I33: r2(-0.15 + 0.5 * q), I34: r2(0.7 + 1.4 * q),
          I41: r2(250 - 210 * q), I42: r2(220 - 180 * q), I43: r2((revenue / revenuePrior - 1) * 100), I44: r2(0.2 + 1.2 * q),
          I63: r2(clamp(92 - 60 * q, 15, 95)), revenue: r2(revenue), revenuePrior: r2(revenuePrior),
        });
      }
      // C5
      let dpd = q < 0.3 ? 5 + Math.round(20 * rnd.next()) : 0;
      if (n === 15) dpd = [0, 15, 45, 120][t]!; // escalating arrears: knock-out above 90 days
      if (n === 38) dpd = [95, 180, 240, 300][t]!; // doubtful
      if (n === 19 && t === 3) dpd = 400; // loss
      raw.daysPastDue = String(dpd);
      raw.I51 = q > 0.6 ? 'clean' : q > 0.42 ? 'cured30' : q > 0.25 ? 'dpd31_90_or_sm' : 'dpd90_or_npl';
      raw.I52 = dpd > 90 ? 'dpd90' : dpd > 30 ? 'dpd31_90' : dpd > 7 ? 'dpd8_30' : dpd > 0 ? 'once_le7' : 'none';
      raw.I53 = q > 0.75 ? 'A' : q > 0.5 ? 'B' : q > 0.35 ? 'M' : q > 0.2 ? 'C' : 'D';
      if (n === 23) raw.I53 = t < 3 ? 'B' : 'C'; // tax grade falls to C
      raw.I54 = q > 0.35 ? 'no_arrears' : 'late_lt30';
      if (n === 27 && t === 3) raw.I54 = 'supply_cut';
      raw.I55 = q > 0.4 ? 'none' : 'minor_resolved';
      // C6
      raw.I61 = String(industry.index[t + 3]);
      raw.I62 = industry.code === 'I' || industry.code === 'A' ? 'encouraged' : 'permitted';
      if (n === 7) raw.I62 = 'restricted'; // grade cap B
      if (n === 11) raw.I62 = 'eliminated'; // knock-out
      // C7
      const coverage = clamp(0.15 + 1.3 * q + rnd.nextNormal() * 0.1, 0, 1.8);
      raw.I71 = r2(coverage);
      raw.I72 = q > 0.8 ? 'corporate_a' : q > 0.6 ? 'guarantee_company' : q > 0.4 ? 'owner_personal' : k % 4 === 0 ? 'government_fund' : 'none';
      // Loan and flags
      raw.loanBalance = String(balance);
      let classification = minimumClassification(dpd);
      if (classification === 'normal' && q < 0.28) classification = 'special-mention';
      raw.classification = classification;
      raw.creditLineUsePct = r2(clamp(35 + 60 * (1 - q) + rnd.nextNormal() * 5, 5, 100));
      raw.collateralValue = String(Math.round(balance * coverage));
      if (n === 35) { raw.creditLineUsePct = String(93 + t); raw.collateralValue = String(Math.round(balance * coverage * (t === 3 ? 0.7 : 1))); }
      if (n === 3 && t === 3) { raw.dishonestDebtorList = '1'; raw.I55 = 'dishonest_list'; }
      if (n === 19 && t === 3) { raw.insolvency = '1'; raw.inDefault = '1'; }
      if (n === 12 && t >= 2) raw.otherBankOverdue = '1';
      const parsed = parseSnapshotRow(raw);
      if (!parsed.input) throw new Error(`demo SME row ${n}/${asOf} is invalid: ${JSON.stringify(parsed.errors)}`);
      out.push(parsed.input);
    });
  }
  return out;
}
