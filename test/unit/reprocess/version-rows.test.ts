import type { IndexedState } from '../../../src/datasources/dynamo/transaction-index-reader';
import { formatArrival } from '../../../src/domain/current-state';
import { shardOf, WHOLE } from '../../../src/workers/reprocess/plan';
import { placesLeft, versionRows } from '../../../src/workers/reprocess/version-rows';
import { enrichedRow } from '../lake/lake-fixtures';

const DAY = '2026-03-01';
const row = enrichedRow({ transaction_id: 't', user_id: 'u-1', day: DAY, version: 0 });
const newer = enrichedRow({
  transaction_id: 't',
  user_id: 'u-1',
  day: DAY,
  version: 3,
  amount: '1.00',
  arrival: formatArrival(1_772_400_000_000, 7, '12345'),
});

function state(
  over: Partial<IndexedState['head']>,
  item: IndexedState['item'] = null,
  superseded: IndexedState['superseded'] = [],
): IndexedState {
  const head = { user_id: 'u-1', day: DAY, version: row.version, arrival: row.arrival, ...over };
  return { head, item, superseded, cleanupPending: superseded.length > 0 };
}

/** A user whose (DAY, user) key the given shard of two owns. */
const userOf = (index: number) =>
  Array.from({ length: 50 }, (_, i) => `u-${i}`).find((u) => shardOf(DAY, u, 2) === index)!;

describe('which rows a day version keeps', () => {
  test.each<[string, IndexedState | undefined, { kept: boolean; replaced?: boolean }]>([
    ['the index holds this very state: kept', state({}, row), { kept: true }],
    ['the index does not know it (not judged): kept', undefined, { kept: true }],
    [
      'moved to another day: dropped',
      state(
        { day: '2026-03-02', version: 1, arrival: newer.arrival },
        { ...newer, day: '2026-03-02', version: 1 },
      ),
      { kept: false },
    ],
    [
      'newer on the same day (live ahead): replaced by the index state',
      state({ version: newer.version, arrival: newer.arrival }, newer),
      { kept: true, replaced: true },
    ],
    [
      'head ahead of its item (crash between the writes): dropped, the API serves neither',
      state({ version: 5, arrival: newer.arrival }, newer),
      { kept: false },
    ],
  ])('%s', (_name, st, expected) => {
    const states = new Map(st ? [['t', st]] : []);
    const out = versionRows([row], states, { day: DAY, shard: WHOLE });
    expect(out.rows).toHaveLength(expected.kept ? 1 : 0);
    expect(out.dropped).toBe(expected.kept ? 0 : 1);
    expect(out.replaced).toBe(expected.replaced ? 1 : 0);
    if (expected.replaced) {
      // The index item, with its log position read back from its arrival.
      expect(out.rows[0]).toEqual({ ...newer, source_partition: 7, source_offset: '12345' });
    } else if (expected.kept) {
      expect(out.rows[0]).toBe(row);
    }
  });

  test('moved to a user another shard owns on the same day: only that shard keeps it', () => {
    const moved = state(
      { user_id: userOf(1), version: 1, arrival: newer.arrival },
      { ...newer, user_id: userOf(1), version: 1 },
    );
    const states = new Map([['t', moved]]);
    const mine = { ...row, user_id: userOf(0) };
    expect(versionRows([mine], states, { day: DAY, shard: { index: 0, count: 2 } }).rows).toEqual([]);
    expect(versionRows([mine], states, { day: DAY, shard: { index: 1, count: 2 } }).replaced).toBe(1);
  });

  test('places left behind: the old head and every superseded place, but not the new one', () => {
    const held = state({ user_id: 'u-1', day: '2026-02-27' }, null, [
      { user_id: 'u-1', day: '2026-02-26' },
      { user_id: 'u-9', day: DAY },
      { user_id: 'u-1', day: '2026-02-27' },
    ]);
    expect(placesLeft({ ...row, user_id: 'u-9' }, held)).toEqual([
      { user_id: 'u-1', day: '2026-02-27' },
      { user_id: 'u-1', day: '2026-02-26' },
    ]);
    expect(placesLeft(row, undefined)).toEqual([]);
  });

  test('places the writer reports leaving count too, once each, when the earlier read saw none', () => {
    const concurrent = [
      { user_id: 'u-1', day: '2026-02-27' },
      { user_id: 'u-1', day: '2026-02-27' },
      { user_id: row.user_id, day: row.day },
    ];
    expect(placesLeft(row, undefined, concurrent)).toEqual([{ user_id: 'u-1', day: '2026-02-27' }]);
  });
});
