/**
 * `txgraph topics create` and `txgraph tables create`, run as the compiled CLI an operator runs,
 * against the real broker and DynamoDB Local. What they made is checked with independent clients
 * (a plain kafkajs admin, DescribeTable) against DESIGN §1 and §5, and a second run changes nothing.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import {
  DeleteTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  type TableDescription,
} from '@aws-sdk/client-dynamodb';
import type { Admin } from 'kafkajs';
import type { KafkaClient } from '../../src/config/config';
import { KAFKA_CLIENTS, rawAdmin } from './kafka-testkit';
import { freshNames, stackEndpoints, stackServiceEnv, type StackNames } from './real-stack';
import { LOCAL_AWS } from './stack';

jest.setTimeout(120_000);

const ROOT = path.resolve(__dirname, '../..');
const run = promisify(execFile);
/** Not the stack default (4) nor the config default (8): the count must come from KAFKA_PARTITIONS. */
const PARTITIONS = 3;
const DIM_TOPICS = ['dim.users', 'dim.merchants', 'dim.payment_methods', 'dim.products', 'dim.fx_rates'];

/** Runs dist/src/cli/main.js (built by the integration globalSetup) with the stack settings. */
async function txgraph(
  args: string[],
  names: StackNames,
  dataDir: string,
  env: Record<string, string> = {},
): Promise<string> {
  const { stdout } = await run(process.execPath, ['dist/src/cli/main.js', ...args], {
    cwd: ROOT,
    env: {
      ...process.env,
      ...stackServiceEnv(names),
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      KAFKA_PARTITIONS: String(PARTITIONS),
      ...env,
    },
    timeout: 90_000,
  });
  return stdout;
}

let dataDir: string;
beforeAll(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'txgraph-cli-'));
});
afterAll(async () => {
  await fs.rm(dataDir, { recursive: true, force: true });
});

describe.each(KAFKA_CLIENTS)('txgraph topics create (KAFKA_CLIENT=%s)', (client: KafkaClient) => {
  const names = freshNames(`cli-topics-${client}`);
  const topic = (logical: string) => names.topicPrefix + logical;
  const ALL = ['transactions', 'transactions_enriched', 'transactions_dlq', ...DIM_TOPICS];
  let admin: Admin;
  beforeAll(async () => {
    admin = (await rawAdmin()).admin;
  });
  afterAll(async () => {
    await admin.deleteTopics({ topics: ALL.map(topic) }).catch(() => undefined);
    await admin.disconnect();
  });

  const ours = async () => (await admin.listTopics()).filter((t) => t.startsWith(names.topicPrefix)).sort();

  async function partitionCounts(): Promise<Record<string, number>> {
    const { topics } = await admin.fetchTopicMetadata({ topics: ALL.map(topic) });
    return Object.fromEntries(topics.map((t) => [t.name, t.partitions.length]));
  }

  async function cleanupPolicies(): Promise<Record<string, string | undefined>> {
    const { resources } = await admin.describeConfigs({
      includeSynonyms: false,
      // 2 = TOPIC (kafkajs ConfigResourceTypes)
      resources: ALL.map((t) => ({ type: 2, name: topic(t), configNames: ['cleanup.policy'] })),
    });
    return Object.fromEntries(
      resources.map((r) => [
        r.resourceName,
        r.configEntries.find((c) => c.configName === 'cleanup.policy')?.configValue,
      ]),
    );
  }

  test('creates every topic with its partition count, dim.* compacted; a second run changes nothing', async () => {
    const first = await txgraph(['topics', 'create'], names, dataDir, { KAFKA_CLIENT: client });
    expect(first.trim()).toBe(`created: ${ALL.join(', ')}`);
    expect(await ours()).toEqual(ALL.map(topic).sort());

    const expectedCounts = {
      [topic('transactions')]: PARTITIONS,
      [topic('transactions_enriched')]: PARTITIONS,
      [topic('transactions_dlq')]: 1,
      ...Object.fromEntries(DIM_TOPICS.map((t) => [topic(t), 1])),
    };
    const expectedPolicies = {
      [topic('transactions')]: 'delete',
      [topic('transactions_enriched')]: 'delete',
      [topic('transactions_dlq')]: 'delete',
      ...Object.fromEntries(DIM_TOPICS.map((t) => [topic(t), 'compact'])),
    };
    expect(await partitionCounts()).toEqual(expectedCounts);
    expect(await cleanupPolicies()).toEqual(expectedPolicies);

    const second = await txgraph(['topics', 'create'], names, dataDir, { KAFKA_CLIENT: client });
    expect(second.trim()).toBe('all topics exist');
    expect(await ours()).toEqual(ALL.map(topic).sort());
    expect(await partitionCounts()).toEqual(expectedCounts);
    expect(await cleanupPolicies()).toEqual(expectedPolicies);
  });
});

describe('txgraph tables create', () => {
  const names = freshNames('cli-tables');
  const TABLES = [
    'TransactionIndex',
    'TransactionHeads',
    'DailyUserStats',
    'DailyMerchantStats',
    'StatsDirty',
    'Users',
    'Merchants',
    'PaymentMethods',
    'Products',
    'FxRates',
  ];
  const dynamo = new DynamoDBClient({ endpoint: stackEndpoints().dynamoEndpoint, ...LOCAL_AWS });
  afterAll(async () => {
    for (const t of TABLES) {
      await dynamo.send(new DeleteTableCommand({ TableName: names.tablePrefix + t })).catch(() => undefined);
    }
    dynamo.destroy();
  });

  /** Status, key schema and GSI keys of each table: what DESIGN §5 fixes. */
  async function layout(): Promise<Record<string, unknown>> {
    const keys = (schema: TableDescription['KeySchema']) =>
      (schema ?? []).map((k) => `${k.AttributeName}:${k.KeyType}`).join(' ');
    const out: Record<string, unknown> = {};
    for (const t of TABLES) {
      const { Table } = await dynamo.send(new DescribeTableCommand({ TableName: names.tablePrefix + t }));
      out[t] = {
        status: Table?.TableStatus,
        key: keys(Table?.KeySchema),
        indexes: Object.fromEntries(
          (Table?.GlobalSecondaryIndexes ?? []).map((g) => [
            g.IndexName,
            `${keys(g.KeySchema)} ${g.IndexStatus}`,
          ]),
        ),
      };
    }
    return out;
  }

  const table = (key: string, indexes: Record<string, string> = {}) => ({ status: 'ACTIVE', key, indexes });
  const EXPECTED = {
    TransactionIndex: table('user_id:HASH sk:RANGE', {
      by_transaction: 'transaction_id:HASH ACTIVE',
      by_merchant: 'merchant_id:HASH sk:RANGE ACTIVE',
    }),
    TransactionHeads: table('transaction_id:HASH'),
    DailyUserStats: table('user_id:HASH date:RANGE'),
    DailyMerchantStats: table('merchant_id:HASH date:RANGE', {
      by_date: 'date:HASH merchant_id:RANGE ACTIVE',
    }),
    StatsDirty: table('kind:HASH sk:RANGE'),
    Users: table('user_id:HASH'),
    Merchants: table('merchant_id:HASH'),
    PaymentMethods: table('payment_method_id:HASH'),
    Products: table('product_id:HASH'),
    FxRates: table('currency:HASH'),
  };

  test('creates every table of DESIGN §5 under TABLE_PREFIX, ACTIVE; a second run changes nothing', async () => {
    const first = await txgraph(['tables', 'create'], names, dataDir);
    expect(first.trim()).toBe(`created: ${TABLES.map((t) => names.tablePrefix + t).join(', ')}`);
    expect(await layout()).toEqual(EXPECTED);

    const second = await txgraph(['tables', 'create'], names, dataDir);
    expect(second.trim()).toBe('all tables exist');
    expect(await layout()).toEqual(EXPECTED);
  });
});
