import { silentLogger } from '../../../src/app/logger';
import { TOPICS, type Log, type LogMessage } from '../../../src/datasources/log/log';
import type { DimensionKind } from '../../../src/domain/types';
import { createSyntheticSource } from '../../../src/synthetic/synthetic-source';

/** Records what the source produces; nothing else of the log is used by it. */
function recordingLog() {
  const produced: { topic: string; messages: LogMessage[] }[] = [];
  const log = {
    produce: async (topic: string, messages: LogMessage[]) => {
      produced.push({ topic, messages });
    },
  } as unknown as Log;
  const transactions = () =>
    produced.filter((p) => p.topic === TOPICS.transactions).reduce((n, p) => n + p.messages.length, 0);
  return { log, produced, transactions };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(check: () => boolean, ms = 5_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await sleep(20);
  }
}

describe('the synthetic source waits for its seed to be readable', () => {
  // Stopped even when an assertion fails, or its interval keeps jest alive.
  const stopAfter: { stop(): Promise<void> }[] = [];
  afterEach(async () => {
    await Promise.all(stopAfter.splice(0).map((s) => s.stop()));
  });
  test('no transaction is produced until every seeded row is readable; missing rows only are asked again', async () => {
    const { log, produced, transactions } = recordingLog();
    const asked: { kind: DimensionKind; count: number }[] = [];
    let readable = false;
    const source = createSyntheticSource({
      log,
      logger: silentLogger(),
      rate: 200,
      seed: 1,
      unreadableDimensions: async (kind, ids) => {
        asked.push({ kind, count: ids.length });
        // The first poll finds everything but the last user; later polls find it once `readable`.
        if (kind === 'users' && !readable) return [ids[ids.length - 1]!];
        return [];
      },
    });
    stopAfter.push(source);
    await source.start();
    expect(produced.map((p) => p.topic)).toEqual(
      expect.arrayContaining(['dim.users', 'dim.merchants', 'dim.payment_methods', 'dim.products']),
    );
    await sleep(700);
    expect(transactions()).toBe(0);
    // Only the one missing user is asked for again, and no kind that was complete.
    const later = asked.slice(5);
    expect(later.length).toBeGreaterThan(0);
    expect(later.every((a) => a.kind === 'users' && a.count === 1)).toBe(true);

    readable = true;
    await until(() => transactions() > 0);
  });

  test('the stream starts anyway when the seed is still unreadable at the deadline', async () => {
    const { log, transactions } = recordingLog();
    const source = createSyntheticSource({
      log,
      logger: silentLogger(),
      rate: 200,
      seed: 1,
      dimensionsWaitMs: 300,
      unreadableDimensions: async (_kind, ids) => [...ids],
    });
    stopAfter.push(source);
    await source.start();
    await until(() => transactions() > 0);
  });

  test('stop() during the wait ends it and nothing is ever produced on the transactions topic', async () => {
    const { log, transactions } = recordingLog();
    const source = createSyntheticSource({
      log,
      logger: silentLogger(),
      rate: 200,
      seed: 1,
      unreadableDimensions: async (_kind, ids) => [...ids],
    });
    stopAfter.push(source);
    await source.start();
    await sleep(300);
    await source.stop();
    await sleep(300);
    expect(transactions()).toBe(0);
  });
});
