import { isoDay, isoTimestamp } from '../../../src/domain/iso-time';
import { createRng } from '../../support/enrichment-corpus';

const DAY_MS = 86_400_000;
const MAX_DATE_MS = 8.64e15;

describe('isoTimestamp and isoDay match Date exactly', () => {
  test.each([
    0,
    -0,
    1,
    -1,
    DAY_MS - 1,
    DAY_MS,
    951_782_400_000, // 2000-02-29
    1_709_164_799_999, // 2024-02-28T23:59:59.999Z
    253_402_300_799_999, // 9999-12-31T23:59:59.999Z
    253_402_300_800_000, // +010000-01-01
    -62_198_755_200_000, // year 0
    -62_198_755_200_001, // year -1
    MAX_DATE_MS,
    -MAX_DATE_MS,
  ])('%d', (ms) => {
    expect(isoTimestamp(ms)).toBe(new Date(ms).toISOString());
    expect(isoDay(ms)).toBe(new Date(ms).toISOString().slice(0, 10));
  });

  test('50,000 random instants, many around midnight', () => {
    const rng = createRng(11);
    const wrong: number[] = [];
    for (let i = 0; i < 50_000; i++) {
      const ms =
        i % 3 === 0
          ? rng.int(-40_000, 40_000) * DAY_MS + rng.int(-1500, 1500)
          : Math.floor((rng.next() * 2 - 1) * MAX_DATE_MS);
      const iso = new Date(ms).toISOString();
      if (isoTimestamp(ms) !== iso || isoDay(ms) !== iso.slice(0, 10)) wrong.push(ms);
    }
    expect(wrong).toEqual([]);
  });

  test('values Date cannot hold throw the same RangeError', () => {
    for (const ms of [NaN, Infinity, MAX_DATE_MS + 1]) {
      expect(() => isoTimestamp(ms)).toThrow(RangeError);
      expect(() => isoDay(ms)).toThrow(RangeError);
    }
  });

  test('fractional milliseconds are truncated as Date does', () => {
    for (const ms of [1.5, -1.5, 1_772_000_000_000.9])
      expect(isoTimestamp(ms)).toBe(new Date(ms).toISOString());
  });
});
