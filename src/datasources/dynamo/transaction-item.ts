import type { EnrichedTransaction, TransactionStatus, TransactionType } from '../../domain/types';
import { decimalAttr, readInt, readJson, readMoney, readString, readStringList } from './item-values';

/** Sort key of TransactionIndex (DESIGN §5): newest-first paging is a reverse range query. */
export function indexSortKey(
  t: Pick<EnrichedTransaction, 'day' | 'timestamp_ms' | 'transaction_id'>,
): string {
  return `${t.day}#${String(t.timestamp_ms).padStart(13, '0')}#${t.transaction_id}`;
}

export function toIndexItem(t: EnrichedTransaction): Record<string, unknown> {
  return {
    user_id: t.user_id,
    sk: indexSortKey(t),
    transaction_id: t.transaction_id,
    merchant_id: t.merchant_id,
    payment_method_id: t.payment_method_id,
    product_id: t.product_id,
    amount: decimalAttr(t.amount),
    currency: t.currency,
    transaction_type: t.transaction_type,
    timestamp: t.timestamp,
    timestamp_ms: t.timestamp_ms,
    day: t.day,
    status: t.status,
    fraud_flag: t.fraud_flag,
    // Metadata is free-form client JSON: stored as text so DynamoDB's type rules (no empty sets,
    // numbers limited to 38 digits) can never reject or reshape it.
    metadata: t.metadata === null ? null : JSON.stringify(t.metadata),
    version: t.version,
    arrival: t.arrival,
    user_segment: t.user_segment,
    merchant_category: t.merchant_category,
    merchant_name: t.merchant_name,
    payment_method_type: t.payment_method_type,
    payment_provider: t.payment_provider,
    product_category: t.product_category,
    usd_rate: t.usd_rate,
    amount_usd: decimalAttr(t.amount_usd),
    risk_score: t.risk_score,
    risk_reasons: t.risk_reasons,
    flagged: t.flagged,
    dimension_misses: t.dimension_misses,
    enriched_at: t.enriched_at,
    enrichment_version: t.enrichment_version,
  };
}

export function fromIndexItem(item: Record<string, unknown>): EnrichedTransaction {
  return {
    transaction_id: item.transaction_id as string,
    user_id: item.user_id as string,
    merchant_id: item.merchant_id as string,
    payment_method_id: item.payment_method_id as string,
    product_id: readString(item.product_id),
    amount: readMoney(item.amount) ?? '0.00',
    currency: item.currency as string,
    transaction_type: item.transaction_type as TransactionType,
    timestamp: item.timestamp as string,
    timestamp_ms: readInt(item.timestamp_ms),
    day: item.day as string,
    status: item.status as TransactionStatus,
    fraud_flag: item.fraud_flag === true,
    metadata: readJson(item.metadata),
    version: readInt(item.version),
    arrival: item.arrival as string,
    user_segment: readString(item.user_segment),
    merchant_category: readString(item.merchant_category),
    merchant_name: readString(item.merchant_name),
    payment_method_type: readString(item.payment_method_type),
    payment_provider: readString(item.payment_provider),
    product_category: readString(item.product_category),
    usd_rate: readString(item.usd_rate),
    amount_usd: readMoney(item.amount_usd),
    risk_score: readInt(item.risk_score),
    risk_reasons: readStringList(item.risk_reasons),
    flagged: item.flagged === true,
    dimension_misses: readStringList(item.dimension_misses),
    enriched_at: item.enriched_at as string,
    enrichment_version: readInt(item.enrichment_version),
  };
}
