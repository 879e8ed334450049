/**
 * A broker outage under the Kafka log adapter, on a broker of its own (the shared one stays up for
 * the other suites): /readyz's log health goes false while the broker is down, and a consumer group
 * picks up where it committed once the broker is back, losing nothing.
 */
import { silentLogger } from '../../src/app/logger';
import { createKafkaLog } from '../../src/datasources/log/kafka';
import type { Log } from '../../src/datasources/log/log';
import { collector, message, values, waitFor } from '../unit/log/log-testkit';
import { freshPrefix } from './kafka-testkit';
import { startStack, type StackHandle } from './stack';

jest.setTimeout(120_000);

describe('kafka log adapter: broker outage', () => {
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
    log = await createKafkaLog({
      brokers: stack.kafkaBrokers,
      clientId: 'txgraph-it-outage',
      partitions: 2,
      logger: silentLogger(),
      topicPrefix: freshPrefix('outage'),
    });
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

    await stack.startKafka();
    await waitFor(() => log!.healthy(), 40_000, 'log healthy again');
    await log.produce(
      'tx',
      Array.from({ length: 10 }, (_, i) => message(`k${i}`, String(10 + i))),
    );
    await waitFor(() => new Set(values(seen.records)).size === 20, 60_000, 'all 20 records');
    expect([...new Set(values(seen.records).map(Number))].sort((a, b) => a - b)).toEqual(
      Array.from({ length: 20 }, (_, i) => i),
    );
  });
});
