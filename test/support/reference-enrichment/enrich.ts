// Frozen copy of src/domain/enrich.ts at 7e0dc0f, the reference for enrichment-equivalence.test.ts (see README.md).
/**
 * The pure enrichment step (DESIGN §4): raw event + dimensions + risk rules → enriched event.
 * This is the worker's hot path and is benchmarked, so it builds one object literal with a fixed
 * field order (one hidden class for every output), shares `metadata` by reference instead of
 * cloning it, and touches decimal.js only for the one multiplication and its rounding.
 */
import type Decimal from 'decimal.js';
import type {
  Arrival,
  DimensionLookup,
  EnrichedTransaction,
  RawTransaction,
} from '../../../src/domain/types';
import { multiply, toCents } from './money';
import { scoreRisk, type RiskConfig } from './risk-rules';

/** Bumped whenever enrichment output changes meaning, so the reprocess job can find stale rows. */
export const ENRICHMENT_VERSION = 1;

/** USD per USD, whatever the fx_rates table says; a bad USD row must not move USD amounts. */
const USD_RATE = '1';

export function enrich(
  raw: RawTransaction & Arrival,
  dims: DimensionLookup,
  risk: RiskConfig,
  enrichedAt: Date,
): EnrichedTransaction {
  const user = dims.user(raw.user_id);
  const merchant = dims.merchant(raw.merchant_id);
  const paymentMethod = dims.paymentMethod(raw.payment_method_id);
  const product = raw.product_id === null ? undefined : dims.product(raw.product_id);
  const usdRate = raw.currency === 'USD' ? USD_RATE : (dims.fxRate(raw.currency)?.usd_rate ?? null);

  const misses: string[] = [];
  if (user === undefined) misses.push('user');
  if (merchant === undefined) misses.push('merchant');
  if (paymentMethod === undefined) misses.push('payment_method');
  if (raw.product_id !== null && product === undefined) misses.push('product');
  if (usdRate === null) misses.push('fx_rate');

  const amountUsd: Decimal | null = usdRate === null ? null : multiply(raw.amount, usdRate);
  const risked = scoreRisk({ raw, user, merchant, amountUsd }, risk);

  return {
    transaction_id: raw.transaction_id,
    user_id: raw.user_id,
    merchant_id: raw.merchant_id,
    payment_method_id: raw.payment_method_id,
    product_id: raw.product_id,
    amount: raw.amount,
    currency: raw.currency,
    transaction_type: raw.transaction_type,
    timestamp: raw.timestamp,
    timestamp_ms: raw.timestamp_ms,
    day: raw.day,
    status: raw.status,
    fraud_flag: raw.fraud_flag,
    metadata: raw.metadata,
    version: raw.version,
    arrival: raw.arrival,
    user_segment: user?.segment ?? null,
    merchant_category: merchant?.category ?? null,
    merchant_name: merchant?.merchant_name ?? null,
    payment_method_type: paymentMethod?.method_type ?? null,
    payment_provider: paymentMethod?.provider_name ?? null,
    product_category: product?.category ?? null,
    usd_rate: usdRate,
    amount_usd: amountUsd === null ? null : toCents(amountUsd),
    risk_score: risked.score,
    risk_reasons: risked.reasons,
    flagged: risked.flagged,
    dimension_misses: misses,
    enriched_at: enrichedAt.toISOString(),
    enrichment_version: ENRICHMENT_VERSION,
  };
}
