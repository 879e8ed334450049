import crypto from 'node:crypto';
import { createAuthenticator } from '../../../src/auth/api-keys';

describe('API keys are compared in constant time', () => {
  const KEY = 'k3y-0123456789abcdef';
  const { authenticate } = createAuthenticator([
    { key: KEY, role: 'analyst' },
    { key: 'other-key-000', role: 'admin' },
  ]);

  afterEach(() => jest.restoreAllMocks());

  test.each([
    ['equal length, one character off', `${KEY.slice(0, -1)}0`],
    ['shorter', KEY.slice(0, 5)],
    ['longer', `${KEY}${KEY}`],
    ['a prefix of a real key plus padding', `${KEY.slice(0, 10)}${'x'.repeat(KEY.length - 10)}`],
  ])('a wrong key (%s) fails, through timingSafeEqual over 32-byte digests of every key', (_n, wrong) => {
    const spy = jest.spyOn(crypto, 'timingSafeEqual');
    expect(authenticate(`Bearer ${wrong}`)).toBeNull();
    // Every configured key is compared (no early exit), always as two SHA-256 digests, so neither
    // the position of the first differing byte nor the key's length shows in the timing.
    expect(spy).toHaveBeenCalledTimes(2);
    for (const [a, b] of spy.mock.calls) {
      expect([(a as Buffer).length, (b as Buffer).length]).toEqual([32, 32]);
      expect(Buffer.from(b as Buffer).equals(crypto.createHash('sha256').update(wrong).digest())).toBe(true);
    }
  });

  test('the right key passes on the same path', () => {
    const spy = jest.spyOn(crypto, 'timingSafeEqual');
    expect(authenticate(`Bearer ${KEY}`)).toMatchObject({ role: 'analyst' });
    expect(spy).toHaveBeenCalledTimes(2);
  });
});
