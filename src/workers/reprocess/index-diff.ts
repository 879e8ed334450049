import { isDeepStrictEqual } from 'node:util';
import type { EnrichedTransaction } from '../../domain/types';

/**
 * True when two records of a transaction would index identically. `enriched_at` is left out on
 * purpose: it says when, not what, and comparing it would make every rerun rewrite everything.
 */
export function sameIndexedContent(a: EnrichedTransaction, b: EnrichedTransaction): boolean {
  const { enriched_at: _a, ...left } = a;
  const { enriched_at: _b, ...right } = b;
  return isDeepStrictEqual(normalise(left), normalise(right));
}

function normalise<T extends Omit<EnrichedTransaction, 'enriched_at'>>(t: T): T {
  // The index stores absent optionals as null, the lake as null or undefined depending on the reader.
  return { ...t, product_id: t.product_id ?? null, metadata: t.metadata ?? null };
}
