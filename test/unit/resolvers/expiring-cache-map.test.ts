import { ExpiringCacheMap } from '../../../src/resolvers/expiring-cache-map';

describe('ExpiringCacheMap', () => {
  test('an entry is served until ttlMs after it was stored, then gone', () => {
    let now = 0;
    const map = new ExpiringCacheMap<string, number>(100, 10, () => now);
    map.set('a', 1);
    now = 99;
    expect(map.get('a')).toBe(1);
    now = 100;
    expect(map.get('a')).toBeUndefined();
    expect(map.size).toBe(0);
  });

  test('storing a key again restarts its TTL', () => {
    let now = 0;
    const map = new ExpiringCacheMap<string, number>(100, 10, () => now);
    map.set('a', 1);
    now = 60;
    map.set('a', 2);
    now = 150;
    expect(map.get('a')).toBe(2);
  });

  test('at maxEntries the oldest entry makes room', () => {
    const map = new ExpiringCacheMap<string, number>(1000, 2, () => 0);
    map.set('a', 1).set('b', 2);
    map.set('a', 3); // refreshed: now the newest
    map.set('c', 4);
    expect([map.get('a'), map.get('b'), map.get('c')]).toEqual([3, undefined, 4]);
    expect(map.size).toBe(2);
  });

  test('delete and clear', () => {
    const map = new ExpiringCacheMap<string, number>(1000, 10, () => 0);
    map.set('a', 1).set('b', 2);
    expect(map.delete('a')).toBe(true);
    expect(map.get('a')).toBeUndefined();
    map.clear();
    expect(map.get('b')).toBeUndefined();
  });
});
