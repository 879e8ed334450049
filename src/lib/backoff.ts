/**
 * One backoff policy for every retry in the service: exponential with full jitter, so replicas
 * that failed together do not retry together (no thundering herd against a throttled table).
 */
export interface BackoffOptions {
  baseMs?: number;
  maxMs?: number;
}

export function backoffDelay(attempt: number, { baseMs = 50, maxMs = 5000 }: BackoffOptions = {}): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.min(attempt, 20));
  return Math.floor(Math.random() * ceiling);
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      signal?.removeEventListener('abort', done);
      clearTimeout(timer);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** Errors say whether trying again can help; programming errors never carry `retriable`. */
export function isRetriable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as {
    retriable?: unknown;
    $retryable?: unknown;
    name?: unknown;
    $metadata?: { httpStatusCode?: number };
  };
  if (e.retriable === true || e.$retryable !== undefined) return true;
  const status = e.$metadata?.httpStatusCode;
  if (status !== undefined && (status >= 500 || status === 429)) return true;
  return (
    typeof e.name === 'string' &&
    [
      'ProvisionedThroughputExceededException',
      'ThrottlingException',
      'RequestLimitExceeded',
      'InternalServerError',
      'ServiceUnavailable',
      'TimeoutError',
    ].includes(e.name)
  );
}

/** Retries `fn` while the error is retriable, up to `attempts` calls in all. */
export async function withRetry<T>(
  fn: () => Promise<T>,
  {
    attempts = 8,
    onRetry,
    ...backoff
  }: BackoffOptions & { attempts?: number; onRetry?: (e: unknown) => void } = {},
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      if (attempt + 1 >= attempts || !isRetriable(error)) throw error;
      onRetry?.(error);
      await sleep(backoffDelay(attempt, backoff));
    }
  }
}
