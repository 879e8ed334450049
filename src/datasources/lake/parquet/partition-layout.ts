import { randomBytes } from 'node:crypto';

/**
 * Object names of the lake, Hive-style so Spark, Athena and DuckDB (`hive_partitioning=true`) see
 * `dt` and `event_type` as columns:
 *   <dataset>/dt=YYYY-MM-DD/event_type=<type>/part-<writerId>-<first log ts>-<8 hex>.parquet
 * The writer id and the random suffix make names unique per writer and per flush, so replicas and
 * re-deliveries add files and never overwrite another writer's object.
 */

export type LakeDataset = 'raw' | 'enriched';
export const LAKE_DATASETS: readonly LakeDataset[] = ['raw', 'enriched'];

/** event_type of raw records that failed validation (they are archived too, nothing is lost). */
export const INVALID_EVENT_TYPE = '_invalid';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const NAME_PART = /^[A-Za-z0-9_.-]+$/;

export function utcDay(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 10);
}

export function assertDay(day: string): void {
  if (!DAY.test(day) || Number.isNaN(Date.parse(`${day}T00:00:00Z`))) {
    throw new Error(`not a YYYY-MM-DD day: ${JSON.stringify(day)}`);
  }
}

/** Writer ids end up in object names: letters, digits, '.', '_' and '-' only (pod names fit). */
export function assertWriterId(writerId: string): void {
  if (!NAME_PART.test(writerId)) {
    throw new Error(`writer id ${JSON.stringify(writerId)} may hold only letters, digits, '.', '_' and '-'`);
  }
}

/** Event types end up in object names too; a bad one must be caught before a flush, not during it. */
export function assertEventType(eventType: string): void {
  if (typeof eventType !== 'string' || !NAME_PART.test(eventType)) {
    throw new Error(`event type ${JSON.stringify(eventType)} is not a safe partition name`);
  }
}

/** "raw/dt=2026-03-01/" or, with an event type, "raw/dt=2026-03-01/event_type=purchase/". */
export function partitionPrefix(dataset: LakeDataset, day: string, eventType?: string): string {
  assertDay(day);
  const dayPrefix = `${dataset}/dt=${day}/`;
  if (eventType === undefined) return dayPrefix;
  assertEventType(eventType);
  return `${dayPrefix}event_type=${eventType}/`;
}

export interface PartFile {
  dataset: LakeDataset;
  day: string;
  eventType: string;
  writerId: string;
  /** Log timestamp of the file's first row: names sort roughly by time within a partition. */
  firstLogTimestampMs: number;
}

export function partFileKey(file: PartFile): string {
  assertWriterId(file.writerId);
  const ts = String(Math.max(0, Math.trunc(file.firstLogTimestampMs))).padStart(13, '0');
  const suffix = randomBytes(4).toString('hex');
  return `${partitionPrefix(file.dataset, file.day, file.eventType)}part-${file.writerId}-${ts}-${suffix}.parquet`;
}
