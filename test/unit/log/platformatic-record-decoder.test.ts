import type { RecordsBatch } from '@platformatic/kafka';
import { decodeBatches } from '../../../src/datasources/log/platformatic-kafka/record-decoder';

function batch(firstOffset: number, values: string[], extra: Partial<RecordsBatch> = {}): RecordsBatch {
  return {
    firstOffset: BigInt(firstOffset),
    length: 0,
    partitionLeaderEpoch: 0,
    magic: 2,
    crc: 0,
    attributes: 0,
    lastOffsetDelta: values.length - 1,
    firstTimestamp: 1_700_000_000_000n,
    maxTimestamp: 1_700_000_000_000n,
    producerId: 1n,
    producerEpoch: 0,
    firstSequence: 0,
    records: values.map((v, i) => ({
      length: 0,
      attributes: 0,
      timestampDelta: BigInt(i * 10),
      offsetDelta: i,
      key: i % 2 === 0 ? Buffer.from(`user-${i}`) : null,
      value: Buffer.from(v),
      headers: [
        [Buffer.from('n'), Buffer.from(String(i))],
        [Buffer.from('n'), Buffer.from('repeated')],
      ],
    })),
    ...extra,
  };
}

describe('@platformatic/kafka record batches → LogRecords', () => {
  test('offsets, timestamps, keys, first header values; records before the asked offset are dropped', () => {
    const { records, nextOffset } = decodeBatches(
      'tx',
      3,
      [batch(10, ['a', 'b', 'c']), batch(13, ['d'])],
      11,
    );
    expect(records.map((r) => [r.offset, r.value.toString(), r.key, r.headers.n, r.timestamp])).toEqual([
      ['11', 'b', null, '1', 1_700_000_000_010],
      ['12', 'c', 'user-2', '2', 1_700_000_000_020],
      ['13', 'd', 'user-0', '0', 1_700_000_000_000],
    ]);
    expect(records.every((r) => r.topic === 'tx' && r.partition === 3)).toBe(true);
    expect(nextOffset).toBe(14);
  });

  test('a transaction marker batch is skipped but still moves the next offset', () => {
    const { records, nextOffset } = decodeBatches(
      'tx',
      0,
      [batch(5, ['x']), batch(6, ['marker'], { attributes: 0b10_0000 })],
      5,
    );
    expect(records.map((r) => r.value.toString())).toEqual(['x']);
    expect(nextOffset).toBe(7);
  });

  test('no batches: nothing new, the next fetch starts where this one did', () => {
    expect(decodeBatches('tx', 0, [], 42)).toEqual({ records: [], nextOffset: 42 });
  });
});
