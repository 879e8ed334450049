/**
 * Pure planning of a reprocess run: which days, which shard owns which (day, user), and the run
 * id that names the lake version. No I/O, so every rule here is tested by tables.
 */

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const RUN_ID = /^[A-Za-z0-9_.-]{1,64}$/;
const DAY_MS = 86_400_000;
/** A guard against a typo such as --from 2016 turning into a decade-long run. */
export const MAX_DAYS = 3660;

export interface Shard {
  index: number;
  count: number;
}

export const WHOLE: Shard = { index: 0, count: 1 };

export function parseDay(text: string, name: string): string {
  const ms = Date.parse(`${text}T00:00:00Z`);
  if (!DAY.test(text) || Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== text) {
    throw new Error(`${name} must be a UTC day YYYY-MM-DD, got "${text}"`);
  }
  return text;
}

/** Every UTC day from `from` to `to`, both included, ascending. */
export function daysBetween(from: string, to: string): string[] {
  const start = Date.parse(`${parseDay(from, '--from')}T00:00:00Z`);
  const end = Date.parse(`${parseDay(to, '--to')}T00:00:00Z`);
  if (end < start) throw new Error(`--to ${to} is before --from ${from}`);
  const count = (end - start) / DAY_MS + 1;
  if (count > MAX_DAYS) throw new Error(`${count} days requested; at most ${MAX_DAYS} per run`);
  return Array.from({ length: count }, (_, i) => new Date(start + i * DAY_MS).toISOString().slice(0, 10));
}

/** "i/n" with 0 ≤ i < n, as Kubernetes indexed Jobs ($JOB_COMPLETION_INDEX) and Batch arrays count. */
export function parseShard(text: string): Shard {
  const match = /^(\d{1,5})\/(\d{1,5})$/.exec(text);
  if (!match) throw new Error(`--shard must look like i/n (e.g. 0/3), got "${text}"`);
  const index = Number(match[1]);
  const count = Number(match[2]);
  if (count < 1 || index >= count) throw new Error(`--shard ${text}: need 0 ≤ i < n`);
  return { index, count };
}

export function parseRunId(text: string): string {
  if (!RUN_ID.test(text)) {
    throw new Error(`--run-id may hold 1–64 letters, digits, '.', '_' or '-', got "${text}"`);
  }
  return text;
}

/**
 * A run id from the start time plus a random tag, e.g. "20260301T120000123Z-3fa9": sortable, and
 * two runs started in the same millisecond (the scheduler and an operator) never share checkpoints.
 */
export function defaultRunId(startedAt: Date, tag: string): string {
  return `${startedAt.toISOString().replace(/[-:.]/g, '')}-${tag}`;
}

/**
 * The id of a sharded run nobody named: the same for every machine given the same command (they
 * must share one version), e.g. "2026-03-01_2026-03-31_8shards". Running that command again
 * therefore resumes this run; a deliberate new run over the same range needs its own --run-id.
 */
export function shardedRunId(from: string, to: string, count: number): string {
  return `${parseDay(from, '--from')}_${parseDay(to, '--to')}_${count}shards`;
}

/** FNV-1a, 32 bit: stable across processes, machines and Node versions, unlike any built-in hash. */
export function fnv1a32(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/**
 * The shard that owns one key of one day. Hashing the day with the key (not the key alone) keeps
 * shards balanced even when a few heavy users dominate: their load lands on different shards on
 * different days.
 */
export function shardOf(day: string, key: string, count: number): number {
  return count === 1 ? 0 : fnv1a32(`${day}|${key}`) % count;
}

export function owns(shard: Shard, day: string, key: string): boolean {
  return shardOf(day, key, shard.count) === shard.index;
}

export function shardLabel(shard: Shard): string {
  return `${shard.index}of${shard.count}`;
}

/** The days a scheduled run covers: the last `days` UTC days, today included (late data lands there). */
export function scheduledRange(nowMs: number, days: number): { from: string; to: string } {
  const today = Math.floor(nowMs / DAY_MS) * DAY_MS;
  const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  return { from: iso(today - (days - 1) * DAY_MS), to: iso(today) };
}
