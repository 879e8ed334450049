import { CreateTableCommand, DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { sleep } from '../../lib/backoff';
import { tableDefinitions } from './table-definitions';
import type { TableNames } from './table-names';

/** Creates every table that does not exist yet and waits until all are ACTIVE. Idempotent. */
export async function createTables(client: DynamoDBClient, names: TableNames): Promise<string[]> {
  const created: string[] = [];
  for (const def of tableDefinitions(names)) {
    try {
      await client.send(new CreateTableCommand(def));
      created.push(def.TableName!);
    } catch (error) {
      if ((error as { name?: string }).name !== 'ResourceInUseException') throw error;
    }
  }
  for (const def of tableDefinitions(names)) await waitActive(client, def.TableName!);
  return created;
}

async function waitActive(client: DynamoDBClient, table: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: table }));
    const indexesReady = (Table?.GlobalSecondaryIndexes ?? []).every((g) => g.IndexStatus === 'ACTIVE');
    if (Table?.TableStatus === 'ACTIVE' && indexesReady) return;
    await sleep(100);
  }
  throw new Error(`table ${table} did not become ACTIVE within 60 s`);
}
