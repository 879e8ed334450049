import { DuckDBInstance } from '@duckdb/node-api';
import { createDiskLakeStore } from '../../../src/datasources/lake/disk-lake-store';
import {
  encodeEnrichedRows,
  encodeRawRows,
  INVALID_EVENT_TYPE,
  partFileKey,
} from '../../../src/datasources/lake/parquet';
import { enrichedRow, invalidRawRow, validRawRow, withTempDir } from './lake-fixtures';

/** Runs one query over the lake with DuckDB (offline, in memory) and returns plain JS rows. */
async function query(sql: string): Promise<Record<string, unknown>[]> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    return (await connection.runAndReadAll(sql)).getRowObjectsJS() as Record<string, unknown>[];
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

const part = { writerId: 'w1', firstLogTimestampMs: 1772409600125 };

describe('DuckDB reads the lake back', () => {
  test('raw dataset: counts, exact decimal sum, hive partitions, timestamps', () =>
    withTempDir(async (dir) => {
      const lake = createDiskLakeStore(dir);
      const day1 = [
        validRawRow({ transaction_id: 'a', amount: '0.10' }),
        validRawRow({ transaction_id: 'b', amount: '0.29' }),
        validRawRow({ transaction_id: 'c', amount: '99999999.99' }),
      ];
      const refunds = [validRawRow({ transaction_id: 'd', transaction_type: 'refund', amount: '12.50' })];
      const day2 = [
        validRawRow({ transaction_id: 'e', amount: '1.15', timestamp: '2026-03-02T00:00:00.000Z' }),
      ];
      await lake.put(
        partFileKey({ ...part, dataset: 'raw', day: '2026-03-01', eventType: 'purchase' }),
        await encodeRawRows(day1),
      );
      await lake.put(
        partFileKey({ ...part, dataset: 'raw', day: '2026-03-01', eventType: 'refund' }),
        await encodeRawRows(refunds),
      );
      await lake.put(
        partFileKey({ ...part, dataset: 'raw', day: '2026-03-02', eventType: 'purchase' }),
        await encodeRawRows(day2),
      );
      await lake.put(
        partFileKey({ ...part, dataset: 'raw', day: '2026-03-01', eventType: INVALID_EVENT_TYPE }),
        await encodeRawRows([invalidRawRow()]),
      );

      const glob = `read_parquet('${dir}/raw/**/*.parquet', hive_partitioning=true)`;
      const byPartition = await query(
        `SELECT dt::VARCHAR AS dt, event_type, count(*)::INTEGER AS n, sum(amount)::VARCHAR AS total
         FROM ${glob} GROUP BY ALL ORDER BY dt, event_type`,
      );
      expect(byPartition).toEqual([
        { dt: '2026-03-01', event_type: '_invalid', n: 1, total: null },
        { dt: '2026-03-01', event_type: 'purchase', n: 3, total: '100000000.38' },
        { dt: '2026-03-01', event_type: 'refund', n: 1, total: '12.50' },
        { dt: '2026-03-02', event_type: 'purchase', n: 1, total: '1.15' },
      ]);

      const [types] = await query(
        `SELECT typeof(amount) AS amount, typeof(timestamp) AS ts, typeof(dt) AS dt, typeof(source_offset) AS off,
                sum(amount)::VARCHAR AS total
         FROM ${glob} GROUP BY ALL`,
      );
      expect(types).toEqual({
        amount: 'DECIMAL(12,2)',
        ts: 'TIMESTAMP',
        dt: 'DATE',
        off: 'BIGINT',
        total: '100000014.03',
      });

      const [row] = await query(
        `SELECT strftime(timestamp, '%Y-%m-%dT%H:%M:%S.%g') AS ts, strftime(log_timestamp, '%Y-%m-%dT%H:%M:%S.%g') AS logged,
                source_offset::VARCHAR AS off, metadata::JSON->>'$.extra.note' AS note, valid
         FROM ${glob} WHERE transaction_id = 'a'`,
      );
      expect(row).toEqual({
        ts: '2026-03-01T23:59:59.999',
        logged: '2026-03-02T00:00:00.125',
        off: '9007199254740993',
        note: 'ünïcödé ✓',
        valid: true,
      });
    }));

  test('enriched dataset: DECIMAL(38,2) amount_usd, JSON arrays, exact rate strings', () =>
    withTempDir(async (dir) => {
      const lake = createDiskLakeStore(dir);
      const rows = [
        enrichedRow(),
        enrichedRow({ transaction_id: 'tx-2', amount_usd: null, usd_rate: null, risk_reasons: [] }),
      ];
      await lake.put(
        partFileKey({ ...part, dataset: 'enriched', day: '2026-03-01', eventType: 'purchase' }),
        await encodeEnrichedRows(rows),
      );
      const result = await query(
        `SELECT transaction_id, typeof(amount_usd) AS t, amount_usd::VARCHAR AS usd, usd_rate,
                json_array_length(risk_reasons::JSON)::INTEGER AS reasons, dimension_misses::JSON->>0 AS miss,
                strftime(enriched_at, '%Y-%m-%dT%H:%M:%S.%g') AS enriched_at
         FROM read_parquet('${dir}/enriched/**/*.parquet', hive_partitioning=true) ORDER BY transaction_id`,
      );
      expect(result).toEqual([
        {
          transaction_id: 'tx-1',
          t: 'DECIMAL(38,2)',
          usd: '108340000.09',
          usd_rate: '1.083400001',
          reasons: 2,
          miss: 'product',
          enriched_at: '2026-03-01T12:00:00.500',
        },
        {
          transaction_id: 'tx-2',
          t: 'DECIMAL(38,2)',
          usd: null,
          usd_rate: null,
          reasons: 0,
          miss: 'product',
          enriched_at: '2026-03-01T12:00:00.500',
        },
      ]);
    }));
});
