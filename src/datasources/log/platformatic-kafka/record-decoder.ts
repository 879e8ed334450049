import type { RecordsBatch } from '@platformatic/kafka';
import type { LogRecord } from '../log';

/** Record-batch attribute bit of transaction markers, which are offsets but not records. */
const IS_CONTROL = 0b10_0000;

export interface DecodedPartition {
  records: LogRecord[];
  /** Where the next fetch starts: after the last batch, control batches included. */
  nextOffset: number;
}

/**
 * Record batches of one partition, as the Fetch response holds them, to LogRecords under the
 * logical topic name. A fetch returns whole batches, so records before the offset asked for
 * (the head of the first batch) are dropped here.
 */
export function decodeBatches(
  topic: string,
  partition: number,
  batches: RecordsBatch[],
  fromOffset: number,
): DecodedPartition {
  const records: LogRecord[] = [];
  let nextOffset = fromOffset;
  for (const batch of batches) {
    const first = Number(batch.firstOffset);
    nextOffset = Math.max(nextOffset, first + batch.lastOffsetDelta + 1);
    if ((batch.attributes & IS_CONTROL) !== 0) continue;
    const firstTimestamp = Number(batch.firstTimestamp);
    for (const record of batch.records) {
      const offset = first + record.offsetDelta;
      if (offset < fromOffset) continue;
      records.push({
        topic,
        partition,
        offset: String(offset),
        timestamp: firstTimestamp + Number(record.timestampDelta),
        key: record.key === null ? null : record.key.toString('utf8'),
        // A tombstone (null value) has no bytes; nothing in txgraph produces one.
        value: record.value ?? Buffer.alloc(0),
        headers: headersOf(record.headers),
      });
    }
  }
  return { records, nextOffset };
}

function headersOf(headers: [Buffer | null, Buffer | null][]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of headers) {
    // kafkajs hands over the first value of a repeated header; so does this.
    if (name === null || value === null) continue;
    const key = name.toString();
    if (!(key in out)) out[key] = value.toString();
  }
  return out;
}
