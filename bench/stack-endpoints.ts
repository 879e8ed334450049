import fs from 'node:fs/promises';
import { parseEnvFile, startStack, type StackHandle } from '../test/integration/stack';

/**
 * The real servers of scripts/stack/ (Kafka 4 KRaft, DynamoDB Local, S3Proxy) for a bench: a stack
 * of its own (stopped by `stack.stop()`, and by up.sh's watchdog if this process dies first), or an
 * external one named by TXGRAPH_IT_STACK_ENV=.stack/stack.env (left running).
 */
export interface StackEndpoints {
  brokers: string[];
  dynamo: string;
  s3: string;
  bucket: string;
}

export async function stackEndpoints(): Promise<{ endpoints: StackEndpoints; stack?: StackHandle }> {
  const external = process.env.TXGRAPH_IT_STACK_ENV;
  if (external) {
    const env = parseEnvFile(await fs.readFile(external, 'utf8'));
    return {
      endpoints: {
        brokers: (env.KAFKA_BROKERS ?? '').split(','),
        dynamo: env.DYNAMODB_ENDPOINT ?? '',
        s3: env.S3_ENDPOINT ?? '',
        bucket: env.S3_BUCKET ?? '',
      },
    };
  }
  const stack = await startStack();
  return {
    stack,
    endpoints: {
      brokers: stack.kafkaBrokers,
      dynamo: stack.dynamoEndpoint,
      s3: stack.s3Endpoint,
      bucket: stack.s3Bucket,
    },
  };
}
