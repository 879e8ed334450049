import type { LakeStore } from '../../datasources/lake/lake-store';
import { partitionPrefix } from '../../datasources/lake/parquet';
import { fnv1a32, shardLabel, type Shard } from './plan';

/**
 * Versions of an enriched day partition written by reprocess runs (README "Lake versions"):
 *
 *   enriched/dt=D/event_type=T/part-rp.<run>.<i>of<n>-<chunk>.parquet   the version's rows
 *   enriched/dt=D/event_type=T/part-rp.<run>.<i>of<n>-<chunk>.a<hash>.parquet  the same, amended
 *   enriched/dt=D/_reprocess/<run>/shard-<i>of<n>.json                  one shard finished the day
 *   enriched/dt=D/_reprocess/<run>/moved-<day2>-<i>of<n>-<hash>.json    transactions that left D
 *   enriched/dt=D/_LATEST.json                                          the last complete version
 *
 * Version files sit beside the live archiver's files, with the same columns and partition depth,
 * so a glob over `enriched/` still reads one table. Names are deterministic: a retried shard
 * overwrites its own objects instead of adding copies, and amended files are named by content.
 * `_LATEST.json` names every file of the version (version-publish.ts composes it).
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

/** Written by the shard that applied corrections moving transactions away from `day`. */
export interface MovedNote {
  run: string;
  day: string;
  /** The day being reprocessed when the move was applied, and by which shard. */
  found_on: string;
  shard: { index: number; count: number };
  /** Each transaction with the user it had on `day`: that picks the shard part that lists it. */
  moved: { transaction_id: string; user_id: string }[];
}

export interface LatestManifest {
  run: string;
  day: string;
  shards: number;
  files: string[];
  /** The moved-notes already applied to `files`. */
  notes: string[];
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

export function runPrefix(day: string, run: string): string {
  return `${partitionPrefix('enriched', day)}_reprocess/${run}/`;
}

export function shardMarkerKey(day: string, run: string, shard: Shard): string {
  return `${runPrefix(day, run)}shard-${shardLabel(shard)}.json`;
}

export function isShardMarker(key: string, count: number): boolean {
  return new RegExp(`/shard-\\d+of${count}\\.json$`).test(key);
}

/** Named by content: a retry that finds the same moves writes the same key, new moves a new one. */
export function movedNoteKey(note: MovedNote): string {
  const hash = fnv1a32(
    note.moved
      .map((m) => `${m.transaction_id}|${m.user_id}`)
      .sort()
      .join('\n'),
  );
  const name = `moved-${note.found_on}-${shardLabel(note.shard)}-${hash.toString(16).padStart(8, '0')}.json`;
  return `${runPrefix(note.day, note.run)}${name}`;
}

export function isMovedNote(key: string): boolean {
  return /\/moved-[^/]+\.json$/.test(key);
}

/** A version file with some rows dropped or replaced, named after the rows it holds. */
export function amendedFileKey(original: string, content: string): string {
  const hash = fnv1a32(content).toString(16).padStart(8, '0');
  return original.replace(/\.parquet$/, `.a${hash}.parquet`);
}

export function latestKey(day: string): string {
  return `${partitionPrefix('enriched', day)}_LATEST.json`;
}

export async function exists(lake: LakeStore, key: string): Promise<boolean> {
  return (await lake.list(key)).includes(key);
}

/** A shard whose marker exists finished the day in an earlier attempt of the same run: skip it. */
export function shardDone(lake: LakeStore, day: string, run: string, shard: Shard): Promise<boolean> {
  return exists(lake, shardMarkerKey(day, run, shard));
}

export async function readJson<T>(lake: LakeStore, key: string): Promise<T> {
  return JSON.parse((await lake.get(key)).toString('utf8')) as T;
}

export function putJson(lake: LakeStore, key: string, value: unknown): Promise<void> {
  return lake.put(key, Buffer.from(JSON.stringify(value, null, 2)));
}

export async function readLatest(lake: LakeStore, day: string): Promise<LatestManifest | null> {
  const key = latestKey(day);
  if (!(await exists(lake, key))) return null;
  const latest = await readJson<LatestManifest>(lake, key);
  // Manifests written before moved-notes existed have none applied.
  return { ...latest, notes: latest.notes ?? [] };
}

/** Records moves once: an existing note with the same content is left as it is. */
export async function writeMovedNote(lake: LakeStore, note: MovedNote): Promise<string> {
  const key = movedNoteKey(note);
  if (!(await exists(lake, key))) await putJson(lake, key, note);
  return key;
}
