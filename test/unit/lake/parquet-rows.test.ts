import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parquetMetadata } from 'hyparquet';
import {
  decodeEnrichedRows,
  decodeRawRows,
  encodeEnrichedRows,
  encodeRawRows,
  rawBytes,
  toRawTransaction,
} from '../../../src/datasources/lake/parquet';
import { enrichedRow, invalidRawRow, validRawRow } from './lake-fixtures';

describe('raw dataset rows', () => {
  test('valid and invalid rows decode to exactly what was encoded', async () => {
    const rows = [
      validRawRow(),
      validRawRow({ transaction_id: 'tx-2', amount: '0.10', product_id: null, metadata: null, version: 0 }),
      validRawRow({ transaction_id: 'tx-3', amount: '99999999.99', timestamp: '1969-12-31T23:59:59.999Z' }),
      invalidRawRow(),
      invalidRawRow({ raw: 'not json {', raw_base64: false, reject_reason: 'not_json', source_offset: '0' }),
    ];
    const decoded = await decodeRawRows(await encodeRawRows(rows));
    expect(decoded).toEqual(rows);
    expect(decoded.map((r) => r.amount)).toEqual(['12.50', '0.10', '99999999.99', null, null]);
  });

  test('the original bytes survive, base64 or not', async () => {
    const [invalid] = await decodeRawRows(await encodeRawRows([invalidRawRow()]));
    expect(rawBytes(invalid!)).toEqual(Buffer.from([0xff, 0xfe, 0x00, 0x41]));
  });

  test('a valid row gives back the normalised transaction', async () => {
    const [row] = await decodeRawRows(await encodeRawRows([validRawRow()]));
    expect(toRawTransaction(row!)).toMatchObject({
      transaction_id: 'tx-1',
      amount: '12.50',
      timestamp_ms: Date.parse('2026-03-01T23:59:59.999Z'),
      day: '2026-03-01',
      version: 2,
    });
    expect(toRawTransaction(invalidRawRow())).toBeNull();
  });

  test('an amount that cannot be stored exactly is refused, not rounded', async () => {
    await expect(encodeRawRows([validRawRow({ amount: '1.005' })])).rejects.toThrow(/decimals/);
  });
});

describe('enriched dataset rows', () => {
  test('every field, with exact decimals, arrays and nulls, round-trips', async () => {
    const rows = [
      enrichedRow(),
      enrichedRow({
        transaction_id: 'tx-2',
        amount: '0.10',
        amount_usd: null,
        usd_rate: null,
        product_id: 'p-9',
        metadata: { nested: { list: [1, 'two', null] } },
        risk_reasons: [],
        dimension_misses: [],
        timestamp: '2026-03-02T00:00:00.000Z',
        timestamp_ms: Date.parse('2026-03-02T00:00:00.000Z'),
        day: '2026-03-02',
      }),
    ];
    const decoded = await decodeEnrichedRows(await encodeEnrichedRows(rows));
    expect(decoded).toEqual(rows);
  });

  test('the largest amount × rate the validators allow round-trips (and negatives for refunds)', async () => {
    // 99,999,999.99 × 999,999,999,999.99 (just under the usd_rate bound), rounded half up to cents.
    const rows = [
      enrichedRow({
        amount: '99999999.99',
        usd_rate: '999999999999.99',
        amount_usd: '99999999989999000000.00',
      }),
      enrichedRow({ transaction_id: 'tx-2', amount_usd: '-99999999989999999999.01' }),
    ];
    const decoded = await decodeEnrichedRows(await encodeEnrichedRows(rows));
    expect(decoded.map((r) => r.amount_usd)).toEqual(['99999999989999000000.00', '-99999999989999999999.01']);
  });

  test('many rows span several row groups without loss', async () => {
    const rows = Array.from({ length: 10_000 }, (_, i) =>
      enrichedRow({
        transaction_id: `tx-${i}`,
        amount: `${i}.${String(i % 100).padStart(2, '0')}`,
        source_offset: String(i),
      }),
    );
    const decoded = await decodeEnrichedRows(await encodeEnrichedRows(rows));
    expect(decoded).toHaveLength(rows.length);
    expect(decoded[9999]).toEqual(rows[9999]);
    expect(decoded.map((r) => r.amount)).toEqual(rows.map((r) => r.amount));
  }, 30_000);

  test('a large file is encoded a row group at a time, with event-loop turns in between', async () => {
    const rows = Array.from({ length: 10_000 }, (_, i) => enrichedRow({ transaction_id: `tx-${i}` }));
    let turns = 0;
    let encoding = true;
    const turn = () => {
      if (!encoding) return;
      turns++;
      setImmediate(turn);
    };
    setImmediate(turn);
    const file = await encodeEnrichedRows(rows);
    encoding = false;
    // Groups of at most 4,096 rows bound each synchronous stretch; a turn after each group but the last.
    const groups = parquetMetadata(file);
    expect(groups.row_groups.map((g) => Number(g.num_rows))).toEqual([4096, 4096, 1808]);
    expect(turns).toBeGreaterThanOrEqual(2);
    expect(await decodeEnrichedRows(file)).toHaveLength(10_000);
  }, 30_000);
});

describe('lakes written before the column-wise encoder', () => {
  // Written by @dsnp/parquetjs 1.8 (the lake's encoder until 2026-11-25) from these same rows: a
  // lake archived then must reprocess to the same states now.
  const fixture = (name: string) => readFileSync(join(__dirname, 'fixtures', name));

  test('raw files decode to the rows that were archived', async () => {
    expect(await decodeRawRows(fixture('parquetjs-raw.parquet'))).toEqual([
      validRawRow(),
      validRawRow({
        transaction_id: 'tx-2',
        amount: '-0.10',
        product_id: null,
        metadata: null,
        version: 0,
        timestamp: '1969-12-31T23:59:59.999Z',
      }),
      invalidRawRow(),
    ]);
  });

  test('enriched files decode to the rows that were archived', async () => {
    expect(await decodeEnrichedRows(fixture('parquetjs-enriched.parquet'))).toEqual([
      enrichedRow(),
      enrichedRow({
        transaction_id: 'tx-2',
        amount_usd: '-99999999989999999999.01',
        usd_rate: null,
        risk_reasons: [],
        metadata: { nested: { list: [1, 'two', null] } },
      }),
    ]);
  });
});
