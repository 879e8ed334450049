/**
 * Raw transaction validation (DESIGN §2), shared by the HTTP ingest and the enrichment worker.
 *
 * Check order is fixed so that an event with several problems always gets the same reason:
 *   bytes:  size (too_large) → UTF-8 (invalid_utf8) → JSON (not_json) → the object checks below
 *   object: not_object → transaction_id, user_id, merchant_id, payment_method_id → product_id →
 *           amount → currency → transaction_type → timestamp → status → fraud_flag → version →
 *           metadata (type, then unknown fields merged into metadata.extra, then depth, then size).
 * The first failing check wins. Nothing here throws: an input that throws while being read (a
 * Proxy, a getter, a BigInt in metadata) is answered with `invalid_type`.
 */
import { isAscii } from 'node:buffer';
import {
  TRANSACTION_STATUSES,
  TRANSACTION_TYPES,
  type RawTransaction,
  type RejectReason,
  type Rejection,
  type Validated,
} from './types';
import { isIsoCurrency } from './currencies';
import { normalizeAmount } from './money';
import { isoDay, isoTimestamp } from './iso-time';
import { parseIsoTimestamp, MAX_DATE_MS } from './timestamps';
import { writeFlatObjectJson, type JsonTextSink } from './flat-json';
import { isPlainObject, nestingProblem, ownValue } from './json-shape';
import { topLevelNumberSource } from './json-source';

export interface ValidationOptions {
  /** "Now" for the future-timestamp check; passed in so validation stays pure and testable. */
  nowMs: number;
  /** How far past nowMs a timestamp may be (clock skew between producers). Default 24 h. */
  maxFutureMs?: number;
  /** Largest accepted event in bytes. Default 64 KiB. */
  maxBytes?: number;
}

/**
 * `JSON.stringify(metadata)` of a validated event ("null" without metadata) and whether it is all
 * ASCII. Validation serialises metadata anyway to check its size; the enrichment worker reuses the
 * text instead of serialising the same object again.
 */
export type MetadataText = JsonTextSink;

export const DEFAULT_MAX_FUTURE_MS = 24 * 60 * 60 * 1000;
export const DEFAULT_MAX_EVENT_BYTES = 65_536;
export const MAX_ID_LENGTH = 36;
export const MAX_METADATA_BYTES = 16_384;
export const MAX_METADATA_DEPTH = 32;
// Every object/array costs at least two bytes of JSON, so more containers than this cannot fit.
const MAX_METADATA_CONTAINERS = MAX_METADATA_BYTES / 2;

const KNOWN_FIELDS: ReadonlySet<string> = new Set([
  'transaction_id',
  'user_id',
  'merchant_id',
  'payment_method_id',
  'product_id',
  'amount',
  'currency',
  'transaction_type',
  'timestamp',
  'status',
  'fraud_flag',
  'metadata',
  'version',
]);

/** Thrown only inside this module to unwind to the single catch in validateRawTransaction. */
class RejectionSignal {
  constructor(readonly rejection: Rejection) {}
}

function fail(reason: RejectReason, field: string | undefined, message: string): never {
  throw new RejectionSignal(field === undefined ? { reason, message } : { reason, field, message });
}

function rejected(reason: RejectReason, message: string): Validated<never> {
  return { ok: false, error: { reason, message } };
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return value.length > 40 ? `"${value.slice(0, 40)}…"` : `"${value}"`;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return `a ${typeof value}`;
}

function checkId(value: unknown, field: string): string {
  if (typeof value !== 'string')
    fail('invalid_type', field, `${field} must be a string, got ${describe(value)}`);
  if (value.length === 0) fail('empty', field, `${field} must not be empty`);
  if (value.length > MAX_ID_LENGTH) {
    fail('too_long', field, `${field} must be at most ${MAX_ID_LENGTH} characters, got ${value.length}`);
  }
  return value;
}

function required(obj: Record<string, unknown>, field: string): unknown {
  const value = ownValue(obj, field);
  if (value === undefined || value === null) fail('missing_field', field, `${field} is required`);
  return value;
}

function checkEnum<T extends string>(obj: Record<string, unknown>, field: string, allowed: readonly T[]): T {
  const value = required(obj, field);
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    fail('invalid_enum', field, `${field} must be one of ${allowed.join(', ')}, got ${describe(value)}`);
  }
  return value as T;
}

function checkTimestamp(obj: Record<string, unknown>, opts: ValidationOptions): number {
  const value = required(obj, 'timestamp');
  let ms: number | null = null;
  if (typeof value === 'number') ms = Number.isInteger(value) ? value : null;
  else if (typeof value === 'string') ms = parseIsoTimestamp(value);
  if (ms === null) {
    fail(
      'invalid_timestamp',
      'timestamp',
      `timestamp must be integer epoch milliseconds or ISO-8601 with a zone (Z or ±hh:mm), got ${describe(value)}`,
    );
  }
  const latest = opts.nowMs + (opts.maxFutureMs ?? DEFAULT_MAX_FUTURE_MS);
  if (ms < 0 || ms > MAX_DATE_MS || !(ms <= latest)) {
    fail(
      'timestamp_out_of_range',
      'timestamp',
      `timestamp must lie between 1970-01-01T00:00:00.000Z and ${(opts.maxFutureMs ?? DEFAULT_MAX_FUTURE_MS) / 1000}s after now`,
    );
  }
  return ms;
}

/**
 * False only when every enumerable key, own or inherited, is a known field — then there is no
 * unknown own field either. Cheaper than listing Object.keys for the common event.
 */
function mayHaveUnknownField(obj: Record<string, unknown>): boolean {
  for (const key in obj) if (!KNOWN_FIELDS.has(key)) return true;
  return false;
}

function checkMetadata(
  obj: Record<string, unknown>,
  text: MetadataText | undefined,
): Record<string, unknown> | null {
  const given = ownValue(obj, 'metadata');
  if (given !== undefined && given !== null && !isPlainObject(given)) {
    fail('invalid_type', 'metadata', `metadata must be a JSON object or null, got ${describe(given)}`);
  }
  let metadata = (given ?? null) as Record<string, unknown> | null;

  const extraEntries: [string, unknown][] = [];
  if (mayHaveUnknownField(obj)) {
    for (const key of Object.keys(obj)) {
      if (!KNOWN_FIELDS.has(key)) extraEntries.push([key, obj[key]]);
    }
  }
  if (extraEntries.length > 0) {
    // Object.fromEntries defines own properties, so a field named "__proto__" stays data.
    const extras = Object.fromEntries(extraEntries);
    const existing = metadata === null ? undefined : ownValue(metadata, 'extra');
    if (existing === undefined) metadata = { ...metadata, extra: extras };
    else if (isPlainObject(existing)) metadata = { ...metadata, extra: { ...extras, ...existing } };
    else {
      fail(
        'invalid_type',
        'metadata.extra',
        'metadata.extra must be an object when the event has unknown top-level fields to keep there',
      );
    }
  }
  if (metadata === null) {
    if (text !== undefined) {
      text.json = 'null';
      text.ascii = true;
    }
    return null;
  }

  // The usual one-level metadata: nothing can nest too deep, and its JSON is written directly.
  const sink = text ?? { json: '', ascii: true };
  if (writeFlatObjectJson(metadata, sink)) {
    const flatBytes = sink.ascii ? sink.json.length : Buffer.byteLength(sink.json, 'utf8');
    if (flatBytes > MAX_METADATA_BYTES) {
      fail('metadata_too_large', 'metadata', `metadata must be at most ${MAX_METADATA_BYTES} bytes as JSON`);
    }
    return metadata;
  }

  const problem = nestingProblem(metadata, MAX_METADATA_DEPTH, MAX_METADATA_CONTAINERS);
  if (problem === 'depth') {
    fail('metadata_too_deep', 'metadata', `metadata must nest at most ${MAX_METADATA_DEPTH} levels deep`);
  }
  let json: string;
  try {
    json = problem === null ? JSON.stringify(metadata) : '';
  } catch {
    fail('invalid_type', 'metadata', 'metadata must be JSON-serialisable');
  }
  const bytes = problem === null ? Buffer.byteLength(json, 'utf8') : 0;
  if (problem === 'size' || bytes > MAX_METADATA_BYTES) {
    fail('metadata_too_large', 'metadata', `metadata must be at most ${MAX_METADATA_BYTES} bytes as JSON`);
  }
  sink.json = json;
  // One byte per character only when every character is ASCII.
  sink.ascii = bytes === json.length;
  return metadata;
}

function readTransaction(
  input: unknown,
  opts: ValidationOptions,
  metadataText: MetadataText | undefined,
  sourceText: string | undefined,
): RawTransaction {
  if (!isPlainObject(input)) {
    fail('not_object', undefined, `event must be a JSON object, got ${describe(input)}`);
  }
  const transaction_id = checkId(required(input, 'transaction_id'), 'transaction_id');
  const user_id = checkId(required(input, 'user_id'), 'user_id');
  const merchant_id = checkId(required(input, 'merchant_id'), 'merchant_id');
  const payment_method_id = checkId(required(input, 'payment_method_id'), 'payment_method_id');
  const productValue = ownValue(input, 'product_id');
  const product_id =
    productValue === undefined || productValue === null ? null : checkId(productValue, 'product_id');

  const amountValue = required(input, 'amount');
  // A number from JSON text is checked as written, by the same rule as a string: the double that
  // JSON.parse made of 0.1000000000000000000001 would otherwise pass as 0.1. Only a numeric
  // amount pays for finding its token; string amounts, the usual case, cost nothing extra.
  const amountSource =
    sourceText !== undefined && typeof amountValue === 'number'
      ? topLevelNumberSource(sourceText, 'amount')
      : undefined;
  const fromSource = amountSource !== undefined;
  const amount = normalizeAmount(fromSource ? amountSource : amountValue);
  if (amount === null) {
    fail(
      'invalid_amount',
      'amount',
      `amount must be a positive decimal with at most 2 decimals and 10 digits, got ${fromSource ? amountSource : describe(amountValue)}`,
    );
  }
  const currency = required(input, 'currency');
  if (typeof currency !== 'string' || !isIsoCurrency(currency)) {
    fail(
      'invalid_currency',
      'currency',
      `currency must be an upper-case ISO 4217 code, got ${describe(currency)}`,
    );
  }
  const transaction_type = checkEnum(input, 'transaction_type', TRANSACTION_TYPES);
  const timestamp_ms = checkTimestamp(input, opts);
  const status = checkEnum(input, 'status', TRANSACTION_STATUSES);

  const flag = ownValue(input, 'fraud_flag');
  if (flag !== undefined && flag !== null && typeof flag !== 'boolean') {
    fail('invalid_type', 'fraud_flag', `fraud_flag must be a boolean, got ${describe(flag)}`);
  }
  const versionValue = ownValue(input, 'version') ?? 0;
  if (!Number.isSafeInteger(versionValue) || (versionValue as number) < 0) {
    fail(
      'invalid_version',
      'version',
      `version must be a non-negative integer, got ${describe(versionValue)}`,
    );
  }
  const metadata = checkMetadata(input, metadataText);

  return {
    transaction_id,
    user_id,
    merchant_id,
    payment_method_id,
    product_id,
    amount,
    currency,
    transaction_type,
    timestamp: isoTimestamp(timestamp_ms),
    timestamp_ms,
    day: isoDay(timestamp_ms),
    status,
    fraud_flag: flag === true,
    metadata,
    // + 0 turns a -0 version into 0 so it prints and compares like every other zero.
    version: (versionValue as number) + 0,
  };
}

/**
 * Validate and normalise an already-parsed event. Never throws. When `metadataText` is given, it
 * receives the metadata's JSON text of an accepted event.
 */
export function validateRawTransaction(
  input: unknown,
  opts: ValidationOptions,
  metadataText?: MetadataText,
): Validated<RawTransaction> {
  return validate(input, opts, metadataText, undefined);
}

function validate(
  input: unknown,
  opts: ValidationOptions,
  metadataText: MetadataText | undefined,
  sourceText: string | undefined,
): Validated<RawTransaction> {
  try {
    return { ok: true, value: readTransaction(input, opts, metadataText, sourceText) };
  } catch (err) {
    if (err instanceof RejectionSignal) return { ok: false, error: err.rejection };
    return rejected('invalid_type', 'event could not be read as plain JSON data');
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Strict UTF-8 decoding (a leading BOM dropped, as TextDecoder does). Pure ASCII, the usual case,
 * is valid UTF-8 with the same characters as Latin-1, and Latin-1 decoding is a plain copy.
 */
function decodeUtf8(bytes: Buffer | Uint8Array): string {
  if (Buffer.isBuffer(bytes) && isAscii(bytes)) return bytes.toString('latin1');
  return utf8.decode(bytes);
}

/**
 * Validate an event as it arrives on the wire (Kafka value or one NDJSON line). Never throws.
 * `metadataText`, when given, receives the metadata's JSON text of an accepted event. A numeric
 * amount is judged on its source text, so 12.500 or 1e3 written as a JSON number is refused just
 * as the string "12.500" or "1e3" is.
 */
export function parseRawEvent(
  bytes: Buffer | Uint8Array | string,
  opts: ValidationOptions,
  metadataText?: MetadataText,
): Validated<RawTransaction> {
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_EVENT_BYTES;
  let text: string;
  if (typeof bytes === 'string') {
    if (Buffer.byteLength(bytes, 'utf8') > maxBytes)
      return rejected('too_large', `event exceeds ${maxBytes} bytes`);
    text = bytes;
  } else {
    if (bytes.byteLength > maxBytes) return rejected('too_large', `event exceeds ${maxBytes} bytes`);
    try {
      text = decodeUtf8(bytes);
    } catch {
      return rejected('invalid_utf8', 'event is not valid UTF-8');
    }
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return rejected('not_json', 'event is not valid JSON');
  }
  return validate(parsed, opts, metadataText, text);
}
