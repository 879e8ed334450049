/**
 * Validation of dimension records (DESIGN §3) from `dim.<kind>` topics and the HTTP ingest.
 * Dimensions are reference data, so optional fields are lenient (absent → null) while the key and
 * the fields enrichment computes with (risk_score, risk_category, status, usd_rate) are strict.
 * Unknown fields are dropped: dimension tables have a fixed shape. Never throws.
 */
import {
  DIMENSION_KEY,
  type DimensionByKind,
  type DimensionKind,
  type FxRateDim,
  type MerchantDim,
  type PaymentMethodDim,
  type ProductDim,
  type RejectReason,
  type Rejection,
  type UserDim,
  type Validated,
} from './types';
import { isIsoCurrency } from './currencies';
import { positiveDecimalText } from './money';
import { parseIsoTimestamp, MAX_DATE_MS } from './timestamps';
import { isPlainObject, nestingProblem, ownValue } from './json-shape';
import { MAX_ID_LENGTH, MAX_METADATA_DEPTH } from './validation';

// Dimension metadata has no byte cap in the contract; this only bounds the nesting walk.
const MAX_METADATA_CONTAINERS = 10_000;
/** Keeps amount × rate within the lake's DECIMAL(38,2) amount_usd column with room for sums. */
const MAX_RATE_INTEGER_DIGITS = 12;

class DimensionSignal {
  constructor(readonly rejection: Rejection) {}
}

type Row = Record<string, unknown>;

function fail(field: string | undefined, message: string, reason: RejectReason = 'invalid_dimension'): never {
  throw new DimensionSignal(field === undefined ? { reason, message } : { reason, field, message });
}

function key(row: Row, field: string): string {
  const value = ownValue(row, field);
  if (value === undefined || value === null) fail(field, `${field} is required`, 'missing_field');
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_ID_LENGTH) {
    fail(field, `${field} must be a non-empty string of at most ${MAX_ID_LENGTH} characters`);
  }
  return value;
}

function text(row: Row, field: string, label = field): string | null {
  const value = ownValue(row, field) ?? null;
  if (value === null) return null;
  if (typeof value !== 'string') fail(label, `${label} must be a string or null`);
  return value;
}

function oneOf<T extends string>(row: Row, field: string, allowed: readonly T[]): T | null {
  const value = ownValue(row, field) ?? null;
  if (value !== null && !(allowed as readonly unknown[]).includes(value)) {
    fail(field, `${field} must be one of ${allowed.join(', ')} or null`);
  }
  return value as T | null;
}

function date(row: Row, field: string): string | null {
  const value = ownValue(row, field) ?? null;
  if (value === null) return null;
  let ms: number | null = null;
  if (typeof value === 'number') ms = Number.isInteger(value) ? value : null;
  else if (typeof value === 'string') ms = parseIsoTimestamp(value, { lenient: true });
  if (ms === null || Math.abs(ms) > MAX_DATE_MS) fail(field, `${field} must be an ISO-8601 date or epoch ms`);
  return new Date(ms).toISOString();
}

function decimal(row: Row, field: string, isRequired: boolean): string | null {
  const value = ownValue(row, field) ?? null;
  if (value === null) {
    if (isRequired) fail(field, `${field} is required`, 'missing_field');
    return null;
  }
  const exact = positiveDecimalText(value);
  if (exact === null) fail(field, `${field} must be a positive decimal (string or number, no exponent)`);
  return exact;
}

function metadata(row: Row): Record<string, unknown> | null {
  const value = ownValue(row, 'metadata') ?? null;
  if (value === null) return null;
  if (!isPlainObject(value)) fail('metadata', 'metadata must be a JSON object or null');
  if (nestingProblem(value, MAX_METADATA_DEPTH, MAX_METADATA_CONTAINERS) !== null) {
    fail('metadata', `metadata must nest at most ${MAX_METADATA_DEPTH} levels and stay small`);
  }
  return value;
}

function user(row: Row): UserDim {
  const risk = ownValue(row, 'risk_score') ?? null;
  if (risk !== null && (!Number.isInteger(risk) || (risk as number) < 0 || (risk as number) > 100)) {
    fail('risk_score', 'risk_score must be an integer from 0 to 100, or null');
  }
  return {
    user_id: key(row, 'user_id'),
    first_name: text(row, 'first_name'),
    last_name: text(row, 'last_name'),
    email: text(row, 'email'),
    phone: text(row, 'phone'),
    country: text(row, 'country'),
    segment: text(row, 'segment'),
    risk_score: risk === null ? null : (risk as number) + 0,
    date_created: date(row, 'date_created'),
    metadata: metadata(row),
  };
}

function location(row: Row): MerchantDim['location'] {
  const value = ownValue(row, 'location') ?? null;
  if (value === null) return null;
  if (!isPlainObject(value)) fail('location', 'location must be an object {city, country} or null');
  return { city: text(value, 'city', 'location.city'), country: text(value, 'country', 'location.country') };
}

function merchant(row: Row): MerchantDim {
  return {
    merchant_id: key(row, 'merchant_id'),
    merchant_name: text(row, 'merchant_name'),
    category: text(row, 'category'),
    location: location(row),
    date_onboarded: date(row, 'date_onboarded'),
    risk_category: oneOf(row, 'risk_category', ['low', 'medium', 'high'] as const),
    status: oneOf(row, 'status', ['active', 'suspended'] as const),
    metadata: metadata(row),
  };
}

function paymentMethod(row: Row): PaymentMethodDim {
  return {
    payment_method_id: key(row, 'payment_method_id'),
    method_type: text(row, 'method_type'),
    provider_name: text(row, 'provider_name'),
    metadata: metadata(row),
  };
}

function product(row: Row): ProductDim {
  return {
    product_id: key(row, 'product_id'),
    name: text(row, 'name'),
    category: text(row, 'category'),
    price: decimal(row, 'price', false),
    metadata: metadata(row),
  };
}

function fxRate(row: Row): FxRateDim {
  const currency = key(row, 'currency');
  if (!isIsoCurrency(currency))
    fail('currency', `currency must be an upper-case ISO 4217 code, got "${currency}"`);
  const usdRate = decimal(row, 'usd_rate', true) as string;
  if (usdRate.split('.')[0]!.replace(/^0+/, '').length > MAX_RATE_INTEGER_DIGITS) {
    fail('usd_rate', `usd_rate must be below 10^${MAX_RATE_INTEGER_DIGITS}`);
  }
  return { currency, usd_rate: usdRate };
}

const READERS: { [K in DimensionKind]: (row: Row) => DimensionByKind[K] } = {
  users: user,
  merchants: merchant,
  payment_methods: paymentMethod,
  products: product,
  fx_rates: fxRate,
};

export function validateDimension<K extends DimensionKind>(
  kind: K,
  input: unknown,
): Validated<DimensionByKind[K]> {
  // An own-property check, so a kind such as "__proto__" or "toString" is not found on the prototype.
  if (!Object.prototype.hasOwnProperty.call(READERS, kind)) {
    return {
      ok: false,
      error: { reason: 'invalid_dimension', message: `unknown dimension kind "${String(kind)}"` },
    };
  }
  try {
    if (!isPlainObject(input)) fail(undefined, `a ${kind} record must be a JSON object`, 'not_object');
    // Key first, so a record without one is reported as missing its key rather than a later field.
    key(input, DIMENSION_KEY[kind]);
    return { ok: true, value: (READERS[kind] as (row: Row) => DimensionByKind[K])(input) };
  } catch (err) {
    if (err instanceof DimensionSignal) return { ok: false, error: err.rejection };
    return {
      ok: false,
      error: { reason: 'invalid_dimension', message: `a ${kind} record could not be read` },
    };
  }
}
