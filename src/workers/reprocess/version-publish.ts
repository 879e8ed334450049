import type { TransactionIndexReader } from '../../datasources/dynamo/transaction-index-reader';
import type { LakeStore } from '../../datasources/lake/lake-store';
import { decodeEnrichedRows, encodeEnrichedRows } from '../../datasources/lake/parquet';
import {
  amendedFileKey,
  isMovedNote,
  isShardMarker,
  latestKey,
  putJson,
  readJson,
  runPrefix,
  shardMarkerKey,
  type LatestManifest,
  type MovedNote,
  type ShardMarker,
} from './lake-versions';
import { shardOf } from './plan';
import { versionRows } from './version-rows';

/**
 * Publishing a day's version (`_LATEST.json`) from its n shard parts and the moved-notes of the run.
 *
 * A part is written once and never changed. A correction applied later (often by another shard,
 * while it reprocesses the day the transaction moved to) leaves a moved-note; publishing then
 * replaces the files of the affected part that list a moved transaction by amended copies, judged
 * against the index (version-rows.ts). Nothing is coordinated but the lake, so:
 * - whoever writes a part or a note publishes afterwards, and a note's writer does so after its
 *   apply, so the last of them reads every note and every head it must;
 * - each publisher lists the run again after writing `_LATEST.json` and recomposes if a part or
 *   note appeared meanwhile. The last write therefore comes from a publisher that saw them all.
 * Amended files are named by content, so concurrent publishers never overwrite each other's files.
 */

const MAX_ROUNDS = 10;

export interface VersionRef {
  day: string;
  run: string;
  shards: number;
}

/** Records this shard's part of the day, then publishes the version if every part is there. */
export async function completeShard(
  lake: LakeStore,
  reader: TransactionIndexReader,
  marker: ShardMarker,
): Promise<LatestManifest | null> {
  await putJson(lake, shardMarkerKey(marker.day, marker.run, marker.shard), marker);
  return publishVersion(lake, reader, { day: marker.day, run: marker.run, shards: marker.shard.count });
}

/** Writes `_LATEST.json` for the run's version of the day; null while a part is missing. */
export async function publishVersion(
  lake: LakeStore,
  reader: TransactionIndexReader,
  ref: VersionRef,
): Promise<LatestManifest | null> {
  let seen = await listRun(lake, ref);
  for (let round = 0; round < MAX_ROUNDS; round++) {
    if (seen.markers.length < ref.shards) return null;
    const latest = await compose(lake, reader, ref, seen);
    await putJson(lake, latestKey(ref.day), latest);
    const now = await listRun(lake, ref);
    if (now.all === seen.all) return latest;
    seen = now;
  }
  throw Object.assign(new Error(`version ${ref.run} of ${ref.day} kept changing`), { retriable: true });
}

interface RunListing {
  markers: string[];
  notes: string[];
  /** Both lists joined: equal listings compare as equal strings. */
  all: string;
}

async function listRun(lake: LakeStore, ref: VersionRef): Promise<RunListing> {
  const keys = await lake.list(runPrefix(ref.day, ref.run));
  const markers = keys.filter((k) => isShardMarker(k, ref.shards));
  const notes = keys.filter(isMovedNote);
  return { markers, notes, all: [...markers, ...notes].join('\n') };
}

async function compose(
  lake: LakeStore,
  reader: TransactionIndexReader,
  ref: VersionRef,
  seen: RunListing,
): Promise<LatestManifest> {
  const markers = await Promise.all(seen.markers.map((k) => readJson<ShardMarker>(lake, k)));
  const notes = await Promise.all(seen.notes.map((k) => readJson<MovedNote>(lake, k)));
  // Which part lists each moved transaction: the shard owning (day, the user it had there).
  const owed = new Map<number, Set<string>>();
  for (const note of notes) {
    for (const m of note.moved) {
      const owner = shardOf(ref.day, m.user_id, ref.shards);
      owed.set(owner, (owed.get(owner) ?? new Set()).add(m.transaction_id));
    }
  }
  const files: string[] = [];
  for (const marker of markers) {
    const ids = owed.get(marker.shard.index);
    if (ids === undefined) files.push(...marker.files);
    else files.push(...(await amendPart(lake, reader, marker, ids)));
  }
  return {
    run: ref.run,
    day: ref.day,
    shards: ref.shards,
    files: files.sort(),
    notes: seen.notes,
    enrichment_version: Math.max(...markers.map((m) => m.enrichment_version)),
    // The latest part's time, not the publisher's clock: concurrent publishers write the same manifest.
    completed_at: markers.map((m) => m.completed_at).sort()[markers.length - 1]!,
  };
}

/** The part's files, with each file that lists a moved transaction replaced by its amended copy. */
async function amendPart(
  lake: LakeStore,
  reader: TransactionIndexReader,
  marker: ShardMarker,
  ids: ReadonlySet<string>,
): Promise<string[]> {
  const states = await reader.current([...ids]);
  const out: string[] = [];
  for (const key of marker.files) {
    const rows = await decodeEnrichedRows(await lake.get(key));
    if (!rows.some((r) => ids.has(r.transaction_id))) {
      out.push(key);
      continue;
    }
    const judged = versionRows(rows, states, { day: marker.day, shard: marker.shard });
    if (judged.dropped === 0 && judged.replaced === 0) {
      out.push(key);
      continue;
    }
    if (judged.rows.length === 0) continue;
    const content = judged.rows.map((r) => `${r.transaction_id}|${r.version}|${r.arrival}|${r.enriched_at}`);
    const amended = amendedFileKey(key, content.join('\n'));
    await lake.put(amended, await encodeEnrichedRows(judged.rows));
    out.push(amended);
  }
  return out;
}
