import { describe, expect, it } from 'vitest';
import { isoDayNumber } from '../../../../src/domain/credit/iso-day-number.js';

// Oracle: JavaScript Date.UTC(y, m − 1, d) / 86 400 000 (an independent implementation of the same calendar).
describe('isoDayNumber (days_from_civil)', () => {
  it('agrees with Date.UTC on a spread of dates including leap days and dates before 1970', () => {
    for (const d of ['1970-01-01', '1969-12-31', '1900-03-01', '2000-02-29', '2000-03-01', '2024-02-29', '2024-12-31', '2100-03-01']) {
      const [y, m, day] = d.split('-').map(Number);
      expect(isoDayNumber(d), d).toBe(Date.UTC(y, m - 1, day) / 86_400_000);
    }
  });

  it('rejects impossible or malformed dates', () => {
    for (const d of ['2023-02-29', '2024-13-01', '2024-04-31', '2024-6-30', '30/06/2024', '']) {
      expect(() => isoDayNumber(d), d).toThrow(expect.objectContaining({ code: 'invalid-date' }));
    }
  });
});
