import DataLoader from 'dataloader';
import type { ReadModel } from '../datasources/dynamo/read-model';
import type { DimensionByKind, DimensionKind, DimensionLookup } from '../domain/types';
import { MAX_BATCH_SIZE, type Loaders } from './context';
import { ExpiringCacheMap } from './expiring-cache-map';

/** How stale a dimension row read from DynamoDB for a pushed event may be. */
export const LIVE_DIMENSION_TTL_MS = 1000;
const LIVE_DIMENSION_MAX_ENTRIES = 50_000;

export type LiveDimensionLoaders = Omit<Loaders, 'transactions'>;

export interface LiveDimensionLoaderOptions {
  /**
   * This process's in-memory dimensions (the enrichment worker's, kept current from the dim.*
   * topics, the same records the indexer writes to the dimension tables). Rows found here cost no
   * read; only rows it lacks go to DynamoDB.
   */
  local?: DimensionLookup;
  ttlMs?: number;
  maxEntries?: number;
  now?: () => number;
}

const LOCAL: {
  [K in DimensionKind]?: (lookup: DimensionLookup, id: string) => DimensionByKind[K] | undefined;
} = {
  users: (l, id) => l.user(id),
  merchants: (l, id) => l.merchant(id),
  payment_methods: (l, id) => l.paymentMethod(id),
  products: (l, id) => l.product(id),
};

/**
 * Dimension loaders shared by every subscription of this process. graphql-ws executes a
 * subscription's events one after another, so a DynamoDB read per pushed event capped each
 * subscriber at one event per read round trip: under load it fell behind and was closed as a slow
 * consumer. So rows come from the process's in-memory dimensions when it has them, from DynamoDB
 * otherwise, and every row served is cached for `ttlMs` (default 1 s): a row missing from memory
 * is read at most once per `ttlMs` whatever the event rate and subscriber count (one BatchGetItem
 * per table per batch), and a dimension change reaches live pushes within `ttlMs` (queries always
 * read current rows). Sharing
 * across callers is safe here, unlike for queries: dimension rows are the same for every caller (no
 * per-caller filtering), and PII masking is applied per caller afterwards, in the mappers.
 */
export function createLiveDimensionLoaders(
  readModel: ReadModel,
  options: LiveDimensionLoaderOptions = {},
): LiveDimensionLoaders {
  const { local } = options;
  const ttlMs = options.ttlMs ?? LIVE_DIMENSION_TTL_MS;
  const maxEntries = options.maxEntries ?? LIVE_DIMENSION_MAX_ENTRIES;

  function loader<K extends DimensionKind>(kind: K) {
    const fromLocal = LOCAL[kind] as (lookup: DimensionLookup, id: string) => DimensionByKind[K] | undefined;
    const load = async (ids: readonly string[]): Promise<(DimensionByKind[K] | null)[]> => {
      const found = ids.map((id) => (local ? fromLocal(local, id) : undefined));
      const missing = ids.filter((_, i) => found[i] === undefined);
      if (missing.length === 0) return found as DimensionByKind[K][];
      const read = await readModel.dimensionsByIds(kind, missing);
      let next = 0;
      return found.map((row) => row ?? read[next++] ?? null);
    };
    return new DataLoader<string, DimensionByKind[K] | null>(load, {
      maxBatchSize: MAX_BATCH_SIZE,
      cacheMap: new ExpiringCacheMap<string, Promise<DimensionByKind[K] | null>>(
        ttlMs,
        maxEntries,
        options.now,
      ),
    });
  }

  return {
    users: loader('users'),
    merchants: loader('merchants'),
    paymentMethods: loader('payment_methods'),
    products: loader('products'),
  };
}
