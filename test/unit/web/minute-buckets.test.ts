import { MINUTE_MS, minuteBuckets, pruneTimes } from '../../../src/web/live/minute-buckets';

const T0 = Date.parse('2026-03-01T10:00:00Z');
const at = (minute: number, second = 0) => T0 + minute * MINUTE_MS + second * 1000;

describe('minuteBuckets (the /live chart)', () => {
  test.each<[string, number[], number, number[]]>([
    ['no events: zeros, one bar per minute', [], at(4, 30), [0, 0, 0]],
    ['events land in their wall-clock minute', [at(2, 1), at(2, 59), at(3), at(4, 10)], at(4, 30), [2, 1, 1]],
    ['events before the window are ignored', [at(0), at(1, 59), at(4)], at(4, 30), [0, 0, 1]],
    ['events after now are ignored', [at(5)], at(4, 30), [0, 0, 0]],
  ])('%s', (_name, times, now, counts) => {
    const buckets = minuteBuckets(times, now, 3);
    expect(buckets.map((b) => b.count)).toEqual(counts);
    expect(buckets.map((b) => b.start)).toEqual([at(2), at(3), at(4)]);
  });

  test('pruneTimes keeps exactly the window', () => {
    expect(pruneTimes([at(0), at(1, 59), at(2), at(4, 1)], at(4, 30), 3)).toEqual([at(2), at(4, 1)]);
  });
});
