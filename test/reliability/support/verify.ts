/** Reads what the service wrote (straight from DynamoDB) and compares it with the recomputation. */
import { paginateQuery, paginateScan } from '@aws-sdk/lib-dynamodb';
import { createDynamoClients } from '../../../src/datasources/dynamo/client';
import { fromStatsItem } from '../../../src/datasources/dynamo/stats-item';
import { tableNames } from '../../../src/datasources/dynamo/table-names';
import { fromIndexItem } from '../../../src/datasources/dynamo/transaction-item';
import type { ExpectedDay, ExpectedTransaction, expectedState } from './stream';

export interface Verdict {
  lost: number;
  doubleCounted: number;
  /** Rows present with the right count but a wrong field (a wrong version, amount, total …). */
  wrong: number;
  examples: string[];
}

type Expected = ReturnType<typeof expectedState>;

async function scanAll(endpoint: string, table: string): Promise<Record<string, unknown>[]> {
  const clients = createDynamoClients({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  try {
    const items: Record<string, unknown>[] = [];
    for await (const page of paginateScan({ client: clients.doc, pageSize: 1000 }, { TableName: table }))
      items.push(...((page.Items ?? []) as Record<string, unknown>[]));
    return items;
  } finally {
    clients.close();
  }
}

/** Items the by_merchant GSI lists for a merchant-day: tells a stale aggregate from a stale index. */
async function gsiCount(endpoint: string, table: string, merchantId: string, day: string): Promise<number> {
  const clients = createDynamoClients({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  try {
    let n = 0;
    const pages = paginateQuery(
      { client: clients.doc },
      {
        TableName: table,
        IndexName: 'by_merchant',
        KeyConditionExpression: 'merchant_id = :m AND begins_with(sk, :d)',
        ExpressionAttributeValues: { ':m': merchantId, ':d': `${day}#` },
      },
    );
    for await (const page of pages) n += page.Items?.length ?? 0;
    return n;
  } finally {
    clients.close();
  }
}

export async function verifyStore(
  endpoint: string,
  tablePrefix: string,
  expected: Expected,
): Promise<Verdict> {
  const tables = tableNames(tablePrefix);
  const verdict: Verdict = { lost: 0, doubleCounted: 0, wrong: 0, examples: [] };
  const note = (s: string) => verdict.examples.length < 10 && verdict.examples.push(s);

  const indexed = new Map<string, ExpectedTransaction[]>();
  for (const item of await scanAll(endpoint, tables.transactionIndex)) {
    const t = fromIndexItem(item);
    const row: ExpectedTransaction = {
      user_id: t.user_id,
      merchant_id: t.merchant_id,
      day: t.day,
      amount: t.amount,
      currency: t.currency,
      transaction_type: t.transaction_type,
      status: t.status,
      version: t.version,
      risk_score: t.risk_score,
      flagged: t.flagged,
    };
    indexed.set(t.transaction_id, [...(indexed.get(t.transaction_id) ?? []), row]);
  }
  for (const [id, want] of expected.transactions) {
    const got = indexed.get(id) ?? [];
    if (got.length === 0) {
      verdict.lost++;
      note(`index: ${id} missing`);
    } else if (got.length > 1) {
      verdict.doubleCounted += got.length - 1;
      note(`index: ${id} has ${got.length} items`);
    } else if (JSON.stringify(got[0]) !== JSON.stringify(want)) {
      if ((got[0] as ExpectedTransaction).version < want.version) verdict.lost++;
      else verdict.wrong++;
      note(`index: ${id} is ${JSON.stringify(got[0])}, expected ${JSON.stringify(want)}`);
    }
  }
  for (const [id, got] of indexed) {
    if (!expected.transactions.has(id)) {
      verdict.doubleCounted += got.length;
      note(`index: unexpected ${id}`);
    }
  }

  const compareDays = async (
    table: string,
    keyName: string,
    want: Map<string, ExpectedDay>,
    label: string,
  ) => {
    const got = new Map<string, ExpectedDay>();
    for (const item of await scanAll(endpoint, table))
      got.set(`${String(item[keyName])}|${String(item.date)}`, fromStatsItem(item));
    for (const [key, w] of want) {
      const g = got.get(key);
      const count = g?.transaction_count ?? 0;
      if (count < w.transaction_count) verdict.lost += w.transaction_count - count;
      else if (count > w.transaction_count) verdict.doubleCounted += count - w.transaction_count;
      else if (JSON.stringify(g) !== JSON.stringify(w)) verdict.wrong++;
      else continue;
      const [id, day] = key.split('|') as [string, string];
      const gsi =
        keyName === 'merchant_id'
          ? ` (by_merchant GSI lists ${await gsiCount(endpoint, tables.transactionIndex, id, day)})`
          : '';
      note(`${label} ${key}: ${JSON.stringify(g)} expected ${JSON.stringify(w)}${gsi}`);
    }
    for (const [key, g] of got) {
      if (!want.has(key) && g.transaction_count > 0) {
        verdict.doubleCounted += g.transaction_count;
        note(`${label} ${key}: unexpected row ${JSON.stringify(g)}`);
      }
    }
  };
  await compareDays(tables.dailyUserStats, 'user_id', expected.userDays, 'DailyUserStats');
  await compareDays(tables.dailyMerchantStats, 'merchant_id', expected.merchantDays, 'DailyMerchantStats');
  return verdict;
}
