import type { DailyStatsWriter, RecomputeOutcome } from '../../datasources/dynamo/daily-stats-writer';
import type {
  IndexedPlace,
  IndexedState,
  TransactionIndexReader,
} from '../../datasources/dynamo/transaction-index-reader';
import type { DayKey, TransactionIndexWriter } from '../../datasources/dynamo/transaction-index-writer';
import type { LakeStore } from '../../datasources/lake/lake-store';
import { readPartitionFile, type EnrichedLakeRow } from '../../datasources/lake/parquet';
import { compareStates } from '../../domain/current-state';
import { enrich } from '../../domain/enrich';
import type { RiskConfig } from '../../domain/risk-rules';
import type { DimensionLookup, EnrichedTransaction } from '../../domain/types';
import { chunk } from '../../lib/map-concurrent';
import { withExtraFields } from '../../lib/with-extra-fields';
import { currentStates, foldRows, newDayReduction } from './current-states';
import { writeVersionFiles } from './enriched-output';
import { sameIndexedContent } from './index-diff';
import { owns, type Shard } from './plan';
import { placesLeft, stateAfterApply, versionRows } from './version-rows';

/** Transactions compared and written per round: one BatchGet of heads and items each. */
const BATCH = 500;

export interface DayDeps {
  lake: LakeStore;
  index: TransactionIndexWriter;
  reader: TransactionIndexReader;
  stats: DailyStatsWriter;
  dims: DimensionLookup;
  risk: RiskConfig;
}

export interface DayRun {
  day: string;
  files: readonly string[];
  shard: Shard;
  run: string;
  enrichedAt: Date;
  dryRun: boolean;
  signal?: AbortSignal;
  onFile(rows: number): void;
}

export interface AggregateCounts {
  rewritten: number;
  removed: number;
  unchanged: number;
}

export interface DayResult {
  rows: number;
  invalid: number;
  transactions: number;
  changed: number;
  unchanged: number;
  /** The index already holds a newer (version, arrival) on this day, from the live path: left alone. */
  keptNewer: number;
  /**
   * The index holds a newer state on another day: a correction moved the transaction there, and
   * that day's rows carry it. Left alone, and counted apart so that "kept newer" means the live
   * path being ahead of the lake (this day's rows are all read, so a newer state here is not theirs).
   */
  newerElsewhere: number;
  userAggregates: AggregateCounts;
  merchantAggregates: AggregateCounts;
  lakeFiles: string[];
  /** Rows the day's version left out (moved to another day or shard) or took from the index (newer). */
  versionDropped: number;
  versionReplaced: number;
  /**
   * Places applied transactions left that another part of a version may list: another day, or this
   * day under a user another shard owns. The caller leaves moved-notes there (version-publish.ts).
   */
  moves: (IndexedPlace & { transaction_id: string })[];
}

/**
 * One shard's share of one day: read every raw file → current state per transaction → re-enrich
 * with today's dimensions and rules → write what differs through the live indexer's own
 * conditional writer → recompute every aggregate row the day can affect → write the version files,
 * holding each transaction's state as the index holds it after the writes (version-rows.ts).
 */
export async function reprocessDay(deps: DayDeps, job: DayRun): Promise<DayResult> {
  const reduction = newDayReduction();
  for (const key of job.files) {
    job.signal?.throwIfAborted();
    const rows = await readPartitionFile(deps.lake, 'raw', key);
    foldRows(reduction, rows, job.day, job.shard);
    job.onFile(rows.length);
  }
  const states = currentStates(reduction);
  reduction.current.clear();
  const records = states.map((raw) => enrich(raw, deps.dims, deps.risk, job.enrichedAt));

  const userDays = new Map<string, DayKey>();
  const merchantDays = new Map<string, DayKey>();
  const touch = (map: Map<string, DayKey>, id: string, day: string) => map.set(`${id}|${day}`, { id, day });
  for (const r of records) {
    touch(userDays, r.user_id, r.day);
    touch(merchantDays, r.merchant_id, r.day);
  }

  let changed = 0;
  let keptNewer = 0;
  let newerElsewhere = 0;
  // Each transaction's state in the index once this day's writes are done: the version follows it.
  const after = new Map<string, IndexedState>();
  const moves: DayResult['moves'] = [];
  for (const batch of chunk(records, BATCH)) {
    const indexed = await deps.reader.current(batch.map((r) => r.transaction_id));
    const toWrite: EnrichedTransaction[] = [];
    let changedHere = 0;
    for (const record of batch) {
      const held = indexed.get(record.transaction_id);
      if (held?.item && compareStates(held.item, record) > 0) {
        if (held.head.day === record.day) keptNewer++;
        else newerElsewhere++;
        after.set(record.transaction_id, held);
        continue;
      }
      const same = held?.item ? sameIndexedContent(held.item, record) : false;
      if (!same) changedHere++;
      // A moved transaction is re-applied even when equal: only an apply re-deletes old locations.
      if (!same || held?.cleanupPending) toWrite.push(record);
      else if (held) after.set(record.transaction_id, held);
    }
    changed += changedHere;
    if (job.dryRun || toWrite.length === 0) continue;
    const result = await deps.index.apply(toWrite);
    // A live write may have overtaken ours between the read above and the write.
    keptNewer += result.stale;
    changed -= Math.min(result.stale, changedHere);
    const states =
      result.stale > 0 ? await deps.reader.current(toWrite.map((r) => r.transaction_id)) : undefined;
    for (const record of toWrite) {
      const id = record.transaction_id;
      after.set(id, states?.get(id) ?? stateAfterApply(record));
      for (const place of placesLeft(record, indexed.get(id), result.left.get(id))) {
        // This shard's own part of this day is written below, from `after`: no note needed.
        if (place.day !== job.day || !owns(job.shard, job.day, place.user_id)) {
          moves.push({ transaction_id: id, ...place });
        }
      }
    }
    // Days a moved transaction left behind need their rows recomputed (and removed when empty).
    for (const k of result.userDays) touch(userDays, k.id, k.day);
    for (const k of result.merchantDays) touch(merchantDays, k.id, k.day);
  }

  // Merchant rows of the day that no transaction backs any more: only the owning shard looks.
  for (const merchantId of await deps.stats.merchantsWithStats(job.day)) {
    if (owns(job.shard, job.day, `merchant:${merchantId}`)) touch(merchantDays, merchantId, job.day);
  }

  let userAggregates = emptyCounts();
  let merchantAggregates = emptyCounts();
  let lakeFiles: string[] = [];
  const version = versionRows(records.map(toLakeRow(states)), after, job);
  if (job.dryRun) {
    userAggregates.unchanged = userDays.size;
    merchantAggregates.unchanged = merchantDays.size;
  } else {
    const [users, merchants, files] = await Promise.all([
      deps.stats.recomputeUserDays([...userDays.values()]),
      deps.stats.recomputeMerchantDays([...merchantDays.values()]),
      writeVersionFiles(deps.lake, version.rows, job),
    ]);
    userAggregates = countOutcomes(users);
    merchantAggregates = countOutcomes(merchants);
    lakeFiles = files;
  }

  return {
    rows: reduction.rows,
    invalid: reduction.invalid,
    transactions: records.length,
    changed,
    unchanged: records.length - changed - keptNewer - newerElsewhere,
    keptNewer,
    newerElsewhere,
    userAggregates,
    merchantAggregates,
    lakeFiles,
    versionDropped: version.dropped,
    versionReplaced: version.replaced,
    moves,
  };
}

/**
 * The raw row's log position travels along, so a version row can be traced to its source event.
 * Object.assign, not `{ ...record, source_partition, … }`: see withExtraFields.
 */
function toLakeRow(states: ReturnType<typeof currentStates>) {
  return (record: EnrichedTransaction, i: number): EnrichedLakeRow =>
    withExtraFields(record, {
      source_partition: states[i]!.source_partition,
      source_offset: states[i]!.source_offset,
    });
}

function emptyCounts(): AggregateCounts {
  return { rewritten: 0, removed: 0, unchanged: 0 };
}

function countOutcomes(outcomes: readonly RecomputeOutcome[]): AggregateCounts {
  const counts = emptyCounts();
  for (const o of outcomes) {
    if (o === 'put') counts.rewritten++;
    else if (o === 'deleted') counts.removed++;
    else counts.unchanged++;
  }
  return counts;
}
