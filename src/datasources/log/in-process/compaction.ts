import fs from 'node:fs/promises';
import path from 'node:path';
import { encodeRecord } from './record-codec';
import { Segment, parseSegmentFileName, segmentFileName, type ScanOutcome } from './segment';

/**
 * Key compaction for dim.* topics, as Kafka's log cleaner does it: the closed segments are
 * rewritten into one keeping only the newest record per key (offsets unchanged, gaps allowed).
 *
 * Crash safety follows Kafka's `.cleaned` → `.swap` protocol: the new file is complete before it
 * is renamed to `<first>.<end>.swap`; only then are the old segment files removed and the swap
 * renamed over the first one. `recoverInterruptedCompaction` finishes or discards that at load,
 * so a crash never loses a record nor leaves two copies of an offset range.
 */

const WRITE_CHUNK_BYTES = 1024 * 1024;

function swapFileName(first: number, end: number): string {
  return `${segmentFileName(first).slice(0, 20)}.${segmentFileName(end).slice(0, 20)}.swap`;
}

export async function recoverInterruptedCompaction(dir: string): Promise<void> {
  const names = await fs.readdir(dir);
  for (const name of names) {
    if (name.endsWith('.cleaned')) await fs.rm(path.join(dir, name), { force: true });
  }
  for (const name of names) {
    const match = /^(\d{20})\.(\d{20})\.swap$/.exec(name);
    if (!match) continue;
    const first = Number(match[1]);
    const end = Number(match[2]);
    for (const other of names) {
      const base = parseSegmentFileName(other);
      if (base !== null && base > first && base < end) await fs.rm(path.join(dir, other), { force: true });
    }
    await fs.rename(path.join(dir, name), path.join(dir, segmentFileName(first)));
  }
}

/**
 * Rewrites `closed` (consecutive, oldest first) keeping each key's newest record, where "newest"
 * also looks at the `later` segments. Returns the replacement for `closed`, or null when nothing
 * would be dropped. Null-key records are dropped: on a compacted topic there is no "latest" for
 * them (Kafka refuses them outright).
 */
export async function compactSegments(
  dir: string,
  closed: Segment[],
  later: Segment[],
): Promise<Segment | null> {
  if (closed.length === 0 || later.length === 0) return null;
  const latest = new Map<string, number>();
  let total = 0;
  for (const segment of [...closed, ...later]) {
    const isClosed = closed.includes(segment);
    for await (const { record } of scan(segment)) {
      if (isClosed) total++;
      if (record.key !== null) latest.set(record.key, record.offset);
    }
  }

  const first = closed[0].baseOffset;
  const cleanedPath = path.join(dir, `${segmentFileName(first)}.cleaned`);
  const out = await fs.open(cleanedPath, 'w');
  let kept = 0;
  try {
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    for (const segment of closed) {
      for await (const { record } of scan(segment)) {
        if (record.key === null || latest.get(record.key) !== record.offset) continue;
        const frame = encodeRecord(record);
        pending.push(frame);
        pendingBytes += frame.length;
        kept++;
        if (pendingBytes >= WRITE_CHUNK_BYTES) {
          await out.write(Buffer.concat(pending));
          pending = [];
          pendingBytes = 0;
        }
      }
    }
    if (pendingBytes > 0) await out.write(Buffer.concat(pending));
  } finally {
    await out.close();
  }
  if (kept === total && closed.length === 1) {
    await fs.rm(cleanedPath, { force: true });
    return null;
  }

  const swapPath = path.join(dir, swapFileName(first, later[0].baseOffset));
  await fs.rename(cleanedPath, swapPath);
  for (const segment of closed.slice(1)) await fs.rm(segment.filePath, { force: true });
  await fs.rename(swapPath, closed[0].filePath);
  return Segment.open(closed[0].filePath, first);
}

async function* scan(segment: Segment) {
  const outcome: ScanOutcome = { end: 0, problem: null };
  segment.acquire();
  try {
    yield* segment.frames(0, segment.size, outcome);
  } finally {
    segment.release();
  }
  if (outcome.problem) throw new Error(`corrupt segment ${segment.filePath}: ${outcome.problem}`);
}
