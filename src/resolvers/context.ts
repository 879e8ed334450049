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

/**
 * Dimension loaders shared by every subscription of this process, cached for one burst only (until
 * the next macrotask). When an event is pushed to N subscribers, their `merchant`/`user` fields then
 * cost one BatchGetItem per table instead of N reads. Sharing across callers is safe here, unlike for
 * queries: dimension rows are the same for every caller (no per-caller filtering), and PII masking is
 * applied per caller afterwards, in the mappers. The short lifetime keeps dimensions current.
 */
export function createBurstLoaders(readModel: ReadModel): Omit<Loaders, 'transactions'> {
  let clearScheduled = false;
  const loaders = {
    users: dimensionLoader(readModel, 'users'),
    merchants: dimensionLoader(readModel, 'merchants'),
    paymentMethods: dimensionLoader(readModel, 'payment_methods'),
    products: dimensionLoader(readModel, 'products'),
  };
  const expireAfterBurst = <K, V>(loader: DataLoader<K, V>): DataLoader<K, V> => {
    const load = loader.load.bind(loader);
    loader.load = (key: K) => {
      if (!clearScheduled) {
        clearScheduled = true;
        setImmediate(() => {
          clearScheduled = false;
          for (const l of Object.values(loaders) as DataLoader<string, unknown>[]) l.clearAll();
        });
      }
      return load(key);
    };
    return loader;
  };
  for (const l of Object.values(loaders) as DataLoader<string, unknown>[]) expireAfterBurst(l);
  return loaders;
}

/** A subscription operation's context: burst-shared dimension loaders, its own transaction loader. */
export function createSubscriptionContext(
  principal: Principal | null,
  readModel: ReadModel,
  burstLoaders: Omit<Loaders, 'transactions'>,
  requestId: string = randomUUID(),
): GraphQLContext {
  const transactions = new DataLoader<string, EnrichedTransaction | null>(
    (ids) => readModel.transactionsById(ids),
    {
      maxBatchSize: MAX_BATCH_SIZE,
      cache: false,
    },
  );
  return { principal, loaders: { ...burstLoaders, transactions }, readModel, requestId };
}
