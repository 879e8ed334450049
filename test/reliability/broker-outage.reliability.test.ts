/**
 * Broker outage under load (issue 7): the service's Kafka broker is SIGKILLed mid-stream and kept
 * down for RELIABILITY_OUTAGE_S (30) seconds. /readyz must say 503 while it is down and 200 again
 * by itself afterwards; every event the ingest accepted must land in the index and aggregates.
 * Runs on a broker of its own (DynamoDB Local and S3 are the shared stack's).
 */
import fs from 'node:fs/promises';
import { LOCAL_AWS, startStack, type StackHandle } from '../integration/stack';
import { freshNames, stackEndpoints } from '../integration/real-stack';
import { makeDataDir, startTestService, type TestService } from '../support/service-harness';
import { expectedState, generateStream, type Offered } from './support/stream';
import { recordScenario } from './support/summary';
import { verifyStore } from './support/verify';

const OUTAGE_S = Number(process.env.RELIABILITY_OUTAGE_S ?? 30);
const EVENTS = 3000;
jest.setTimeout(300_000 + OUTAGE_S * 1000);

const readyStatus = async (url: string) => {
  try {
    return (await fetch(`${url}/readyz`)).status;
  } catch {
    return 0;
  }
};

test(`Kafka down for ${OUTAGE_S} s mid-stream: not ready while down, recovers alone, loses nothing`, async () => {
  // The SDK's default credential chain reads these; the local servers check no signature.
  process.env.AWS_ACCESS_KEY_ID ??= LOCAL_AWS.credentials.accessKeyId;
  process.env.AWS_SECRET_ACCESS_KEY ??= LOCAL_AWS.credentials.secretAccessKey;
  const kafka: StackHandle = await startStack({ only: ['kafka'] });
  const e = stackEndpoints();
  const names = freshNames('outage');
  let svc: TestService | undefined;
  try {
    svc = await startTestService(await makeDataDir(), {
      KAFKA_BROKERS: kafka.kafkaBrokers.join(','),
      KAFKA_TOPIC_PREFIX: names.topicPrefix,
      KAFKA_PARTITIONS: '4',
      DYNAMODB_ENDPOINT: e.dynamoEndpoint,
      AWS_REGION: LOCAL_AWS.region,
      TABLE_PREFIX: names.tablePrefix,
      LAKE_URL: `s3://${e.s3Bucket}/${names.lakePrefix}`,
      S3_ENDPOINT: e.s3Endpoint,
      RATE_LIMIT_PER_SECOND: '0',
    });
    const url = svc.service.url;
    const stream = generateStream(EVENTS, 23);
    const accepted: Offered[] = [];
    let refused = 0;
    let stopGenerator = false;
    // A client that resends a batch until it is accepted, 50 events every 250 ms.
    const generator = (async () => {
      for (let i = 0; i < stream.length && !stopGenerator;) {
        const batch = stream.slice(i, i + 50);
        const res = await svc!.post('/v1/transactions', batch.map((x) => x.line).join('\n'));
        if (res.status === 200) {
          accepted.push(...batch);
          i += 50;
        } else refused++;
        await new Promise((r) => setTimeout(r, 250));
      }
    })();

    await new Promise((r) => setTimeout(r, 5000));
    await kafka.stopKafka({ hard: true });
    const downAt = Date.now();
    let notReadyAfterMs = -1;
    let readyWhileDown = 0;
    while (Date.now() - downAt < OUTAGE_S * 1000) {
      const status = await readyStatus(url);
      if (status === 503 && notReadyAfterMs < 0) notReadyAfterMs = Date.now() - downAt;
      if (status === 200 && notReadyAfterMs >= 0) readyWhileDown++;
      await new Promise((r) => setTimeout(r, 500));
    }
    await kafka.startKafka();
    const upAt = Date.now();
    while ((await readyStatus(url)) !== 200) {
      if (Date.now() - upAt > 120_000) throw new Error('not ready 120 s after the broker came back');
      await new Promise((r) => setTimeout(r, 250));
    }
    const recoveredMs = Date.now() - upAt;
    await generator;
    stopGenerator = true;

    const expected = expectedState(accepted);
    let verdict = await verifyStore(e.dynamoEndpoint, names.tablePrefix, expected);
    const deadline = Date.now() + 180_000;
    while (verdict.lost + verdict.doubleCounted + verdict.wrong > 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 3000));
      verdict = await verifyStore(e.dynamoEndpoint, names.tablePrefix, expected);
    }
    recordScenario({
      scenario: `broker outage: Kafka SIGKILLed for ${OUTAGE_S} s`,
      offered: accepted.length,
      lost: verdict.lost,
      doubleCounted: verdict.doubleCounted,
      dlq: accepted.filter((x) => !x.event).length,
      recovery: `503 after ${(notReadyAfterMs / 1000).toFixed(1)} s down; 200 ${(recoveredMs / 1000).toFixed(1)} s after restart`,
      notes: `${refused} ingest requests answered 503 while down, resent`,
    });
    expect(notReadyAfterMs).toBeGreaterThanOrEqual(0);
    expect(notReadyAfterMs).toBeLessThan(20_000);
    expect(readyWhileDown).toBe(0);
    expect(verdict).toEqual({ lost: 0, doubleCounted: 0, wrong: 0, examples: [] });
  } finally {
    await svc?.stop();
    if (svc) await fs.rm(svc.dataDir, { recursive: true, force: true });
    await kafka.stop();
  }
});
