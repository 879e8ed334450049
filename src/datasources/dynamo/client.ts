import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Metrics } from '../../app/metrics';

export interface DynamoConnection {
  endpoint?: string;
  region: string;
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

/** Adds middleware to the raw client's stack, which the document client shares (tests inject faults). */
export type DynamoMiddleware = (stack: DynamoDBClient['middlewareStack']) => void;

export interface DynamoClients {
  raw: DynamoDBClient;
  doc: DynamoDBDocumentClient;
  close(): void;
}

/**
 * Numbers come back as NumberValue (wrapNumbers) so amounts never pass through a JS float;
 * the item codec turns them into exact decimal strings.
 */
export function createDynamoClients(
  conn: DynamoConnection,
  metrics?: Metrics,
  extraMiddleware: DynamoMiddleware[] = [],
): DynamoClients {
  const raw = new DynamoDBClient({
    region: conn.region,
    endpoint: conn.endpoint,
    credentials: conn.credentials,
    maxAttempts: 6,
  });
  // The SDK's logger middleware builds a redacted copy of every input and output for its logger
  // even when that logger discards it (the default): about 3 % of the API's CPU per query, for
  // nothing. Failures still reach us as errors; latency is the metric below.
  raw.middlewareStack.remove('loggerMiddleware');
  if (metrics) {
    raw.middlewareStack.add(
      (next, context) => async (args) => {
        const end = metrics.dynamoLatency.startTimer({ operation: context.commandName ?? 'unknown' });
        try {
          return await next(args);
        } finally {
          end();
        }
      },
      { step: 'initialize', name: 'txgraphLatency' },
    );
  }
  for (const add of extraMiddleware) add(raw.middlewareStack);
  const doc = DynamoDBDocumentClient.from(raw, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
    unmarshallOptions: { wrapNumbers: true },
  });
  return { raw, doc, close: () => raw.destroy() };
}
