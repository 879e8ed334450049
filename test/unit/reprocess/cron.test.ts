import { nextRun, parseCron } from '../../../src/lib/cron';

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

describe('cron schedules (UTC)', () => {
  test.each([
    ['30 2 * * *', '2026-03-01T01:00:00Z', '2026-03-01T02:30:00.000Z'],
    ['30 2 * * *', '2026-03-01T02:30:00Z', '2026-03-02T02:30:00.000Z'],
    ['*/15 * * * *', '2026-03-01T10:07:59Z', '2026-03-01T10:15:00.000Z'],
    ['0 */6 * * *', '2026-03-01T07:00:00Z', '2026-03-01T12:00:00.000Z'],
    ['0 3 * * 1', '2026-03-01T00:00:00Z', '2026-03-02T03:00:00.000Z'], // 2026-03-01 is a Sunday
    ['0 3 * * 7', '2026-03-02T00:00:00Z', '2026-03-08T03:00:00.000Z'], // 7 = Sunday
    ['0 0 1 * *', '2026-03-15T00:00:00Z', '2026-04-01T00:00:00.000Z'],
    ['0 0 29 2 *', '2026-03-01T00:00:00Z', '2028-02-29T00:00:00.000Z'],
    ['0 0 1 * 1', '2026-03-03T00:00:00Z', '2026-03-09T00:00:00.000Z'], // day-of-month OR day-of-week
    ['5,35 1-2 * * *', '2026-03-01T01:06:00Z', '2026-03-01T01:35:00.000Z'],
  ])('%s after %s fires at %s', (spec, after, expected) => {
    expect(iso(nextRun(parseCron(spec), at(after)))).toBe(expected);
  });

  test('a day that never comes', () => {
    expect(nextRun(parseCron('0 0 31 2 *'), at('2026-01-01T00:00:00Z'))).toBeNull();
  });

  test.each([
    '* * * *',
    '60 * * * *',
    '* 24 * * *',
    '* * 0 * *',
    '* * * 13 *',
    '* * * * 8',
    'MON * * * *',
    '*/0 * * * *',
  ])('rejects %s', (spec) => {
    expect(() => parseCron(spec)).toThrow(/cron/);
  });
});
