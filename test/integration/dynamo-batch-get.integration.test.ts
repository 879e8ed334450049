/**
 * BatchGetItem takes at most 100 keys per call; the adapter splits larger reads (batch.ts). The
 * service's own reads rarely pass 100 keys, so this reads 250 dimension rows through the adapter
 * on DynamoDB Local and counts the calls it really sent.
 */
import { CreateTableCommand, DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { createDynamoClients, type DynamoClients } from '../../src/datasources/dynamo/client';
import { createDimensionTables } from '../../src/datasources/dynamo/dimension-tables';
import { tableDefinitions } from '../../src/datasources/dynamo/table-definitions';
import { tableNames } from '../../src/datasources/dynamo/table-names';
import type { MerchantDim } from '../../src/domain/types';
import { freshNames, stackEndpoints } from './real-stack';
import { LOCAL_AWS } from './stack';

jest.setTimeout(60_000);

const ROWS = 250;
const tables = tableNames(freshNames('batchget').tablePrefix);

const merchant = (i: number): MerchantDim => ({
  merchant_id: `m-${String(i).padStart(4, '0')}`,
  merchant_name: `Merchant ${i}`,
  category: i % 2 ? 'grocery' : 'travel',
  location: { city: 'London', country: 'GB' },
  date_onboarded: '2025-01-01',
  risk_category: 'low',
  status: 'active',
  metadata: { n: i },
});

describe('BatchGetItem over 100 keys on DynamoDB Local', () => {
  /** Keys per BatchGetItem command the adapter sent (the build step runs once per command). */
  const batchGets: number[] = [];
  let clients: DynamoClients;
  beforeAll(async () => {
    clients = createDynamoClients({ endpoint: stackEndpoints().dynamoEndpoint, ...LOCAL_AWS }, undefined, [
      (stack) =>
        stack.add(
          (next, context) => (args) => {
            if (context.commandName === 'BatchGetItemCommand') {
              const input = args.input as { RequestItems: Record<string, { Keys: unknown[] }> };
              batchGets.push(Object.values(input.RequestItems).reduce((n, r) => n + r.Keys.length, 0));
            }
            return next(args);
          },
          { step: 'build', name: 'countBatchGets' },
        ),
    ]);
    const def = tableDefinitions(tables).find((d) => d.TableName === tables.merchants)!;
    await clients.raw.send(new CreateTableCommand(def));
  });
  afterAll(async () => {
    await clients.raw.send(new DeleteTableCommand({ TableName: tables.merchants })).catch(() => undefined);
    clients.close();
  });

  test(`reads ${ROWS} rows back in 3 calls of at most 100 keys, in the order asked, unknown ids as null`, async () => {
    const dims = createDimensionTables({ doc: clients.doc, tables });
    const rows = Array.from({ length: ROWS }, (_, i) => merchant(i));
    await dims.put('merchants', rows);

    // Reversed, so the answer's order is the caller's and not the table's; two ids that do not exist.
    const ids = [...rows.map((r) => r.merchant_id).reverse(), 'm-missing-1', 'm-missing-2'];
    batchGets.length = 0;
    const got = await dims.get('merchants', ids);

    expect(got).toHaveLength(ids.length);
    expect(got.slice(0, ROWS)).toEqual([...rows].reverse());
    expect(got.slice(ROWS)).toEqual([null, null]);
    expect(batchGets.length).toBeGreaterThanOrEqual(3);
    expect(Math.max(...batchGets)).toBeLessThanOrEqual(100);
    // Every key asked once, none dropped between groups (no UnprocessedKeys on a local server).
    expect(batchGets.reduce((a, b) => a + b, 0)).toBe(ids.length);
  });
});
