import { type GraphQLError, type DocumentNode } from 'graphql';

export type Checked = DocumentNode | readonly GraphQLError[];

export interface DocumentCache {
  /** The parsed and validated document for `query`, or its errors; checked once per distinct text. */
  check(query: string): Checked;
  /** Distinct query texts held. */
  size(): number;
}

/**
 * Subscribers mostly send the same few operations: a dashboard wall opens hundreds of sockets with
 * one document. Parsing and validating each is CPU at connect time, and every parsed copy (tokens,
 * locations) stays alive as long as its subscription: with a thousand subscribers that was about
 * 9 MiB of identical ASTs. Documents are read-only to graphql-js, so one copy serves every
 * subscription of that text. Bounded by entries and by the total length of the texts held (the
 * AST is proportional to it); least recently used texts go first.
 */
export function createDocumentCache(
  parseAndValidate: (query: string) => Checked,
  limits: { maxEntries: number; maxTotalChars: number },
): DocumentCache {
  const entries = new Map<string, Checked>();
  let totalChars = 0;

  return {
    check(query) {
      const hit = entries.get(query);
      if (hit !== undefined) {
        // Re-inserted so Map order stays least recently used first.
        entries.delete(query);
        entries.set(query, hit);
        return hit;
      }
      const checked = parseAndValidate(query);
      if (query.length > limits.maxTotalChars) return checked;
      entries.set(query, checked);
      totalChars += query.length;
      for (const [oldest] of entries) {
        if (entries.size <= limits.maxEntries && totalChars <= limits.maxTotalChars) break;
        entries.delete(oldest);
        totalChars -= oldest.length;
      }
      return checked;
    },
    size: () => entries.size,
  };
}
