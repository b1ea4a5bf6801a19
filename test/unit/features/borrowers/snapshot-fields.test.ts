import { describe, expect, it } from 'vitest';
import { DEFAULT_INDEX_SYSTEM } from '../../../../src/domain/credit/default-index-system.js';
import { seededRandom } from '../../../../src/domain/random/seeded-random.js';
import { SNAPSHOT_FIELDS, guessMapping, matchCode, parseDate, parseNumber, parseSnapshotRow, rowFieldsOf, snapshotToRaw } from '../../../../src/features/borrowers/snapshot-fields.js';

const indicator = (id: string) => DEFAULT_INDEX_SYSTEM.indicators.find((i) => i.id === id)!;
const keys = (issues: { field: string; key: string }[]) => issues.map((i) => `${i.field}:${i.key.replace('borrowers.issue.', '')}`);

describe('parseNumber and parseDate', () => {
  it('reads numbers as people write them, never Infinity or NaN as a value', () => {
    expect(parseNumber(' 12.5 ')).toBe(12.5);
    expect(parseNumber('1,234,567.8')).toBe(1234567.8);
    expect(parseNumber('55%')).toBe(55);
    expect(parseNumber('-.5')).toBe(-0.5);
    expect(parseNumber('1e3')).toBe(1000);
    expect(parseNumber('')).toBeNull();
    for (const bad of ['abc', '1,2', '62,5', '1e999', 'Infinity', 'NaN', '--1', '1.2.3']) expect(parseNumber(bad), bad).toBeNaN();
  });

  it('reads every text like its written-out patterns do (the scan for plain decimals included), on 50,000 seeded random texts', () => {
    // The definition: spaces removed, a trailing % dropped, thousands separators removed, then a decimal number.
    const reference = (text: string): number | null => {
      let s = text.trim().replace(/\s+/g, '');
      if (s === '') return null;
      if (s.endsWith('%')) s = s.slice(0, -1);
      if (/^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(s)) s = s.replace(/,/g, '');
      if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) return Number.NaN;
      const x = Number(s);
      return Number.isFinite(x) ? x : Number.NaN;
    };
    const rng = seededRandom(20261202);
    const alphabet = ['0', '1', '5', '9', '.', 'e', 'E', '+', '-', ' ', ',', '%', 'x', '0x', '_'];
    for (let k = 0; k < 50_000; k++) {
      let s = '';
      for (let n = rng.nextInt(9); n > 0; n--) s += alphabet[rng.nextInt(alphabet.length)];
      expect(Object.is(parseNumber(s), reference(s)) || (Number.isNaN(parseNumber(s)) && Number.isNaN(reference(s))), JSON.stringify(s)).toBe(true);
    }
  });

  it('reads ISO-like dates and refuses impossible ones', () => {
    expect(parseDate('2026-09-30')).toBe('2026-09-30');
    expect(parseDate('2026/9/3')).toBe('2026-09-03');
    expect(parseDate('2026.12.31 00:00')).toBe('2026-12-31');
    expect(parseDate('2026-02-29')).toBeNull();
    expect(parseDate('2024-02-29')).toBe('2024-02-29');
    expect(parseDate('30/09/2026')).toBeNull();
  });
});

describe('matchCode and guessMapping', () => {
  it('matches a code by its code or its label in either language', () => {
    expect(matchCode(indicator('I53'), 'a')).toBe('A');
    expect(matchCode(indicator('I53'), 'grade B')).toBe('B');
    expect(matchCode(indicator('I62'), '限制类')).toBeNull();
    expect(matchCode(indicator('I62'), 'Restricted (grade cap B)')).toBe('restricted');
    expect(matchCode(indicator('I21'), '55')).toBeNull();
  });

  it('maps headers by key, id, English or Chinese names, each column once', () => {
    const m = guessMapping(['客户编号', 'As of date', 'I21', '资产负债率', 'Tax credit grade', 'Total Assets', 'unknown']);
    expect(m.borrower).toBe(0);
    expect(m.asOf).toBe(1);
    expect(m.I21).toBe(2);
    expect(m.I53).toBe(4);
    expect(m.totalAssets).toBe(5);
    expect(m.name).toBe(-1);
    expect(Object.values(m).filter((i) => i === 3)).toEqual([]);
  });
});

describe('parseSnapshotRow', () => {
  it('derives ratios from statement items (an explicit value wins) and leaves zero denominators missing with a warning', () => {
    const r = parseSnapshotRow({ borrower: 'B1', asOf: '2026-09-30', I22: '1.5', totalAssets: '1000', totalLiabilities: '620', currentAssets: '300', currentLiabilities: '0', revenue: '2000', netProfit: '50' });
    expect(r.errors).toEqual([]);
    expect(r.input!.indicators).toEqual({ I21: 62, I22: 1.5, I31: 5, I32: 2.5, I44: 2 });
    // I23 needs the inventory too: without it, it is simply not derived (no note).
    expect(keys(r.warnings)).toEqual(['I22:derivedMissing', ':manyMissing']);
    for (const v of Object.values(r.input!.indicators)) expect(Number.isFinite(v as number)).toBe(true);
  });

  it('collects every error of a row and stores nothing for it', () => {
    const r = parseSnapshotRow({ borrower: '', asOf: '2026-13-01', sizeBand: 'huge', loanBalance: '-1', daysPastDue: '2.5', classification: 'bad', I21: 'x', I53: 'Z', insolvency: 'maybe' });
    expect(r.input).toBeNull();
    expect(keys(r.errors)).toEqual(['borrower:required', 'asOf:notDate', 'sizeBand:notSize', 'loanBalance:tooSmall', 'daysPastDue:notInteger', 'classification:notClassification', 'insolvency:notBoolean', 'I21:notNumber', 'I53:unknownCode', ':noIndicators']);
  });

  it('warns about fractions where percentages are expected, classifications below the days-past-due minimum, and review values', () => {
    const r = parseSnapshotRow({ borrower: 'B2', asOf: '2026-09-30', I21: '0.62', I43: '150', classification: 'normal', daysPastDue: '95' });
    expect(r.input).not.toBeNull();
    expect(keys(r.warnings)).toEqual(['I21:looksLikeFraction', 'I43:review', ':manyMissing', 'classification:classificationBelowDpd']);
    expect(r.warnings.find((w) => w.field === 'classification')!.params).toEqual({ classification: 'normal', minimum: 'substandard', days: 95 });
  });

  it('refuses names of object properties as size bands or classifications (found by comparing with the earlier implementation)', () => {
    const r = parseSnapshotRow({ borrower: 'B7', asOf: '2026-09-30', I21: '50', sizeBand: 'constructor', classification: 'toString' });
    expect(r.input).toBeNull();
    expect(keys(r.errors)).toEqual(['sizeBand:notSize', 'classification:notClassification']);
  });

  it('says how to write a decimal comma instead of only "not a number"', () => {
    const r = parseSnapshotRow({ borrower: 'B6', asOf: '2026-09-30', I21: '62,5', I22: '1,3x', loanBalance: '1,234' });
    expect(keys(r.errors)).toEqual(['I21:decimalComma', 'I22:notNumber', ':noIndicators']);
  });

  it('uses the defaults for a missing date or industry, and refuses a row without any usable value', () => {
    expect(parseSnapshotRow({ borrower: 'B3', I21: '50' }, { asOf: '2026-06-30', industry: 'C' }).input).toMatchObject({ asOf: '2026-06-30', industry: 'C' });
    expect(keys(parseSnapshotRow({ borrower: 'B4', asOf: '2026-06-30', totalAssets: '0', totalLiabilities: '5' }).errors)).toEqual([':noIndicators']);
  });

  it('validating only the fields a file maps gives the same result as validating every field (2,000 seeded random rows)', () => {
    const rng = seededRandom(7);
    const texts = ['', '1', '0', '12.5', '1,234.5', '62,5', '55%', 'abc', 'yes', 'maybe', '2026-09-30', '2026-02-29', 'micro', 'normal', 'bad', 'A', 'Z', 'audited', '0.5', '150', '-1'];
    for (let k = 0; k < 2000; k++) {
      const raw: Record<string, string> = {};
      for (const f of SNAPSHOT_FIELDS) if (rng.next() < 0.4) raw[f.key] = texts[rng.nextInt(texts.length)]!;
      if (rng.next() < 0.8) raw.borrower = `B${k}`;
      const defaults = rng.next() < 0.5 ? { asOf: '2026-06-30' } : {};
      expect(parseSnapshotRow(raw, defaults, rowFieldsOf(Object.keys(raw)))).toEqual(parseSnapshotRow(raw, defaults));
    }
  });

  it('snapshotToRaw gives back form values that parse to the same snapshot', () => {
    const first = parseSnapshotRow({ borrower: 'B5', name: 'Five', asOf: '2026-09-30', industry: 'F', sizeBand: 'micro', loanBalance: '1,000', classification: '关注', daysPastDue: '3', outcome: 'yes', I53: 'B', I21: '70', revenue: '800', receivables: '100', utilityCutOff: 'no' }).input!;
    const again = parseSnapshotRow(snapshotToRaw(first)).input!;
    expect(again).toEqual(first);
    expect(first).toMatchObject({ classification: 'special-mention', outcome: 1, loanBalance: 1000, extra: { utilityCutOff: false }, indicators: { I21: 70, I53: 'B', I41: 45.625 } });
  });
});
