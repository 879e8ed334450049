/**
 * The index writer's batched path on DynamoDB Local: transactions without a head are written 50 to
 * a TransactWriteItems call (head and item together), and any conflict in a batch cancels it and
 * falls back to the one-by-one path. Counts the calls really sent and reads the tables back.
 */
import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { createDynamoClients, type DynamoClients } from '../../src/datasources/dynamo/client';
import { createTables } from '../../src/datasources/dynamo/create-tables';
import { tableNames, type TableNames } from '../../src/datasources/dynamo/table-names';
import { createTransactionIndexWriter } from '../../src/datasources/dynamo/transaction-index-writer';
import { fromIndexItem, indexSortKey, toIndexItem } from '../../src/datasources/dynamo/transaction-item';
import type { EnrichedTransaction } from '../../src/domain/types';
import { tx } from '../support/enriched-tx';
import { freshNames, stackEndpoints } from './real-stack';
import { LOCAL_AWS } from './stack';

jest.setTimeout(120_000);

describe('new transactions in TransactWriteItems batches on DynamoDB Local', () => {
  /** Command name → calls the writer sent (counted once per command, at the build step). */
  const calls = new Map<string, number>();
  /** Actions per TransactWriteItems call. */
  const transactSizes: number[] = [];
  let clients: DynamoClients;
  const created: TableNames[] = [];

  beforeAll(() => {
    clients = createDynamoClients({ endpoint: stackEndpoints().dynamoEndpoint, ...LOCAL_AWS }, undefined, [
      (stack) =>
        stack.add(
          (next, context) => (args) => {
            const name = context.commandName ?? 'unknown';
            calls.set(name, (calls.get(name) ?? 0) + 1);
            if (name === 'TransactWriteItemsCommand') {
              transactSizes.push((args.input as { TransactItems: unknown[] }).TransactItems.length);
            }
            return next(args);
          },
          { step: 'build', name: 'countCalls' },
        ),
    ]);
  });
  afterAll(async () => {
    for (const tables of created) {
      for (const name of Object.values(tables)) {
        await clients.raw.send(new DeleteTableCommand({ TableName: name })).catch(() => undefined);
      }
    }
    clients.close();
  });

  async function freshTables(label: string): Promise<TableNames> {
    const tables = tableNames(freshNames(label).tablePrefix);
    await createTables(clients.raw, tables);
    created.push(tables);
    calls.clear();
    transactSizes.length = 0;
    return tables;
  }

  async function scan(table: string): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await clients.doc.send(
        new ScanCommand({ TableName: table, ConsistentRead: true, ExclusiveStartKey: start }),
      );
      items.push(...((page.Items ?? []) as Record<string, unknown>[]));
      start = page.LastEvaluatedKey;
    } while (start);
    return items;
  }

  const records = (n: number, prefix: string): EnrichedTransaction[] =>
    Array.from({ length: n }, (_, i) =>
      tx({ transaction_id: `${prefix}-${i}`, user_id: `u-${i % 7}`, merchant_id: `m-${i % 3}` }),
    );

  test('120 new transactions: 3 TransactWriteItems calls, no single puts, every head and item written', async () => {
    const tables = await freshTables('txbatch');
    const writer = createTransactionIndexWriter({ doc: clients.doc, tables, writes: 'transact' });
    const batch = records(120, 'n');

    const result = await writer.apply(batch);

    expect(result).toMatchObject({ applied: 120, stale: 0 });
    expect(transactSizes.sort((a, b) => b - a)).toEqual([100, 100, 40]);
    expect(calls.get('PutItemCommand')).toBeUndefined();
    const items = await scan(tables.transactionIndex);
    expect(items).toHaveLength(120);
    expect(new Set(items.map((i) => i.sk))).toEqual(new Set(batch.map(indexSortKey)));
    const heads = await scan(tables.transactionHeads);
    expect(heads).toHaveLength(120);
    expect(heads.every((h) => Array.isArray(h.superseded) && h.superseded.length === 0)).toBe(true);

    // The same batch again (a redelivery): heads exist now, so the one-by-one path re-applies equal
    // states and the tables hold the same rows.
    calls.clear();
    transactSizes.length = 0;
    await writer.apply(batch);
    expect(transactSizes).toEqual([]);
    expect(await scan(tables.transactionIndex)).toHaveLength(120);
  });

  test('off by default: two plain puts per new transaction, no TransactWriteItems', async () => {
    const tables = await freshTables('txoff');
    const writer = createTransactionIndexWriter({ doc: clients.doc, tables });

    expect(await writer.apply(records(30, 'o'))).toMatchObject({ applied: 30, stale: 0 });
    expect(transactSizes).toEqual([]);
    expect(calls.get('PutItemCommand')).toBe(60);
    expect(await scan(tables.transactionIndex)).toHaveLength(30);
  });

  test('a conflict cancels its batch, and the one-by-one path leaves the newer state in place', async () => {
    const tables = await freshTables('txconflict');
    const writer = createTransactionIndexWriter({ doc: clients.doc, tables, writes: 'transact' });
    const batch = records(10, 'c');
    // A newer version of c-3 is already in the index without a head (as a concurrent writer between
    // its two steps would leave it): the item condition fails and cancels the whole transaction.
    const newer = { ...batch[3]!, version: 5, amount: '99.00', amount_usd: '99.00' };
    await clients.doc.send(new PutCommand({ TableName: tables.transactionIndex, Item: toIndexItem(newer) }));
    calls.clear();

    const result = await writer.apply(batch);

    expect(transactSizes).toEqual([20]);
    // Cancelled: each transaction then took the one-by-one path (a head put and an item put each).
    expect(calls.get('PutItemCommand')).toBe(20);
    expect(result.applied).toBe(10);
    const items = await scan(tables.transactionIndex);
    expect(items).toHaveLength(10);
    const c3 = fromIndexItem(items.find((i) => i.transaction_id === 'c-3')!);
    expect([c3.version, c3.amount]).toEqual([5, '99.00']);
  });

  test('a batch mixing new and known transactions: only the new ones go together', async () => {
    const tables = await freshTables('txmixed');
    const writer = createTransactionIndexWriter({ doc: clients.doc, tables, writes: 'transact' });
    const first = records(5, 'k');
    await writer.apply(first);
    calls.clear();
    transactSizes.length = 0;

    const corrected = first
      .slice(0, 2)
      .map((r) => ({ ...r, version: 1, amount: '1.00', amount_usd: '1.00' }));
    const result = await writer.apply([...corrected, ...records(30, 'f')]);

    expect(result.applied).toBe(32);
    expect(transactSizes).toEqual([60]);
    // The two corrections: head put and item put each (same day and sort key, nothing to delete).
    expect(calls.get('PutItemCommand')).toBe(4);
    const items = await scan(tables.transactionIndex);
    expect(items).toHaveLength(35);
    expect(
      items
        .map(fromIndexItem)
        .filter((i) => i.transaction_id === 'k-0' || i.transaction_id === 'k-1')
        .map((i) => [i.version, i.amount]),
    ).toEqual([
      [1, '1.00'],
      [1, '1.00'],
    ]);
  });
});
