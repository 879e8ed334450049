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
import {
  preparedColumns,
  prepareRow,
  readParquetBuffer,
  writeParquetBuffer,
  type ParquetColumn,
  type PreparedRow,
} from './parquet-buffer';

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

const RAW_COLUMNS: readonly ParquetColumn<RawLakeRow>[] = [
  { name: 'transaction_id', type: utf8(true), value: (row) => row.transaction_id },
  { name: 'user_id', type: utf8(true), value: (row) => row.user_id },
  { name: 'merchant_id', type: utf8(true), value: (row) => row.merchant_id },
  { name: 'payment_method_id', type: utf8(true), value: (row) => row.payment_method_id },
  { name: 'product_id', type: utf8(true), value: (row) => row.product_id },
  { name: 'amount', type: decimal(AMOUNT, true), value: (row) => decimalIn(row.amount, AMOUNT) },
  { name: 'currency', type: utf8(true), value: (row) => row.currency },
  { name: 'transaction_type', type: utf8(true), value: (row) => row.transaction_type },
  { name: 'timestamp', type: timestampMillis(true), value: (row) => timestampIn(row.timestamp) },
  { name: 'status', type: utf8(true), value: (row) => row.status },
  { name: 'fraud_flag', type: bool(true), value: (row) => row.fraud_flag },
  { name: 'metadata', type: utf8(true), value: (row) => jsonIn(row.metadata) },
  { name: 'version', type: int32(true), value: (row) => row.version },
  { name: 'raw', type: utf8(), value: (row) => row.raw },
  { name: 'raw_base64', type: bool(), value: (row) => row.raw_base64 },
  { name: 'valid', type: bool(), value: (row) => row.valid },
  { name: 'reject_reason', type: utf8(true), value: (row) => row.reject_reason },
  { name: 'reject_message', type: utf8(true), value: (row) => row.reject_message },
  { name: 'source_topic', type: utf8(), value: (row) => row.source_topic },
  { name: 'source_partition', type: int32(), value: (row) => row.source_partition },
  { name: 'source_offset', type: int64(), value: (row) => offsetIn(row.source_offset) },
  { name: 'log_timestamp', type: timestampMillis(), value: (row) => timestampIn(row.log_timestamp) },
  { name: 'arrival', type: utf8(), value: (row) => row.arrival },
];

/** A row converted to the encoder's input shapes; converting early lets a caller reject one bad row. */
export type PreparedRawRow = PreparedRow<'raw'>;

/** Throws when a value cannot be stored exactly (e.g. an amount with three decimals). */
export function prepareRawRow(row: RawLakeRow): PreparedRawRow {
  return prepareRow(RAW_COLUMNS, row);
}

const PREPARED_RAW_COLUMNS = preparedColumns<RawLakeRow, 'raw'>(RAW_COLUMNS);

export function encodePreparedRawRows(rows: readonly PreparedRawRow[]): Promise<Buffer> {
  return writeParquetBuffer(PREPARED_RAW_COLUMNS, rows);
}

export async function encodeRawRows(rows: readonly RawLakeRow[]): Promise<Buffer> {
  return writeParquetBuffer(RAW_COLUMNS, rows);
}

export async function decodeRawRows(buffer: Buffer): Promise<RawLakeRow[]> {
  const file = await readParquetBuffer(buffer);
  const transactionId = file.column('transaction_id');
  const userId = file.column('user_id');
  const merchantId = file.column('merchant_id');
  const paymentMethodId = file.column('payment_method_id');
  const productId = file.column('product_id');
  const amount = file.column('amount');
  const currency = file.column('currency');
  const transactionType = file.column('transaction_type');
  const timestamp = file.column('timestamp');
  const status = file.column('status');
  const fraudFlag = file.column('fraud_flag');
  const metadata = file.column('metadata');
  const version = file.column('version');
  const raw = file.column('raw');
  const rawBase64 = file.column('raw_base64');
  const valid = file.column('valid');
  const rejectReason = file.column('reject_reason');
  const rejectMessage = file.column('reject_message');
  const sourceTopic = file.column('source_topic');
  const sourcePartition = file.column('source_partition');
  const sourceOffset = file.column('source_offset');
  const logTimestamp = file.column('log_timestamp');
  const arrival = file.column('arrival');
  const rows = new Array<RawLakeRow>(file.rows);
  for (let i = 0; i < file.rows; i++) {
    rows[i] = {
      transaction_id: stringOut(transactionId[i]),
      user_id: stringOut(userId[i]),
      merchant_id: stringOut(merchantId[i]),
      payment_method_id: stringOut(paymentMethodId[i]),
      product_id: stringOut(productId[i]),
      amount: decimalOut(amount[i], AMOUNT),
      currency: stringOut(currency[i]),
      transaction_type: stringOut(transactionType[i]) as TransactionType | null,
      timestamp: timestampOut(timestamp[i]),
      status: stringOut(status[i]) as TransactionStatus | null,
      fraud_flag: boolOut(fraudFlag[i]),
      metadata: jsonOut<Record<string, unknown>>(metadata[i]),
      version: numberOut(version[i]),
      raw: requiredString(raw[i], 'raw'),
      raw_base64: boolOut(rawBase64[i]) ?? false,
      valid: boolOut(valid[i]) ?? false,
      reject_reason: stringOut(rejectReason[i]),
      reject_message: stringOut(rejectMessage[i]),
      source_topic: requiredString(sourceTopic[i], 'source_topic'),
      source_partition: numberOut(sourcePartition[i]) ?? 0,
      source_offset: requiredString(sourceOffset[i], 'source_offset'),
      log_timestamp: requiredString(timestampOut(logTimestamp[i]), 'log_timestamp'),
      arrival: requiredString(arrival[i], 'arrival'),
    };
  }
  return rows;
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
