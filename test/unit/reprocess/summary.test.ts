import type { ReprocessSummary } from '../../../src/workers/reprocess/reprocess-job';
import { formatSummary } from '../../../src/workers/reprocess/summary';

const summary = (over: Partial<ReprocessSummary> = {}): ReprocessSummary => ({
  run: '2026-03-01_2026-03-31_8shards',
  shard: { index: 2, count: 8 },
  dryRun: false,
  days: 31,
  daysResumed: 0,
  partitions: 93,
  files: 120,
  rows: 1_234_567,
  transactions: 1_100_000,
  changed: 4_210,
  unchanged: 1_095_700,
  keptNewer: 12,
  newerElsewhere: 78,
  userAggregates: { rewritten: 310, removed: 2, unchanged: 40_000 },
  merchantAggregates: { rewritten: 95, removed: 1, unchanged: 7_000 },
  lakeFiles: 140,
  versionsPublished: 4,
  versionsAmended: 1,
  elapsedMs: 61_000,
  ...over,
});

describe('the final summary', () => {
  test('a run that wrote: one fact a line, aligned', () => {
    expect(formatSummary(summary({ daysResumed: 3 })).split('\n')).toEqual([
      'run                  2026-03-01_2026-03-31_8shards shard 2/8',
      'days                 31 (3 already done by an earlier attempt)',
      'partitions read      93 (120 files)',
      'rows                 1,234,567 (20,239 rows/s)',
      'transactions         1100000',
      'changed              4210',
      'unchanged            1095700',
      'kept newer live      12',
      'moved elsewhere      78',
      'user aggregates      310 rewritten, 2 removed, 40000 already right',
      'merchant aggregates  95 rewritten, 1 removed, 7000 already right',
      'lake files written   140 (4 day versions published, 1 republished without moved transactions)',
      'time                 1m01s',
    ]);
  });

  test('a dry run says what would happen and that nothing was written', () => {
    const text = formatSummary(
      summary({
        dryRun: true,
        userAggregates: { rewritten: 0, removed: 0, unchanged: 40_312 },
        merchantAggregates: { rewritten: 0, removed: 0, unchanged: 7_096 },
        lakeFiles: 0,
        versionsPublished: 0,
        versionsAmended: 0,
        elapsedMs: 0,
      }),
    );
    expect(text.split('\n')).toEqual([
      'run                  2026-03-01_2026-03-31_8shards shard 2/8 (dry run: nothing written)',
      'days                 31',
      'partitions read      93 (120 files)',
      'rows                 1,234,567 (0 rows/s)',
      'transactions         1100000',
      'would change         4210',
      'unchanged            1095700',
      'kept newer live      12',
      'moved elsewhere      78',
      'user aggregates      40312 would be recomputed',
      'merchant aggregates  7096 would be recomputed',
      'lake files written   0 (0 day versions published, 0 republished without moved transactions)',
      'time                 0s',
    ]);
  });
});
