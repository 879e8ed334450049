import autocannon from 'autocannon';

export interface LoadTarget {
  name: string;
  /** POST endpoint, e.g. http://127.0.0.1:1234/graphql */
  url: string;
  headers: Record<string, string>;
}

export interface LoadResult {
  reqPerSec: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  /** Non-2xx answers and bodies other than the expected one. */
  wrongAnswers: number;
  /** Every kind of failure, wrong answers and connection errors, e.g. "timeouts 2"; "" when none. */
  failures: string;
}

/**
 * One closed-loop autocannon run. The load generator runs in a worker thread (`workers: 1`) so that
 * on a 2-core machine it gets its own core instead of sharing the event loop of the servers under
 * test, which live in this process. Every answer is compared with `expectBody` byte for byte.
 */
export async function runLoad(
  target: LoadTarget,
  opts: { body: string; expectBody: string; seconds: number; connections: number },
): Promise<LoadResult> {
  const result = await autocannon({
    url: target.url,
    method: 'POST',
    headers: { 'content-type': 'application/json', ...target.headers },
    body: opts.body,
    expectBody: opts.expectBody,
    connections: opts.connections,
    duration: opts.seconds,
    // On a saturated shared machine answers can take longer than autocannon's default 10 s; they
    // belong in the latency figures, not in a retry that hides them.
    timeout: 60,
    workers: 1,
  });
  return {
    reqPerSec: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests: result.requests.total,
    wrongAnswers: result.non2xx + result.mismatches,
    failures: Object.entries({
      'errors other than timeouts': result.errors - result.timeouts,
      timeouts: result.timeouts,
      'non-2xx': result.non2xx,
      'unexpected bodies': result.mismatches,
    })
      .filter(([, n]) => n > 0)
      .map(([what, n]) => `${what} ${n}`)
      .join(', '),
  };
}
