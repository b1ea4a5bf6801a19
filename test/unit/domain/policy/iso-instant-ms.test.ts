import { describe, expect, it } from 'vitest';
import { isoInstantMs, MS_PER_DAY } from '../../../../src/domain/policy/iso-instant-ms.js';

// Oracle: 2024-03-01 is day 19 783 since 1970-01-01 (isoDayNumber, itself tested against Hinnant's algorithm);
// offsets by hand: 08:00+08:00 is 00:00Z.
describe('isoInstantMs', () => {
  it('reads dates as 00:00 UTC and instants with Z or an offset', () => {
    expect(isoInstantMs('1970-01-01')).toBe(0);
    expect(isoInstantMs('2024-03-01')).toBe(19_783 * MS_PER_DAY);
    expect(isoInstantMs('2024-03-01T08:00+08:00')).toBe(isoInstantMs('2024-03-01'));
    expect(isoInstantMs('2024-02-29T19:30:00-04:30')).toBe(isoInstantMs('2024-03-01'));
    expect(isoInstantMs('2024-03-01T00:00:01.5Z') - isoInstantMs('2024-03-01')).toBe(1_500);
    expect(isoInstantMs('2024-03-01T00:00:00.123456Z') - isoInstantMs('2024-03-01')).toBe(123); // sub-ms truncated
  });

  it.each(['2024-02-30', '2024-03-01T10:00', '2024-03-01T24:00Z', '2024-03-01T10:00:60Z', '2024-03-01T10:00+25:00',
    '2024-03-01 10:00Z', '01/03/2024', ''])('rejects %j', (s) => {
    expect(() => isoInstantMs(s)).toThrow(expect.objectContaining({ code: 'invalid-date' }));
  });
});
