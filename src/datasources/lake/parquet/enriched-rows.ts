import { ParquetSchema } from '@dsnp/parquetjs';
import type { EnrichedTransaction, TransactionStatus, TransactionType } from '../../../domain/types';
import {
  AMOUNT,
  AMOUNT_USD,
  bool,
  boolOut,
  decimal,
  decimalIn,
  decimalOut,
  int32,
  int64,
  jsonIn,
  jsonOut,
  numberOut,
  offsetIn,
  requiredString,
  stringOut,
  timestampIn,
  timestampMillis,
  timestampOut,
  utf8,
} from './columns';
import { readParquetBuffer, writeParquetBuffer } from './parquet-buffer';

/**
 * An enriched transaction as archived in the `enriched` dataset, with where it was read from on
 * topic `transactions_enriched` (the archiver is at-least-once: a re-delivered record can land in
 * two files, and (source_partition, source_offset) identifies such duplicates).
 *
 * Columns: every field of EnrichedTransaction except `timestamp_ms` and `day`, which are derived
 * from `timestamp` on decode. Arrays (`risk_reasons`, `dimension_misses`) are JSON text (UTF8),
 * which DuckDB (`json_extract`, `from_json`) and Athena (`json_parse`) query without the
 * LIST-encoding differences between writers; `usd_rate` is the exact rate string.
 */
export interface EnrichedLakeRow extends EnrichedTransaction {
  source_partition: number;
  source_offset: string;
}

const ENRICHED_SCHEMA = new ParquetSchema({
  transaction_id: utf8(),
  user_id: utf8(),
  merchant_id: utf8(),
  payment_method_id: utf8(),
  product_id: utf8(true),
  amount: decimal(AMOUNT),
  currency: utf8(),
  transaction_type: utf8(),
  timestamp: timestampMillis(),
  status: utf8(),
  fraud_flag: bool(),
  metadata: utf8(true),
  version: int32(),
  arrival: utf8(),
  user_segment: utf8(true),
  merchant_category: utf8(true),
  merchant_name: utf8(true),
  payment_method_type: utf8(true),
  payment_provider: utf8(true),
  product_category: utf8(true),
  usd_rate: utf8(true),
  amount_usd: decimal(AMOUNT_USD, true),
  risk_score: int32(),
  risk_reasons: utf8(),
  flagged: bool(),
  dimension_misses: utf8(),
  enriched_at: timestampMillis(),
  enrichment_version: int32(),
  source_partition: int32(),
  source_offset: int64(),
});

export type PreparedEnrichedRow = { readonly __prepared: 'enriched' } & Record<string, unknown>;

/** Throws when a value cannot be stored exactly (a malformed decimal or timestamp). */
export function prepareEnrichedRow(row: EnrichedLakeRow): PreparedEnrichedRow {
  const { timestamp_ms: _derivedMs, day: _derivedDay, ...stored } = row;
  return {
    ...stored,
    amount: decimalIn(row.amount, AMOUNT),
    amount_usd: decimalIn(row.amount_usd, AMOUNT_USD),
    timestamp: timestampIn(row.timestamp),
    enriched_at: timestampIn(row.enriched_at),
    metadata: jsonIn(row.metadata),
    risk_reasons: JSON.stringify(row.risk_reasons),
    dimension_misses: JSON.stringify(row.dimension_misses),
    source_offset: offsetIn(row.source_offset),
  } as unknown as PreparedEnrichedRow;
}

export function encodePreparedEnrichedRows(rows: Iterable<PreparedEnrichedRow>): Promise<Buffer> {
  return writeParquetBuffer(ENRICHED_SCHEMA, rows);
}

export async function encodeEnrichedRows(rows: readonly EnrichedLakeRow[]): Promise<Buffer> {
  return encodePreparedEnrichedRows(rows.map(prepareEnrichedRow));
}

export async function decodeEnrichedRows(buffer: Buffer): Promise<EnrichedLakeRow[]> {
  const rows = await readParquetBuffer(buffer);
  return rows.map((r) => {
    const timestamp = requiredString(timestampOut(r.timestamp), 'timestamp');
    const timestampMs = Date.parse(timestamp);
    return {
      transaction_id: requiredString(r.transaction_id, 'transaction_id'),
      user_id: requiredString(r.user_id, 'user_id'),
      merchant_id: requiredString(r.merchant_id, 'merchant_id'),
      payment_method_id: requiredString(r.payment_method_id, 'payment_method_id'),
      product_id: stringOut(r.product_id),
      amount: requiredString(decimalOut(r.amount, AMOUNT), 'amount'),
      currency: requiredString(r.currency, 'currency'),
      transaction_type: requiredString(r.transaction_type, 'transaction_type') as TransactionType,
      timestamp,
      timestamp_ms: timestampMs,
      day: timestamp.slice(0, 10),
      status: requiredString(r.status, 'status') as TransactionStatus,
      fraud_flag: boolOut(r.fraud_flag) ?? false,
      metadata: jsonOut<Record<string, unknown>>(r.metadata),
      version: numberOut(r.version) ?? 0,
      arrival: requiredString(r.arrival, 'arrival'),
      user_segment: stringOut(r.user_segment),
      merchant_category: stringOut(r.merchant_category),
      merchant_name: stringOut(r.merchant_name),
      payment_method_type: stringOut(r.payment_method_type),
      payment_provider: stringOut(r.payment_provider),
      product_category: stringOut(r.product_category),
      usd_rate: stringOut(r.usd_rate),
      amount_usd: decimalOut(r.amount_usd, AMOUNT_USD),
      risk_score: numberOut(r.risk_score) ?? 0,
      risk_reasons: jsonOut<string[]>(r.risk_reasons) ?? [],
      flagged: boolOut(r.flagged) ?? false,
      dimension_misses: jsonOut<string[]>(r.dimension_misses) ?? [],
      enriched_at: requiredString(timestampOut(r.enriched_at), 'enriched_at'),
      enrichment_version: numberOut(r.enrichment_version) ?? 0,
      source_partition: numberOut(r.source_partition) ?? 0,
      source_offset: requiredString(r.source_offset, 'source_offset'),
    };
  });
}
