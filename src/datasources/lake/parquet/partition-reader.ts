import type { LakeStore } from '../lake-store';
import { decodeEnrichedRows, type EnrichedLakeRow } from './enriched-rows';
import { partitionPrefix, type LakeDataset } from './partition-layout';
import { decodeRawRows, type RawLakeRow } from './raw-rows';

/**
 * Reading one day of a dataset back (the reprocess job shards by these day partitions). Rows may
 * repeat across files (at-least-once archiving); callers reduce to current states by
 * transaction_id, version and arrival, which makes duplicates harmless.
 */

export interface LakeRowByDataset {
  raw: RawLakeRow;
  enriched: EnrichedLakeRow;
}

/** Keys of every Parquet file of the day, all event types, sorted. */
export async function listPartitionFiles(
  lake: LakeStore,
  dataset: LakeDataset,
  day: string,
): Promise<string[]> {
  const keys = await lake.list(partitionPrefix(dataset, day));
  return keys.filter((key) => key.endsWith('.parquet'));
}

export async function readPartitionFile<D extends LakeDataset>(
  lake: LakeStore,
  dataset: D,
  key: string,
): Promise<LakeRowByDataset[D][]> {
  const body = await lake.get(key);
  const rows = dataset === 'raw' ? await decodeRawRows(body) : await decodeEnrichedRows(body);
  return rows as LakeRowByDataset[D][];
}

/** File by file, so a large day is never held in memory at once. */
export async function* iteratePartition<D extends LakeDataset>(
  lake: LakeStore,
  dataset: D,
  day: string,
): AsyncGenerator<{ key: string; rows: LakeRowByDataset[D][] }> {
  for (const key of await listPartitionFiles(lake, dataset, day)) {
    yield { key, rows: await readPartitionFile(lake, dataset, key) };
  }
}

/** Every row of the day, in file-name order then file order. */
export async function readPartition<D extends LakeDataset>(
  lake: LakeStore,
  dataset: D,
  day: string,
): Promise<LakeRowByDataset[D][]> {
  const all: LakeRowByDataset[D][] = [];
  for await (const { rows } of iteratePartition(lake, dataset, day)) {
    // Not push(...rows): spreading a file of 100k+ rows overflows the call stack.
    for (const row of rows) all.push(row);
  }
  return all;
}
