import type { seedDimensions } from '../src/synthetic/seed-dimensions';

/** What the HTTP-load benches post to /v1/transactions and how they pace it. */

export type Row = Record<string, unknown>;
type Dimensions = ReturnType<typeof seedDimensions>;

/**
 * Raw transactions over random seeded dimensions; ids are `<prefix>-<pid>-<n>` with n counting
 * from 0, so a bench can index its per-event arrays by n.
 */
export function createEventSource(prefix: string, dims: Dimensions): () => Row {
  let seq = 0;
  return () => {
    const j = seq++;
    const r = (n: number) => Math.floor(Math.random() * n);
    return {
      transaction_id: `${prefix}-${process.pid}-${j}`,
      user_id: dims.users[r(dims.users.length)]!.user_id,
      merchant_id: dims.merchants[r(dims.merchants.length)]!.merchant_id,
      payment_method_id: dims.payment_methods[r(dims.payment_methods.length)]!.payment_method_id,
      amount: `${r(3000) + 1}.${String(r(100)).padStart(2, '0')}`,
      currency: ['USD', 'EUR', 'GBP'][r(3)],
      transaction_type: r(20) === 0 ? 'refund' : 'purchase',
      timestamp: new Date().toISOString(),
      status: 'completed',
      fraud_flag: r(50) === 0,
    };
  };
}

export type Post = (pathname: string, rows: unknown[]) => Promise<{ accepted: number }>;

/** POSTs rows as NDJSON with an ingest key; resolves with the service's JSON answer. */
export function createPoster(url: string, key: string): Post {
  return async (pathname, rows) => {
    const res = await fetch(`${url}${pathname}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/x-ndjson' },
      body: rows.map((row) => JSON.stringify(row)).join('\n'),
    });
    return (await res.json()) as { accepted: number };
  };
}

/** Seeds every dimension kind through the ingest API. */
export async function postDimensions(post: Post, dims: Dimensions): Promise<void> {
  for (const kind of ['users', 'merchants', 'payment_methods', 'products', 'fx_rates'] as const) {
    await post(`/v1/dimensions/${kind}`, dims[kind]);
  }
}

export interface PacedLoad {
  post: Post;
  event: () => Row;
  /** Events per second offered. */
  rate: number;
  seconds: number;
  /** One POST carries the events of one tick: rate × tickMs / 1000 of them. */
  tickMs: number;
  maxInFlight: number;
  /** Called just before the POST of `tick` is sent, with performance.now(). */
  onSent?: (rows: Row[], at: number, tick: number) => void;
  /** Called when its answer has been read; `at` is performance.now(). */
  onAcked?: (rows: Row[], at: number, tick: number) => void;
  /** Checked before each tick: true ends the load early (e.g. on SIGINT). */
  stopped?: () => boolean;
}

export interface PacedLoadResult {
  accepted: number;
  failed: number;
  /** From the first POST until every answer was in. */
  offeredSeconds: number;
  ticks: number;
  perTick: number;
  /** Ticks sent over 1 ms after their slot (timer lateness or the in-flight cap). */
  lateTicks: number;
  maxLateMs: number;
  /** Why the first failed POST failed (network error or the service's error answer). */
  firstError: string | undefined;
}

/**
 * An open-loop generator: one POST per tick on a fixed schedule, however long earlier POSTs take,
 * up to `maxInFlight` at once (beyond that it waits, so a service that cannot keep up slows the
 * generator instead of piling up sockets; the achieved rate shows it).
 */
export async function offerPaced(load: PacedLoad): Promise<PacedLoadResult> {
  let accepted = 0;
  let failed = 0;
  let lateTicks = 0;
  let maxLateMs = 0;
  let firstError: string | undefined;
  const inFlight = new Set<Promise<void>>();
  const perTick = Math.max(1, Math.round((load.rate * load.tickMs) / 1000));
  const ticks = Math.round((load.seconds * 1000) / load.tickMs);
  const t0 = performance.now();
  for (let tick = 0; tick < ticks && !load.stopped?.(); tick++) {
    const rows = Array.from({ length: perTick }, load.event);
    const now = performance.now();
    const late = now - (t0 + tick * load.tickMs);
    if (late > 1) lateTicks += 1;
    maxLateMs = Math.max(maxLateMs, late);
    load.onSent?.(rows, now, tick);
    const sending: Promise<void> = load
      .post('/v1/transactions', rows)
      .then((res) => {
        // An error answer (e.g. 503 LOG_UNAVAILABLE) has no count: none of its events were taken.
        if (typeof res.accepted !== 'number') throw new Error(JSON.stringify(res).slice(0, 200));
        accepted += res.accepted;
        load.onAcked?.(rows, performance.now(), tick);
      })
      .catch((error: unknown) => {
        failed += rows.length;
        firstError ??=
          error instanceof Error
            ? error.cause instanceof Error
              ? `${error.message}: ${error.cause.message}`
              : error.message
            : String(error);
      })
      .finally(() => inFlight.delete(sending));
    inFlight.add(sending);
    if (inFlight.size >= load.maxInFlight) await Promise.race(inFlight);
    const wait = t0 + (tick + 1) * load.tickMs - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  }
  await Promise.all(inFlight);
  return {
    accepted,
    failed,
    offeredSeconds: (performance.now() - t0) / 1000,
    ticks,
    perTick,
    lateTicks,
    maxLateMs,
    firstError,
  };
}
