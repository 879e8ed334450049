/**
 * Jest globalSetup for the integration project: starts Kafka, DynamoDB Local and S3Proxy once per
 * jest run and exports their endpoints to the test workers as
 *   TXGRAPH_IT_KAFKA_BROKERS, TXGRAPH_IT_DYNAMODB_ENDPOINT, TXGRAPH_IT_S3_ENDPOINT,
 *   TXGRAPH_IT_S3_BUCKET (and TXGRAPH_IT_STACK_DIR, the run dir with the server logs).
 * Workers are forked after globalSetup, so they inherit these variables.
 *
 * global-teardown.ts stops the servers. If jest dies before teardown, the watchdog started by
 * up.sh (owner = this jest process) stops them within about a second.
 *
 * It also compiles dist/ first, for the test that runs the service as a process.
 *
 * Set TXGRAPH_IT_STACK_ENV=<path to a stack.env> to use a stack started by hand with
 * scripts/stack/up.sh instead (faster edit-run loops); it is then left running.
 */
import { readFile } from 'node:fs/promises';
import buildDist from '../support/build-dist.global-setup';
import { parseEnvFile, startStack, type StackHandle } from './stack';

declare global {
  var __TXGRAPH_IT_STACK__: StackHandle | undefined;
}

function exportEndpoints(e: { kafka: string; dynamo: string; s3: string; bucket: string }): void {
  process.env.TXGRAPH_IT_KAFKA_BROKERS = e.kafka;
  process.env.TXGRAPH_IT_DYNAMODB_ENDPOINT = e.dynamo;
  process.env.TXGRAPH_IT_S3_ENDPOINT = e.s3;
  process.env.TXGRAPH_IT_S3_BUCKET = e.bucket;
}

export default async function globalSetup(): Promise<void> {
  // storage-thread.integration.test.ts runs the compiled service (its worker thread needs the JS).
  buildDist();
  const external = process.env.TXGRAPH_IT_STACK_ENV;
  if (external) {
    const env = parseEnvFile(await readFile(external, 'utf8'));
    exportEndpoints({
      kafka: env.KAFKA_BROKERS ?? '',
      dynamo: env.DYNAMODB_ENDPOINT ?? '',
      s3: env.S3_ENDPOINT ?? '',
      bucket: env.S3_BUCKET ?? '',
    });
    return;
  }
  const started = Date.now();
  const stack = await startStack();
  globalThis.__TXGRAPH_IT_STACK__ = stack;
  process.env.TXGRAPH_IT_STACK_DIR = stack.runDir;
  exportEndpoints({
    kafka: stack.kafkaBrokers.join(','),
    dynamo: stack.dynamoEndpoint,
    s3: stack.s3Endpoint,
    bucket: stack.s3Bucket,
  });
  process.stderr.write(`[stack] integration stack up in ${((Date.now() - started) / 1000).toFixed(1)}s\n`);
}
