import type { IndexedPlace, IndexedState } from '../../datasources/dynamo/transaction-index-reader';
import type { EnrichedLakeRow } from '../../datasources/lake/parquet';
import { compareStates } from '../../domain/current-state';
import type { EnrichedTransaction } from '../../domain/types';
import { owns, type Shard } from './plan';

/**
 * The rule behind a day's lake version (README "Lake versions"): the version of day D holds exactly
 * the transactions whose current state, as the index holds it, is on D, each once. So a row whose
 * transaction moved to another day (or to a user another shard owns) is dropped, and a row the index
 * holds a newer state of on the same day (the live path was ahead of the lake: "kept newer") is
 * replaced by that state, so the version, the index and the aggregates count the same transactions.
 */

export interface VersionRows {
  rows: EnrichedLakeRow[];
  dropped: number;
  replaced: number;
}

/**
 * Judges `rows` of one shard's part of `day` against the index. A transaction absent from `states`
 * is not judged and kept: callers pass the states of exactly the transactions they mean to check.
 */
export function versionRows(
  rows: readonly EnrichedLakeRow[],
  states: ReadonlyMap<string, IndexedState>,
  where: { day: string; shard: Shard },
): VersionRows {
  const out: EnrichedLakeRow[] = [];
  let dropped = 0;
  let replaced = 0;
  for (const row of rows) {
    const state = states.get(row.transaction_id);
    if (state === undefined) {
      out.push(row);
      continue;
    }
    const { head, item } = state;
    if (head.day !== where.day || !owns(where.shard, where.day, head.user_id)) {
      dropped++;
    } else if (compareStates(head, row) <= 0) {
      out.push(row);
    } else if (item && compareStates(item, head) === 0) {
      out.push(lakeRowFromIndex(item));
      replaced++;
    } else {
      // The head is ahead of its item (a crash between the two writes): the API serves neither.
      dropped++;
    }
  }
  return { rows: out, dropped, replaced };
}

/** The index's state as a version row; its log position is read back from the arrival string. */
export function lakeRowFromIndex(item: EnrichedTransaction): EnrichedLakeRow {
  const match = /^\d{13}:(\d{5}):(\d{1,20})$/.exec(item.arrival);
  // formatArrival always matches; a hand-made arrival keeps the row, marked as of unknown origin.
  return {
    ...item,
    source_partition: match ? Number(match[1]) : -1,
    source_offset: match ? BigInt(match[2]!).toString() : '0',
  };
}

/** The state an apply of `record` leaves in the index when nothing overtook it. */
export function stateAfterApply(record: EnrichedTransaction): IndexedState {
  return {
    head: { user_id: record.user_id, day: record.day, version: record.version, arrival: record.arrival },
    item: record,
    superseded: [],
    cleanupPending: false,
  };
}

/**
 * Places other than the record's own that the transaction held before `record` was applied: the
 * versions of those days may still list it. Includes places superseded long ago (the head keeps
 * them), so a run that crashed after the apply rediscovers them on its retry. `alsoLeft` are the
 * places the writer itself superseded: a concurrent writer (another shard) can move the
 * transaction between the caller's read of `held` and the apply, and then only the writer knows.
 */
export function placesLeft(
  record: EnrichedTransaction,
  held: IndexedState | undefined,
  alsoLeft: readonly IndexedPlace[] = [],
): IndexedPlace[] {
  const seen = new Set([`${record.user_id}|${record.day}`]);
  const out: IndexedPlace[] = [];
  const before = held ? [held.head, ...held.superseded] : [];
  for (const place of [...before, ...alsoLeft]) {
    const key = `${place.user_id}|${place.day}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ user_id: place.user_id, day: place.day });
  }
  return out;
}
