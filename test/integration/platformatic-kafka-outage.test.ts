/**
 * kafka-outage.test.ts for the @platformatic/kafka adapter, on a broker of its own: healthy() goes
 * false while the broker is down, a produce() during the outage fails within its retry budget
 * (ingest answers 503 from that), and the consumer group picks up where it committed once the
 * broker is back (the membership rejoins by itself), losing nothing.
 */
import { freshPrefix, testKafkaLog } from './kafka-testkit';
import type { Log } from '../../src/datasources/log/log';
import { collector, message, values, waitFor } from '../unit/log/log-testkit';
import { startStack, type StackHandle } from './stack';

jest.setTimeout(180_000);

describe('platformatic kafka log adapter: broker outage', () => {
  let stack: StackHandle;
  let log: Log | undefined;
  beforeAll(async () => {
    stack = await startStack({ only: ['kafka'] });
  });
  afterAll(async () => {
    await log?.close();
    await stack?.stop();
  });

  test('healthy() is false while the broker is down; consumption resumes after it without loss', async () => {
    log = await testKafkaLog(
      freshPrefix('outage'),
      { brokers: stack.kafkaBrokers, clientId: 'txgraph-it-outage', partitions: 2 },
      'platformatic',
    );
    await log.ensureTopics([{ name: 'tx', partitions: 2 }]);
    const seen = collector();
    await log.consume({ groupId: 'g', topics: ['tx'], fromBeginning: true }, seen.handler);
    await log.produce(
      'tx',
      Array.from({ length: 10 }, (_, i) => message(`k${i}`, String(i))),
    );
    await seen.waitForCount(10, 20_000);
    expect(log.healthy()).toBe(true);

    await stack.stopKafka({ hard: true });
    await waitFor(() => !log!.healthy(), 20_000, 'log unhealthy');
    const started = Date.now();
    await expect(log.produce('tx', [message('k', 'lost?')])).rejects.toBeDefined();
    expect(Date.now() - started).toBeLessThan(60_000);

    await stack.startKafka();
    await waitFor(() => log!.healthy(), 40_000, 'log healthy again');
    await log.produce(
      'tx',
      Array.from({ length: 10 }, (_, i) => message(`k${i}`, String(10 + i))),
    );
    await waitFor(
      () => values(seen.records).filter((v) => /^\d+$/.test(v)).length >= 20,
      60_000,
      'all 20 records',
    );
    const numbers = new Set(
      values(seen.records)
        .filter((v) => /^\d+$/.test(v))
        .map(Number),
    );
    expect([...numbers].sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });
});
