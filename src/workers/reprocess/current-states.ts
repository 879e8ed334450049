import { toRawTransaction, type RawLakeRow } from '../../datasources/lake/parquet';
import { isNewer } from '../../domain/current-state';
import type { Arrival, RawTransaction } from '../../domain/types';
import { owns, type Shard } from './plan';

export type CurrentRaw = RawTransaction & Arrival & { source_partition: number; source_offset: string };

/** The current state of a transaction whose (day, user) another shard owns: only its order is kept. */
interface ForeignState {
  version: number;
  arrival: string;
  foreign: true;
}

export interface DayReduction {
  /** transaction_id → its current state among the rows seen so far (a stub when another shard owns it). */
  current: Map<string, CurrentRaw | ForeignState>;
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
 *
 * Rows of other shards' keys take part in the contest too, as small stubs: a correction that gives
 * a transaction another user on the same day would otherwise be current in two shards at once (the
 * old state in one, the new in the other), and the old one would be written, then superseded.
 * Exactly one shard handles each transaction of the day, as one unsharded run would.
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
    const held = into.current.get(tx.transaction_id);
    const candidate = { version: tx.version, arrival: row.arrival };
    const mine = owns(shard, day, tx.user_id);
    if (!mine) into.foreign++;
    if (held !== undefined && !isNewer(candidate, held)) continue;
    if (!mine) {
      into.current.set(tx.transaction_id, { ...candidate, foreign: true });
      continue;
    }
    // The fresh transaction object becomes the state itself: one object per row, not a copy each.
    const state = tx as CurrentRaw;
    state.arrival = row.arrival;
    state.source_partition = row.source_partition;
    state.source_offset = row.source_offset;
    into.current.set(tx.transaction_id, state);
  }
  return into;
}

/**
 * This shard's current states, ordered by transaction_id so output files and writes do not depend
 * on file order.
 */
export function currentStates(reduction: DayReduction): CurrentRaw[] {
  const out: CurrentRaw[] = [];
  for (const id of [...reduction.current.keys()].sort()) {
    const state = reduction.current.get(id)!;
    if (!('foreign' in state)) out.push(state);
  }
  return out;
}
