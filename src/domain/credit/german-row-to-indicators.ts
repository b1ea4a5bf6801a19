import { DomainError } from '../domain-error.js';

export interface GermanBorrower {
  /** C1, C5 and C7 indicators in the default model's units and codes; null = not derivable. */
  readonly indicators: Readonly<Record<'I12' | 'I51' | 'I52' | 'I71' | 'I72', number | string | null>>;
  /** class 2 = bad (the outcome). */
  readonly bad: boolean;
  /** Purpose code (A40 … A410; A49 = business) and credit amount (DM), for selecting subsets. */
  readonly purpose: string;
  readonly creditAmount: number;
}

/** How to read the credit-history codes A30–A34 (german.doc's labels are known to be wrong; Grömping 2019). */
export type GermanHistoryLabels = 'groemping-2019' | 'german-doc';

const CHECKING: Record<string, string | null> = {
  A11: 'dpd8_30', // < 0 DM: overdrawn at this bank
  A12: 'once_le7', // 0 ≤ … < 200 DM
  A13: 'none', // ≥ 200 DM or salary assignment for ≥ 1 year
  A14: null, // no checking account: no conduct at this bank to judge
};
const HISTORY: Record<GermanHistoryLabels, Record<string, string>> = {
  // Grömping (2019), South German Credit code table, positions 0–4 = A30–A34:
  // delay in paying off in the past · critical account/other credits elsewhere · no credits taken/all paid back
  // duly · existing credits paid back duly till now · all credits at this bank paid back duly.
  'groemping-2019': { A30: 'cured30', A31: 'dpd31_90_or_sm', A32: 'clean', A33: 'clean', A34: 'clean' },
  // german.doc as published: no credits/all paid duly · all at this bank paid duly · existing paid duly till
  // now · delay in the past · critical account/other credits existing.
  'german-doc': { A30: 'clean', A31: 'clean', A32: 'clean', A33: 'cured30', A34: 'dpd31_90_or_sm' },
};
const EMPLOYMENT_YEARS: Record<string, number> = { A71: 0, A72: 0.5, A73: 2.5, A74: 5.5, A75: 7 };
const GUARANTOR: Record<string, string> = { A101: 'none', A102: 'owner_personal', A103: 'owner_personal' };
const PROPERTY_COVERAGE: Record<string, number> = { A121: 1.0, A122: 0.5, A123: 0.25, A124: 0 };

/**
 * Maps one row of the Statlog German Credit data (Hofmann 1994, UCI 144; 21 space-separated fields) to
 * default-model indicators as credit-default-model.md prescribes (checking status and credit history → C5,
 * guarantors and property → C7, employment length → C1). These are individual borrowers, so every mapping is a
 * PROXY chosen here and documented; use the set to test the pipeline and metrics, not to judge indicators.
 * - I52 repayment at this bank ← checking status (field 1): A11 (< 0 DM, overdrawn) 'dpd8_30' · A12 (0–200 DM)
 *   'once_le7' · A13 (≥ 200 DM / salary) 'none' · A14 (no checking account) missing.
 * - I51 credit report ← credit history (field 3). german.doc's labels are wrong for this attribute (Grömping
 *   2019, "South German Credit Data: Correcting a Widely Used Data Set", Beuth Univ. Report 4/2019); by default
 *   the corrected reading: A30 past delay 'cured30' · A31 critical account 'dpd31_90_or_sm' · A32, A33, A34
 *   'clean'. `historyLabels: 'german-doc'` uses the published labels instead (A33 'cured30', A34
 *   'dpd31_90_or_sm', others 'clean').
 * - I12 experience in years ← employment since (field 7): A71 unemployed 0 · A72 < 1 y 0.5 · A73 1–4 y 2.5 ·
 *   A74 4–7 y 5.5 · A75 ≥ 7 y 7 (interval midpoints; the open interval at its lower bound).
 * - I72 guarantee ← other debtors (field 10): A101 none 'none' · A102 co-applicant and A103 guarantor
 *   'owner_personal' (a personal liability, the nearest code).
 * - I71 coverage ← property (field 12), an ordinal proxy, not an appraisal (the property is not pledged):
 *   A121 real estate 1.0 · A122 building society savings/life insurance 0.5 · A123 car or other 0.25 ·
 *   A124 unknown/no property 0.
 * The outcome (field 21: 1 good, 2 bad) is not affected by the label errors. Throws DomainError `invalid-row`
 * for a row without 21 fields or with an unknown code in a used field.
 */
export function germanRowToIndicators(
  fields: readonly string[] | string,
  historyLabels: GermanHistoryLabels = 'groemping-2019',
): GermanBorrower {
  const f = typeof fields === 'string' ? fields.trim().split(/\s+/) : fields;
  if (f.length !== 21) {
    throw new DomainError('invalid-row', `A German credit row has 21 fields; got ${f.length}.`, { length: f.length });
  }
  const bad: string[] = [];
  const look = <T>(table: Record<string, T>, field: number): T => {
    const code = f[field - 1];
    if (!Object.prototype.hasOwnProperty.call(table, code)) bad.push(`field ${field} "${code}"`);
    return table[code];
  };
  const I52 = look(CHECKING, 1);
  const I51 = look(HISTORY[historyLabels], 3);
  const I12 = look(EMPLOYMENT_YEARS, 7);
  const I72 = look(GUARANTOR, 10);
  const I71 = look(PROPERTY_COVERAGE, 12);
  const outcome = f[20];
  if (outcome !== '1' && outcome !== '2') bad.push(`field 21 "${outcome}"`);
  const creditAmount = Number(f[4]);
  if (!Number.isFinite(creditAmount) || f[4] === '') bad.push(`field 5 "${f[4]}"`);
  if (bad.length > 0) {
    throw new DomainError('invalid-row', `Unknown codes in the German credit row: ${bad.join(', ')}.`, { fields: bad });
  }
  return { indicators: { I12, I51, I52, I71, I72 }, bad: outcome === '2', purpose: f[3], creditAmount };
}
