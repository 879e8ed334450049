import { QueryCommand, type DynamoDBDocumentClient, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { Metrics } from '../../app/metrics';
import { queryAll as queryAllPages, batchGet } from './batch';
import { decodeCursor, encodeCursor } from './cursor';
import type { DimensionTables } from './dimension-tables';
import type {
  DailyMerchantStatsRow,
  DailyUserStatsRow,
  MerchantRanking,
  PageRequest,
  ReadModel,
  TransactionPage,
} from './read-model';
import { fromStatsItem } from './stats-item';
import type { TableNames } from './table-names';
import { fromIndexItem } from './transaction-item';
import Decimal from 'decimal.js';

type Item = Record<string, unknown>;

export function createDynamoReadModel(deps: {
  doc: DynamoDBDocumentClient;
  tables: TableNames;
  dimensions: DimensionTables;
  metrics?: Metrics;
}): ReadModel {
  const { doc, tables, dimensions, metrics } = deps;

  const queryAll = (input: QueryCommandInput) => queryAllPages(doc, input);

  /** Newest-first page over a (partition, sk) range; cursor = the last item's key attributes. */
  async function page(
    input: Omit<QueryCommandInput, 'KeyConditionExpression'> & {
      partitionName: string;
      partitionValue: string;
    },
    keyAttributes: readonly string[],
    req: PageRequest,
  ): Promise<TransactionPage> {
    const { partitionName, partitionValue, ...rest } = input;
    let start: Item | undefined = req.after ? decodeCursor(req.after, keyAttributes) : undefined;
    if (start && start[partitionName] !== partitionValue) start = undefined;
    const items: Item[] = [];
    let more = true;
    while (items.length <= req.first && more) {
      const out = await doc.send(
        new QueryCommand({
          ...rest,
          KeyConditionExpression: `${partitionName} = :p AND sk BETWEEN :lo AND :hi`,
          ExpressionAttributeValues: {
            ':p': partitionValue,
            ':lo': `${req.from ?? '0000-00-00'}#`,
            ':hi': `${req.to ?? '9999-99-99'}#\uffff`,
          },
          ScanIndexForward: false,
          Limit: req.first + 1 - items.length,
          ExclusiveStartKey: start,
        }),
      );
      items.push(...((out.Items ?? []) as Item[]));
      start = out.LastEvaluatedKey as Item | undefined;
      more = start !== undefined;
    }
    const pageItems = items.slice(0, req.first);
    const edges = pageItems.map((item) => ({
      cursor: encodeCursor(Object.fromEntries(keyAttributes.map((k) => [k, item[k] as string]))),
      transaction: fromIndexItem(item),
    }));
    return {
      items: edges,
      hasNextPage: items.length > req.first,
      endCursor: edges.length > 0 ? edges[edges.length - 1]!.cursor : null,
    };
  }

  return {
    async transactionsById(ids) {
      const heads = await batchGet(
        doc,
        tables.transactionHeads,
        [...new Set(ids)].map((id) => ({ transaction_id: id })),
        (i) => i.transaction_id as string,
        metrics,
      );
      const items = await batchGet(
        doc,
        tables.transactionIndex,
        [...heads.values()].map((h) => ({ user_id: h.user_id, sk: h.sk })),
        (i) => i.transaction_id as string,
        metrics,
      );
      return ids.map((id) => {
        const item = items.get(id);
        return item ? fromIndexItem(item) : null;
      });
    },

    userTransactions(userId, req) {
      return page(
        { TableName: tables.transactionIndex, partitionName: 'user_id', partitionValue: userId },
        ['user_id', 'sk'],
        req,
      );
    },

    merchantTransactions(merchantId, req) {
      return page(
        {
          TableName: tables.transactionIndex,
          IndexName: 'by_merchant',
          partitionName: 'merchant_id',
          partitionValue: merchantId,
        },
        ['merchant_id', 'user_id', 'sk'],
        req,
      );
    },

    async dailyUserStats(userId, from, to): Promise<DailyUserStatsRow[]> {
      const items = await queryAll({
        TableName: tables.dailyUserStats,
        KeyConditionExpression: 'user_id = :u AND #d BETWEEN :f AND :t',
        ExpressionAttributeNames: { '#d': 'date' },
        ExpressionAttributeValues: { ':u': userId, ':f': from, ':t': to },
        ConsistentRead: true,
      });
      return items.map((i) => ({ user_id: userId, date: i.date as string, ...fromStatsItem(i) }));
    },

    async dailyMerchantStats(merchantId, from, to): Promise<DailyMerchantStatsRow[]> {
      const items = await queryAll({
        TableName: tables.dailyMerchantStats,
        KeyConditionExpression: 'merchant_id = :m AND #d BETWEEN :f AND :t',
        ExpressionAttributeNames: { '#d': 'date' },
        ExpressionAttributeValues: { ':m': merchantId, ':f': from, ':t': to },
        ConsistentRead: true,
      });
      return items.map((i) => ({ merchant_id: merchantId, date: i.date as string, ...fromStatsItem(i) }));
    },

    async topMerchants(date, by, limit): Promise<DailyMerchantStatsRow[]> {
      const items = await queryAll({
        TableName: tables.dailyMerchantStats,
        IndexName: 'by_date',
        KeyConditionExpression: '#d = :d',
        ExpressionAttributeNames: { '#d': 'date' },
        ExpressionAttributeValues: { ':d': date },
      });
      const rows = items.map((i) => ({ merchant_id: i.merchant_id as string, date, ...fromStatsItem(i) }));
      return rows.sort(rankBy(by)).slice(0, limit);
    },

    dimensionsByIds(kind, ids) {
      return dimensions.get(kind, ids);
    },
  };
}

function rankBy(by: MerchantRanking): (a: DailyMerchantStatsRow, b: DailyMerchantStatsRow) => number {
  const tie = (a: DailyMerchantStatsRow, b: DailyMerchantStatsRow) =>
    a.merchant_id < b.merchant_id ? -1 : 1;
  switch (by) {
    case 'COUNT':
      return (a, b) => b.transaction_count - a.transaction_count || tie(a, b);
    case 'FLAGGED':
      return (a, b) => b.flagged_count - a.flagged_count || tie(a, b);
    case 'NET_SPEND':
      return (a, b) => {
        if (a.total_spend_usd === null || b.total_spend_usd === null) {
          if (a.total_spend_usd === b.total_spend_usd) return tie(a, b);
          return a.total_spend_usd === null ? 1 : -1;
        }
        return new Decimal(b.total_spend_usd).cmp(a.total_spend_usd) || tie(a, b);
      };
  }
}
