/**
 * Helpers for tests against the real broker of the integration stack: every test gets a fresh
 * prefix for its topics and consumer groups, so tests share one broker without seeing each other.
 */
import { randomBytes } from 'node:crypto';
import { Kafka, logLevel, type Admin } from 'kafkajs';
import { silentLogger } from '../../src/app/logger';
import type { KafkaClient } from '../../src/config/config';
import { createKafkaLog, type KafkaLogOptions } from '../../src/datasources/log/kafka';
import type { Log } from '../../src/datasources/log/log';
import { createPlatformaticKafkaLog } from '../../src/datasources/log/platformatic-kafka';
import { endpointsFromEnv } from './stack';

// @platformatic/kafka is ESM only. Node >= 20.19 require()s it natively, but jest's module loader
// cannot on Node 20, and jest swaps in its own `module` and process.getBuiltinModule as well. Code
// run in the worker's main context (not jest's sandbox) reaches Node's real loader.
jest.mock('@platformatic/kafka', () =>
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  (require('node:vm') as typeof import('node:vm')).runInThisContext(
    `process.getBuiltinModule('node:module').createRequire(${JSON.stringify(`${process.cwd()}/package.json`)})`,
  )('@platformatic/kafka'),
);

/** Both production clients: every behavioural test of the log runs against each. */
export const KAFKA_CLIENTS: KafkaClient[] = ['kafkajs', 'platformatic'];

export function freshPrefix(label: string): string {
  return `it-${label}-${randomBytes(4).toString('hex')}-`;
}

export function stackBrokers(): string[] {
  const endpoints = endpointsFromEnv();
  if (!endpoints) throw new Error('TXGRAPH_IT_* not set: run with `npx jest --selectProjects integration`');
  return endpoints.kafkaBrokers;
}

export function testKafkaLog(
  prefix: string,
  over: Partial<KafkaLogOptions> = {},
  client: KafkaClient = 'kafkajs',
): Promise<Log> {
  const options: KafkaLogOptions = {
    brokers: stackBrokers(),
    clientId: 'txgraph-it',
    partitions: 4,
    logger: silentLogger(),
    topicPrefix: prefix,
    ...over,
  };
  return client === 'platformatic' ? createPlatformaticKafkaLog(options) : createKafkaLog(options);
}

/** A plain kafkajs admin, to look at the cluster independently of the adapter under test. */
export async function rawAdmin(brokers = stackBrokers()): Promise<{ admin: Admin; kafka: Kafka }> {
  const kafka = new Kafka({ clientId: 'txgraph-it-observer', brokers, logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  return { admin, kafka };
}

/** Committed offsets of a group as { partition: offset } ('-1' = none). */
export async function committedOffsets(
  admin: Admin,
  groupId: string,
  topic: string,
): Promise<Record<number, string>> {
  const [entry] = await admin.fetchOffsets({ groupId, topics: [topic] });
  return Object.fromEntries((entry?.partitions ?? []).map((p) => [p.partition, p.offset]));
}
