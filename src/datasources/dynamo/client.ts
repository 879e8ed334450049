import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Metrics } from '../../app/metrics';

export interface DynamoConnection {
  endpoint?: string;
  region: string;
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

/** A middleware for the raw client's stack (tests inject faults with it). */
export interface DynamoMiddleware {
  middleware: Parameters<DynamoDBClient['middlewareStack']['add']>[0];
  options: Parameters<DynamoDBClient['middlewareStack']['add']>[1];
}

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
  for (const { middleware, options } of extraMiddleware) raw.middlewareStack.add(middleware, options);
  const doc = DynamoDBDocumentClient.from(raw, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
    unmarshallOptions: { wrapNumbers: true },
  });
  return { raw, doc, close: () => raw.destroy() };
}
