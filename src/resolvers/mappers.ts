import { maskEmail, maskName, maskPhone } from '../auth/masking';
import { can, type Principal } from '../auth/principal';
import type {
  DailyMerchantStatsRow,
  DailyUserStatsRow,
  TransactionPage,
} from '../datasources/dynamo/read-model';
import type {
  EnrichedTransaction,
  MerchantDim,
  PaymentMethodDim,
  ProductDim,
  UserDim,
} from '../domain/types';
import { DailyMerchantStats } from '../schema/daily-merchant-stats.type';
import type { DailyUserStats } from '../schema/daily-user-stats.type';
import type { Merchant } from '../schema/merchant.type';
import type { PaymentMethod } from '../schema/payment-method.type';
import type { Product } from '../schema/product.type';
import type { TransactionConnection } from '../schema/transaction-connection.type';
import { Transaction } from '../schema/transaction.type';
import type { User } from '../schema/user.type';

/** Snake_case domain records → GraphQL shapes. Pure, so resolvers and subscriptions share them. */

/**
 * Instances of the schema class, not plain objects: type-graphql hands a field resolver's root over
 * as an instance of its type and copies anything else into a new one, once per field resolver per
 * row (a page of 50 with merchant and payment method would make 100 copies).
 */
export function toTransaction(tx: EnrichedTransaction): Transaction {
  return Object.assign(new Transaction(), {
    id: tx.transaction_id,
    userId: tx.user_id,
    merchantId: tx.merchant_id,
    merchantCategory: tx.merchant_category,
    merchantName: tx.merchant_name,
    userSegment: tx.user_segment,
    paymentMethodId: tx.payment_method_id,
    paymentMethodType: tx.payment_method_type,
    paymentProvider: tx.payment_provider,
    productId: tx.product_id,
    productCategory: tx.product_category,
    amount: tx.amount,
    currency: tx.currency,
    amountUsd: tx.amount_usd,
    transactionType: tx.transaction_type,
    status: tx.status,
    timestamp: tx.timestamp,
    day: tx.day,
    version: tx.version,
    riskScore: tx.risk_score,
    riskReasons: tx.risk_reasons,
    flagged: tx.flagged,
    dimensionMisses: tx.dimension_misses,
    enrichedAt: tx.enriched_at,
    metadata: tx.metadata,
  });
}

export function toConnection(page: TransactionPage): TransactionConnection {
  return {
    edges: page.items.map(({ cursor, transaction }) => ({ cursor, node: toTransaction(transaction) })),
    pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor },
  };
}

/** Masking lives here, not in a field resolver, so every path to a User (queries, pushes) gets it. */
export function toUser(user: UserDim, principal: Principal | null): User {
  const unmasked = can(principal, 'unmasked_pii');
  return {
    id: user.user_id,
    firstName: unmasked ? user.first_name : maskName(user.first_name),
    lastName: unmasked ? user.last_name : maskName(user.last_name),
    email: unmasked ? user.email : maskEmail(user.email),
    phone: unmasked ? user.phone : maskPhone(user.phone),
    country: user.country,
    segment: user.segment,
    riskScore: user.risk_score,
    dateCreated: user.date_created,
  };
}

export function toMerchant(merchant: MerchantDim): Merchant {
  return {
    id: merchant.merchant_id,
    name: merchant.merchant_name,
    category: merchant.category,
    riskCategory: merchant.risk_category,
    status: merchant.status,
    location: merchant.location,
    dateOnboarded: merchant.date_onboarded,
  };
}

export function toPaymentMethod(method: PaymentMethodDim): PaymentMethod {
  return { id: method.payment_method_id, methodType: method.method_type, providerName: method.provider_name };
}

export function toProduct(product: ProductDim): Product {
  return { id: product.product_id, name: product.name, category: product.category, price: product.price };
}

export function toDailyUserStats(row: DailyUserStatsRow): DailyUserStats {
  return {
    userId: row.user_id,
    date: row.date,
    transactionCount: row.transaction_count,
    totals: row.totals,
    totalSpendUsd: row.total_spend_usd,
    maxRiskScore: row.max_risk_score,
    flaggedCount: row.flagged_count,
  };
}

/** An instance for the same reason as toTransaction: `merchant` is a field resolver. */
export function toDailyMerchantStats(row: DailyMerchantStatsRow): DailyMerchantStats {
  return Object.assign(new DailyMerchantStats(), {
    merchantId: row.merchant_id,
    date: row.date,
    transactionCount: row.transaction_count,
    totals: row.totals,
    totalSpendUsd: row.total_spend_usd,
    maxRiskScore: row.max_risk_score,
    flaggedCount: row.flagged_count,
  });
}
