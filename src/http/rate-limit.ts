import type express from 'express';
import type { Metrics } from '../app/metrics';
import type { Principal } from '../auth/principal';

export interface RateLimitOptions {
  /** Sustained requests per second per API key; 0 turns limiting off. */
  ratePerSecond: number;
  /** Requests a key may make at once after being idle. */
  burst: number;
  now?: () => number;
  /** Above this many tracked callers, idle (full) buckets are forgotten. */
  maxTrackedKeys?: number;
}

export type TakeResult = { ok: true } | { ok: false; retryAfterSeconds: number };

/**
 * Token buckets per caller. Refill is computed from elapsed time on each take, so there is no timer,
 * and a forgotten bucket is indistinguishable from a full one: pruning never grants extra tokens.
 */
export function createRateLimiter(options: RateLimitOptions) {
  const { ratePerSecond, burst } = options;
  const now = options.now ?? Date.now;
  const maxTracked = options.maxTrackedKeys ?? 10_000;
  const buckets = new Map<string, { tokens: number; at: number }>();

  function refill(bucket: { tokens: number; at: number }, t: number): void {
    bucket.tokens = Math.min(burst, bucket.tokens + ((t - bucket.at) / 1000) * ratePerSecond);
    bucket.at = t;
  }

  function prune(t: number): void {
    for (const [key, bucket] of buckets) {
      refill(bucket, t);
      if (bucket.tokens >= burst) buckets.delete(key);
    }
  }

  return {
    enabled: ratePerSecond > 0,
    take(key: string): TakeResult {
      if (ratePerSecond <= 0) return { ok: true };
      const t = now();
      let bucket = buckets.get(key);
      if (!bucket) {
        if (buckets.size >= maxTracked) prune(t);
        bucket = { tokens: burst, at: t };
        buckets.set(key, bucket);
      } else refill(bucket, t);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return { ok: true };
      }
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / ratePerSecond)) };
    },
  };
}

export type RateLimiter = ReturnType<typeof createRateLimiter>;

/**
 * Limits per API key (fingerprint), and callers without a valid key per client address, so guessing
 * keys is throttled too. The 429 body follows the surface it guards: GraphQL-shaped errors on
 * /graphql, the ingest `{ error }` shape on /v1.
 */
export function rateLimitMiddleware(deps: {
  limiter: RateLimiter;
  authenticate: (authorization: string | undefined) => Principal | null;
  metrics: Metrics;
  surface: 'graphql' | 'ingest';
}): express.RequestHandler {
  const { limiter, authenticate, metrics, surface } = deps;
  return (req, res, next) => {
    if (!limiter.enabled) return next();
    const principal = authenticate(req.headers.authorization);
    const caller = principal ? `key:${principal.keyId}` : `addr:${req.socket.remoteAddress ?? 'unknown'}`;
    const result = limiter.take(caller);
    if (result.ok) return next();
    metrics.rateLimited.inc({ surface, caller: principal ? 'key' : 'anonymous' });
    const message = `rate limit exceeded; retry in ${result.retryAfterSeconds} s`;
    res.setHeader('Retry-After', String(result.retryAfterSeconds));
    res.status(429).json(
      surface === 'graphql'
        ? {
            errors: [{ message, extensions: { code: 'RATE_LIMITED', retryAfter: result.retryAfterSeconds } }],
          }
        : { error: { code: 'RATE_LIMITED', message } },
    );
  };
}
