import type {
  EnrichedTransaction,
  MerchantDim,
  PaymentMethodDim,
  ProductDim,
  RawTransaction,
  UserDim,
} from '../../../src/domain/types';

/** 2026-03-01T12:00:00.000Z: "now" for every validation test. */
export const NOW = Date.UTC(2026, 2, 1, 12);
export const DAY_MS = 86_400_000;

/** A valid wire event; tests override one field at a time. */
export function wireEvent(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    transaction_id: 'tx-1',
    user_id: 'u-1',
    merchant_id: 'm-1',
    payment_method_id: 'pm-1',
    product_id: 'p-1',
    amount: '12.50',
    currency: 'EUR',
    transaction_type: 'purchase',
    timestamp: '2026-03-01T10:00:00Z',
    status: 'completed',
    fraud_flag: false,
    metadata: { channel: 'web' },
    version: 0,
    ...overrides,
  };
}

export function rawTx(overrides: Partial<RawTransaction & { arrival: string }> = {}): RawTransaction & {
  arrival: string;
} {
  return {
    transaction_id: 'tx-1',
    user_id: 'u-1',
    merchant_id: 'm-1',
    payment_method_id: 'pm-1',
    product_id: 'p-1',
    amount: '10.00',
    currency: 'USD',
    transaction_type: 'purchase',
    timestamp: '2026-03-01T10:00:00.000Z',
    timestamp_ms: Date.UTC(2026, 2, 1, 10),
    day: '2026-03-01',
    status: 'completed',
    fraud_flag: false,
    metadata: null,
    version: 0,
    arrival: '1772359200000:00000:00000000000000000001',
    ...overrides,
  };
}

export function enrichedTx(overrides: Partial<EnrichedTransaction> = {}): EnrichedTransaction {
  return {
    ...rawTx(),
    user_segment: null,
    merchant_category: null,
    merchant_name: null,
    payment_method_type: null,
    payment_provider: null,
    product_category: null,
    usd_rate: '1',
    amount_usd: '10.00',
    risk_score: 0,
    risk_reasons: [],
    flagged: false,
    dimension_misses: [],
    enriched_at: '2026-03-01T10:00:01.000Z',
    enrichment_version: 1,
    ...overrides,
  };
}

export function userDim(overrides: Partial<UserDim> = {}): UserDim {
  return {
    user_id: 'u-1',
    first_name: 'Ada',
    last_name: 'Lovelace',
    email: 'ada@example.com',
    phone: null,
    country: 'GB',
    segment: 'standard',
    risk_score: 0,
    date_created: null,
    metadata: null,
    ...overrides,
  };
}

export function merchantDim(overrides: Partial<MerchantDim> = {}): MerchantDim {
  return {
    merchant_id: 'm-1',
    merchant_name: 'Corner Shop',
    category: 'grocery',
    location: { city: 'Leeds', country: 'GB' },
    date_onboarded: null,
    risk_category: 'low',
    status: 'active',
    metadata: null,
    ...overrides,
  };
}

export function paymentMethodDim(overrides: Partial<PaymentMethodDim> = {}): PaymentMethodDim {
  return {
    payment_method_id: 'pm-1',
    method_type: 'card',
    provider_name: 'Visa',
    metadata: null,
    ...overrides,
  };
}

export function productDim(overrides: Partial<ProductDim> = {}): ProductDim {
  return { product_id: 'p-1', name: 'Tea', category: 'drinks', price: '3.20', metadata: null, ...overrides };
}

/** An object nested `depth` levels deep ({a:{a:{…}}}), built without recursion. */
export function deepObject(depth: number): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  let node = root;
  for (let i = 1; i < depth; i++) {
    const child: Record<string, unknown> = {};
    node.a = child;
    node = child;
  }
  return root;
}
