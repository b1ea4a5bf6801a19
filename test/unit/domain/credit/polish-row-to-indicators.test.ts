import { describe, expect, it } from 'vitest';
import { parseArff } from '../../../../src/domain/credit/parse-arff.js';
import { polishRowToIndicators } from '../../../../src/domain/credit/polish-row-to-indicators.js';
import { scoreBorrower } from '../../../../src/domain/credit/score-borrower.js';
import { DomainError } from '../../../../src/domain/domain-error.js';
import { demoModel } from './demo-model.js';

// The first data row of 5year.arff (UCI 365), literally (checked byte for byte against the file); class 0.
const FIRST_ROW = '0.088238,0.55472,0.01134,1.0205,-66.52,0.34204,0.10949,0.57752,1.0881,0.32036,0.10949,0.1976,0.096885,0.10949,1475.2,0.24742,1.8027,0.10949,0.077287,50.199,1.1574,0.13523,0.062287,0.41949,0.32036,0.20912,1.0387,0.026093,6.1267,0.37788,0.077287,155.33,2.3498,0.24377,0.13523,1.4493,571.37,0.32101,0.095457,0.12879,0.11189,0.095457,127.3,77.096,0.45289,0.66883,54.621,0.10746,0.075859,1.0193,0.55407,0.42557,0.73717,0.73866,15182,0.080955,0.27543,0.91905,0.002024,7.2711,4.7343,142.76,2.5568,3.2597,0';

function parsedRow(): (number | string | null)[] {
  const header = ['@relation r', ...Array.from({ length: 64 }, (_, i) => `@attribute Attr${i + 1} numeric`), '@attribute class {0,1}', '@data'].join('\n');
  return [...parseArff(header + '\n' + FIRST_ROW + '\r\n').rows[0]];
}

// Oracle: credit-default-model.md's mapping applied by hand to the literal row (fractions × 100 for % indicators).
describe('polishRowToIndicators (credit-default-model.md mapping)', () => {
  const { indicators, bankrupt } = polishRowToIndicators(parsedRow());

  it('maps ratios, converting fractions to percentages where the unit is %', () => {
    expect(indicators.I21).toBeCloseTo(55.472, 10); // Attr2 0.55472
    expect(indicators.I22).toBe(1.0205); // Attr4
    expect(indicators.I23).toBe(0.66883); // Attr46
    expect(indicators.I24).toBe(1.0387); // Attr27
    expect(indicators.I31).toBeCloseTo(8.8238, 10); // Attr1 0.088238
    expect(indicators.I32).toBeCloseTo(6.2287, 10); // Attr23 0.062287
    expect(indicators.I33).toBe(0.20912); // Attr26
    expect(indicators.I41).toBe(77.096); // Attr44, already days
    expect(indicators.I42).toBe(54.621); // Attr47, already days
    expect(indicators.I43).toBeCloseTo(15.74, 10); // (Attr21 1.1574 − 1) × 100
    expect(indicators.I44).toBe(1.4493); // Attr36
    expect(bankrupt).toBe(false);
  });

  it('accepts a record keyed Attr1…Attr64/class; missing and non-finite values give null', () => {
    const record = Object.fromEntries(parsedRow().map((v, i) => [i < 64 ? `Attr${i + 1}` : 'class', v]));
    const r = polishRowToIndicators({ ...record, Attr2: null, Attr21: Number.POSITIVE_INFINITY, class: '1' });
    expect(r.indicators.I21).toBeNull();
    expect(r.indicators.I43).toBeNull();
    expect(r.indicators.I22).toBe(1.0205);
    expect(r.bankrupt).toBe(true);
  });

  it('scores under the default model with the non-financial criteria missing and flagged', () => {
    const e = scoreBorrower(demoModel(), { indicators: indicators });
    expect(e.missing).toEqual(['I11', 'I12', 'I13', 'I14', 'I34', 'I51', 'I52', 'I53', 'I54', 'I55', 'I61', 'I62', 'I63', 'I71', 'I72']);
    expect(e.warnings.filter((w) => w.code === 'criterion-missing').map((w) => w.criterion)).toEqual(['C1', 'C5', 'C6', 'C7']);
    expect(e.score).toBeGreaterThan(0);
  });

  it('rejects a short row or text in a used attribute', () => {
    expect(() => polishRowToIndicators([1, 2, 3])).toThrow(DomainError);
    expect(() => polishRowToIndicators({ Attr2: 'high' })).toThrow(/Attr2/);
  });
});
