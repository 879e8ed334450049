// Readiness probe for the local Kafka broker, used by scripts/stack/up.sh.
// Usage: node scripts/stack/wait-kafka.mjs 127.0.0.1:<port> <timeoutSeconds>
// Ready = a kafkajs admin client gets cluster metadata with one broker and a controller, i.e. the
// same path the application's clients take. Then a warm-up: a group-coordinator lookup (creates
// __consumer_offsets) and an idempotent producer's InitProducerId, so the first test does not
// start with kafkajs logging "coordinator is loading" errors while it retries.
import { setTimeout as sleep } from 'node:timers/promises';
import kafkajs from 'kafkajs';

const { Kafka, logLevel, Partitioners } = kafkajs;
const [broker, timeoutArg = '60'] = process.argv.slice(2);
if (!broker || !/^(127\.0\.0\.1|localhost):\d+$/.test(broker)) {
  console.error('usage: wait-kafka.mjs 127.0.0.1:<port> [timeoutSeconds]');
  process.exit(64);
}
const deadline = Date.now() + Number(timeoutArg) * 1000;
const serverPid = Number(process.env.PROBE_PID ?? 0);

function serverAlive() {
  if (!serverPid) return true;
  try {
    process.kill(serverPid, 0);
    return true;
  } catch {
    return false;
  }
}

async function warmUp() {
  const kafka = new Kafka({
    clientId: 'txgraph-stack-probe',
    brokers: [broker],
    logLevel: logLevel.NOTHING,
    retry: { retries: 30, initialRetryTime: 100, maxRetryTime: 500 },
  });
  const admin = kafka.admin();
  const producer = kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  try {
    await admin.connect();
    await admin.describeGroups(['txgraph-stack-warmup']);
    await producer.connect();
  } finally {
    await producer.disconnect().catch(() => {});
    await admin.disconnect().catch(() => {});
  }
}

let last = 'not tried';
while (Date.now() < deadline) {
  const admin = new Kafka({
    clientId: 'txgraph-stack-probe',
    brokers: [broker],
    logLevel: logLevel.NOTHING,
    connectionTimeout: 1000,
    requestTimeout: 3000,
    retry: { retries: 0 },
  }).admin();
  try {
    await admin.connect();
    const cluster = await admin.describeCluster();
    if (cluster.brokers.length > 0 && cluster.controller !== null && cluster.controller >= 0) {
      await admin.disconnect();
      await warmUp();
      process.exit(0);
    }
    last = `metadata not ready: ${JSON.stringify(cluster)}`;
  } catch (err) {
    last = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  }
  await admin.disconnect().catch(() => {});
  if (!serverAlive()) {
    console.error(`kafka process exited while waiting (${last})`);
    process.exit(1);
  }
  await sleep(250);
}
console.error(`timed out after ${timeoutArg}s (${last})`);
process.exit(1);
