import type { LakeStore } from '../../datasources/lake/lake-store';
import { partitionPrefix } from '../../datasources/lake/parquet';
import { shardLabel, type Shard } from './plan';

/**
 * Versions of an enriched day partition written by reprocess runs (README "Lake versions"):
 *
 *   enriched/dt=D/event_type=T/part-rp.<run>.<i>of<n>-<chunk>.parquet   the version's rows
 *   enriched/dt=D/_reprocess/<run>/shard-<i>of<n>.json                  one shard finished the day
 *   enriched/dt=D/_LATEST.json                                          the last complete version
 *
 * Version files sit beside the live archiver's files, with the same columns and partition depth,
 * so a glob over `enriched/` still reads one table. Names are deterministic: a retried shard
 * overwrites its own objects instead of adding copies. `_LATEST.json` is written by whichever shard
 * completes the set of n markers, and names every file of the version.
 */

export interface ShardMarker {
  run: string;
  day: string;
  shard: { index: number; count: number };
  files: string[];
  rows: number;
  transactions: number;
  enrichment_version: number;
  completed_at: string;
}

export interface LatestManifest {
  run: string;
  day: string;
  shards: number;
  files: string[];
  enrichment_version: number;
  completed_at: string;
}

export function versionFileKey(
  day: string,
  eventType: string,
  run: string,
  shard: Shard,
  chunk: number,
): string {
  const name = `part-rp.${run}.${shardLabel(shard)}-${String(chunk).padStart(4, '0')}.parquet`;
  return `${partitionPrefix('enriched', day, eventType)}${name}`;
}

export function isVersionFile(key: string): boolean {
  return /\/part-rp\.[^/]+\.parquet$/.test(key);
}

function runPrefix(day: string, run: string): string {
  return `${partitionPrefix('enriched', day)}_reprocess/${run}/`;
}

export function shardMarkerKey(day: string, run: string, shard: Shard): string {
  return `${runPrefix(day, run)}shard-${shardLabel(shard)}.json`;
}

export function latestKey(day: string): string {
  return `${partitionPrefix('enriched', day)}_LATEST.json`;
}

async function exists(lake: LakeStore, key: string): Promise<boolean> {
  return (await lake.list(key)).includes(key);
}

/** A shard whose marker exists finished the day in an earlier attempt of the same run: skip it. */
export function shardDone(lake: LakeStore, day: string, run: string, shard: Shard): Promise<boolean> {
  return exists(lake, shardMarkerKey(day, run, shard));
}

export async function readLatest(lake: LakeStore, day: string): Promise<LatestManifest | null> {
  const key = latestKey(day);
  if (!(await exists(lake, key))) return null;
  return JSON.parse((await lake.get(key)).toString('utf8')) as LatestManifest;
}

/**
 * Records this shard's part of the version, then publishes `_LATEST.json` if every shard of the
 * run is now done. Marker first, listing second: of two shards finishing together at least the
 * later one sees both markers, so the pointer is never left unwritten.
 */
export async function completeShard(lake: LakeStore, marker: ShardMarker): Promise<LatestManifest | null> {
  const shard = marker.shard;
  await lake.put(shardMarkerKey(marker.day, marker.run, shard), Buffer.from(JSON.stringify(marker, null, 2)));
  const suffix = `of${shard.count}.json`;
  const markers = (await lake.list(runPrefix(marker.day, marker.run))).filter((k) => k.endsWith(suffix));
  if (markers.length < shard.count) return null;
  const all = await Promise.all(
    markers.map(async (k) => JSON.parse((await lake.get(k)).toString('utf8')) as ShardMarker),
  );
  const latest: LatestManifest = {
    run: marker.run,
    day: marker.day,
    shards: shard.count,
    files: all.flatMap((m) => m.files).sort(),
    enrichment_version: marker.enrichment_version,
    completed_at: marker.completed_at,
  };
  await lake.put(latestKey(marker.day), Buffer.from(JSON.stringify(latest, null, 2)));
  return latest;
}
