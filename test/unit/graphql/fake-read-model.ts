import {
  InvalidCursorError,
  type DailyMerchantStatsRow,
  type DailyUserStatsRow,
  type MerchantRanking,
  type PageRequest,
  type ReadModel,
  type TransactionPage,
} from '../../../src/datasources/dynamo/read-model';
import type {
  DimensionByKind,
  DimensionKind,
  EnrichedTransaction,
  MerchantDim,
  PaymentMethodDim,
  ProductDim,
  UserDim,
} from '../../../src/domain/types';

/** An in-memory ReadModel that records every call, so tests can assert how resolvers batch. */
export class FakeReadModel implements ReadModel {
  readonly transactions: EnrichedTransaction[] = [];
  readonly dimensions: { [K in DimensionKind]: Map<string, DimensionByKind[K]> } = {
    users: new Map(),
    merchants: new Map(),
    payment_methods: new Map(),
    products: new Map(),
    fx_rates: new Map(),
  };
  userStats: DailyUserStatsRow[] = [];
  merchantStats: DailyMerchantStatsRow[] = [];
  /** Every call in order: method name, dimension kind where relevant, and the ids or arguments. */
  readonly calls: { method: keyof ReadModel; kind?: DimensionKind; args: unknown[] }[] = [];
  /** When set, every method rejects with it (to test error formatting). */
  failWith: Error | null = null;

  callsOf(method: keyof ReadModel, kind?: DimensionKind) {
    return this.calls.filter((call) => call.method === method && (kind === undefined || call.kind === kind));
  }

  resetCalls(): void {
    this.calls.length = 0;
  }

  private record(method: keyof ReadModel, args: unknown[], kind?: DimensionKind): void {
    this.calls.push({ method, args, ...(kind ? { kind } : {}) });
    if (this.failWith) throw this.failWith;
  }

  async transactionsById(ids: readonly string[]) {
    this.record('transactionsById', [[...ids]]);
    return ids.map((id) => this.transactions.find((tx) => tx.transaction_id === id) ?? null);
  }

  private page(matching: EnrichedTransaction[], page: PageRequest): TransactionPage {
    const inRange = matching
      .filter(
        (tx) =>
          (page.from === undefined || tx.day >= page.from) && (page.to === undefined || tx.day <= page.to),
      )
      .sort((a, b) => b.timestamp_ms - a.timestamp_ms);
    let start = 0;
    if (page.after) {
      const match = /^fake:(\d+)$/.exec(page.after);
      if (!match) throw new InvalidCursorError();
      start = Number(match[1]);
    }
    const slice = inRange.slice(start, start + page.first);
    const items = slice.map((transaction, i) => ({ cursor: `fake:${start + i + 1}`, transaction }));
    const hasNextPage = start + page.first < inRange.length;
    return { items, hasNextPage, endCursor: items.at(-1)?.cursor ?? null };
  }

  async userTransactions(userId: string, page: PageRequest) {
    this.record('userTransactions', [userId, page]);
    return this.page(
      this.transactions.filter((tx) => tx.user_id === userId),
      page,
    );
  }

  async merchantTransactions(merchantId: string, page: PageRequest) {
    this.record('merchantTransactions', [merchantId, page]);
    return this.page(
      this.transactions.filter((tx) => tx.merchant_id === merchantId),
      page,
    );
  }

  async dailyUserStats(userId: string, from: string, to: string) {
    this.record('dailyUserStats', [userId, from, to]);
    return this.userStats.filter((row) => row.user_id === userId && row.date >= from && row.date <= to);
  }

  async dailyMerchantStats(merchantId: string, from: string, to: string) {
    this.record('dailyMerchantStats', [merchantId, from, to]);
    return this.merchantStats.filter(
      (row) => row.merchant_id === merchantId && row.date >= from && row.date <= to,
    );
  }

  async topMerchants(date: string, by: MerchantRanking, limit: number) {
    this.record('topMerchants', [date, by, limit]);
    return this.merchantStats.filter((row) => row.date === date).slice(0, limit);
  }

  async dimensionsByIds<K extends DimensionKind>(kind: K, ids: readonly string[]) {
    this.record('dimensionsByIds', [[...ids]], kind);
    if (ids.length > 100) throw new Error(`BatchGetItem takes at most 100 keys, got ${ids.length}`);
    const table = this.dimensions[kind] as Map<string, DimensionByKind[K]>;
    return ids.map((id) => table.get(id) ?? null);
  }
}

// ---- fixtures ----

export function user(id: string, overrides: Partial<UserDim> = {}): UserDim {
  return {
    user_id: id,
    first_name: 'Johanna',
    last_name: 'Doe',
    email: 'johanna.doe@example.com',
    phone: '+44 20 7946 0989',
    country: 'GB',
    segment: 'retail',
    risk_score: 20,
    date_created: '2024-01-15',
    metadata: null,
    ...overrides,
  };
}

export function merchant(id: string, overrides: Partial<MerchantDim> = {}): MerchantDim {
  return {
    merchant_id: id,
    merchant_name: `Shop ${id}`,
    category: 'grocery',
    location: { city: 'London', country: 'GB' },
    date_onboarded: '2023-06-01T00:00:00.000Z',
    risk_category: 'low',
    status: 'active',
    metadata: null,
    ...overrides,
  };
}

export function paymentMethod(id: string): PaymentMethodDim {
  return { payment_method_id: id, method_type: 'card', provider_name: 'Visa', metadata: null };
}

export function product(id: string): ProductDim {
  return { product_id: id, name: `Product ${id}`, category: 'food', price: '3.5', metadata: null };
}

export function enriched(id: string, overrides: Partial<EnrichedTransaction> = {}): EnrichedTransaction {
  const timestampMs = overrides.timestamp_ms ?? Date.UTC(2026, 2, 1, 12, 0, 0);
  const timestamp = new Date(timestampMs).toISOString();
  return {
    transaction_id: id,
    user_id: 'u1',
    merchant_id: 'm1',
    payment_method_id: 'pm1',
    product_id: 'p1',
    amount: '12.50',
    currency: 'EUR',
    transaction_type: 'purchase',
    timestamp,
    timestamp_ms: timestampMs,
    day: timestamp.slice(0, 10),
    status: 'completed',
    fraud_flag: false,
    metadata: { channel: 'web' },
    version: 0,
    arrival: '0000000000000:00000:00000000000000000000',
    user_segment: 'retail',
    merchant_category: 'grocery',
    merchant_name: 'Shop m1',
    payment_method_type: 'card',
    payment_provider: 'Visa',
    product_category: 'food',
    usd_rate: '1.1',
    amount_usd: '13.75',
    risk_score: 12,
    risk_reasons: ['user_risk'],
    flagged: false,
    dimension_misses: [],
    enriched_at: timestamp,
    enrichment_version: 1,
    ...overrides,
  };
}
