/**
 * The end-to-end scenario of test/e2e/pipeline.e2e.test.ts, on the real stack: events through
 * real Kafka topics, the index and aggregates in DynamoDB Local, the lake on S3Proxy read back
 * with DuckDB. Dead letters are checked on the DLQ topic itself.
 */
import fs from 'node:fs/promises';
import type { S3Client } from '@aws-sdk/client-s3';
import type { Consumer, Producer } from 'kafkajs';
import { eventually, ndjson, type TestService } from '../support/service-harness';
import {
  EVENTS,
  EXPECTED_STATS,
  STATS,
  TRANSACTION,
  postDimensions,
  statsSettled,
  tx,
} from '../support/pipeline-fixtures';
import { freshNames, listLake, queryLake, rawKafka, s3Client, startStackService } from './real-stack';

jest.setTimeout(120_000);

const DLQ_SOURCES = [
  Buffer.from('{"transaction_id": "t-garbage", '), // not JSON
  Buffer.from(
    JSON.stringify(tx({ transaction_id: 't-bad-kafka', amount: '1.005', timestamp: '2026-03-01T13:00:00Z' })),
  ),
];

// Both index write paths: two puts per new transaction, and the batched TransactWriteItems one.
describe.each(['single', 'transact'])(
  'pipeline end to end on Kafka, DynamoDB Local and S3 (INDEX_WRITES=%s)',
  (indexWrites) => {
    const names = freshNames(`pipeline-${indexWrites}`);
    let svc: TestService;
    let producer: Producer;
    let s3: S3Client;
    beforeAll(async () => {
      svc = await startStackService(names, { INDEX_WRITES: indexWrites });
      producer = rawKafka().producer({ allowAutoTopicCreation: false });
      await producer.connect();
      s3 = s3Client();
      await postDimensions(svc);
    });
    afterAll(async () => {
      await producer?.disconnect();
      s3?.destroy();
      await svc?.stop();
      if (svc) await fs.rm(svc.dataDir, { recursive: true, force: true });
    });

    it('answers each ingest line with accepted or a reason', async () => {
      const res = await svc.post('/v1/transactions', ndjson(EVENTS));
      expect(res).toEqual({
        status: 200,
        json: {
          accepted: 9,
          rejected: [{ index: 8, reason: 'invalid_amount', field: 'amount', message: expect.any(String) }],
        },
      });
    });

    it('dead-letters bad records produced straight to Kafka, with the original bytes and the reason', async () => {
      await producer.send({
        topic: `${names.topicPrefix}transactions`,
        acks: -1,
        messages: DLQ_SOURCES.map((value) => ({ key: 'u-1', value })),
      });
      const consumer: Consumer = rawKafka().consumer({ groupId: `${names.topicPrefix}dlq-reader` });
      const dead: { value: Buffer; headers: Record<string, string> }[] = [];
      try {
        await consumer.connect();
        await consumer.subscribe({ topic: `${names.topicPrefix}transactions_dlq`, fromBeginning: true });
        await consumer.run({
          eachMessage: async ({ message }) => {
            const headers = Object.fromEntries(
              Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)]),
            );
            dead.push({ value: message.value!, headers });
          },
        });
        await eventually(async () => (dead.length >= 2 ? true : undefined), 30_000);
      } finally {
        await consumer.disconnect();
      }
      expect(dead).toHaveLength(2);
      const byReason = Object.fromEntries(dead.map((d) => [d.headers['dlq.reason'], d]));
      expect(byReason.not_json.value.equals(DLQ_SOURCES[0])).toBe(true);
      expect(byReason.invalid_amount.value.equals(DLQ_SOURCES[1])).toBe(true);
      expect(byReason.invalid_amount.headers).toMatchObject({
        'dlq.field': 'amount',
        'dlq.source.topic': 'transactions',
        'dlq.source.partition': expect.stringMatching(/^\d+$/),
        'dlq.source.offset': expect.stringMatching(/^\d+$/),
      });
    });

    it('keys every transaction record it produces by user_id, raw and enriched', async () => {
      const topics = {
        raw: `${names.topicPrefix}transactions`,
        enriched: `${names.topicPrefix}transactions_enriched`,
      };
      const consumer: Consumer = rawKafka().consumer({ groupId: `${names.topicPrefix}key-reader` });
      const seen: { topic: string; key: string | null; value: Buffer }[] = [];
      const count = (topic: string) => seen.filter((r) => r.topic === topic).length;
      try {
        await consumer.connect();
        await consumer.subscribe({ topics: Object.values(topics), fromBeginning: true });
        await consumer.run({
          eachMessage: async ({ topic, message }) => {
            seen.push({ topic, key: message.key?.toString() ?? null, value: message.value! });
          },
        });
        // 9 accepted ingest lines plus the 2 records this suite produced itself; 9 enriched.
        await eventually(
          async () => (count(topics.raw) >= 11 && count(topics.enriched) >= 9 ? true : undefined),
          30_000,
        );
      } finally {
        await consumer.disconnect();
      }
      const parse = (value: Buffer): { transaction_id: string; user_id: string } | null => {
        try {
          return JSON.parse(value.toString()) as { transaction_id: string; user_id: string };
        } catch {
          return null;
        }
      };
      const produced = (topic: string) =>
        seen
          .filter((r) => r.topic === topic)
          .map((r) => ({ key: r.key, event: parse(r.value) }))
          // The suite's own DLQ sources went to `transactions` straight from a test producer.
          .filter((r) => r.event !== null && r.event.transaction_id !== 't-bad-kafka');
      const raw = produced(topics.raw);
      const enriched = produced(topics.enriched);
      expect(raw).toHaveLength(9);
      expect(enriched.length).toBeGreaterThanOrEqual(9);
      for (const { key, event } of [...raw, ...enriched]) expect(key).toBe(event!.user_id);
      // Both users' records are there, so a constant key would not pass.
      expect(new Set(raw.map((r) => r.key))).toEqual(new Set(['u-1', 'u-2']));
      expect(new Set(enriched.map((r) => r.key))).toEqual(new Set(['u-1', 'u-2']));
    });

    it('indexes the current state of each transaction, to the cent', async () => {
      const t5 = await eventually(async () => {
        const r = await svc.gql<{ transaction: Record<string, unknown> | null }>(TRANSACTION, { id: 't-5' });
        return r.data?.transaction?.version === 1 ? r.data.transaction : undefined;
      }, 30_000);
      expect(t5).toEqual({
        id: 't-5',
        userId: 'u-1',
        merchantId: 'm-1',
        merchantCategory: 'grocery',
        paymentMethodId: 'pm-1',
        productId: null,
        amount: '55.00',
        currency: 'USD',
        amountUsd: '55.00',
        transactionType: 'purchase',
        status: 'completed',
        timestamp: '2026-03-01T13:00:00.000Z',
        day: '2026-03-01',
        version: 1,
        riskScore: 24,
        riskReasons: ['user_risk_score'],
        flagged: false,
        dimensionMisses: [],
        user: { id: 'u-1', firstName: 'Ada', email: 'ada@example.com', segment: 'standard', riskScore: 40 },
        merchant: { id: 'm-1', name: 'Corner Grocer', category: 'grocery', riskCategory: 'low' },
        paymentMethod: { id: 'pm-1', methodType: 'card', providerName: 'Visa' },
      });
      const get = async (id: string) =>
        await eventually(
          async () =>
            (await svc.gql<{ transaction: Record<string, unknown> | null }>(TRANSACTION, { id })).data
              ?.transaction ?? undefined,
        );
      expect(await get('t-2')).toMatchObject({
        amount: '0.10',
        currency: 'EUR',
        amountUsd: '0.11',
        day: '2026-03-01',
        timestamp: '2026-03-01T23:59:59.999Z',
      });
      expect(await get('t-3')).toMatchObject({
        amount: '0.20',
        amountUsd: '0.22',
        day: '2026-03-02',
        timestamp: '2026-03-02T00:00:00.000Z',
      });
      expect((await svc.gql(TRANSACTION, { id: 't-bad' })).data).toEqual({ transaction: null });
      expect((await svc.gql(TRANSACTION, { id: 't-bad-kafka' })).data).toEqual({ transaction: null });
    });

    it('flags risky events and fills a late merchant through the loader', async () => {
      const before = await eventually(
        async () =>
          (await svc.gql<{ transaction: Record<string, unknown> | null }>(TRANSACTION, { id: 't-6' })).data
            ?.transaction ?? undefined,
        30_000,
      );
      expect(before).toMatchObject({
        riskScore: 78,
        riskReasons: ['user_risk_score', 'merchant_missing', 'high_risk_segment', 'amount_usd_over_1000'],
        flagged: true,
        dimensionMisses: ['merchant'],
        merchant: null,
        merchantCategory: null,
      });
      const late = {
        merchant_id: 'm-9',
        merchant_name: 'Late Electronics',
        category: 'electronics',
        risk_category: 'high',
        status: 'active',
      };
      expect((await svc.post('/v1/dimensions/merchants', ndjson([late]))).json).toEqual({
        accepted: 1,
        rejected: [],
      });
      const after = await eventually(async () => {
        const t = (
          await svc.gql<{ transaction: { merchant: { name: string } | null } }>(TRANSACTION, { id: 't-6' })
        ).data?.transaction;
        return t?.merchant ? t : undefined;
      }, 30_000);
      expect(after).toMatchObject({
        merchant: { id: 'm-9', name: 'Late Electronics', category: 'electronics' },
        merchantCategory: null,
        dimensionMisses: ['merchant'],
      });
    });

    it('aggregates per user and merchant per UTC day with duplicates and corrections counted once', async () => {
      // User-days are written by the indexer, merchant-days a moment later by the refresher, and
      // topMerchants' names come from the dimension tables: wait until all of them have settled.
      const r = await eventually(async () => {
        const res = await svc.gql<typeof EXPECTED_STATS>(STATS, { u: 'u-1', m: 'm-1' });
        return statsSettled(res.data) ? res.data : undefined;
      }, 30_000).catch(async (error: unknown) => {
        // Show the difference rather than only the timeout.
        expect((await svc.gql(STATS, { u: 'u-1', m: 'm-1' })).data).toEqual(EXPECTED_STATS);
        throw error;
      });
      expect(r).toEqual(EXPECTED_STATS);
    });

    it('archives raw and enriched records as Parquet on S3 that DuckDB reads back row for row', async () => {
      await eventually(async () => {
        const keys = await listLake(s3, names.lakePrefix);
        const wanted = [
          'raw/dt=2026-03-01/event_type=purchase/',
          'raw/dt=2026-03-01/event_type=refund/',
          'raw/dt=2026-03-02/event_type=purchase/',
          'enriched/dt=2026-03-01/event_type=purchase/',
          'enriched/dt=2026-03-01/event_type=refund/',
          'enriched/dt=2026-03-02/event_type=purchase/',
        ];
        return wanted.every((w) => keys.some((k) => k.startsWith(w) && k.endsWith('.parquet'))) &&
          keys.some((k) => k.startsWith('raw/') && k.includes('event_type=_invalid/'))
          ? keys
          : undefined;
      }, 30_000);

      // Every enriched record exactly once (re-deliveries collapse on their source offset).
      const enriched = await queryLake(
        s3,
        names.lakePrefix,
        `SELECT DISTINCT transaction_id, version, amount::VARCHAR AS amount, currency, dt::VARCHAR AS dt, event_type,
              source_partition, source_offset
       FROM read_parquet('{lake}/enriched/**/*.parquet', hive_partitioning=true)`,
      );
      const expected = (EVENTS as Record<string, unknown>[])
        .filter((e) => e.transaction_id !== 't-bad')
        .map((e) => {
          const ms = typeof e.timestamp === 'number' ? e.timestamp : Date.parse(String(e.timestamp));
          return {
            transaction_id: e.transaction_id,
            version: e.version ?? 0,
            amount: Number(e.amount).toFixed(2),
            currency: e.currency,
            dt: new Date(ms).toISOString().slice(0, 10),
            event_type: e.transaction_type,
          };
        });
      const strip = (rows: Record<string, unknown>[]) =>
        rows
          .map(({ transaction_id, version, amount, currency, dt, event_type }) => ({
            transaction_id,
            version,
            amount,
            currency,
            dt,
            event_type,
          }))
          .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
      expect(strip(enriched)).toEqual(strip(expected));

      const raw = await queryLake(
        s3,
        names.lakePrefix,
        `SELECT event_type, count(DISTINCT (source_partition, source_offset))::INTEGER AS n
       FROM read_parquet('{lake}/raw/**/*.parquet', hive_partitioning=true) GROUP BY ALL ORDER BY event_type`,
      );
      expect(raw).toEqual([
        { event_type: '_invalid', n: 2 },
        { event_type: 'purchase', n: 8 },
        { event_type: 'refund', n: 1 },
      ]);
    });

    it('reports readiness, consumer lag and the DLQ in metrics', async () => {
      const ready = await fetch(`${svc.service.url}/readyz`);
      expect(ready.status).toBe(200);
      const metrics = await eventually(async () => {
        const text = await (await fetch(`${svc.service.url}/metrics`)).text();
        return /txgraph_consumer_lag\{consumer="indexer"\} 0/.test(text) ? text : undefined;
      }, 15_000);
      expect(metrics).toMatch(/txgraph_events_in_total\{worker="enrichment",topic="transactions"\} 11/);
      expect(metrics).toMatch(/txgraph_dlq_total\{reason="not_json"\} 1/);
      expect(metrics).toMatch(/txgraph_dlq_total\{reason="invalid_amount"\} 1/);
    });
  },
);
