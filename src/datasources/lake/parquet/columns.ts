import type { SchemaElement } from 'hyparquet';
import { isoTimestamp } from '../../../domain/iso-time';
import { decimalByteLength, decodeDecimal, unscaledDecimal, type DecimalSpec } from './decimal-column';

/**
 * Column types and value converters shared by the raw and enriched datasets, so both write the
 * same physical types for the same logical ones (readers join the two datasets). The physical
 * types are the ones the lake has always had: files written before and after a change of encoder
 * read the same in DuckDB, Spark and Athena.
 */

export const AMOUNT: DecimalSpec = { precision: 12, scale: 2 };
/**
 * amount (≤ 10 integer digits) × usd_rate (≤ 12 integer digits, see dimension validation) needs up
 * to 22 integer digits; 18 digits made one event with a large rate fail its whole archiver batch on
 * every retry. 38 is Parquet's widest DECIMAL that DuckDB, Spark and Athena all read.
 */
export const AMOUNT_USD: DecimalSpec = { precision: 38, scale: 2 };

/** One column's schema element without its name (the dataset's column list supplies the name). */
export type ColumnType = Omit<SchemaElement, 'name'>;

function repetition(optional: boolean): Pick<SchemaElement, 'repetition_type'> {
  return { repetition_type: optional ? 'OPTIONAL' : 'REQUIRED' };
}

export function utf8(optional = false): ColumnType {
  return { type: 'BYTE_ARRAY', converted_type: 'UTF8', ...repetition(optional) };
}

export function timestampMillis(optional = false): ColumnType {
  return { type: 'INT64', converted_type: 'TIMESTAMP_MILLIS', ...repetition(optional) };
}

export function int32(optional = false): ColumnType {
  return { type: 'INT32', ...repetition(optional) };
}

export function int64(optional = false): ColumnType {
  return { type: 'INT64', ...repetition(optional) };
}

export function bool(optional = false): ColumnType {
  return { type: 'BOOLEAN', ...repetition(optional) };
}

/** DECIMAL on FIXED_LEN_BYTE_ARRAY: exact at any precision, big-endian two's complement. */
export function decimal(spec: DecimalSpec, optional = false): ColumnType {
  return {
    type: 'FIXED_LEN_BYTE_ARRAY',
    type_length: decimalByteLength(spec.precision),
    converted_type: 'DECIMAL',
    precision: spec.precision,
    scale: spec.scale,
    ...repetition(optional),
  };
}

// ---- values into the encoder (checked here, so one bad row can be refused on its own) ----

/** The unscaled integer the encoder writes; throws rather than round ("1.005" at scale 2). */
export function decimalIn(text: string | null, spec: DecimalSpec): bigint | null {
  return text === null ? null : unscaledDecimal(text, spec);
}

/** Epoch milliseconds as INT64; instants before 1970 are negative and stored as they are. */
export function timestampIn(iso: string | null): bigint | null {
  if (iso === null) return null;
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new Error(`not an ISO timestamp: ${JSON.stringify(iso)}`);
  return BigInt(ms);
}

export function jsonIn(value: unknown): string | null {
  return value === null || value === undefined ? null : JSON.stringify(value);
}

/** Kafka offsets are decimal strings; INT64 columns take them as BigInt. */
export function offsetIn(offset: string): bigint {
  if (!/^\d+$/.test(offset)) throw new Error(`not a log offset: ${JSON.stringify(offset)}`);
  return BigInt(offset);
}

// ---- values out of the decoder (absent optionals come back as undefined or null) ----

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
  if (!(value instanceof Uint8Array)) throw new Error(`decimal column holds ${typeof value}, expected bytes`);
  return decodeDecimal(value, spec);
}

/** The decoder hands TIMESTAMP_MILLIS over as epoch milliseconds (see parquet-buffer.ts). */
export function timestampOut(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'bigint' && typeof value !== 'number') {
    throw new Error(`timestamp column holds ${typeof value}, expected epoch milliseconds`);
  }
  return isoTimestamp(Number(value));
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
