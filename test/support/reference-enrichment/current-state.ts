// Frozen copy of src/domain/current-state.ts at 7e0dc0f, the reference for enrichment-equivalence.test.ts (see README.md).
/**
 * Current state of a transaction (DESIGN §2 "Corrections and duplicates"): highest version wins,
 * and among equal versions the one that arrived last. Arrival is a fixed-width string so that
 * plain string comparison orders it, in DynamoDB condition expressions as well as here.
 */

const MAX_LOG_MS = 9_999_999_999_999; // 13 digits: good until the year 2286
const MAX_PARTITION = 99_999;
const OFFSET_PATTERN = /^\d{1,20}$/;

/**
 * "<13-digit log timestamp ms>:<5-digit partition>:<20-digit offset>". Throws RangeError on values
 * that do not fit, since a wider field would silently break the string ordering.
 */
export function formatArrival(logTimestampMs: number, partition: number, offset: string): string {
  if (!Number.isSafeInteger(logTimestampMs) || logTimestampMs < 0 || logTimestampMs > MAX_LOG_MS) {
    throw new RangeError(`arrival log timestamp must be 0..${MAX_LOG_MS} ms, got ${logTimestampMs}`);
  }
  if (!Number.isSafeInteger(partition) || partition < 0 || partition > MAX_PARTITION) {
    throw new RangeError(`arrival partition must be 0..${MAX_PARTITION}, got ${partition}`);
  }
  if (!OFFSET_PATTERN.test(offset)) {
    throw new RangeError(`arrival offset must be 1 to 20 decimal digits, got "${offset}"`);
  }
  return `${String(logTimestampMs).padStart(13, '0')}:${String(partition).padStart(5, '0')}:${offset.padStart(20, '0')}`;
}

export interface StateOrder {
  version: number;
  arrival: string;
}

/** Negative when a is older than b, positive when newer, 0 when they are the same state slot. */
export function compareStates(a: StateOrder, b: StateOrder): number {
  if (a.version !== b.version) return a.version < b.version ? -1 : 1;
  if (a.arrival === b.arrival) return 0;
  return a.arrival < b.arrival ? -1 : 1;
}

/** True when a should replace b as the current state. */
export function isNewer(a: StateOrder, b: StateOrder): boolean {
  return compareStates(a, b) > 0;
}

/**
 * One record per transaction_id: its current state. The result is sorted by transaction_id so it
 * does not depend on input order. Exact re-deliveries (same version and arrival) are the same
 * state, so which copy is kept does not matter.
 */
export function pickCurrent<T extends { transaction_id: string } & StateOrder>(records: readonly T[]): T[] {
  const current = new Map<string, T>();
  for (const record of records) {
    const held = current.get(record.transaction_id);
    if (held === undefined || isNewer(record, held)) current.set(record.transaction_id, record);
  }
  const ids = [...current.keys()].sort();
  return ids.map((id) => current.get(id) as T);
}
