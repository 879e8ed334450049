/**
 * Helpers for tests against the real broker of the integration stack: every test gets a fresh
 * prefix for its topics and consumer groups, so tests share one broker without seeing each other.
 */
import { randomBytes } from 'node:crypto';
import { Kafka, logLevel, type Admin } from 'kafkajs';
import { silentLogger } from '../../src/app/logger';
import { createKafkaLog, type KafkaLogOptions } from '../../src/datasources/log/kafka';
import type { Log } from '../../src/datasources/log/log';
import { endpointsFromEnv } from './stack';

export function freshPrefix(label: string): string {
  return `it-${label}-${randomBytes(4).toString('hex')}-`;
}

export function stackBrokers(): string[] {
  const endpoints = endpointsFromEnv();
  if (!endpoints) throw new Error('TXGRAPH_IT_* not set: run with `npx jest --selectProjects integration`');
  return endpoints.kafkaBrokers;
}

export function testKafkaLog(prefix: string, over: Partial<KafkaLogOptions> = {}): Promise<Log> {
  return createKafkaLog({
    brokers: stackBrokers(),
    clientId: 'txgraph-it',
    partitions: 4,
    logger: silentLogger(),
    topicPrefix: prefix,
    ...over,
  });
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
