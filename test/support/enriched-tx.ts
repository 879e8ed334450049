import type { EnrichedTransaction } from '../../src/domain/types';

let seq = 0;
/**
 * An enriched record with sensible defaults; each call arrives later than the previous one, so
 * among equal versions the later-built record is the current state.
 */
export function tx(over: Partial<EnrichedTransaction>): EnrichedTransaction {
  const timestamp = over.timestamp ?? '2026-03-01T10:00:00.000Z';
  const ms = Date.parse(timestamp);
  return {
    transaction_id: 't',
    user_id: 'u',
    merchant_id: 'm',
    payment_method_id: 'pm',
    product_id: null,
    amount: '10.00',
    currency: 'USD',
    transaction_type: 'purchase',
    status: 'completed',
    fraud_flag: false,
    metadata: null,
    version: 0,
    arrival: `${String(1_780_000_000_000 + ++seq).padStart(13, '0')}:00000:${String(seq).padStart(20, '0')}`,
    user_segment: null,
    merchant_category: null,
    merchant_name: null,
    payment_method_type: null,
    payment_provider: null,
    product_category: null,
    usd_rate: '1',
    amount_usd: over.amount ?? '10.00',
    risk_score: 10,
    risk_reasons: [],
    flagged: false,
    dimension_misses: [],
    enriched_at: '2026-03-01T10:00:01.000Z',
    enrichment_version: 1,
    ...over,
    timestamp,
    timestamp_ms: ms,
    day: timestamp.slice(0, 10),
  };
}
