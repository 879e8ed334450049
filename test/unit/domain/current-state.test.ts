import fc from 'fast-check';
import { compareStates, formatArrival, isNewer, pickCurrent } from '../../../src/domain/current-state';

interface Rec {
  transaction_id: string;
  version: number;
  arrival: string;
  label: string;
}

const arrival = (ms: number, partition = 0, offset = '0') => formatArrival(ms, partition, offset);

describe('formatArrival', () => {
  test.each<[number, number, string, string]>([
    [0, 0, '0', '0000000000000:00000:00000000000000000000'],
    [1772359200000, 3, '42', '1772359200000:00003:00000000000000000042'],
    [9_999_999_999_999, 99_999, '18446744073709551615', '9999999999999:99999:18446744073709551615'],
  ])('%d, %d, %s', (ms, partition, offset, expected) => {
    expect(formatArrival(ms, partition, offset)).toBe(expected);
  });

  test('string order equals numeric order across widths', () => {
    expect(arrival(999, 0, '9') < arrival(1000, 0, '0')).toBe(true);
    expect(arrival(1000, 0, '9') < arrival(1000, 0, '10')).toBe(true);
    expect(arrival(1000, 2, '0') < arrival(1000, 10, '0')).toBe(true);
  });

  test.each<[number, number, string]>([
    [-1, 0, '0'],
    [1.5, 0, '0'],
    [10_000_000_000_000, 0, '0'],
    [0, 100_000, '0'],
    [0, -1, '0'],
    [0, 0, ''],
    [0, 0, '-1'],
    [0, 0, '123456789012345678901'],
  ])('rejects %d, %d, "%s"', (ms, partition, offset) => {
    expect(() => formatArrival(ms, partition, offset)).toThrow(RangeError);
  });
});

describe('compareStates / isNewer', () => {
  test.each<[string, number, string, number, string, number]>([
    ['higher version wins over a later arrival', 2, arrival(1), 1, arrival(9), 1],
    ['lower version loses to an earlier arrival', 1, arrival(9), 2, arrival(1), -1],
    ['equal versions: later arrival wins', 1, arrival(9), 1, arrival(1), 1],
    ['equal versions: earlier arrival loses', 1, arrival(1), 1, arrival(9), -1],
    ['same version and arrival', 1, arrival(5), 1, arrival(5), 0],
  ])('%s', (_name, av, aa, bv, ba, expected) => {
    expect(compareStates({ version: av, arrival: aa }, { version: bv, arrival: ba })).toBe(expected);
    expect(isNewer({ version: av, arrival: aa }, { version: bv, arrival: ba })).toBe(expected > 0);
  });
});

describe('pickCurrent', () => {
  const records: Rec[] = [
    { transaction_id: 'b', version: 0, arrival: arrival(1), label: 'b-v0-first' },
    { transaction_id: 'a', version: 1, arrival: arrival(2), label: 'a-v1' },
    { transaction_id: 'a', version: 2, arrival: arrival(1), label: 'a-v2-correction' },
    { transaction_id: 'b', version: 0, arrival: arrival(3), label: 'b-v0-redelivered' },
    { transaction_id: 'a', version: 1, arrival: arrival(5), label: 'a-v1-late-duplicate' },
    { transaction_id: 'c', version: 0, arrival: arrival(4), label: 'c' },
  ];

  test('one per id: highest version, then latest arrival, sorted by id', () => {
    expect(pickCurrent(records).map((r) => r.label)).toEqual(['a-v2-correction', 'b-v0-redelivered', 'c']);
  });

  test('empty input', () => {
    expect(pickCurrent([])).toEqual([]);
  });

  test('input order does not matter (every shuffle)', () => {
    const expected = pickCurrent(records);
    fc.assert(
      fc.property(fc.shuffledSubarray(records, { minLength: records.length }), (shuffled) => {
        expect(pickCurrent(shuffled)).toEqual(expected);
      }),
    );
  });
});
