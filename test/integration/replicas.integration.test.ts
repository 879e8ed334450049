/**
 * Two replicas of the service sharing one consumer group on the real stack: the partitions are
 * split between them, and when one stops mid-stream the other takes its partitions over from the
 * committed offsets. Every event must be in effect exactly once: aggregates equal the sums of the
 * distinct events (duplicates and re-deliveries change nothing), and the lake holds every event.
 */
import fs from 'node:fs/promises';
import type { S3Client } from '@aws-sdk/client-s3';
import type { Producer } from 'kafkajs';
import Decimal from 'decimal.js';
import { eventually, ndjson, type TestService } from '../support/service-harness';
import { freshNames, queryLake, rawKafka, s3Client, startStackService } from './real-stack';

jest.setTimeout(180_000);

const USERS = 20;
const EVENTS = 400;
const names = freshNames('replicas');

function event(j: number) {
  return {
    transaction_id: `r-${j}`,
    user_id: `u-${j % USERS}`,
    merchant_id: `m-${j % 5}`,
    payment_method_id: 'pm-1',
    amount: `${(j % 50) + 1}.${String(j % 100).padStart(2, '0')}`,
    currency: 'USD',
    transaction_type: 'purchase',
    timestamp: `2026-04-01T${String(j % 24).padStart(2, '0')}:00:00Z`,
    status: 'completed',
  };
}

const enrichedIn = async (svc: TestService): Promise<number> => {
  const text = await (await fetch(`${svc.service.url}/metrics`)).text();
  return Number(
    /txgraph_events_in_total\{worker="enrichment",topic="transactions"\} (\d+)/.exec(text)?.[1] ?? 0,
  );
};

describe('two replicas sharing the consumer groups', () => {
  const services: TestService[] = [];
  let producer: Producer;
  let s3: S3Client;
  afterAll(async () => {
    await producer?.disconnect();
    s3?.destroy();
    for (const svc of services) {
      await svc.stop();
      await fs.rm(svc.dataDir, { recursive: true, force: true });
    }
  });

  it('process every event once in effect, and lose nothing when one replica stops mid-stream', async () => {
    const a = await startStackService(names);
    services.push(a);
    const dims = {
      users: Array.from({ length: USERS }, (_, i) => ({
        user_id: `u-${i}`,
        segment: 'standard',
        risk_score: 10,
      })),
      merchants: Array.from({ length: 5 }, (_, i) => ({
        merchant_id: `m-${i}`,
        merchant_name: `Shop ${i}`,
        category: 'retail',
        risk_category: 'low',
        status: 'active',
      })),
      payment_methods: [{ payment_method_id: 'pm-1', method_type: 'card', provider_name: 'Visa' }],
    };
    for (const [kind, rows] of Object.entries(dims)) {
      expect((await a.post(`/v1/dimensions/${kind}`, ndjson(rows))).json).toEqual({
        accepted: rows.length,
        rejected: [],
      });
    }
    await eventually(async () =>
      (await a.gql(`{ user(id: "u-${USERS - 1}") { id } }`)).data?.user ? true : undefined,
    );
    const b = await startStackService(names);
    services.push(b);

    producer = rawKafka().producer({ allowAutoTopicCreation: false });
    await producer.connect();
    s3 = s3Client();
    const send = async (from: number, to: number) => {
      const messages = [];
      for (let j = from; j < to; j++) {
        const value = JSON.stringify(event(j));
        messages.push({ key: event(j).user_id, value });
        if (j % 10 === 0) messages.push({ key: event(j).user_id, value }); // a duplicate delivery
      }
      await producer.send({ topic: `${names.topicPrefix}transactions`, acks: -1, messages });
    };

    // First half: both replicas take part.
    for (let j = 0; j < EVENTS / 2; j += 20) await send(j, j + 20);
    await eventually(
      async () => ((await enrichedIn(a)) > 0 && (await enrichedIn(b)) > 0 ? true : undefined),
      60_000,
    );

    // Second half while b shuts down: its partitions move to a.
    const rest = (async () => {
      for (let j = EVENTS / 2; j < EVENTS; j += 20) {
        await send(j, j + 20);
        await new Promise((r) => setTimeout(r, 50));
      }
    })();
    await new Promise((r) => setTimeout(r, 200));
    await b.stop();
    services.splice(services.indexOf(b), 1);
    await fs.rm(b.dataDir, { recursive: true, force: true });
    await rest;

    const expected = new Map<string, { count: number; sum: Decimal }>();
    for (let j = 0; j < EVENTS; j++) {
      const e = event(j);
      const entry = expected.get(e.user_id) ?? { count: 0, sum: new Decimal(0) };
      entry.count++;
      entry.sum = entry.sum.plus(e.amount);
      expected.set(e.user_id, entry);
    }
    const query = `query ($u: ID!) { dailyUserStats(userId: $u, from: "2026-04-01", to: "2026-04-01") { transactionCount totals { currency purchases net } } }`;
    type Stats = { dailyUserStats: { transactionCount: number; totals: { purchases: string }[] }[] };
    for (const [user, want] of expected) {
      const got = await eventually(async () => {
        const day = (await a.gql<Stats>(query, { u: user })).data?.dailyUserStats[0];
        return day && day.transactionCount === want.count ? day : undefined;
      }, 60_000);
      expect(got).toEqual({
        transactionCount: want.count,
        totals: [{ currency: 'USD', purchases: want.sum.toFixed(2), net: want.sum.toFixed(2) }],
      });
    }

    const lake = await eventually(async () => {
      const [row] = await queryLake(
        s3,
        names.lakePrefix,
        `SELECT count(DISTINCT transaction_id)::INTEGER AS n FROM read_parquet('{lake}/enriched/**/*.parquet')`,
      );
      return row.n === EVENTS ? row : undefined;
    }, 30_000);
    expect(lake).toEqual({ n: EVENTS });
  });
});
