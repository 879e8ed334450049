import type { DayStats, DimensionByKind, DimensionKind, EnrichedTransaction } from '../../domain/types';

/** The query side of the DynamoDB tables, as the GraphQL resolvers see it. */

export interface PageRequest {
  /** Inclusive UTC days "YYYY-MM-DD"; open when absent. */
  from?: string;
  to?: string;
  /** 1..500, already validated by the caller. */
  first: number;
  /** Opaque cursor from a previous page's endCursor. */
  after?: string | null;
}

export interface TransactionPage {
  /** Newest first. */
  items: { cursor: string; transaction: EnrichedTransaction }[];
  hasNextPage: boolean;
  endCursor: string | null;
}

export interface DailyUserStatsRow extends DayStats {
  user_id: string;
  date: string;
}

export interface DailyMerchantStatsRow extends DayStats {
  merchant_id: string;
  date: string;
}

export type MerchantRanking = 'NET_SPEND' | 'COUNT' | 'FLAGGED';

/** Thrown for a cursor that this service did not issue; resolvers report it against `after`. */
export class InvalidCursorError extends Error {
  constructor() {
    super('cursor is not one this service issued');
    this.name = 'InvalidCursorError';
  }
}

export interface ReadModel {
  /** Same order as ids; null where unknown. */
  transactionsById(ids: readonly string[]): Promise<(EnrichedTransaction | null)[]>;
  userTransactions(userId: string, page: PageRequest): Promise<TransactionPage>;
  merchantTransactions(merchantId: string, page: PageRequest): Promise<TransactionPage>;
  /** Only days that have transactions, ascending by date. */
  dailyUserStats(userId: string, from: string, to: string): Promise<DailyUserStatsRow[]>;
  dailyMerchantStats(merchantId: string, from: string, to: string): Promise<DailyMerchantStatsRow[]>;
  /** NET_SPEND: by total_spend_usd desc, nulls last; COUNT / FLAGGED desc; ties by merchant_id asc. */
  topMerchants(date: string, by: MerchantRanking, limit: number): Promise<DailyMerchantStatsRow[]>;
  /** One BatchGetItem per ≤ 100 ids; same order as ids; null where unknown. */
  dimensionsByIds<K extends DimensionKind>(
    kind: K,
    ids: readonly string[],
  ): Promise<(DimensionByKind[K] | null)[]>;
}
