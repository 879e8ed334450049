/**
 * The worker's in-memory view of the dimensions: loaded at start, then kept current from the
 * compacted `dim.<kind>` topics. Plain Maps keyed by each kind's key field — lookups sit on the
 * enrichment hot path, so they are a single Map.get each.
 */
import {
  DIMENSION_KEY,
  DIMENSION_KINDS,
  type DimensionByKind,
  type DimensionKind,
  type DimensionLookup,
} from './types';

export interface DimensionCache extends DimensionLookup {
  upsert<K extends DimensionKind>(kind: K, record: DimensionByKind[K]): void;
  /** Forget a record (a tombstone on a compacted topic). True when it was present. */
  remove(kind: DimensionKind, key: string): boolean;
  counts(): Record<DimensionKind, number>;
}

export function createDimensionCache(): DimensionCache {
  const maps = {
    users: new Map<string, DimensionByKind['users']>(),
    merchants: new Map<string, DimensionByKind['merchants']>(),
    payment_methods: new Map<string, DimensionByKind['payment_methods']>(),
    products: new Map<string, DimensionByKind['products']>(),
    fx_rates: new Map<string, DimensionByKind['fx_rates']>(),
  };

  return {
    user: (id) => maps.users.get(id),
    merchant: (id) => maps.merchants.get(id),
    paymentMethod: (id) => maps.payment_methods.get(id),
    product: (id) => maps.products.get(id),
    fxRate: (currency) => maps.fx_rates.get(currency),
    upsert(kind, record) {
      const map = maps[kind] as Map<string, DimensionByKind[typeof kind]>;
      map.set(record[DIMENSION_KEY[kind]] as string, record);
    },
    remove: (kind, key) => maps[kind].delete(key),
    counts() {
      const counts = {} as Record<DimensionKind, number>;
      for (const kind of DIMENSION_KINDS) counts[kind] = maps[kind].size;
      return counts;
    },
  };
}
