import {
  daysBetween,
  defaultRunId,
  owns,
  parseRunId,
  parseShard,
  scheduledRange,
  shardedRunId,
  shardOf,
} from '../../../src/workers/reprocess/plan';

describe('reprocess planning', () => {
  test.each([
    ['2026-03-01', '2026-03-01', ['2026-03-01']],
    ['2026-02-27', '2026-03-02', ['2026-02-27', '2026-02-28', '2026-03-01', '2026-03-02']],
    ['2024-02-28', '2024-03-01', ['2024-02-28', '2024-02-29', '2024-03-01']],
    ['2026-12-31', '2027-01-01', ['2026-12-31', '2027-01-01']],
  ])('days from %s to %s', (from, to, days) => {
    expect(daysBetween(from, to)).toEqual(days);
  });

  test.each([
    ['2026-03-02', '2026-03-01', /before/],
    ['2026-02-30', '2026-03-01', /YYYY-MM-DD/],
    ['2026-3-1', '2026-03-01', /YYYY-MM-DD/],
    ['2000-01-01', '2026-03-01', /at most/],
  ])('rejects the range %s..%s', (from, to, message) => {
    expect(() => daysBetween(from, to)).toThrow(message);
  });

  test.each([
    ['0/1', { index: 0, count: 1 }],
    ['2/3', { index: 2, count: 3 }],
    ['99/100', { index: 99, count: 100 }],
  ])('shard %s', (text, shard) => {
    expect(parseShard(text)).toEqual(shard);
  });

  test.each(['3/3', '1/0', '-1/3', '1', 'a/b', '1/3/4'])('rejects shard %s', (text) => {
    expect(() => parseShard(text)).toThrow();
  });

  test.each([1, 2, 3, 7])('n=%i shards partition every (day, user) exactly once', (count) => {
    const days = daysBetween('2026-03-01', '2026-03-10');
    const owners = new Map<number, number>();
    for (const day of days) {
      for (let u = 0; u < 500; u++) {
        const hits = Array.from({ length: count }, (_, index) => owns({ index, count }, day, `u-${u}`));
        expect(hits.filter(Boolean)).toHaveLength(1);
        const owner = hits.indexOf(true);
        owners.set(owner, (owners.get(owner) ?? 0) + 1);
      }
    }
    // Balanced within ±20 % of the fair share.
    for (const n of owners.values()) expect(Math.abs(n - 5000 / count)).toBeLessThan((5000 / count) * 0.2);
  });

  test('ownership is stable across processes (a fixed hash, not Math.random or object order)', () => {
    expect([0, 1, 2].map((i) => shardOf('2026-03-01', `u-${i}`, 3))).toEqual(
      [0, 1, 2].map((i) => shardOf('2026-03-01', `u-${i}`, 3)),
    );
    expect(shardOf('2026-03-01', 'u-1', 1)).toBe(0);
  });

  test.each([
    ['2026-03-05T10:00:00Z', 1, { from: '2026-03-05', to: '2026-03-05' }],
    ['2026-03-05T00:00:00Z', 2, { from: '2026-03-04', to: '2026-03-05' }],
    ['2026-03-01T23:59:59Z', 3, { from: '2026-02-27', to: '2026-03-01' }],
  ])('a scheduled run at %s over %i days', (at, days, range) => {
    expect(scheduledRange(Date.parse(at), days)).toEqual(range);
  });

  test('run ids: default sortable and unique per tag; given ones validated', () => {
    expect(defaultRunId(new Date('2026-03-01T12:00:00.123Z'), 'ab12')).toBe('20260301T120000123Z-ab12');
    expect(parseRunId('nightly-2026.03_01')).toBe('nightly-2026.03_01');
    expect(() => parseRunId('a/b')).toThrow(/run-id/);
    expect(() => parseRunId('')).toThrow(/run-id/);
  });

  test('a sharded run without an id: the same on every machine given the same command, and a valid id', () => {
    const id = shardedRunId('2026-03-01', '2026-03-31', 8);
    expect(id).toBe('2026-03-01_2026-03-31_8shards');
    expect(parseRunId(id)).toBe(id);
    expect(shardedRunId('2026-03-01', '2026-03-31', 4)).not.toBe(id);
    expect(() => shardedRunId('2026-3-1', '2026-03-31', 8)).toThrow(/--from/);
  });
});
