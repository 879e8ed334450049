import fs from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../../../app/logger';
import type { LogMessage } from '../log';
import { compactSegments, recoverInterruptedCompaction } from './compaction';
import { encodeBatch, type StoredRecord } from './record-codec';
import { Segment, parseSegmentFileName, segmentFileName } from './segment';

/** Recent records kept in memory so consumers at the head never touch the disk. */
const TAIL_MAX_RECORDS = 4096;
const TAIL_MAX_BYTES = 8 * 1024 * 1024;
const FETCH_MAX_BYTES = 4 * 1024 * 1024;

export interface PartitionOptions {
  dir: string;
  compacted: boolean;
  segmentBytes: number;
  retentionMs: number;
  logger: Logger;
}

interface PendingAppend {
  messages: LogMessage[];
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * One partition: a directory of segment files plus a bounded in-memory tail. Appends are queued
 * and written one batch at a time (concurrent produce calls share one write). `endOffset` only
 * moves after write(2) returned, so readers never see a record that is not in the file.
 */
export class PartitionLog {
  endOffset = 0;
  private segments: Segment[] = [];
  private lastTimestamp = 0;
  private tail: StoredRecord[] = [];
  private tailBytes = 0;
  private queue: PendingAppend[] = [];
  private draining: Promise<void> | null = null;
  private maintenance: Promise<void> = Promise.resolve();
  private change: { promise: Promise<void>; resolve: () => void } | null = null;
  private closed = false;
  private readonly damageReported = new WeakSet<Segment>();

  private constructor(private readonly options: PartitionOptions) {}

  static async open(options: PartitionOptions): Promise<PartitionLog> {
    const partition = new PartitionLog(options);
    await partition.load();
    return partition;
  }

  /** First offset still on disk (later than 0 once retention deleted segments). */
  get startOffset(): number {
    return this.segments[0].baseOffset;
  }

  append(messages: LogMessage[]): Promise<void> {
    if (this.closed) return Promise.reject(new Error('log is closed'));
    return new Promise((resolve, reject) => {
      this.queue.push({ messages, resolve, reject });
      this.draining ??= this.drain();
    });
  }

  /** Resolves at the next append (or close); consumers wait on this instead of polling. */
  changed(): Promise<void> {
    if (!this.change) {
      let resolve!: () => void;
      const promise = new Promise<void>((r) => (resolve = r));
      this.change = { promise, resolve };
    }
    return this.change.promise;
  }

  /** Records from `fromOffset` on and the offset to read next (past compaction gaps). */
  async read(fromOffset: number, maxRecords: number): Promise<{ records: StoredRecord[]; next: number }> {
    const end = this.endOffset;
    if (fromOffset >= end) return { records: [], next: fromOffset };
    const tailStart = this.tail.length > 0 ? this.tail[0].offset : end;
    if (fromOffset >= tailStart) {
      const from = fromOffset - tailStart;
      const records = this.tail.slice(from, from + maxRecords);
      return { records, next: records[records.length - 1].offset + 1 };
    }
    let index = this.segmentIndexFor(fromOffset);
    let from = Math.max(fromOffset, this.startOffset);
    const records: StoredRecord[] = [];
    // A batch may span segments: catching up should not be cut into short batches at each roll.
    while (index < this.segments.length && records.length < maxRecords) {
      const segment = this.segments[index];
      segment.acquire();
      try {
        records.push(...(await segment.read(from, maxRecords - records.length, FETCH_MAX_BYTES)));
      } finally {
        segment.release();
      }
      this.reportDamage(segment);
      if (records.length > 0) from = records[records.length - 1].offset + 1;
      // The segment list may have changed while reading: find our place again.
      index = this.segmentIndexFor(segment.baseOffset) + 1;
      if (index < this.segments.length && this.segments[index].baseOffset > from && records.length > 0) break;
    }
    return { records, next: records.length > 0 ? from : end };
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.draining;
    await this.maintenance;
    this.notify();
    await Promise.all(this.segments.map((s) => s.close()));
  }

  /** Deletes whole closed segments older than the retention (never the active one). */
  applyRetention(now: number): Promise<void> {
    if (this.options.compacted) return Promise.resolve();
    return this.schedule(async () => {
      while (this.segments.length > 1 && this.segments[0].lastModified < now - this.options.retentionMs) {
        const [expired] = this.segments.splice(0, 1);
        await fs.rm(expired.filePath, { force: true });
        expired.markDeleted();
        this.options.logger.info({ segment: expired.filePath }, 'log segment expired');
      }
    });
  }

  private async load(): Promise<void> {
    const { dir, logger } = this.options;
    await fs.mkdir(dir, { recursive: true });
    await recoverInterruptedCompaction(dir);
    const bases = (await fs.readdir(dir))
      .map(parseSegmentFileName)
      .filter((b): b is number => b !== null)
      .sort((a, b) => a - b);
    for (const base of bases)
      this.segments.push(await Segment.open(path.join(dir, segmentFileName(base)), base));
    if (this.segments.length === 0) this.segments.push(await Segment.create(dir, 0));

    const active = this.activeSegment();
    const recovered = await active.recover();
    if (recovered.truncatedBytes > 0) {
      logger.warn(
        { segment: active.filePath, bytes: recovered.truncatedBytes, problem: recovered.problem },
        'truncated torn tail of log segment',
      );
    }
    this.endOffset = recovered.lastOffset === null ? active.baseOffset : recovered.lastOffset + 1;
    // Time only moves forward per partition, also across a restart with a clock that went back.
    this.lastTimestamp = Math.max(...this.segments.map((s) => s.lastModified));

    // dim.* topics are re-read from the start at every boot: compact them now, not at the next roll.
    if (this.options.compacted && (active.size > 0 || this.segments.length > 1)) {
      if (active.size > 0) await this.roll(false);
      await this.schedule(() => this.compact());
    }
    await this.applyRetention(Date.now());
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0);
      try {
        await this.write(batch.flatMap((p) => p.messages));
        for (const p of batch) p.resolve();
      } catch (error) {
        for (const p of batch) p.reject(error);
      }
    }
    this.draining = null;
  }

  private async write(messages: LogMessage[]): Promise<void> {
    if (messages.length === 0) return;
    const timestamp = Math.max(this.lastTimestamp, Date.now());
    const records: StoredRecord[] = messages.map((message, i) => ({
      offset: this.endOffset + i,
      timestamp,
      key: message.key,
      value: message.value,
      headers: { ...message.headers },
    }));
    const batch = encodeBatch(records);
    // The tail keeps views of the written bytes, not the producer's buffers, which may be slices
    // of a shared pool (or of a whole request body) far larger than the record.
    records.forEach((record, i) => (record.value = batch.values[i]));
    const active = this.activeSegment();
    if (active.size > 0 && active.size + batch.data.length > this.options.segmentBytes) await this.roll();
    await this.activeSegment().append(
      batch.data,
      records.map((r) => r.offset),
      batch.frameLengths,
      timestamp,
    );
    this.lastTimestamp = timestamp;
    this.endOffset += records.length;
    this.pushTail(records);
    this.notify();
  }

  private async roll(maintain = true): Promise<void> {
    this.segments.push(await Segment.create(this.options.dir, this.endOffset));
    if (!maintain) return;
    if (this.options.compacted) void this.schedule(() => this.compact());
    else void this.applyRetention(Date.now());
  }

  private async compact(): Promise<void> {
    const closed = this.segments.slice(0, -1);
    const replacement = await compactSegments(this.options.dir, closed, this.segments.slice(-1));
    if (!replacement) return;
    // Appends may have rolled more segments meanwhile; only the compacted prefix is replaced.
    this.segments.splice(0, closed.length, replacement);
    for (const old of closed) old.markDeleted();
  }

  /** Retention and compaction run one at a time per partition, off the produce path. */
  private schedule(task: () => Promise<void>): Promise<void> {
    const run = this.maintenance.then(task).catch((error: unknown) => {
      this.options.logger.error({ err: error, dir: this.options.dir }, 'log maintenance failed');
    });
    this.maintenance = run;
    return run;
  }

  private pushTail(records: StoredRecord[]): void {
    for (const record of records) {
      this.tail.push(record);
      this.tailBytes += approximateSize(record);
    }
    if (this.tail.length <= TAIL_MAX_RECORDS && this.tailBytes <= TAIL_MAX_BYTES) return;
    // Trim to three quarters so trimming is amortised, not done on every append.
    let drop = 0;
    while (
      drop < this.tail.length &&
      (this.tail.length - drop > (TAIL_MAX_RECORDS * 3) / 4 || this.tailBytes > (TAIL_MAX_BYTES * 3) / 4)
    ) {
      this.tailBytes -= approximateSize(this.tail[drop]);
      drop++;
    }
    this.tail.splice(0, drop);
  }

  /** A damaged closed segment is served up to the damage: skipping beats stalling every reader forever. */
  private reportDamage(segment: Segment): void {
    if (!segment.damage || this.damageReported.has(segment)) return;
    this.damageReported.add(segment);
    this.options.logger.error(
      { segment: segment.filePath, damage: segment.damage },
      'log segment damaged; records after the damage are skipped',
    );
  }

  private notify(): void {
    const change = this.change;
    this.change = null;
    change?.resolve();
  }

  private activeSegment(): Segment {
    return this.segments[this.segments.length - 1];
  }

  /** Index of the segment that would hold `offset` (the first one for offsets before the start). */
  private segmentIndexFor(offset: number): number {
    let found = 0;
    for (let i = 0; i < this.segments.length; i++) {
      if (this.segments[i].baseOffset <= offset) found = i;
      else break;
    }
    return found;
  }
}

function approximateSize(record: StoredRecord): number {
  return record.value.length + (record.key?.length ?? 0) + 64;
}
