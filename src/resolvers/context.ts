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
