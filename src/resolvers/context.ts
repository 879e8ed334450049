import { randomUUID } from 'node:crypto';
import DataLoader from 'dataloader';
import type { Principal } from '../auth/principal';
import type { ReadModel } from '../datasources/dynamo/read-model';
import type {
  DimensionByKind,
  DimensionKind,
  EnrichedTransaction,
  MerchantDim,
  PaymentMethodDim,
  ProductDim,
  UserDim,
} from '../domain/types';
import { ExpiringCacheMap } from './expiring-cache-map';

/** DynamoDB BatchGetItem takes at most 100 keys. */
export const MAX_BATCH_SIZE = 100;

export interface Loaders {
  users: DataLoader<string, UserDim | null>;
  merchants: DataLoader<string, MerchantDim | null>;
  paymentMethods: DataLoader<string, PaymentMethodDim | null>;
  products: DataLoader<string, ProductDim | null>;
  transactions: DataLoader<string, EnrichedTransaction | null>;
}

export interface GraphQLContext {
  principal: Principal | null;
  loaders: Loaders;
  readModel: ReadModel;
  requestId: string;
}

function dimensionLoader<K extends DimensionKind>(readModel: ReadModel, kind: K) {
  return new DataLoader<string, DimensionByKind[K] | null>((ids) => readModel.dimensionsByIds(kind, ids), {
    maxBatchSize: MAX_BATCH_SIZE,
  });
}

/**
 * Fresh loaders for one request. They must never outlive it: a loader's cache shared between callers
 * would serve one caller's reads to another and never see dimension updates.
 */
export function createLoaders(readModel: ReadModel): Loaders {
  return {
    users: dimensionLoader(readModel, 'users'),
    merchants: dimensionLoader(readModel, 'merchants'),
    paymentMethods: dimensionLoader(readModel, 'payment_methods'),
    products: dimensionLoader(readModel, 'products'),
    transactions: new DataLoader((ids) => readModel.transactionsById(ids), { maxBatchSize: MAX_BATCH_SIZE }),
  };
}

export function createContext(
  principal: Principal | null,
  readModel: ReadModel,
  requestId: string = randomUUID(),
): GraphQLContext {
  return { principal, loaders: createLoaders(readModel), readModel, requestId };
}

/** How stale a dimension pushed to subscribers may be; see createLiveDimensionLoaders. */
export const LIVE_DIMENSION_TTL_MS = 1000;
const LIVE_DIMENSION_MAX_ENTRIES = 50_000;

export interface LiveDimensionLoaderOptions {
  ttlMs?: number;
  maxEntries?: number;
  now?: () => number;
}

/**
 * Dimension loaders shared by every subscription of this process, each row cached for `ttlMs`
 * (default 1 s). graphql-ws executes a subscription's events one after another, so a DynamoDB read
 * per pushed event would cap each subscriber at one event per read round trip: at thousands of
 * events per second the subscriber falls behind and is closed as a slow consumer. With the cache, each
 * row is read at most once per `ttlMs` whatever the event rate and subscriber count (still one
 * BatchGetItem per table per batch), and a dimension change reaches live pushes within `ttlMs`
 * (queries always read current rows). Sharing across callers is safe here,
 * unlike for queries: dimension rows are the same for every caller (no per-caller filtering), and PII
 * masking is applied per caller afterwards, in the mappers.
 */
export function createLiveDimensionLoaders(
  readModel: ReadModel,
  options: LiveDimensionLoaderOptions = {},
): Omit<Loaders, 'transactions'> {
  const ttlMs = options.ttlMs ?? LIVE_DIMENSION_TTL_MS;
  const maxEntries = options.maxEntries ?? LIVE_DIMENSION_MAX_ENTRIES;
  const loader = <K extends DimensionKind>(kind: K) =>
    new DataLoader<string, DimensionByKind[K] | null>((ids) => readModel.dimensionsByIds(kind, ids), {
      maxBatchSize: MAX_BATCH_SIZE,
      cacheMap: new ExpiringCacheMap<string, Promise<DimensionByKind[K] | null>>(
        ttlMs,
        maxEntries,
        options.now,
      ),
    });
  return {
    users: loader('users'),
    merchants: loader('merchants'),
    paymentMethods: loader('payment_methods'),
    products: loader('products'),
  };
}

/** A subscription operation's context: the shared live dimension loaders, its own transaction loader. */
export function createSubscriptionContext(
  principal: Principal | null,
  readModel: ReadModel,
  liveDimensionLoaders: Omit<Loaders, 'transactions'>,
  requestId: string = randomUUID(),
): GraphQLContext {
  const transactions = new DataLoader<string, EnrichedTransaction | null>(
    (ids) => readModel.transactionsById(ids),
    {
      maxBatchSize: MAX_BATCH_SIZE,
      cache: false,
    },
  );
  return { principal, loaders: { ...liveDimensionLoaders, transactions }, readModel, requestId };
}
