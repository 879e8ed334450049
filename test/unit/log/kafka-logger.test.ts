/**
 * kafkajs's own log lines go into the service's pino logger (kafka-logger.ts): at the matching
 * pino level, with kafkajs's fields kept and its namespace named, and filtered by kafkajs at the
 * level the service logger would print anyway. Real kafkajs clients, a real pino logger.
 */
import net from 'node:net';
import { Kafka, logLevel } from 'kafkajs';
import pino from 'pino';
import { createKafkaClient } from '../../../src/datasources/log/kafka/kafka-client';
import { kafkaLogLevel, pinoLogCreator } from '../../../src/datasources/log/kafka/kafka-logger';

type Line = Record<string, unknown> & { level: number; msg?: string };

/** A pino logger at `level` whose JSON lines are collected, as the service logger would print them. */
function capturingLogger(level: string) {
  const lines: Line[] = [];
  const logger = pino({ level }, { write: (text: string) => lines.push(JSON.parse(text) as Line) });
  return { logger, lines };
}

const PINO = { debug: 20, info: 30, warn: 40, error: 50 } as const;

/** A loopback port nothing listens on: kafkajs's connection to it is refused at once. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('kafkaLogLevel', () => {
  test.each([
    ['silent', logLevel.NOTHING],
    ['fatal', logLevel.ERROR],
    ['error', logLevel.ERROR],
    ['warn', logLevel.WARN],
    ['info', logLevel.INFO],
    ['debug', logLevel.DEBUG],
    ['trace', logLevel.DEBUG],
  ])('service logger at %s → kafkajs level %i', (level, expected) => {
    expect(kafkaLogLevel(pino({ level }))).toBe(expected);
  });
});

describe('kafkajs logs in the service logger', () => {
  test('each kafkajs level lands at the pino level of the same name, with its fields', () => {
    const { logger, lines } = capturingLogger('debug');
    const kafka = createKafkaClient({ brokers: ['127.0.0.1:1'], clientId: 'log-test', logger });
    const log = kafka.logger().namespace('Consumer');
    log.error('group coordinator lost', { groupId: 'g-1', retryCount: 3 });
    log.warn('slow heartbeat', { groupId: 'g-1' });
    log.info('member joined', { memberId: 'm-7' });
    log.debug('fetch', { partition: 2 });

    expect(lines.map(({ level, msg }) => [level, msg])).toEqual([
      [PINO.error, 'group coordinator lost'],
      [PINO.warn, 'slow heartbeat'],
      [PINO.info, 'member joined'],
      [PINO.debug, 'fetch'],
    ]);
    expect(lines[0]).toMatchObject({ kafkajs: 'Consumer', groupId: 'g-1', retryCount: 3 });
    expect(lines[2]).toMatchObject({ kafkajs: 'Consumer', memberId: 'm-7' });
    expect(lines[3]).toMatchObject({ kafkajs: 'Consumer', partition: 2 });
    // pino stamps its own time; kafkajs's copy and its message field would only duplicate them.
    for (const line of lines) {
      expect(line).not.toHaveProperty('timestamp');
      expect(line).not.toHaveProperty('message');
    }
  });

  test('lines below the service logger level are not passed on', () => {
    const { logger, lines } = capturingLogger('warn');
    const log = createKafkaClient({ brokers: ['127.0.0.1:1'], clientId: 'log-test', logger })
      .logger()
      .namespace('Producer');
    log.debug('d');
    log.info('i');
    log.warn('w');
    log.error('e');
    expect(lines.map(({ level, msg }) => [level, msg])).toEqual([
      [PINO.warn, 'w'],
      [PINO.error, 'e'],
    ]);
  });

  test('a refused broker connection, logged by kafkajs itself, arrives as a pino error with the broker', async () => {
    const { logger, lines } = capturingLogger('info');
    const broker = `127.0.0.1:${await closedPort()}`;
    // The production logger wiring, without the production retries (30 s against a closed port).
    const kafka = new Kafka({
      clientId: 'log-test',
      brokers: [broker],
      retry: { retries: 0 },
      logLevel: kafkaLogLevel(logger),
      logCreator: pinoLogCreator(logger),
    });
    const admin = kafka.admin();
    await expect(admin.connect()).rejects.toThrow();
    await admin.disconnect();

    const refused = lines.find((l) => l.kafkajs === 'Connection');
    expect(refused).toMatchObject({
      level: PINO.error,
      msg: expect.stringMatching(/Connection error.*ECONNREFUSED/),
      broker,
      clientId: 'log-test',
    });
  });
});
