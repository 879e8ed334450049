import {
  DeleteTableCommand,
  DescribeTableCommand,
  GetItemCommand,
  ListTablesCommand,
  PutItemCommand,
  type TableDescription,
} from '@aws-sdk/client-dynamodb';
import { createTables } from '../../../src/datasources/dynamo/create-tables';
import { tableNames } from '../../../src/datasources/dynamo/table-names';
import { useEmbeddedDynamo } from '../../support/embedded-dynamo-suite';

/**
 * `txgraph tables create` and the service's start both call createTables(client, tableNames(prefix));
 * this runs it on the embedded dynalite and reads the result back with DescribeTable.
 */
const clients = useEmbeddedDynamo('txgraph-tables-');

type Key = [name: string, type: 'HASH' | 'RANGE'];

interface Layout {
  keys: Key[];
  /** Every key attribute, of indexes too, with its type. */
  attributes: Record<string, string>;
  indexes: Record<string, { keys: Key[]; projection: string | undefined }>;
}

function layout(table: TableDescription): Layout {
  const keys = (schema: TableDescription['KeySchema']): Key[] =>
    (schema ?? []).map((k) => [k.AttributeName!, k.KeyType as Key[1]]);
  return {
    keys: keys(table.KeySchema),
    attributes: Object.fromEntries(
      (table.AttributeDefinitions ?? []).map((a) => [a.AttributeName!, a.AttributeType!]),
    ),
    indexes: Object.fromEntries(
      (table.GlobalSecondaryIndexes ?? []).map((g) => [
        g.IndexName!,
        { keys: keys(g.KeySchema), projection: g.Projection?.ProjectionType },
      ]),
    ),
  };
}

async function describeTable(table: string): Promise<TableDescription> {
  const { Table } = await clients().raw.send(new DescribeTableCommand({ TableName: table }));
  return Table!;
}

/** DESIGN §5, plus txgraph's TransactionHeads and StatsDirty (see table-definitions.ts). */
const EXPECTED: Record<string, Layout> = {
  TransactionIndex: {
    keys: [
      ['user_id', 'HASH'],
      ['sk', 'RANGE'],
    ],
    attributes: { user_id: 'S', sk: 'S', transaction_id: 'S', merchant_id: 'S' },
    indexes: {
      by_transaction: { keys: [['transaction_id', 'HASH']], projection: 'ALL' },
      by_merchant: {
        keys: [
          ['merchant_id', 'HASH'],
          ['sk', 'RANGE'],
        ],
        projection: 'ALL',
      },
    },
  },
  DailyUserStats: {
    keys: [
      ['user_id', 'HASH'],
      ['date', 'RANGE'],
    ],
    attributes: { user_id: 'S', date: 'S' },
    indexes: {},
  },
  DailyMerchantStats: {
    keys: [
      ['merchant_id', 'HASH'],
      ['date', 'RANGE'],
    ],
    attributes: { merchant_id: 'S', date: 'S' },
    indexes: {
      by_date: {
        keys: [
          ['date', 'HASH'],
          ['merchant_id', 'RANGE'],
        ],
        projection: 'ALL',
      },
    },
  },
  Users: { keys: [['user_id', 'HASH']], attributes: { user_id: 'S' }, indexes: {} },
  Merchants: { keys: [['merchant_id', 'HASH']], attributes: { merchant_id: 'S' }, indexes: {} },
  PaymentMethods: {
    keys: [['payment_method_id', 'HASH']],
    attributes: { payment_method_id: 'S' },
    indexes: {},
  },
  Products: { keys: [['product_id', 'HASH']], attributes: { product_id: 'S' }, indexes: {} },
  FxRates: { keys: [['currency', 'HASH']], attributes: { currency: 'S' }, indexes: {} },
  TransactionHeads: {
    keys: [['transaction_id', 'HASH']],
    attributes: { transaction_id: 'S' },
    indexes: {},
  },
  StatsDirty: {
    keys: [
      ['kind', 'HASH'],
      ['sk', 'RANGE'],
    ],
    attributes: { kind: 'S', sk: 'S' },
    indexes: {},
  },
};

async function tablesWithPrefix(prefix: string): Promise<string[]> {
  const { TableNames } = await clients().raw.send(new ListTablesCommand({}));
  return (TableNames ?? []).filter((t) => t.startsWith(prefix)).sort();
}

test('creates every table of DESIGN §5 with its keys and GSIs, under the prefix, all ACTIVE', async () => {
  const prefix = 'layout_';
  const created = await createTables(clients().raw, tableNames(prefix));
  const expectedNames = Object.keys(EXPECTED)
    .map((t) => prefix + t)
    .sort();
  expect([...created].sort()).toEqual(expectedNames);
  expect(await tablesWithPrefix(prefix)).toEqual(expectedNames);
  for (const [table, expected] of Object.entries(EXPECTED)) {
    const description = await describeTable(prefix + table);
    expect({ table, ...layout(description) }).toEqual({ table, ...expected });
    expect(description.TableStatus).toBe('ACTIVE');
    for (const g of description.GlobalSecondaryIndexes ?? []) expect(g.IndexStatus).toBe('ACTIVE');
  }
});

test('creating again is idempotent: nothing recreated, layouts and data unchanged', async () => {
  const prefix = 'again_';
  const names = tableNames(prefix);
  await createTables(clients().raw, names);
  const before = await Promise.all(Object.keys(EXPECTED).map((t) => describeTable(prefix + t)));
  const item = { user_id: { S: 'u-1' }, sk: { S: '2026-03-01#1772359200000#tx-1' }, note: { S: 'kept' } };
  await clients().raw.send(new PutItemCommand({ TableName: names.transactionIndex, Item: item }));

  expect(await createTables(clients().raw, names)).toEqual([]);
  const after = await Promise.all(Object.keys(EXPECTED).map((t) => describeTable(prefix + t)));
  expect(after.map(layout)).toEqual(before.map(layout));
  // Same creation time: the table was left alone, not dropped and made again.
  expect(after.map((t) => t.CreationDateTime?.getTime())).toEqual(
    before.map((t) => t.CreationDateTime?.getTime()),
  );
  const { Item } = await clients().raw.send(
    new GetItemCommand({ TableName: names.transactionIndex, Key: { user_id: item.user_id, sk: item.sk } }),
  );
  expect(Item).toEqual(item);
});

test('a partly created set is completed: only the missing table is created', async () => {
  const prefix = 'partial_';
  const names = tableNames(prefix);
  await createTables(clients().raw, names);
  await clients().raw.send(new DeleteTableCommand({ TableName: names.fxRates }));
  // Deletion finishes in the background (DELETING first), as on AWS.
  for (let i = 0; i < 100 && (await tablesWithPrefix(prefix)).includes(names.fxRates); i++)
    await new Promise((r) => setTimeout(r, 20));
  expect(await tablesWithPrefix(prefix)).not.toContain(names.fxRates);

  expect(await createTables(clients().raw, names)).toEqual([names.fxRates]);
  expect(layout(await describeTable(names.fxRates))).toEqual(EXPECTED.FxRates);
});
