/**
 * What enrichment derives from one dimension row — its enriched fields as JSON text, its risk
 * inputs, an FX rate as integers — worked out once per row instead of once per event. Facts are
 * cached in a WeakMap keyed by the row object, so an upsert (a new row object) starts afresh; each
 * also keeps the field values it was derived from and is rebuilt if the row was changed in place.
 * Each kind has its own lookup function rather than one generic helper, so every lookup site sees
 * a single row shape and V8 keeps it monomorphic.
 */
import { REASON, TENTHS, userRiskTenths } from './default-risk';
import { isAsciiText, jsonString } from './json-text';
import { minCentsReaching, scaleRate, type ScaledRate } from './money-cents';
import type { FxRateDim, MerchantDim, PaymentMethodDim, ProductDim, UserDim } from './types';

/** JSON text of a joined field: a string as JSON.stringify writes it, or null for a missing value. */
function joinedJson(value: unknown): string {
  return typeof value === 'string' ? jsonString(value) : JSON.stringify(value ?? null);
}

/** The row's key and `,"<key field>":<key as JSON>`, written when it equals the event's id. */
interface KeyFacts {
  readonly key: string;
  readonly keyJson: string;
}

function keyJson(field: string, key: string): string {
  return `,"${field}":${joinedJson(key)}`;
}

export interface UserFacts extends KeyFacts {
  readonly segment: UserDim['segment'];
  readonly riskScore: UserDim['risk_score'];
  /** `,"user_segment":…` */
  readonly json: string;
  readonly ascii: boolean;
  /** user_risk_score points in tenths (0: the rule does not fire); NaN: not scorable on integers. */
  readonly riskTenths: number;
  readonly highRiskSegment: boolean;
}

const userCache = new WeakMap<UserDim, UserFacts>();

export function userFacts(row: UserDim): UserFacts {
  const held = userCache.get(row);
  if (
    held !== undefined &&
    held.key === row.user_id &&
    held.segment === row.segment &&
    held.riskScore === row.risk_score
  ) {
    return held;
  }
  const facts = deriveUserFacts(row);
  userCache.set(row, facts);
  return facts;
}

function deriveUserFacts(row: UserDim): UserFacts {
  const json = `,"user_segment":${joinedJson(row.segment)}`;
  return {
    key: row.user_id,
    keyJson: keyJson('user_id', row.user_id),
    segment: row.segment,
    riskScore: row.risk_score,
    json,
    ascii: isAsciiText(json + row.user_id),
    riskTenths: userRiskTenths(row.risk_score),
    highRiskSegment: row.segment === 'highRiskSegment',
  };
}

export interface MerchantFacts extends KeyFacts {
  readonly category: MerchantDim['category'];
  readonly name: MerchantDim['merchant_name'];
  readonly riskCategory: MerchantDim['risk_category'];
  readonly status: MerchantDim['status'];
  /** `,"merchant_category":…,"merchant_name":…` */
  readonly json: string;
  readonly ascii: boolean;
  /** Points of the merchant rules (risk category, suspension) in tenths, and their reason bits. */
  readonly riskTenths: number;
  readonly reasons: number;
}

const merchantCache = new WeakMap<MerchantDim, MerchantFacts>();

export function merchantFacts(row: MerchantDim): MerchantFacts {
  const held = merchantCache.get(row);
  if (
    held !== undefined &&
    held.key === row.merchant_id &&
    held.category === row.category &&
    held.name === row.merchant_name &&
    held.riskCategory === row.risk_category &&
    held.status === row.status
  ) {
    return held;
  }
  const facts = deriveMerchantFacts(row);
  merchantCache.set(row, facts);
  return facts;
}

function deriveMerchantFacts(row: MerchantDim): MerchantFacts {
  const json = `,"merchant_category":${joinedJson(row.category)},"merchant_name":${joinedJson(row.merchant_name)}`;
  let riskTenths = 0;
  let reasons = 0;
  if (row.risk_category === 'medium') {
    riskTenths += TENTHS.merchantRiskMedium;
    reasons |= REASON.merchantRiskMedium;
  } else if (row.risk_category === 'high') {
    riskTenths += TENTHS.merchantRiskHigh;
    reasons |= REASON.merchantRiskHigh;
  }
  if (row.status === 'suspended') {
    riskTenths += TENTHS.merchantSuspended;
    reasons |= REASON.merchantSuspended;
  }
  return {
    key: row.merchant_id,
    keyJson: keyJson('merchant_id', row.merchant_id),
    category: row.category,
    name: row.merchant_name,
    riskCategory: row.risk_category,
    status: row.status,
    json,
    ascii: isAsciiText(json + row.merchant_id),
    riskTenths,
    reasons,
  };
}

export interface TextFacts extends KeyFacts {
  /** The joined fields' values, in the order they appear in `json`. */
  readonly first: unknown;
  readonly second: unknown;
  readonly json: string;
  readonly ascii: boolean;
}

const paymentMethodCache = new WeakMap<PaymentMethodDim, TextFacts>();

/** `,"payment_method_type":…,"payment_provider":…` */
export function paymentMethodFacts(row: PaymentMethodDim): TextFacts {
  const held = paymentMethodCache.get(row);
  if (
    held !== undefined &&
    held.key === row.payment_method_id &&
    held.first === row.method_type &&
    held.second === row.provider_name
  ) {
    return held;
  }
  const json = `,"payment_method_type":${joinedJson(row.method_type)},"payment_provider":${joinedJson(row.provider_name)}`;
  const facts: TextFacts = {
    key: row.payment_method_id,
    keyJson: keyJson('payment_method_id', row.payment_method_id),
    first: row.method_type,
    second: row.provider_name,
    json,
    ascii: isAsciiText(json + row.payment_method_id),
  };
  paymentMethodCache.set(row, facts);
  return facts;
}

const productCache = new WeakMap<ProductDim, TextFacts>();

/** `,"product_category":…` */
export function productFacts(row: ProductDim): TextFacts {
  const held = productCache.get(row);
  if (held !== undefined && held.key === row.product_id && held.first === row.category) return held;
  const json = `,"product_category":${joinedJson(row.category)}`;
  const facts: TextFacts = {
    key: row.product_id,
    keyJson: keyJson('product_id', row.product_id),
    first: row.category,
    second: undefined,
    json,
    ascii: isAsciiText(json + row.product_id),
  };
  productCache.set(row, facts);
  return facts;
}

export interface RateFacts {
  /** The rate as joined (the fx_rates row's text, "1" for USD); null: no rate. */
  readonly usdRate: string | null;
  /** `,"usd_rate":…` */
  readonly json: string;
  readonly ascii: boolean;
  /** The rate on integers; null when it must go through decimal.js (no rate, or not provably exact). */
  readonly scaled: ScaledRate | null;
  /** Smallest amounts in cents whose USD value reaches 1,000 and 10,000 (the risk amount tiers). */
  readonly minCentsOver1000: number;
  readonly minCentsOver10000: number;
}

const ONE = scaleRate('1') as ScaledRate;

function deriveRate(usdRate: string | null): RateFacts {
  // Without a rate the amount rules look at the raw amount, i.e. a rate of exactly 1.
  const scaled = typeof usdRate === 'string' ? scaleRate(usdRate) : null;
  const tiers = usdRate === null ? ONE : scaled;
  const json = `,"usd_rate":${joinedJson(usdRate)}`;
  return {
    usdRate,
    json,
    ascii: isAsciiText(json),
    scaled,
    minCentsOver1000: tiers === null ? NaN : minCentsReaching(1000n, tiers),
    minCentsOver10000: tiers === null ? NaN : minCentsReaching(10_000n, tiers),
  };
}

const rateCache = new WeakMap<FxRateDim, RateFacts>();

/** The fx_rates row's rate (`usd_rate ?? null`, as enrichment joins it). */
export function rateFacts(row: FxRateDim): RateFacts {
  const usdRate = row.usd_rate ?? null;
  const held = rateCache.get(row);
  if (held !== undefined && held.usdRate === usdRate) return held;
  const facts = deriveRate(usdRate);
  rateCache.set(row, facts);
  return facts;
}

/** USD is converted at exactly 1, whatever the fx_rates table says. */
export const USD_RATE_FACTS = deriveRate('1');
/** A currency without a rate. */
export const NO_RATE_FACTS = deriveRate(null);
