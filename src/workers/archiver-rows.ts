import type { LogRecord } from '../datasources/log/log';
import {
  assertEventType,
  INVALID_EVENT_TYPE,
  prepareEnrichedRow,
  prepareRawRow,
  utcDay,
  type EnrichedLakeRow,
  type LakeDataset,
  type PreparedEnrichedRow,
  type PreparedRawRow,
  type RawLakeRow,
} from '../datasources/lake/parquet';
import { formatArrival } from '../domain/current-state';
import type { EnrichedTransaction } from '../domain/types';
import { parseRawEvent } from '../domain/validation';
import { withExtraFields } from '../lib/with-extra-fields';

/** A log record turned into a Parquet-ready row and the partition it belongs to. */
export interface RoutedRow {
  dataset: LakeDataset;
  day: string;
  eventType: string;
  logTimestampMs: number;
  row: PreparedRawRow | PreparedEnrichedRow;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Every record of `transactions` becomes a row, valid or not. Validation uses the record's log
 * timestamp as "now", so archiving (or re-archiving after a crash) the same record always yields
 * the same row and partition, whenever it runs.
 */
export function routeRawRecord(record: LogRecord): RoutedRow {
  const source = {
    ...originalText(record.value),
    source_topic: record.topic,
    source_partition: record.partition,
    source_offset: record.offset,
    log_timestamp: new Date(record.timestamp).toISOString(),
    arrival: formatArrival(record.timestamp, record.partition, record.offset),
  };
  const validated = parseRawEvent(record.value, { nowMs: record.timestamp });
  if (validated.ok) {
    const { timestamp_ms: _ms, day, ...fields } = validated.value;
    const row: RawLakeRow = withExtraFields(fields, {
      ...source,
      valid: true,
      reject_reason: null,
      reject_message: null,
    });
    try {
      return routed('raw', day, fields.transaction_type, record, prepareRawRow(row));
    } catch (error) {
      // The validator's output should always be storable; if not, keep the bytes as an invalid row.
      return invalidRow(source, record, 'unarchivable', (error as Error).message);
    }
  }
  const { reason, field, message } = validated.error;
  return invalidRow(source, record, reason, field ? `${field}: ${message}` : message);
}

/**
 * `transactions_enriched` carries EnrichedTransaction JSON written by our own enrichment worker, so
 * a malformed record is a bug, not bad input: the caller logs it and skips it (the raw dataset
 * still holds the event, and the reprocess job can rebuild the enriched row from there).
 */
export function routeEnrichedRecord(record: LogRecord): RoutedRow {
  const parsed = JSON.parse(record.value.toString('utf8')) as EnrichedTransaction;
  if (typeof parsed !== 'object' || parsed === null || typeof parsed.transaction_id !== 'string') {
    throw new Error('not an EnrichedTransaction object');
  }
  if (!Array.isArray(parsed.risk_reasons) || !Array.isArray(parsed.dimension_misses)) {
    throw new Error('risk_reasons and dimension_misses must be arrays');
  }
  const timestampMs = Date.parse(parsed.timestamp);
  if (Number.isNaN(timestampMs)) throw new Error(`invalid timestamp ${JSON.stringify(parsed.timestamp)}`);
  const row: EnrichedLakeRow = withExtraFields(parsed, {
    source_partition: record.partition,
    source_offset: record.offset,
  });
  // The day comes from the timestamp (as it does on decode), never from a possibly stale `day`.
  assertEventType(parsed.transaction_type);
  return routed('enriched', utcDay(timestampMs), parsed.transaction_type, record, prepareEnrichedRow(row));
}

function routed(
  dataset: LakeDataset,
  day: string,
  eventType: string,
  record: LogRecord,
  row: PreparedRawRow | PreparedEnrichedRow,
): RoutedRow {
  return { dataset, day, eventType, logTimestampMs: record.timestamp, row };
}

type SourceFields = Pick<
  RawLakeRow,
  'raw' | 'raw_base64' | 'source_topic' | 'source_partition' | 'source_offset' | 'log_timestamp' | 'arrival'
>;

function invalidRow(source: SourceFields, record: LogRecord, reason: string, message: string): RoutedRow {
  const row: RawLakeRow = {
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
    ...source,
    valid: false,
    reject_reason: reason,
    reject_message: message,
  };
  // Invalid events have no trustworthy timestamp: they are filed under the day they were logged.
  return routed('raw', utcDay(record.timestamp), INVALID_EVENT_TYPE, record, prepareRawRow(row));
}

/** The original bytes as text; base64 when they are not valid UTF-8, so they survive exactly. */
function originalText(bytes: Buffer): Pick<RawLakeRow, 'raw' | 'raw_base64'> {
  try {
    return { raw: strictUtf8.decode(bytes), raw_base64: false };
  } catch {
    return { raw: bytes.toString('base64'), raw_base64: true };
  }
}
