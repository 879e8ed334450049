/**
 * The data contracts of DESIGN.md §2–§5 as TypeScript types. Money is always a decimal string
 * (never a JS number) so that no float ever touches an amount.
 */

export const TRANSACTION_TYPES = ['purchase', 'refund', 'chargeback', 'adjustment'] as const;
export type TransactionType = (typeof TRANSACTION_TYPES)[number];

export const TRANSACTION_STATUSES = ['pending', 'completed', 'failed', 'reversed'] as const;
export type TransactionStatus = (typeof TRANSACTION_STATUSES)[number];

/** A raw event that passed validation, normalised (DESIGN §2 and §4 "raw fields normalised"). */
export interface RawTransaction {
  transaction_id: string;
  user_id: string;
  merchant_id: string;
  payment_method_id: string;
  product_id: string | null;
  /** Exact decimal string with exactly two decimals, e.g. "12.50". */
  amount: string;
  /** ISO 4217 upper-case code. */
  currency: string;
  transaction_type: TransactionType;
  /** ISO-8601 UTC with milliseconds, e.g. "2026-03-01T23:59:59.999Z". */
  timestamp: string;
  /** The same instant as epoch milliseconds. */
  timestamp_ms: number;
  /** UTC date of the timestamp, "YYYY-MM-DD". */
  day: string;
  status: TransactionStatus;
  fraud_flag: boolean;
  /** Original metadata object; unknown top-level fields of the event are kept under `extra`. */
  metadata: Record<string, unknown> | null;
  version: number;
}

/**
 * Where and when an event entered the log. `arrival` orders equal versions of one transaction:
 * "<13-digit log timestamp ms>:<5-digit partition>:<20-digit offset>", compared as a string.
 */
export interface Arrival {
  arrival: string;
}

export interface EnrichedTransaction extends RawTransaction, Arrival {
  user_segment: string | null;
  merchant_category: string | null;
  merchant_name: string | null;
  payment_method_type: string | null;
  payment_provider: string | null;
  product_category: string | null;
  /** USD per one unit of `currency` used for amount_usd, exact decimal string; null without a rate. */
  usd_rate: string | null;
  /** amount × usd_rate rounded half up to cents; null without a rate. */
  amount_usd: string | null;
  risk_score: number;
  risk_reasons: string[];
  flagged: boolean;
  /** Which dimensions were missing at enrichment: subset of "user", "merchant", "payment_method", "product", "fx_rate". */
  dimension_misses: string[];
  enriched_at: string;
  enrichment_version: number;
}

// ---- Dimensions (DESIGN §3) ----

export const DIMENSION_KINDS = ['users', 'merchants', 'payment_methods', 'products', 'fx_rates'] as const;
export type DimensionKind = (typeof DIMENSION_KINDS)[number];

export interface UserDim {
  user_id: string;
  first_name: string | null;
  last_name: string | null;
  email: string | null;
  phone: string | null;
  country: string | null;
  segment: string | null;
  risk_score: number | null;
  date_created: string | null;
  metadata: Record<string, unknown> | null;
}

export interface MerchantDim {
  merchant_id: string;
  merchant_name: string | null;
  category: string | null;
  location: { city?: string | null; country?: string | null } | null;
  date_onboarded: string | null;
  risk_category: 'low' | 'medium' | 'high' | null;
  status: 'active' | 'suspended' | null;
  metadata: Record<string, unknown> | null;
}

export interface PaymentMethodDim {
  payment_method_id: string;
  method_type: string | null;
  provider_name: string | null;
  metadata: Record<string, unknown> | null;
}

export interface ProductDim {
  product_id: string;
  name: string | null;
  category: string | null;
  /** Exact decimal string. */
  price: string | null;
  metadata: Record<string, unknown> | null;
}

export interface FxRateDim {
  currency: string;
  /** USD per one unit of currency, exact decimal string. */
  usd_rate: string;
}

export interface DimensionByKind {
  users: UserDim;
  merchants: MerchantDim;
  payment_methods: PaymentMethodDim;
  products: ProductDim;
  fx_rates: FxRateDim;
}

/** The key field of each dimension kind; also the Kafka message key on `dim.<kind>`. */
export const DIMENSION_KEY: { [K in DimensionKind]: keyof DimensionByKind[K] & string } = {
  users: 'user_id',
  merchants: 'merchant_id',
  payment_methods: 'payment_method_id',
  products: 'product_id',
  fx_rates: 'currency',
};

/** Read access to the dimensions known at enrichment time (an in-memory cache in the worker). */
export interface DimensionLookup {
  user(id: string): UserDim | undefined;
  merchant(id: string): MerchantDim | undefined;
  paymentMethod(id: string): PaymentMethodDim | undefined;
  product(id: string): ProductDim | undefined;
  fxRate(currency: string): FxRateDim | undefined;
}

// ---- Aggregates (DESIGN §5) ----

export interface CurrencyTotal {
  currency: string;
  purchases: string;
  refunds: string;
  net: string;
}

export interface DayStats {
  transaction_count: number;
  /** Sorted by currency. */
  totals: CurrencyTotal[];
  total_spend_usd: string | null;
  max_risk_score: number;
  flagged_count: number;
}

// ---- Rejections ----

export type RejectReason =
  | 'invalid_utf8'
  | 'too_large'
  | 'not_json'
  | 'not_object'
  | 'missing_field'
  | 'invalid_type'
  | 'too_long'
  | 'empty'
  | 'invalid_amount'
  | 'invalid_currency'
  | 'invalid_enum'
  | 'invalid_timestamp'
  | 'timestamp_out_of_range'
  | 'invalid_version'
  | 'metadata_too_large'
  | 'metadata_too_deep'
  | 'invalid_dimension';

export interface Rejection {
  reason: RejectReason;
  /** The offending field, when one field is to blame. */
  field?: string;
  message: string;
}

export type Validated<T> = { ok: true; value: T } | { ok: false; error: Rejection };
