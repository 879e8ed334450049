import { currentStates, foldRows, newDayReduction } from '../../../src/workers/reprocess/current-states';
import { sameIndexedContent } from '../../../src/workers/reprocess/index-diff';
import { shardOf, WHOLE } from '../../../src/workers/reprocess/plan';
import { rawRow } from '../../support/reprocess-fixtures';
import { enrichedRow } from '../lake/lake-fixtures';

const T = '2026-03-01T10:00:00.000Z';
const DAY = '2026-03-01';

describe('current state per transaction from raw rows', () => {
  test.each([
    [
      'a duplicate collapses',
      [rawRow(1, { transaction_id: 'a', timestamp: T }), rawRow(1, { transaction_id: 'a', timestamp: T })],
      { a: [0, 1] },
    ],
    [
      'the highest version wins, whatever the order',
      [
        rawRow(5, { transaction_id: 'a', timestamp: T, version: 2 }),
        rawRow(6, { transaction_id: 'a', timestamp: T, version: 1 }),
      ],
      { a: [2, 5] },
    ],
    [
      'equal versions: the later arrival wins',
      [rawRow(9, { transaction_id: 'a', timestamp: T }), rawRow(3, { transaction_id: 'a', timestamp: T })],
      { a: [0, 9] },
    ],
    [
      'invalid rows are counted, not kept',
      [{ ...rawRow(1, { transaction_id: 'a', timestamp: T }), valid: false }],
      {},
    ],
  ])('%s', (_name, rows, expected) => {
    const r = foldRows(newDayReduction(), rows, DAY, WHOLE);
    const got = Object.fromEntries(
      currentStates(r).map((s) => [s.transaction_id, [s.version, Number(s.source_offset)]]),
    );
    expect(got).toEqual(expected);
  });

  test('a shard keeps only the (day, user) keys it owns; together the shards keep all', () => {
    const rows = Array.from({ length: 60 }, (_, i) =>
      rawRow(i, { transaction_id: `t${i}`, user_id: `u${i % 20}`, timestamp: T }),
    );
    const kept = [0, 1, 2].map((index) =>
      currentStates(foldRows(newDayReduction(), rows, DAY, { index, count: 3 })),
    );
    const ids = kept.flatMap((k) => k.map((s) => s.transaction_id)).sort();
    expect(ids).toEqual(rows.map((r) => r.transaction_id).sort());
    expect(kept.every((k) => k.length > 0)).toBe(true);
  });

  test('a correction that changes the user on the same day is handled by one shard only', () => {
    const owner = (index: number) =>
      Array.from({ length: 50 }, (_, i) => `u${i}`).find((u) => shardOf(DAY, u, 2) === index)!;
    const rows = [
      rawRow(1, { transaction_id: 'a', user_id: owner(0), timestamp: T }),
      rawRow(2, { transaction_id: 'a', user_id: owner(1), timestamp: T, version: 1 }),
    ];
    const kept = [0, 1].map((index) =>
      currentStates(foldRows(newDayReduction(), rows, DAY, { index, count: 2 })).map((s) => [
        s.transaction_id,
        s.version,
      ]),
    );
    // Shard 0 sees that its row is not the day's current state, so it never writes the old version.
    expect(kept).toEqual([[], [['a', 1]]]);
  });

  test('index comparison ignores only enriched_at', () => {
    const a = enrichedRow();
    expect(sameIndexedContent(a, { ...a, enriched_at: '2030-01-01T00:00:00.000Z' })).toBe(true);
    expect(sameIndexedContent(a, { ...a, risk_score: 1 })).toBe(false);
    expect(sameIndexedContent(a, { ...a, dimension_misses: [] })).toBe(false);
  });
});
