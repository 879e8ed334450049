/**
 * Bad input on the Kafka path (issue 7): a poison record (not JSON) and fuzzed malformed records,
 * invalid UTF-8 included, produced straight to `transactions` on one partition: every one reaches
 * the DLQ with its reason, none reaches the index, and the partition keeps flowing (a valid event
 * behind them on the same key is indexed).
 */
import fs from 'node:fs/promises';
import fc from 'fast-check';
import type { Consumer, Producer } from 'kafkajs';
import { base, malformed } from '../support/malformed-events';
import { eventually, type TestService } from '../support/service-harness';
import { freshNames, rawKafka, startStackService } from './real-stack';

jest.setTimeout(120_000);

const names = freshNames('badinput');
const BAD = 300;

describe('bad input through Kafka', () => {
  let svc: TestService;
  let producer: Producer;
  beforeAll(async () => {
    svc = await startStackService(names);
    producer = rawKafka().producer({ allowAutoTopicCreation: false });
    await producer.connect();
  });
  afterAll(async () => {
    await producer?.disconnect();
    await svc?.stop();
    if (svc) await fs.rm(svc.dataDir, { recursive: true, force: true });
  });

  test(`a poison record and ${BAD} malformed ones are dead-lettered; the partition keeps flowing`, async () => {
    const bad = [
      Buffer.from('this is not JSON at all \u0000\u0001'),
      ...fc.sample(malformed, { numRuns: BAD, seed: 99 }).map((s) => s.bytes),
    ];
    const valid = { ...base(), transaction_id: 'after-poison', user_id: 'u-poison' };
    // Sent in small requests (huge strings among them), in order, on one key and so one partition.
    const all = [...bad, Buffer.from(JSON.stringify(valid))];
    for (let i = 0; i < all.length; i += 10) {
      await producer.send({
        topic: `${names.topicPrefix}transactions`,
        acks: -1,
        messages: all.slice(i, i + 10).map((value) => ({ key: 'u-poison', value })),
      });
    }

    const indexed = await eventually(async () => {
      const r = await svc.gql<{ transaction: { id: string } | null }>(
        '{ transaction(id: "after-poison") { id } }',
      );
      return r.data?.transaction ?? undefined;
    }, 60_000);
    expect(indexed.id).toBe('after-poison');

    const consumer: Consumer = rawKafka().consumer({ groupId: `${names.topicPrefix}dlq-check` });
    const reasons: string[] = [];
    try {
      await consumer.connect();
      await consumer.subscribe({ topic: `${names.topicPrefix}transactions_dlq`, fromBeginning: true });
      await consumer.run({
        eachMessage: async ({ message }) => void reasons.push(String(message.headers?.['dlq.reason'] ?? '')),
      });
      await eventually(async () => (reasons.length >= bad.length ? true : undefined), 60_000);
    } finally {
      await consumer.disconnect();
    }
    expect(reasons).toHaveLength(bad.length);
    expect(reasons.every((r) => r.length > 0)).toBe(true);
    expect(reasons[0]).toBe('not_json');
    expect(reasons).toContain('invalid_utf8');

    // None of the malformed records is in the index: the user holds exactly the valid one.
    const page = await svc.gql<{ transactions: { edges: { node: { id: string } }[] } }>(
      '{ transactions(userId: "u-poison", first: 500) { edges { node { id } } } }',
    );
    expect(page.data?.transactions.edges.map((e) => e.node.id)).toEqual(['after-poison']);
    const theirs = await svc.gql<{ transactions: { edges: unknown[] } }>(
      '{ transactions(userId: "u-1", first: 500) { edges { cursor } } }',
    );
    expect(theirs.data?.transactions.edges).toEqual([]);
  });
});
