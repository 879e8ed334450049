/**
 * The part of enrichment both outputs share (the EnrichedTransaction object and its JSON bytes):
 * join the dimensions, convert to USD, score risk. With the default rules and a plain amount and
 * rate this runs on integers (money-cents.ts, default-risk.ts); anything else — custom rules, a
 * rate too long to prove exact, a non-integer risk score — takes the decimal.js path it always
 * took, so both give the same answer for every input.
 */
import type Decimal from 'decimal.js';
import { REASON, TENTHS, reasonsOf, scoreFromTenths } from './default-risk';
import { amountCents, convertCents } from './money-cents';
import { multiply, toCents } from './money';
import { scoreRisk, usesDefaultRules, type RiskConfig } from './risk-rules';
import {
  NO_RATE_FACTS,
  USD_RATE_FACTS,
  merchantFacts,
  rateFacts,
  userFacts,
  type MerchantFacts,
  type RateFacts,
  type UserFacts,
} from './row-facts';
import type {
  DimensionLookup,
  MerchantDim,
  PaymentMethodDim,
  ProductDim,
  RawTransaction,
  UserDim,
} from './types';

/** One bit per possible dimension miss, in the order they are listed. */
export const MISS = {
  user: 1 << 0,
  merchant: 1 << 1,
  paymentMethod: 1 << 2,
  product: 1 << 3,
  fxRate: 1 << 4,
} as const;

export interface Joined {
  user: UserDim | undefined;
  merchant: MerchantDim | undefined;
  paymentMethod: PaymentMethodDim | undefined;
  product: ProductDim | undefined;
  userFacts: UserFacts | undefined;
  merchantFacts: MerchantFacts | undefined;
  rate: RateFacts;
  /** amount × usd_rate rounded half up to cents; null without a rate. */
  amountUsd: string | null;
  score: number;
  /** Default rules: the reasons as REASON bits. -1: they are in `reasons` instead. */
  reasonBits: number;
  /** The reasons when `reasonBits` is -1 (otherwise empty: use reasonsOf(reasonBits)). */
  reasons: readonly string[];
  flagged: boolean;
  /** MISS bits. */
  misses: number;
}

const NO_REASONS: readonly string[] = Object.freeze([]);

export function joinAndScore(raw: RawTransaction, dims: DimensionLookup, risk: RiskConfig): Joined {
  const user = dims.user(raw.user_id);
  const merchant = dims.merchant(raw.merchant_id);
  const paymentMethod = dims.paymentMethod(raw.payment_method_id);
  const product = raw.product_id === null ? undefined : dims.product(raw.product_id);
  let rate: RateFacts;
  if (raw.currency === 'USD') rate = USD_RATE_FACTS;
  else {
    const row = dims.fxRate(raw.currency);
    rate = row === undefined ? NO_RATE_FACTS : rateFacts(row);
  }

  let misses = 0;
  if (user === undefined) misses |= MISS.user;
  if (merchant === undefined) misses |= MISS.merchant;
  if (paymentMethod === undefined) misses |= MISS.paymentMethod;
  if (raw.product_id !== null && product === undefined) misses |= MISS.product;
  if (rate.usdRate === null) misses |= MISS.fxRate;

  const uf = user === undefined ? undefined : userFacts(user);
  const mf = merchant === undefined ? undefined : merchantFacts(merchant);
  const joined: Joined = {
    user,
    merchant,
    paymentMethod,
    product,
    userFacts: uf,
    merchantFacts: mf,
    rate,
    amountUsd: null,
    score: 0,
    reasonBits: -1,
    reasons: NO_REASONS,
    flagged: false,
    misses,
  };

  const cents = amountCents(raw.amount);
  const onIntegers =
    cents !== null &&
    (rate.usdRate === null || rate.scaled !== null) &&
    (uf === undefined || !Number.isNaN(uf.riskTenths)) &&
    usesDefaultRules(risk.rules);
  if (onIntegers) scoreOnIntegers(joined, raw, cents, risk);
  else scoreOnDecimals(joined, raw, risk);
  return joined;
}

function scoreOnIntegers(joined: Joined, raw: RawTransaction, cents: number, risk: RiskConfig): void {
  const { userFacts: uf, merchantFacts: mf, rate } = joined;
  if (rate.scaled !== null) joined.amountUsd = convertCents(cents, rate.scaled);

  let tenths = 0;
  let reasons = 0;
  if (uf === undefined) {
    tenths += TENTHS.userMissing;
    reasons |= REASON.userMissing;
  } else if (uf.riskTenths !== 0) {
    tenths += uf.riskTenths;
    reasons |= REASON.userRiskScore;
  }
  if (mf === undefined) {
    tenths += TENTHS.merchantMissing;
    reasons |= REASON.merchantMissing;
  } else {
    tenths += mf.riskTenths;
    reasons |= mf.reasons;
  }
  if (uf !== undefined && uf.highRiskSegment) {
    tenths += TENTHS.highRiskSegment;
    reasons |= REASON.highRiskSegment;
  }
  if (cents >= rate.minCentsOver10000) {
    tenths += TENTHS.amountOver10000;
    reasons |= REASON.amountOver10000;
  } else if (cents >= rate.minCentsOver1000) {
    tenths += TENTHS.amountOver1000;
    reasons |= REASON.amountOver1000;
  }
  if (raw.fraud_flag) {
    tenths += TENTHS.rawFraudFlag;
    reasons |= REASON.rawFraudFlag;
  }
  joined.score = scoreFromTenths(tenths);
  joined.reasonBits = reasons;
  joined.flagged = raw.fraud_flag || joined.score >= risk.flagThreshold;
}

function scoreOnDecimals(joined: Joined, raw: RawTransaction, risk: RiskConfig): void {
  const usdRate = joined.rate.usdRate;
  const amountUsd: Decimal | null = usdRate === null ? null : multiply(raw.amount, usdRate);
  const risked = scoreRisk({ raw, user: joined.user, merchant: joined.merchant, amountUsd }, risk);
  joined.amountUsd = amountUsd === null ? null : toCents(amountUsd);
  joined.score = risked.score;
  joined.reasons = risked.reasons;
  joined.flagged = risked.flagged;
}

/** The reasons of a joined event as a fresh array. */
export function reasonList(joined: Joined): string[] {
  return joined.reasonBits === -1 ? [...joined.reasons] : [...reasonsOf(joined.reasonBits)];
}

/** The dimension_misses of a MISS bit set, in the contract's order. */
export function missList(misses: number): string[] {
  const list: string[] = [];
  if ((misses & MISS.user) !== 0) list.push('user');
  if ((misses & MISS.merchant) !== 0) list.push('merchant');
  if ((misses & MISS.paymentMethod) !== 0) list.push('payment_method');
  if ((misses & MISS.product) !== 0) list.push('product');
  if ((misses & MISS.fxRate) !== 0) list.push('fx_rate');
  return list;
}
