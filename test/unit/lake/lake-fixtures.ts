import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EnrichedLakeRow, RawLakeRow } from '../../../src/datasources/lake/parquet';

/** A fresh directory per test, removed afterwards. */
export async function withTempDir<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'txgraph-lake-'));
  try {
    return await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export function validRawRow(overrides: Partial<RawLakeRow> = {}): RawLakeRow {
  const event = { transaction_id: 'tx-1', amount: '12.50' };
  return {
    transaction_id: 'tx-1',
    user_id: 'u-1',
    merchant_id: 'm-1',
    payment_method_id: 'pm-1',
    product_id: 'p-1',
    amount: '12.50',
    currency: 'EUR',
    transaction_type: 'purchase',
    timestamp: '2026-03-01T23:59:59.999Z',
    status: 'completed',
    fraud_flag: false,
    metadata: { channel: 'web', extra: { note: 'ünïcödé ✓' } },
    version: 2,
    raw: JSON.stringify(event),
    raw_base64: false,
    valid: true,
    reject_reason: null,
    reject_message: null,
    source_topic: 'transactions',
    source_partition: 3,
    source_offset: '9007199254740993',
    log_timestamp: '2026-03-02T00:00:00.125Z',
    arrival: '1772409600125:00003:00009007199254740993',
    ...overrides,
  };
}

export function invalidRawRow(overrides: Partial<RawLakeRow> = {}): RawLakeRow {
  return {
    transaction_id: null,
    user_id: null,
    merchant_id: null,
    payment_method_id: null,
    product_id: null,
    amount: null,
    currency: null,
    transaction_type: null,
    timestamp: null,
    status: null,
    fraud_flag: null,
    metadata: null,
    version: null,
    raw: Buffer.from([0xff, 0xfe, 0x00, 0x41]).toString('base64'),
    raw_base64: true,
    valid: false,
    reject_reason: 'invalid_utf8',
    reject_message: 'event is not valid UTF-8',
    source_topic: 'transactions',
    source_partition: 0,
    source_offset: '7',
    log_timestamp: '2026-03-01T10:00:00.000Z',
    arrival: '1772359200000:00000:00000000000000000007',
    ...overrides,
  };
}

export function enrichedRow(overrides: Partial<EnrichedLakeRow> = {}): EnrichedLakeRow {
  return {
    transaction_id: 'tx-1',
    user_id: 'u-1',
    merchant_id: 'm-1',
    payment_method_id: 'pm-1',
    product_id: null,
    amount: '99999999.99',
    currency: 'EUR',
    transaction_type: 'purchase',
    timestamp: '2026-03-01T12:00:00.001Z',
    timestamp_ms: Date.parse('2026-03-01T12:00:00.001Z'),
    day: '2026-03-01',
    status: 'completed',
    fraud_flag: true,
    metadata: null,
    version: 0,
    arrival: '1772366400001:00001:00000000000000000042',
    user_segment: 'highRiskSegment',
    merchant_category: 'electronics',
    merchant_name: 'Ünïcode Store',
    payment_method_type: 'card',
    payment_provider: 'visa',
    product_category: null,
    usd_rate: '1.083400001',
    amount_usd: '108340000.09',
    risk_score: 100,
    risk_reasons: ['user_risk', 'fraud_flag'],
    flagged: true,
    dimension_misses: ['product'],
    enriched_at: '2026-03-01T12:00:00.500Z',
    enrichment_version: 1,
    source_partition: 1,
    source_offset: '42',
    ...overrides,
  };
}
