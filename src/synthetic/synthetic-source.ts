import type { Logger } from '../app/logger';
import { DIMENSION_KEY, DIMENSION_KINDS, type DimensionKind } from '../domain/types';
import { TOPICS, type Log, type LogMessage } from '../datasources/log/log';
import { createRandom, type Random } from './random';
import { seedDimensions, type SeedDimensions } from './seed-dimensions';

const CURRENCIES = ['USD', 'USD', 'USD', 'EUR', 'EUR', 'GBP', 'CAD'];

/**
 * A built-in payment source so the embedded default shows real dashboards within seconds:
 * mostly completed purchases, with refunds, failures, duplicates, corrections and a few invalid
 * events (which must land in the DLQ) mixed in.
 */
export interface SyntheticSourceDeps {
  log: Log;
  logger: Logger;
  rate: number;
  seed?: number;
  /**
   * Of these seeded rows (by kind), the ones the API cannot read yet. The stream waits until this
   * is empty (or `dimensionsWaitMs` passed): the dimension tables share the embedded DynamoDB with
   * transaction writes, and under a running stream 2,000 users took ~20 s to land, so dashboards
   * showed `user: null` for their first seconds.
   */
  unreadableDimensions?: (kind: DimensionKind, ids: readonly string[]) => Promise<string[]>;
  dimensionsWaitMs?: number;
}

export function createSyntheticSource(deps: SyntheticSourceDeps) {
  const { log, rate } = deps;
  const logger = deps.logger.child({ component: 'synthetic-source' });
  const dims = seedDimensions();
  const rnd = createRandom(deps.seed ?? Date.now() % 2 ** 31);
  const recent: Record<string, unknown>[] = [];
  let counter = 0;
  let timer: NodeJS.Timeout | undefined;
  let sending: Promise<void> = Promise.resolve();
  let waiting: Promise<void> = Promise.resolve();
  let stopped = false;

  async function publishDimensions(): Promise<void> {
    for (const kind of DIMENSION_KINDS) {
      const key = DIMENSION_KEY[kind];
      const rows = dims[kind] as unknown as Record<string, unknown>[];
      await log.produce(
        TOPICS.dim(kind),
        rows.map((r) => ({ key: String(r[key]), value: Buffer.from(JSON.stringify(r)) })),
      );
    }
  }

  function tick(count: number): LogMessage[] {
    const out: LogMessage[] = [];
    for (let i = 0; i < count; i++) out.push(nextEvent(rnd, dims, recent, counter++));
    return out;
  }

  return {
    async start(): Promise<void> {
      if (rate <= 0) return;
      await publishDimensions();
      // The stream starts in the background once the seed is readable, so startup is not held up.
      waiting = waitForDimensions().then(() => {
        if (!stopped) startStream();
      });
    },
    async stop(): Promise<void> {
      stopped = true;
      await waiting;
      if (timer) clearInterval(timer);
      timer = undefined;
      await sending;
    },
  };

  async function waitForDimensions(): Promise<void> {
    const check = deps.unreadableDimensions;
    if (!check) return;
    // Only the rows still missing are asked for again, so the polls get cheaper as the seed lands.
    let pending = DIMENSION_KINDS.map((kind) => ({
      kind,
      ids: (dims[kind] as unknown as Record<string, unknown>[]).map((r) => String(r[DIMENSION_KEY[kind]])),
    }));
    const deadline = Date.now() + (deps.dimensionsWaitMs ?? 30_000);
    while (!stopped) {
      try {
        const checked = await Promise.all(
          pending.map(async ({ kind, ids }) => ({ kind, ids: await check(kind, ids) })),
        );
        pending = checked.filter((p) => p.ids.length > 0);
      } catch (error) {
        logger.warn({ err: error }, 'could not check the seeded dimensions; starting the stream');
        return;
      }
      if (pending.length === 0) return;
      const missing = pending.reduce((n, p) => n + p.ids.length, 0);
      if (Date.now() >= deadline) {
        logger.warn({ missing }, 'seeded dimensions still not all readable; starting the stream anyway');
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  function startStream(): void {
    const perTick = rate / 10;
    let carry = 0;
    timer = setInterval(() => {
      carry += perTick;
      const n = Math.floor(carry);
      carry -= n;
      if (n === 0) return;
      sending = sending
        .then(() => log.produce(TOPICS.transactions, tick(n)))
        .catch((error: unknown) => logger.warn({ err: error }, 'synthetic events not produced'));
    }, 100);
    logger.info({ rate }, 'synthetic payment source started');
  }
}

function nextEvent(
  rnd: Random,
  dims: SeedDimensions,
  recent: Record<string, unknown>[],
  n: number,
): LogMessage {
  const roll = rnd.next();
  if (roll < 0.005)
    return { key: null, value: Buffer.from(rnd.pick(['{"oops": ', 'not json', '{"amount": -1}'])) };
  if (roll < 0.025 && recent.length > 0) {
    const again = rnd.pick(recent);
    return message(again); // an at-least-once duplicate from the payment source
  }
  if (roll < 0.035 && recent.length > 0) {
    const original = rnd.pick(recent);
    const corrected = { ...original, version: Number(original.version ?? 0) + 1, status: 'reversed' };
    return message(corrected);
  }
  const user = rnd.pick(dims.users);
  const type = rnd.next() < 0.9 ? 'purchase' : rnd.next() < 0.85 ? 'refund' : 'chargeback';
  const event: Record<string, unknown> = {
    transaction_id: `t-${Date.now().toString(36)}-${n.toString(36)}-${rnd.int(0, 1e6).toString(36)}`,
    user_id: user.user_id,
    merchant_id: rnd.pick(dims.merchants).merchant_id,
    payment_method_id: rnd.pick(dims.payment_methods).payment_method_id,
    product_id: rnd.chance(0.7) ? rnd.pick(dims.products).product_id : null,
    amount: amount(rnd),
    currency: rnd.pick(CURRENCIES),
    transaction_type: type,
    timestamp: Date.now(),
    status: rnd.next() < 0.9 ? 'completed' : rnd.pick(['failed', 'pending']),
    fraud_flag: rnd.chance(0.01),
    metadata: { channel: rnd.pick(['web', 'ios', 'android', 'pos']) },
  };
  recent.push(event);
  if (recent.length > 200) recent.shift();
  return message(event);
}

function amount(rnd: Random): string {
  const whole = rnd.chance(0.02) ? rnd.int(1000, 15000) : rnd.int(1, 250);
  return `${whole}.${String(rnd.int(0, 99)).padStart(2, '0')}`;
}

function message(event: Record<string, unknown>): LogMessage {
  return { key: String(event.user_id), value: Buffer.from(JSON.stringify(event)) };
}
