/**
 * The pure enrichment step (DESIGN §4): raw event + dimensions + risk rules → enriched event.
 * Joining, conversion and scoring are shared with the worker's JSON writer (join-and-score.ts);
 * this builds the object, with one object literal in a fixed field order (one hidden class for
 * every output) and `metadata` shared by reference instead of cloned.
 */
import { isoTimestamp } from './iso-time';
import { joinAndScore, missList, reasonList } from './join-and-score';
import type { RiskConfig } from './risk-rules';
import type { Arrival, DimensionLookup, EnrichedTransaction, RawTransaction } from './types';

/** Bumped whenever enrichment output changes meaning, so the reprocess job can find stale rows. */
export const ENRICHMENT_VERSION = 1;

export function enrich(
  raw: RawTransaction & Arrival,
  dims: DimensionLookup,
  risk: RiskConfig,
  enrichedAt: Date,
): EnrichedTransaction {
  const joined = joinAndScore(raw, dims, risk);
  const { user, merchant, paymentMethod, product } = joined;
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
    usd_rate: joined.rate.usdRate,
    amount_usd: joined.amountUsd,
    risk_score: joined.score,
    risk_reasons: reasonList(joined),
    flagged: joined.flagged,
    dimension_misses: missList(joined.misses),
    enriched_at: isoTimestamp(enrichedAt.getTime()),
    enrichment_version: ENRICHMENT_VERSION,
  };
}
