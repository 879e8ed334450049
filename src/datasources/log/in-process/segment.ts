import fs from 'node:fs/promises';
import path from 'node:path';
import { decodeFrame, type StoredRecord } from './record-codec';

/** One index entry per this many bytes: ~4k entries for a full 64 MiB segment. */
const INDEX_INTERVAL_BYTES = 16 * 1024;
const READ_CHUNK_BYTES = 256 * 1024;
const SEGMENT_SUFFIX = '.log';

export function segmentFileName(baseOffset: number): string {
  return `${String(baseOffset).padStart(20, '0')}${SEGMENT_SUFFIX}`;
}

export function parseSegmentFileName(name: string): number | null {
  const match = /^(\d{20})\.log$/.exec(name);
  return match ? Number(match[1]) : null;
}

export interface ScannedFrame {
  record: StoredRecord;
  position: number;
  frameLength: number;
}

/** Where a scan stopped and why: `problem` is null when it reached the end cleanly. */
export interface ScanOutcome {
  end: number;
  problem: string | null;
}

/**
 * One segment file, named after the first offset it may hold (Kafka's layout). Appends go
 * through `append`, which the owning partition serialises; readers only ever see bytes below
 * `size`, which advances after a write completed, so a half-written batch is never read.
 * The file stays open while readers hold it, even after retention or compaction unlinked it.
 */
export class Segment {
  size: number;
  /** When the newest record was appended (file mtime for segments found at load): retention age. */
  lastModified: number;
  private indexOffsets: number[] = [];
  private indexPositions: number[] = [];
  private indexed: Promise<unknown> | null;
  private lastIndexedPosition = -INDEX_INTERVAL_BYTES;
  /** Set when indexing found a bad frame: everything from there on is unreadable. */
  damage: string | null = null;
  private readers = 0;
  private deleted = false;
  private closing: Promise<void> | null = null;

  private constructor(
    readonly baseOffset: number,
    readonly filePath: string,
    private readonly file: fs.FileHandle,
    size: number,
    lastModified: number,
    indexed: boolean,
  ) {
    this.size = size;
    this.lastModified = lastModified;
    this.indexed = indexed ? Promise.resolve() : null;
  }

  static async create(dir: string, baseOffset: number): Promise<Segment> {
    const filePath = path.join(dir, segmentFileName(baseOffset));
    const file = await fs.open(filePath, 'ax+');
    return new Segment(baseOffset, filePath, file, 0, Date.now(), true);
  }

  /** Opens an existing file without reading it; the index is built on first read. */
  static async open(filePath: string, baseOffset: number): Promise<Segment> {
    const file = await fs.open(filePath, 'a+');
    const stat = await file.stat();
    return new Segment(baseOffset, filePath, file, stat.size, Math.floor(stat.mtimeMs), stat.size === 0);
  }

  /**
   * Validates every frame from the start, builds the index, and cuts the file after the last
   * good frame (a torn write from a crash, or garbage). Returns the last offset found.
   */
  async recover(): Promise<{ lastOffset: number | null; truncatedBytes: number; problem: string | null }> {
    const sizeOnDisk = this.size;
    const outcome = await this.buildIndex();
    const truncatedBytes = sizeOnDisk - outcome.end;
    if (truncatedBytes > 0) await this.file.truncate(outcome.end);
    this.damage = null;
    if (outcome.lastTimestamp !== null) this.lastModified = outcome.lastTimestamp;
    return { lastOffset: outcome.lastOffset, truncatedBytes, problem: outcome.problem };
  }

  /** Writes `data`, the frames of `offsets` back to back (`frameLengths` bytes each). */
  async append(data: Buffer, offsets: number[], frameLengths: number[], timestamp: number): Promise<void> {
    const start = this.size;
    try {
      let written = 0;
      while (written < data.length) {
        const { bytesWritten } = await this.file.write(data, written, data.length - written, null);
        written += bytesWritten;
      }
    } catch (error) {
      // Drop a partial write so the next append does not land behind garbage.
      await this.file.truncate(start).catch(() => undefined);
      throw error;
    }
    let position = start;
    for (let i = 0; i < offsets.length; i++) {
      this.noteIndex(offsets[i], position);
      position += frameLengths[i];
    }
    this.size = position;
    this.lastModified = timestamp;
  }

  /** Records with offset >= `fromOffset`, in order, up to the limits (at least one if any exists). */
  async read(fromOffset: number, maxRecords: number, maxBytes: number): Promise<StoredRecord[]> {
    // Segments found at load are indexed lazily: startup must not read gigabytes of history.
    this.indexed ??= this.buildIndex().catch((error: unknown) => {
      this.indexed = null;
      throw error;
    });
    await this.indexed;
    const records: StoredRecord[] = [];
    let bytes = 0;
    const outcome: ScanOutcome = { end: 0, problem: null };
    for await (const frame of this.frames(this.positionBefore(fromOffset), this.size, outcome)) {
      if (frame.record.offset < fromOffset) continue;
      records.push(frame.record);
      bytes += frame.frameLength;
      if (records.length >= maxRecords || bytes >= maxBytes) break;
    }
    if (outcome.problem)
      throw new Error(`corrupt segment ${this.filePath} at byte ${outcome.end}: ${outcome.problem}`);
    return records;
  }

  /** Sequential frames in [from, to); stops at the first bad or incomplete frame and says why. */
  async *frames(from: number, to: number, outcome: ScanOutcome): AsyncGenerator<ScannedFrame> {
    let chunk: Buffer = Buffer.alloc(0);
    let chunkStart = from;
    let at = 0;
    outcome.end = from;
    outcome.problem = null;
    while (chunkStart + at < to) {
      const decoded = decodeFrame(chunk, at);
      if (decoded.kind === 'record') {
        yield { record: decoded.record, position: chunkStart + at, frameLength: decoded.frameLength };
        at += decoded.frameLength;
        outcome.end = chunkStart + at;
        continue;
      }
      if (decoded.kind === 'corrupt') {
        outcome.problem = decoded.reason;
        return;
      }
      const position = chunkStart + at;
      if (position + decoded.needed > to) {
        outcome.problem = 'incomplete frame';
        return;
      }
      const length = Math.min(to - position, Math.max(READ_CHUNK_BYTES, decoded.needed));
      chunk = await this.readAt(position, length);
      chunkStart = position;
      at = 0;
    }
  }

  acquire(): void {
    this.readers++;
  }

  release(): void {
    this.readers--;
    if (this.deleted && this.readers === 0) void this.close();
  }

  /** The file was unlinked (retention, compaction): close it once the last reader is done. */
  markDeleted(): void {
    this.deleted = true;
    if (this.readers === 0) void this.close();
  }

  close(): Promise<void> {
    this.closing ??= this.file.close().catch(() => undefined);
    return this.closing;
  }

  private async readAt(position: number, length: number): Promise<Buffer> {
    const buffer = Buffer.allocUnsafe(length);
    let filled = 0;
    while (filled < length) {
      const { bytesRead } = await this.file.read(buffer, filled, length - filled, position + filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    return buffer.subarray(0, filled);
  }

  private async buildIndex(): Promise<
    ScanOutcome & { lastOffset: number | null; lastTimestamp: number | null }
  > {
    this.indexOffsets = [];
    this.indexPositions = [];
    this.lastIndexedPosition = -INDEX_INTERVAL_BYTES;
    const outcome: ScanOutcome = { end: 0, problem: null };
    let lastOffset: number | null = null;
    let lastTimestamp: number | null = null;
    for await (const frame of this.frames(0, this.size, outcome)) {
      if (lastOffset !== null && frame.record.offset <= lastOffset) {
        outcome.end = frame.position;
        outcome.problem = 'offsets out of order';
        break;
      }
      this.noteIndex(frame.record.offset, frame.position);
      lastOffset = frame.record.offset;
      lastTimestamp = frame.record.timestamp;
    }
    this.indexed = Promise.resolve();
    // A damaged closed segment is readable up to its damage; recover() also cuts the file there.
    this.size = Math.min(this.size, outcome.end);
    if (outcome.problem) this.damage = `${outcome.problem} at byte ${outcome.end}`;
    return { ...outcome, lastOffset, lastTimestamp };
  }

  private noteIndex(offset: number, position: number): void {
    if (position - this.lastIndexedPosition < INDEX_INTERVAL_BYTES) return;
    this.indexOffsets.push(offset);
    this.indexPositions.push(position);
    this.lastIndexedPosition = position;
  }

  /** File position of the last indexed record at or before `offset` (0 if none). */
  private positionBefore(offset: number): number {
    let lo = 0;
    let hi = this.indexOffsets.length - 1;
    let found = 0;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.indexOffsets[mid] <= offset) {
        found = this.indexPositions[mid];
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  }
}
