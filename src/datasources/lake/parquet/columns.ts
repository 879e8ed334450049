import type { FieldDefinition } from '@dsnp/parquetjs';
import { decimalField, decodeDecimal, encodeDecimal, type DecimalSpec } from './decimal-column';

/**
 * Column builders and value converters shared by the raw and enriched datasets, so both write the
 * same physical types for the same logical ones (readers join the two datasets).
 */

export const AMOUNT: DecimalSpec = { precision: 12, scale: 2 };
/**
 * amount (≤ 10 integer digits) × usd_rate (≤ 12 integer digits, see dimension validation) needs up
 * to 22 integer digits; 18 digits made one event with a large rate fail its whole archiver batch on
 * every retry. 38 is Parquet's widest DECIMAL that DuckDB, Spark and Athena all read.
 */
export const AMOUNT_USD: DecimalSpec = { precision: 38, scale: 2 };

export function utf8(optional = false): FieldDefinition {
  // Statistics off: parquetjs orders strings by UTF-16 code units, Parquet readers by UTF-8 bytes;
  // the two disagree above U+E000 and a wrong min/max would let a reader skip matching row groups.
  return { type: 'UTF8', optional, statistics: false, compression: 'SNAPPY' };
}

export function timestampMillis(optional = false): FieldDefinition {
  return { type: 'TIMESTAMP_MILLIS', optional, compression: 'SNAPPY' };
}

export function int32(optional = false): FieldDefinition {
  return { type: 'INT32', optional, compression: 'SNAPPY' };
}

export function int64(optional = false): FieldDefinition {
  return { type: 'INT64', optional, compression: 'SNAPPY' };
}

export function bool(optional = false): FieldDefinition {
  return { type: 'BOOLEAN', optional, compression: 'SNAPPY' };
}

export function decimal(spec: DecimalSpec, optional = false): FieldDefinition {
  return { ...decimalField(spec, optional), compression: 'SNAPPY' };
}

// ---- values into parquetjs ----

export function decimalIn(text: string | null, spec: DecimalSpec): Buffer | null {
  return text === null ? null : encodeDecimal(text, spec);
}

/**
 * A Date, not a number: parquetjs range-checks numeric TIMESTAMP_MILLIS values and rejects
 * instants before 1970, while Dates pass through unchanged.
 */
export function timestampIn(iso: string | null): Date | null {
  if (iso === null) return null;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) throw new Error(`not an ISO timestamp: ${JSON.stringify(iso)}`);
  return date;
}

export function jsonIn(value: unknown): string | null {
  return value === null || value === undefined ? null : JSON.stringify(value);
}

/** Kafka offsets are decimal strings; INT64 columns take them as BigInt. */
export function offsetIn(offset: string): bigint {
  if (!/^\d+$/.test(offset)) throw new Error(`not a log offset: ${JSON.stringify(offset)}`);
  return BigInt(offset);
}

// ---- values out of parquetjs (absent optionals materialise as undefined or null) ----

export function stringOut(value: unknown): string | null {
  return value === null || value === undefined ? null : String(value);
}

export function requiredString(value: unknown, column: string): string {
  const text = stringOut(value);
  if (text === null) throw new Error(`column ${column} is null`);
  return text;
}

export function decimalOut(value: unknown, spec: DecimalSpec): string | null {
  if (value === null || value === undefined) return null;
  if (!Buffer.isBuffer(value)) throw new Error(`decimal column holds ${typeof value}, expected bytes`);
  return decodeDecimal(value, spec);
}

export function timestampOut(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (!(value instanceof Date)) throw new Error(`timestamp column holds ${typeof value}, expected a Date`);
  return value.toISOString();
}

export function numberOut(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  return typeof value === 'bigint' ? Number(value) : (value as number);
}

export function boolOut(value: unknown): boolean | null {
  return value === null || value === undefined ? null : Boolean(value);
}

export function jsonOut<T>(value: unknown): T | null {
  const text = stringOut(value);
  return text === null ? null : (JSON.parse(text) as T);
}
