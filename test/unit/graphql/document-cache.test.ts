import { type GraphQLError, parse, type DocumentNode } from 'graphql';
import { createDocumentCache, type Checked } from '../../../src/http/document-cache';

function counting() {
  const parsed: string[] = [];
  const check = (query: string): Checked => {
    parsed.push(query);
    try {
      return parse(query);
    } catch (error) {
      return [error as GraphQLError];
    }
  };
  return { parsed, check };
}

describe('subscription document cache', () => {
  test('one parse per distinct text; every subscriber of it shares that document', () => {
    const { parsed, check } = counting();
    const cache = createDocumentCache(check, { maxEntries: 10, maxTotalChars: 10_000 });
    const q = 'subscription { transactionFlagged { id } }';
    const first = cache.check(q);
    for (let i = 0; i < 99; i++) expect(cache.check(q)).toBe(first);
    expect(parsed).toEqual([q]);
    expect((first as DocumentNode).kind).toBe('Document');
  });

  test('errors are kept like documents', () => {
    const { parsed, check } = counting();
    const cache = createDocumentCache(check, { maxEntries: 10, maxTotalChars: 10_000 });
    const bad = cache.check('subscription {');
    expect(Array.isArray(bad)).toBe(true);
    expect(cache.check('subscription {')).toBe(bad);
    expect(parsed).toHaveLength(1);
  });

  test('bounded by entries: the least recently used text goes first', () => {
    const { parsed, check } = counting();
    const cache = createDocumentCache(check, { maxEntries: 2, maxTotalChars: 10_000 });
    const [a, b, c] = ['{ a }', '{ b }', '{ c }'];
    cache.check(a);
    cache.check(b);
    cache.check(a); // a is now more recent than b
    cache.check(c); // evicts b
    expect(cache.size()).toBe(2);
    cache.check(a);
    cache.check(c);
    expect(parsed).toEqual([a, b, c]);
    cache.check(b);
    expect(parsed).toEqual([a, b, c, b]);
  });

  test('bounded by total text length; a text over the whole budget is checked but not kept', () => {
    const { parsed, check } = counting();
    const cache = createDocumentCache(check, { maxEntries: 100, maxTotalChars: 12 });
    cache.check('{ aaaa }'); // 8 chars
    cache.check('{ bbbb }'); // 16 in all: the first goes
    expect(cache.size()).toBe(1);
    cache.check('{ bbbb }');
    const long = `{ ${'x'.repeat(20)} }`;
    cache.check(long);
    cache.check(long);
    expect(parsed).toEqual(['{ aaaa }', '{ bbbb }', long, long]);
    expect(cache.size()).toBe(1);
  });
});
