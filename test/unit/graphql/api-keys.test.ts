import { createHash } from 'node:crypto';
import { createAuthenticator, generateDevKey, keyIdOf, parseApiKeys } from '../../../src/auth/api-keys';

describe('parseApiKeys', () => {
  test('parses key:role pairs, trimming whitespace', () => {
    expect(parseApiKeys('k1-aaaa:analyst, k2-bbbb:fraud ,k3:ingest,k4:admin')).toEqual([
      { key: 'k1-aaaa', role: 'analyst' },
      { key: 'k2-bbbb', role: 'fraud' },
      { key: 'k3', role: 'ingest' },
      { key: 'k4', role: 'admin' },
    ]);
  });

  test('an empty spec is no keys', () => {
    expect(parseApiKeys('')).toEqual([]);
    expect(parseApiKeys('   ')).toEqual([]);
  });

  test('a key may contain colons; the role is after the last one', () => {
    expect(parseApiKeys('a:b:c:fraud')).toEqual([{ key: 'a:b:c', role: 'fraud' }]);
  });

  test.each([
    ['secret-no-role', /entry 1 has no role/],
    ['k1:analyst,,k2:fraud', /entry 2 is empty/],
    [':analyst', /entry 1 has an empty key/],
    [
      'k1:analyst,secret-key:root',
      /entry 2 \(key [0-9a-f]{8}\) has unknown role "root" \(expected analyst, fraud, ingest, admin\)/,
    ],
    ['k1:analyst,k1:admin', /entry 2 \(key [0-9a-f]{8}\) repeats an earlier key/],
    ['my key:analyst', /contains whitespace/],
  ])('%p is rejected: %p', (spec, message) => {
    expect(() => parseApiKeys(spec)).toThrow(message);
  });

  test('error messages never contain the key itself', () => {
    expect(() => parseApiKeys('super-secret-value:root')).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('super-secret-value') }),
    );
  });
});

describe('createAuthenticator', () => {
  const auth = createAuthenticator(parseApiKeys('analyst-key:analyst,fraud-key:fraud'));

  test('keyId is the first 8 hex digits of sha256(key)', () => {
    expect(keyIdOf('analyst-key')).toBe(createHash('sha256').update('analyst-key').digest('hex').slice(0, 8));
  });

  test.each([
    ['Bearer analyst-key', 'analyst'],
    ['bearer fraud-key', 'fraud'],
    ['Bearer   fraud-key  ', 'fraud'],
  ])('%p → %s', (header, role) => {
    const principal = auth.authenticate(header);
    expect(principal?.role).toBe(role);
    expect(principal?.keyId).toMatch(/^[0-9a-f]{8}$/);
  });

  test.each([
    [undefined],
    [null],
    [''],
    ['analyst-key'],
    ['Basic analyst-key'],
    ['Bearer analyst-ke'],
    ['Bearer analyst-key-and-more'],
    ['Bearer analyst-key extra'],
  ])('%p is anonymous', (header) => {
    expect(auth.authenticate(header)).toBeNull();
  });

  test('with no keys configured nobody is authenticated', () => {
    expect(createAuthenticator([]).authenticate('Bearer anything')).toBeNull();
  });
});

test('generateDevKey makes distinct, header-safe keys', () => {
  const a = generateDevKey();
  expect(a).toMatch(/^txg_[A-Za-z0-9_-]{32}$/);
  expect(generateDevKey()).not.toBe(a);
  expect(createAuthenticator(parseApiKeys(`${a}:admin`)).authenticate(`Bearer ${a}`)?.role).toBe('admin');
});
