import { toRawTransaction, type RawLakeRow } from '../../datasources/lake/parquet';
import { isNewer } from '../../domain/current-state';
import type { Arrival, RawTransaction } from '../../domain/types';
import { owns, type Shard } from './plan';

export type CurrentRaw = RawTransaction & Arrival & { source_partition: number; source_offset: string };

export interface DayReduction {
  /** transaction_id → its current state among the rows seen so far. */
  current: Map<string, CurrentRaw>;
  rows: number;
  invalid: number;
  /** Valid rows whose (day, user) another shard owns. */
  foreign: number;
}

export function newDayReduction(): DayReduction {
  return { current: new Map(), rows: 0, invalid: 0, foreign: 0 };
}

/**
 * Folds one file's rows into the day's current states (DESIGN §2: highest version, then latest
 * arrival). Only the winner per transaction is kept, so memory follows distinct transactions of
 * the day, not rows; duplicates from at-least-once archiving collapse here.
 */
export function foldRows(
  into: DayReduction,
  rows: readonly RawLakeRow[],
  day: string,
  shard: Shard,
): DayReduction {
  for (const row of rows) {
    into.rows++;
    const tx = toRawTransaction(row);
    if (tx === null) {
      into.invalid++;
      continue;
    }
    if (!owns(shard, day, tx.user_id)) {
      into.foreign++;
      continue;
    }
    const held = into.current.get(tx.transaction_id);
    const candidate = { version: tx.version, arrival: row.arrival };
    if (held === undefined || isNewer(candidate, held)) {
      into.current.set(tx.transaction_id, {
        ...tx,
        arrival: row.arrival,
        source_partition: row.source_partition,
        source_offset: row.source_offset,
      });
    }
  }
  return into;
}

/** Current states ordered by transaction_id, so output files and writes do not depend on file order. */
export function currentStates(reduction: DayReduction): CurrentRaw[] {
  return [...reduction.current.keys()].sort().map((id) => reduction.current.get(id) as CurrentRaw);
}
