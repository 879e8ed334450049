import {
  BatchGetCommand,
  BatchWriteCommand,
  QueryCommand,
  type DynamoDBDocumentClient,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import type { Metrics } from '../../app/metrics';
import { backoffDelay, sleep } from '../../lib/backoff';
import { chunk } from '../../lib/map-concurrent';

type Item = Record<string, unknown>;
type WriteRequest = { PutRequest: { Item: Item } } | { DeleteRequest: { Key: Item } };

const MAX_ROUNDS = 12;

/** BatchWriteItem in groups of 25; UnprocessedItems retried with jittered backoff, never dropped. */
export async function batchWrite(
  doc: DynamoDBDocumentClient,
  table: string,
  requests: WriteRequest[],
  metrics?: Metrics,
): Promise<void> {
  for (const group of chunk(requests, 25)) {
    let pending: WriteRequest[] = group;
    for (let round = 0; pending.length > 0; round++) {
      if (round >= MAX_ROUNDS) throw retriableError(`BatchWriteItem on ${table}: items still unprocessed`);
      if (round > 0) {
        metrics?.dynamoRetries.inc({ operation: 'BatchWriteItem' });
        await sleep(backoffDelay(round));
      }
      const out = await doc.send(new BatchWriteCommand({ RequestItems: { [table]: pending } }));
      pending = (out.UnprocessedItems?.[table] as WriteRequest[] | undefined) ?? [];
    }
  }
}

/** BatchGetItem in groups of 100 (consistent); UnprocessedKeys retried. Result is keyed by `keyOf`. */
export async function batchGet(
  doc: DynamoDBDocumentClient,
  table: string,
  keys: Item[],
  keyOf: (item: Item) => string,
  metrics?: Metrics,
): Promise<Map<string, Item>> {
  const found = new Map<string, Item>();
  for (const group of chunk(keys, 100)) {
    let pending: Item[] = group;
    for (let round = 0; pending.length > 0; round++) {
      if (round >= MAX_ROUNDS) throw retriableError(`BatchGetItem on ${table}: keys still unprocessed`);
      if (round > 0) {
        metrics?.dynamoRetries.inc({ operation: 'BatchGetItem' });
        await sleep(backoffDelay(round));
      }
      const out = await doc.send(
        new BatchGetCommand({ RequestItems: { [table]: { Keys: pending, ConsistentRead: true } } }),
      );
      for (const item of out.Responses?.[table] ?? []) found.set(keyOf(item), item);
      pending = (out.UnprocessedKeys?.[table]?.Keys as Item[] | undefined) ?? [];
    }
  }
  return found;
}

function retriableError(message: string): Error {
  return Object.assign(new Error(message), { retriable: true });
}

/** Every item a Query matches, following LastEvaluatedKey across pages. */
export async function queryAll(doc: DynamoDBDocumentClient, input: QueryCommandInput): Promise<Item[]> {
  const items: Item[] = [];
  let start: Item | undefined;
  do {
    const out = await doc.send(new QueryCommand({ ...input, ExclusiveStartKey: start }));
    items.push(...((out.Items ?? []) as Item[]));
    start = out.LastEvaluatedKey as Item | undefined;
  } while (start);
  return items;
}
