import type { LakeStore } from '../../datasources/lake/lake-store';
import { encodeEnrichedRows, type EnrichedLakeRow } from '../../datasources/lake/parquet';
import { versionFileKey } from './lake-versions';
import type { Shard } from './plan';

/** Rows per version file: the archiver's default flush size, so files look alike to readers. */
const ROWS_PER_FILE = 20_000;

/**
 * Writes one shard's corrected rows of one day as version files, one set per event type. Rows are
 * already ordered by transaction_id, so a retry produces the same chunks under the same keys.
 */
export async function writeVersionFiles(
  lake: LakeStore,
  rows: readonly EnrichedLakeRow[],
  where: { day: string; run: string; shard: Shard },
): Promise<string[]> {
  const byType = new Map<string, EnrichedLakeRow[]>();
  for (const row of rows) {
    const list = byType.get(row.transaction_type);
    if (list) list.push(row);
    else byType.set(row.transaction_type, [row]);
  }
  const keys: string[] = [];
  for (const [eventType, list] of [...byType].sort(([a], [b]) => (a < b ? -1 : 1))) {
    for (let i = 0, chunk = 0; i < list.length; i += ROWS_PER_FILE, chunk++) {
      const key = versionFileKey(where.day, eventType, where.run, where.shard, chunk);
      await lake.put(key, await encodeEnrichedRows(list.slice(i, i + ROWS_PER_FILE)));
      keys.push(key);
    }
  }
  return keys;
}
