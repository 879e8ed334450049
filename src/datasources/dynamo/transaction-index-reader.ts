import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Metrics } from '../../app/metrics';
import type { EnrichedTransaction } from '../../domain/types';
import { batchGet } from './batch';
import type { TableNames } from './table-names';
import { fromIndexItem } from './transaction-item';

/** What the index holds for one transaction: the item its head points at, and whether cleanup is pending. */
export interface IndexedState {
  item: EnrichedTransaction | null;
  /**
   * The head lists earlier locations (the transaction moved). Their deletion is only certain after
   * an apply finished, which a crash may have cut short, so such transactions are always re-applied.
   */
  cleanupPending: boolean;
}

/**
 * Reads transactions as the API serves them (head → item), strongly consistent, so the reprocess
 * job can tell which records would change anything before it writes.
 */
export function createTransactionIndexReader(deps: {
  doc: DynamoDBDocumentClient;
  tables: TableNames;
  metrics?: Metrics;
}) {
  const { doc, tables, metrics } = deps;
  return {
    async current(ids: readonly string[]): Promise<Map<string, IndexedState>> {
      const heads = await batchGet(
        doc,
        tables.transactionHeads,
        [...new Set(ids)].map((id) => ({ transaction_id: id })),
        (item) => item.transaction_id as string,
        metrics,
      );
      const items = await batchGet(
        doc,
        tables.transactionIndex,
        [...heads.values()].map((h) => ({ user_id: h.user_id, sk: h.sk })),
        (item) => item.transaction_id as string,
        metrics,
      );
      const out = new Map<string, IndexedState>();
      for (const [id, head] of heads) {
        const item = items.get(id);
        const superseded = head.superseded as unknown[] | undefined;
        out.set(id, {
          item: item ? fromIndexItem(item) : null,
          cleanupPending: (superseded?.length ?? 0) > 0,
        });
      }
      return out;
    },
  };
}

export type TransactionIndexReader = ReturnType<typeof createTransactionIndexReader>;
