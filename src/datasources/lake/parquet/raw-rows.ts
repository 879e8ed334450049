import { ParquetSchema } from '@dsnp/parquetjs';
import type { RawTransaction, TransactionStatus, TransactionType } from '../../../domain/types';
import {
  AMOUNT,
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
 * One record of topic `transactions` as archived in the `raw` dataset. Every record is archived,
 * valid or not, so the lake can replay anything the log ever held. The normalised fields are null
 * for invalid events; `raw` always holds the original bytes.
 */
export interface RawLakeRow {
  transaction_id: string | null;
  user_id: string | null;
  merchant_id: string | null;
  payment_method_id: string | null;
  product_id: string | null;
  /** Exact decimal string, "12.50". */
  amount: string | null;
  currency: string | null;
  transaction_type: TransactionType | null;
  /** ISO-8601 UTC with milliseconds. */
  timestamp: string | null;
  status: TransactionStatus | null;
  fraud_flag: boolean | null;
  metadata: Record<string, unknown> | null;
  version: number | null;
  /** The original bytes: UTF-8 text, or base64 when `raw_base64` (the bytes were not valid UTF-8). */
  raw: string;
  raw_base64: boolean;
  valid: boolean;
  /** Machine-readable rejection code for invalid events (a RejectReason of the validator). */
  reject_reason: string | null;
  reject_message: string | null;
  source_topic: string;
  source_partition: number;
  /** Log offset as a decimal string. */
  source_offset: string;
  /** Log timestamp, ISO-8601 UTC. */
  log_timestamp: string;
  arrival: string;
}

const RAW_SCHEMA = new ParquetSchema({
  transaction_id: utf8(true),
  user_id: utf8(true),
  merchant_id: utf8(true),
  payment_method_id: utf8(true),
  product_id: utf8(true),
  amount: decimal(AMOUNT, true),
  currency: utf8(true),
  transaction_type: utf8(true),
  timestamp: timestampMillis(true),
  status: utf8(true),
  fraud_flag: bool(true),
  metadata: utf8(true),
  version: int32(true),
  raw: utf8(),
  raw_base64: bool(),
  valid: bool(),
  reject_reason: utf8(true),
  reject_message: utf8(true),
  source_topic: utf8(),
  source_partition: int32(),
  source_offset: int64(),
  log_timestamp: timestampMillis(),
  arrival: utf8(),
});

/** A row converted to parquetjs' input shapes; converting early lets a caller reject one bad row. */
export type PreparedRawRow = { readonly __prepared: 'raw' } & Record<string, unknown>;

/** Throws when a value cannot be stored exactly (e.g. an amount with three decimals). */
export function prepareRawRow(row: RawLakeRow): PreparedRawRow {
  return {
    ...row,
    amount: decimalIn(row.amount, AMOUNT),
    timestamp: timestampIn(row.timestamp),
    metadata: jsonIn(row.metadata),
    source_offset: offsetIn(row.source_offset),
    log_timestamp: timestampIn(row.log_timestamp),
  } as unknown as PreparedRawRow;
}

export function encodePreparedRawRows(rows: Iterable<PreparedRawRow>): Promise<Buffer> {
  return writeParquetBuffer(RAW_SCHEMA, rows);
}

export async function encodeRawRows(rows: readonly RawLakeRow[]): Promise<Buffer> {
  return encodePreparedRawRows(rows.map(prepareRawRow));
}

export async function decodeRawRows(buffer: Buffer): Promise<RawLakeRow[]> {
  const rows = await readParquetBuffer(buffer);
  return rows.map((r) => ({
    transaction_id: stringOut(r.transaction_id),
    user_id: stringOut(r.user_id),
    merchant_id: stringOut(r.merchant_id),
    payment_method_id: stringOut(r.payment_method_id),
    product_id: stringOut(r.product_id),
    amount: decimalOut(r.amount, AMOUNT),
    currency: stringOut(r.currency),
    transaction_type: stringOut(r.transaction_type) as TransactionType | null,
    timestamp: timestampOut(r.timestamp),
    status: stringOut(r.status) as TransactionStatus | null,
    fraud_flag: boolOut(r.fraud_flag),
    metadata: jsonOut<Record<string, unknown>>(r.metadata),
    version: numberOut(r.version),
    raw: requiredString(r.raw, 'raw'),
    raw_base64: boolOut(r.raw_base64) ?? false,
    valid: boolOut(r.valid) ?? false,
    reject_reason: stringOut(r.reject_reason),
    reject_message: stringOut(r.reject_message),
    source_topic: requiredString(r.source_topic, 'source_topic'),
    source_partition: numberOut(r.source_partition) ?? 0,
    source_offset: requiredString(r.source_offset, 'source_offset'),
    log_timestamp: requiredString(timestampOut(r.log_timestamp), 'log_timestamp'),
    arrival: requiredString(r.arrival, 'arrival'),
  }));
}

/** The archived original bytes, as they were on the log. */
export function rawBytes(row: Pick<RawLakeRow, 'raw' | 'raw_base64'>): Buffer {
  return Buffer.from(row.raw, row.raw_base64 ? 'base64' : 'utf8');
}

/** The normalised transaction of a valid row (what the validator produced); null for invalid rows. */
export function toRawTransaction(row: RawLakeRow): RawTransaction | null {
  const { transaction_id, user_id, merchant_id, payment_method_id, amount, currency } = row;
  const { transaction_type, timestamp, status, version } = row;
  if (
    !row.valid ||
    transaction_id === null ||
    user_id === null ||
    merchant_id === null ||
    payment_method_id === null ||
    amount === null ||
    currency === null ||
    transaction_type === null ||
    timestamp === null ||
    status === null
  ) {
    return null;
  }
  const timestamp_ms = Date.parse(timestamp);
  return {
    transaction_id,
    user_id,
    merchant_id,
    payment_method_id,
    product_id: row.product_id,
    amount,
    currency,
    transaction_type,
    timestamp,
    timestamp_ms,
    day: new Date(timestamp_ms).toISOString().slice(0, 10),
    status,
    fraud_flag: row.fraud_flag ?? false,
    metadata: row.metadata,
    version: version ?? 0,
  };
}
