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
import {
  preparedColumns,
  prepareRow,
  readParquetBuffer,
  writeParquetBuffer,
  type ParquetColumn,
  type PreparedRow,
} from './parquet-buffer';

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

const ENRICHED_COLUMNS: readonly ParquetColumn<EnrichedLakeRow>[] = [
  { name: 'transaction_id', type: utf8(), value: (row) => row.transaction_id },
  { name: 'user_id', type: utf8(), value: (row) => row.user_id },
  { name: 'merchant_id', type: utf8(), value: (row) => row.merchant_id },
  { name: 'payment_method_id', type: utf8(), value: (row) => row.payment_method_id },
  { name: 'product_id', type: utf8(true), value: (row) => row.product_id },
  { name: 'amount', type: decimal(AMOUNT), value: (row) => decimalIn(row.amount, AMOUNT) },
  { name: 'currency', type: utf8(), value: (row) => row.currency },
  { name: 'transaction_type', type: utf8(), value: (row) => row.transaction_type },
  { name: 'timestamp', type: timestampMillis(), value: (row) => timestampIn(row.timestamp) },
  { name: 'status', type: utf8(), value: (row) => row.status },
  { name: 'fraud_flag', type: bool(), value: (row) => row.fraud_flag },
  { name: 'metadata', type: utf8(true), value: (row) => jsonIn(row.metadata) },
  { name: 'version', type: int32(), value: (row) => row.version },
  { name: 'arrival', type: utf8(), value: (row) => row.arrival },
  { name: 'user_segment', type: utf8(true), value: (row) => row.user_segment },
  { name: 'merchant_category', type: utf8(true), value: (row) => row.merchant_category },
  { name: 'merchant_name', type: utf8(true), value: (row) => row.merchant_name },
  { name: 'payment_method_type', type: utf8(true), value: (row) => row.payment_method_type },
  { name: 'payment_provider', type: utf8(true), value: (row) => row.payment_provider },
  { name: 'product_category', type: utf8(true), value: (row) => row.product_category },
  { name: 'usd_rate', type: utf8(true), value: (row) => row.usd_rate },
  {
    name: 'amount_usd',
    type: decimal(AMOUNT_USD, true),
    value: (row) => decimalIn(row.amount_usd, AMOUNT_USD),
  },
  { name: 'risk_score', type: int32(), value: (row) => row.risk_score },
  { name: 'risk_reasons', type: utf8(), value: (row) => JSON.stringify(row.risk_reasons) },
  { name: 'flagged', type: bool(), value: (row) => row.flagged },
  { name: 'dimension_misses', type: utf8(), value: (row) => JSON.stringify(row.dimension_misses) },
  { name: 'enriched_at', type: timestampMillis(), value: (row) => timestampIn(row.enriched_at) },
  { name: 'enrichment_version', type: int32(), value: (row) => row.enrichment_version },
  { name: 'source_partition', type: int32(), value: (row) => row.source_partition },
  { name: 'source_offset', type: int64(), value: (row) => offsetIn(row.source_offset) },
];

export type PreparedEnrichedRow = PreparedRow<'enriched'>;

/** Throws when a value cannot be stored exactly (a malformed decimal or timestamp). */
export function prepareEnrichedRow(row: EnrichedLakeRow): PreparedEnrichedRow {
  return prepareRow(ENRICHED_COLUMNS, row);
}

const PREPARED_ENRICHED_COLUMNS = preparedColumns<EnrichedLakeRow, 'enriched'>(ENRICHED_COLUMNS);

export function encodePreparedEnrichedRows(rows: readonly PreparedEnrichedRow[]): Promise<Buffer> {
  return writeParquetBuffer(PREPARED_ENRICHED_COLUMNS, rows);
}

export async function encodeEnrichedRows(rows: readonly EnrichedLakeRow[]): Promise<Buffer> {
  return writeParquetBuffer(ENRICHED_COLUMNS, rows);
}

export async function decodeEnrichedRows(buffer: Buffer): Promise<EnrichedLakeRow[]> {
  const file = await readParquetBuffer(buffer);
  const timestampColumn = file.column('timestamp');
  const transactionId = file.column('transaction_id');
  const userId = file.column('user_id');
  const merchantId = file.column('merchant_id');
  const paymentMethodId = file.column('payment_method_id');
  const productId = file.column('product_id');
  const amount = file.column('amount');
  const currency = file.column('currency');
  const transactionType = file.column('transaction_type');
  const status = file.column('status');
  const fraudFlag = file.column('fraud_flag');
  const metadata = file.column('metadata');
  const version = file.column('version');
  const arrival = file.column('arrival');
  const userSegment = file.column('user_segment');
  const merchantCategory = file.column('merchant_category');
  const merchantName = file.column('merchant_name');
  const paymentMethodType = file.column('payment_method_type');
  const paymentProvider = file.column('payment_provider');
  const productCategory = file.column('product_category');
  const usdRate = file.column('usd_rate');
  const amountUsd = file.column('amount_usd');
  const riskScore = file.column('risk_score');
  const riskReasons = file.column('risk_reasons');
  const flagged = file.column('flagged');
  const dimensionMisses = file.column('dimension_misses');
  const enrichedAt = file.column('enriched_at');
  const enrichmentVersion = file.column('enrichment_version');
  const sourcePartition = file.column('source_partition');
  const sourceOffset = file.column('source_offset');
  const rows = new Array<EnrichedLakeRow>(file.rows);
  for (let i = 0; i < file.rows; i++) {
    const timestamp = requiredString(timestampOut(timestampColumn[i]), 'timestamp');
    const timestampMs = Date.parse(timestamp);
    rows[i] = {
      transaction_id: requiredString(transactionId[i], 'transaction_id'),
      user_id: requiredString(userId[i], 'user_id'),
      merchant_id: requiredString(merchantId[i], 'merchant_id'),
      payment_method_id: requiredString(paymentMethodId[i], 'payment_method_id'),
      product_id: stringOut(productId[i]),
      amount: requiredString(decimalOut(amount[i], AMOUNT), 'amount'),
      currency: requiredString(currency[i], 'currency'),
      transaction_type: requiredString(transactionType[i], 'transaction_type') as TransactionType,
      timestamp,
      timestamp_ms: timestampMs,
      day: timestamp.slice(0, 10),
      status: requiredString(status[i], 'status') as TransactionStatus,
      fraud_flag: boolOut(fraudFlag[i]) ?? false,
      metadata: jsonOut<Record<string, unknown>>(metadata[i]),
      version: numberOut(version[i]) ?? 0,
      arrival: requiredString(arrival[i], 'arrival'),
      user_segment: stringOut(userSegment[i]),
      merchant_category: stringOut(merchantCategory[i]),
      merchant_name: stringOut(merchantName[i]),
      payment_method_type: stringOut(paymentMethodType[i]),
      payment_provider: stringOut(paymentProvider[i]),
      product_category: stringOut(productCategory[i]),
      usd_rate: stringOut(usdRate[i]),
      amount_usd: decimalOut(amountUsd[i], AMOUNT_USD),
      risk_score: numberOut(riskScore[i]) ?? 0,
      risk_reasons: jsonOut<string[]>(riskReasons[i]) ?? [],
      flagged: boolOut(flagged[i]) ?? false,
      dimension_misses: jsonOut<string[]>(dimensionMisses[i]) ?? [],
      enriched_at: requiredString(timestampOut(enrichedAt[i]), 'enriched_at'),
      enrichment_version: numberOut(enrichmentVersion[i]) ?? 0,
      source_partition: numberOut(sourcePartition[i]) ?? 0,
      source_offset: requiredString(sourceOffset[i], 'source_offset'),
    };
  }
  return rows;
}
