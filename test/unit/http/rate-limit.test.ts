import { createRateLimiter } from '../../../src/http/rate-limit';

describe('per-key token bucket', () => {
  test('allows the burst, then refuses with the seconds until a token is back', () => {
    let t = 0;
    const limiter = createRateLimiter({ ratePerSecond: 2, burst: 3, now: () => t });
    expect([1, 2, 3].map(() => limiter.take('a').ok)).toEqual([true, true, true]);
    expect(limiter.take('a')).toEqual({ ok: false, retryAfterSeconds: 1 });
    // Another key has its own bucket.
    expect(limiter.take('b').ok).toBe(true);
    t += 500; // one token refilled at 2/s
    expect(limiter.take('a').ok).toBe(true);
    expect(limiter.take('a').ok).toBe(false);
  });

  test('Retry-After rounds up and is at least one second', () => {
    let t = 0;
    const limiter = createRateLimiter({ ratePerSecond: 0.25 as number, burst: 1, now: () => t });
    expect(limiter.take('a').ok).toBe(true);
    expect(limiter.take('a')).toEqual({ ok: false, retryAfterSeconds: 4 });
    t += 4000;
    expect(limiter.take('a').ok).toBe(true);
  });

  test('idle buckets are forgotten past the tracking cap without granting extra tokens', () => {
    let t = 0;
    const limiter = createRateLimiter({ ratePerSecond: 1, burst: 1, now: () => t, maxTrackedKeys: 2 });
    expect(limiter.take('a').ok).toBe(true);
    expect(limiter.take('b').ok).toBe(true);
    expect(limiter.take('c').ok).toBe(true); // prunes nothing: a and b are empty, not idle
    expect(limiter.take('a').ok).toBe(false);
    t += 10_000;
    expect(limiter.take('d').ok).toBe(true);
    expect(limiter.take('d').ok).toBe(false);
  });

  test('rate 0 is off', () => {
    const limiter = createRateLimiter({ ratePerSecond: 0, burst: 1 });
    expect(Array.from({ length: 100 }, () => limiter.take('a').ok).every(Boolean)).toBe(true);
  });
});
