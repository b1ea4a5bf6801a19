import fc from 'fast-check';
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

  it.each(['2024-02-30', '2023-02-29', '2024-13-01', '2024-00-10', '2024-03-01T10:00', '2024-03-01T24:00Z', '2024-03-01T10:00:60Z',
    '2024-03-01T10:00+25:00', '2024-03-01T10:00+08:60', '2024-03-01 10:00Z', '01/03/2024', '', '2024-3-01', '2024-03-01Z',
    '2024-03-01T10:0Z', '2024-03-01T10:00:00.Z', '2024-03-01T10:00:00.1234567890Z', '2024-03-01T10:00Zjunk', '2024-03-01T10:00+0800',
    '2024-03-01T10:00:00z', '2024/03/01'])('rejects %j', (s) => {
    expect(() => isoInstantMs(s)).toThrow(expect.objectContaining({ code: 'invalid-date' }));
  });

  // Oracle: ECMAScript Date.parse on the same strings (ECMA-262 date-time string format; zone-independent because every
  // string carries Z or an offset).
  it('agrees with Date.parse on random instants with Z or an offset', () => {
    const two = (n: number) => String(n).padStart(2, '0');
    fc.assert(fc.property(
      fc.integer({ min: 1, max: 9999 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }),
      fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }), fc.integer({ min: 0, max: 59 }), fc.integer({ min: 0, max: 999 }),
      fc.constantFrom('Z', '+08:00', '-05:30', '+00:00', '+14:00'),
      (y, mo, d, h, mi, se, ms, zone) => {
        const s = `${String(y).padStart(4, '0')}-${two(mo)}-${two(d)}T${two(h)}:${two(mi)}:${two(se)}.${String(ms).padStart(3, '0')}${zone}`;
        expect(isoInstantMs(s)).toBe(Date.parse(s));
        const date = s.slice(0, 10);
        expect(isoInstantMs(date)).toBe(Date.parse(date));
      }), { numRuns: 500, seed: 7 });
  });
});
