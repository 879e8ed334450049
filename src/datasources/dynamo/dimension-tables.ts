import { ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Metrics } from '../../app/metrics';
import { DIMENSION_KEY, type DimensionByKind, type DimensionKind } from '../../domain/types';
import { batchGet, batchWrite } from './batch';
import { readInt } from './item-values';
import type { TableNames } from './table-names';

const TABLE_OF: { [K in DimensionKind]: keyof TableNames } = {
  users: 'users',
  merchants: 'merchants',
  payment_methods: 'paymentMethods',
  products: 'products',
  fx_rates: 'fxRates',
};

/**
 * Dimension rows as the API reads them. Decimals (price, usd_rate) are kept as strings and
 * metadata as JSON text so nothing is reshaped by DynamoDB's number and empty-value rules.
 */
export function createDimensionTables(deps: {
  doc: DynamoDBDocumentClient;
  tables: TableNames;
  metrics?: Metrics;
}) {
  const { doc, tables, metrics } = deps;
  const tableFor = (kind: DimensionKind) => tables[TABLE_OF[kind]];

  return {
    /** Upserts; within one call the last record per key wins (dim.* topics are ordered per key). */
    async put<K extends DimensionKind>(kind: K, records: readonly DimensionByKind[K][]): Promise<void> {
      const keyField = DIMENSION_KEY[kind];
      const latest = new Map<string, DimensionByKind[K]>();
      for (const r of records) latest.set(String(r[keyField]), r);
      await batchWrite(
        doc,
        tableFor(kind),
        [...latest.values()].map((r) => ({
          PutRequest: { Item: toItem(r as unknown as Record<string, unknown>) },
        })),
        metrics,
      );
    },

    async get<K extends DimensionKind>(
      kind: K,
      ids: readonly string[],
    ): Promise<(DimensionByKind[K] | null)[]> {
      const keyField = DIMENSION_KEY[kind];
      const unique = [...new Set(ids)];
      const found = await batchGet(
        doc,
        tableFor(kind),
        unique.map((id) => ({ [keyField]: id })),
        (item) => item[keyField] as string,
        metrics,
      );
      return ids.map((id) => {
        const item = found.get(id);
        return item ? (fromItem(item) as unknown as DimensionByKind[K]) : null;
      });
    },

    /** Every record of a kind, page by page (the reprocess job loads them all into a cache). */
    async *scan<K extends DimensionKind>(kind: K): AsyncGenerator<DimensionByKind[K][]> {
      let start: Record<string, unknown> | undefined;
      do {
        const out = await doc.send(
          new ScanCommand({ TableName: tableFor(kind), ExclusiveStartKey: start, ConsistentRead: true }),
        );
        yield (out.Items ?? []).map((item) => fromItem(item) as unknown as DimensionByKind[K]);
        start = out.LastEvaluatedKey as Record<string, unknown> | undefined;
      } while (start);
    },
  };
}

export type DimensionTables = ReturnType<typeof createDimensionTables>;

function toItem(record: Record<string, unknown>): Record<string, unknown> {
  const { metadata, ...rest } = record;
  return { ...rest, metadata: metadata === null || metadata === undefined ? null : JSON.stringify(metadata) };
}

function fromItem(item: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(item)) {
    if (k === 'metadata') out[k] = typeof v === 'string' ? JSON.parse(v) : null;
    else if (k === 'risk_score') out[k] = v === null ? null : readInt(v);
    else out[k] = v;
  }
  return out;
}
