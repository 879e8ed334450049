/**
 * Smoke test of the local integration stack: REAL round trips against Kafka 4.x (KRaft),
 * DynamoDB Local and S3Proxy, with the clients production uses. No mocks.
 *
 * Uses the stack from global-setup.ts (TXGRAPH_IT_* variables); run without that global setup,
 * it starts its own stack.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { CreateTableCommand, DeleteTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  DeleteObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient, GetCommand, NumberValue, PutCommand } from '@aws-sdk/lib-dynamodb';
import { Kafka, logLevel, Partitioners, type Consumer, type Producer } from 'kafkajs';
import { endpointsFromEnv, LOCAL_AWS, startStack, type StackEndpoints, type StackHandle } from './stack';

jest.setTimeout(120_000);

let endpoints: StackEndpoints;
let ownStack: StackHandle | undefined;

beforeAll(async () => {
  const fromEnv = endpointsFromEnv();
  if (fromEnv) {
    endpoints = fromEnv;
    return;
  }
  ownStack = await startStack();
  endpoints = ownStack;
});

afterAll(async () => {
  await ownStack?.stop();
});

const sha256 = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

describe('Kafka (kafkajs 2.2.4 against Kafka 4.x KRaft)', () => {
  // Clean-ups run in reverse order: consumer, producer, topic deletion, admin. (Deleting the topic
  // while the consumer still fetches makes kafkajs log UNKNOWN_TOPIC_OR_PARTITION errors.)
  const cleanups: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it('creates a topic, produces 100 idempotent messages with acks=-1 and consumes them all', async () => {
    const kafka = new Kafka({
      clientId: 'txgraph-stack-smoke',
      brokers: endpoints.kafkaBrokers,
      logLevel: logLevel.WARN,
    });
    const topic = `smoke-${randomUUID()}`;
    const admin = kafka.admin();
    await admin.connect();
    cleanups.push(() => admin.disconnect());
    expect(await admin.createTopics({ topics: [{ topic, numPartitions: 4 }], waitForLeaders: true })).toBe(
      true,
    );

    cleanups.push(() => admin.deleteTopics({ topics: [topic] }));

    const producer: Producer = kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      // The Java-compatible murmur2 partitioner (kafkajs' default since 2.0; explicit to skip its warning).
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    await producer.connect();
    cleanups.push(() => producer.disconnect());
    const sent = Array.from({ length: 100 }, (_, i) => ({ key: `k${i % 10}`, value: `message-${i}` }));
    const results = await producer.send({ topic, acks: -1, messages: sent });
    expect(results.every((r) => r.errorCode === 0)).toBe(true);

    const consumer: Consumer = kafka.consumer({ groupId: `smoke-${randomUUID()}` });
    await consumer.connect();
    cleanups.push(() => consumer.disconnect());
    await consumer.subscribe({ topic, fromBeginning: true });
    const received: { key: string; value: string; partition: number }[] = [];
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`got ${received.length}/100 messages`)), 60_000);
      consumer
        .run({
          eachMessage: async ({ message, partition }) => {
            received.push({
              key: message.key?.toString() ?? '',
              value: message.value?.toString() ?? '',
              partition,
            });
            if (received.length === sent.length) {
              clearTimeout(timer);
              resolve();
            }
          },
        })
        .catch(reject);
    });

    expect(received.map((m) => m.value).sort()).toEqual(sent.map((m) => m.value).sort());
    // Same key -> same partition, in send order.
    for (let k = 0; k < 10; k++) {
      const forKey = received.filter((m) => m.key === `k${k}`);
      expect(new Set(forKey.map((m) => m.partition)).size).toBe(1);
      expect(forKey.map((m) => Number(m.value.split('-')[1]))).toEqual(
        Array.from({ length: 10 }, (_, j) => k + 10 * j),
      );
    }
  });
});

describe('DynamoDB Local (@aws-sdk/lib-dynamodb)', () => {
  it('keeps a 22-digit decimal exact with wrapNumbers', async () => {
    const client = new DynamoDBClient({ endpoint: endpoints.dynamoEndpoint, ...LOCAL_AWS });
    const doc = DynamoDBDocumentClient.from(client, { unmarshallOptions: { wrapNumbers: true } });
    const table = `smoke-${randomUUID()}`;
    try {
      await client.send(
        new CreateTableCommand({
          TableName: table,
          BillingMode: 'PAY_PER_REQUEST',
          AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
          KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        }),
      );
      const amount = '12345678901234567890.12';
      await doc.send(
        new PutCommand({ TableName: table, Item: { pk: 'tx#1', amount: NumberValue.from(amount), n: 7 } }),
      );
      const got = await doc.send(
        new GetCommand({ TableName: table, Key: { pk: 'tx#1' }, ConsistentRead: true }),
      );
      expect(got.Item).toBeDefined();
      const item = got.Item as Record<string, unknown>;
      expect(item.amount).toBeInstanceOf(NumberValue);
      expect(String(item.amount)).toBe(amount);
      expect((item.amount as NumberValue).value).toBe(amount);
      expect(String(item.n)).toBe('7');
    } finally {
      await client.send(new DeleteTableCommand({ TableName: table })).catch(() => undefined);
      client.destroy();
    }
  });
});

describe('S3Proxy (@aws-sdk/client-s3)', () => {
  it('puts, lists and gets back a 6 MiB object byte for byte', async () => {
    const s3 = new S3Client({
      endpoint: endpoints.s3Endpoint,
      ...LOCAL_AWS,
      forcePathStyle: true,
      // SDK >= 3.729 otherwise adds CRC32 trailers / validates response checksums by default.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
    const Bucket = endpoints.s3Bucket;
    const prefix = `smoke/${randomUUID()}/`;
    const Key = `${prefix}blob.bin`;
    const body = randomBytes(6 * 1024 * 1024);
    try {
      await s3.send(
        new PutObjectCommand({ Bucket, Key, Body: body, ContentType: 'application/octet-stream' }),
      );

      const listed = await s3.send(new ListObjectsV2Command({ Bucket, Prefix: prefix }));
      expect(listed.KeyCount).toBe(1);
      expect(listed.Contents?.map((o) => [o.Key, o.Size])).toEqual([[Key, body.length]]);

      const got = await s3.send(new GetObjectCommand({ Bucket, Key }));
      expect(got.ContentLength).toBe(body.length);
      const bytes = await got.Body!.transformToByteArray();
      expect(bytes.length).toBe(body.length);
      expect(sha256(bytes)).toBe(sha256(body));
    } finally {
      await s3.send(new DeleteObjectCommand({ Bucket, Key })).catch(() => undefined);
      s3.destroy();
    }
  });
});

describe('startStack: Kafka outage and restart', () => {
  it('stops the broker and starts it again on the same port with the same data', async () => {
    const stack = await startStack({ only: ['kafka'] });
    const kafka = new Kafka({
      clientId: 'txgraph-stack-restart',
      brokers: stack.kafkaBrokers,
      logLevel: logLevel.NOTHING,
      retry: { retries: 2, initialRetryTime: 100 },
    });
    const admin = kafka.admin();
    try {
      expect(stack.dynamoEndpoint).toBe('');
      const topic = `restart-${randomUUID()}`;
      await admin.connect();
      await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
      await admin.disconnect();

      await stack.stopKafka({ hard: true });
      await expect(kafka.admin().connect()).rejects.toThrow();

      await stack.startKafka();
      await admin.connect();
      expect(await admin.listTopics()).toContain(topic);
    } finally {
      await admin.disconnect();
      await stack.stop();
    }
  });
});
