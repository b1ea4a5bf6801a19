import { describe, expect, it } from 'vitest';
import { germanRowToIndicators } from '../../../../src/domain/credit/german-row-to-indicators.js';
import { DomainError } from '../../../../src/domain/domain-error.js';

// Rows 1 and 2 of german.data (UCI 144), literally.
const ROW1 = 'A11 6 A34 A43 1169 A65 A75 4 A93 A101 4 A121 67 A143 A152 2 A173 1 A192 A201 1';
const ROW2 = 'A12 48 A32 A43 5951 A61 A73 2 A92 A101 2 A121 22 A143 A152 1 A173 1 A191 A201 2';

// Oracle: the code mapping documented in german-row-to-indicators.ts (a proxy mapping; german.doc codes, and
// Grömping 2019's corrected reading of credit history), applied by hand.
describe('germanRowToIndicators (documented proxy mapping)', () => {
  it('row 1: A11 → I52 dpd8_30, A34 → I51 clean, A75 → I12 7 y, A101 → I72 none, A121 → I71 1.0; good', () => {
    expect(germanRowToIndicators(ROW1)).toEqual({
      indicators: { I52: 'dpd8_30', I51: 'clean', I12: 7, I72: 'none', I71: 1 }, bad: false, purpose: 'A43', creditAmount: 1169,
    });
  });

  it('row 2 split into fields: A12 → once_le7, A73 → 2.5 y; class 2 = bad', () => {
    const r = germanRowToIndicators(ROW2.split(' '));
    expect(r.indicators).toEqual({ I52: 'once_le7', I51: 'clean', I12: 2.5, I72: 'none', I71: 1 });
    expect(r.bad).toBe(true);
  });

  it('credit history: the corrected reading by default, german.doc labels on request (A30, A31, A33, A34 differ)', () => {
    const withHistory = (code: string) => ROW1.replace('A34', code);
    expect(['A30', 'A31', 'A32', 'A33', 'A34'].map((c) => germanRowToIndicators(withHistory(c)).indicators.I51))
      .toEqual(['cured30', 'dpd31_90_or_sm', 'clean', 'clean', 'clean']);
    expect(['A30', 'A31', 'A32', 'A33', 'A34'].map((c) => germanRowToIndicators(withHistory(c), 'german-doc').indicators.I51))
      .toEqual(['clean', 'clean', 'clean', 'cured30', 'dpd31_90_or_sm']);
  });

  it('no checking account (A14) leaves I52 missing; guarantor and co-applicant map to a personal guarantee', () => {
    const r = germanRowToIndicators(ROW1.replace('A11', 'A14').replace('A101', 'A103'));
    expect(r.indicators.I52).toBeNull();
    expect(r.indicators.I72).toBe('owner_personal');
  });

  it('tolerates the trailing space of line 267 but rejects wrong field counts and unknown codes', () => {
    expect(germanRowToIndicators(ROW1 + ' ').bad).toBe(false);
    expect(() => germanRowToIndicators('A11 6 A34')).toThrow(DomainError);
    expect(() => germanRowToIndicators(ROW1.replace('A121', 'A129'))).toThrow(/field 12 "A129"/);
    expect(() => germanRowToIndicators(ROW1.replace(/ 1$/, ' 3'))).toThrow(/field 21/);
  });
});
