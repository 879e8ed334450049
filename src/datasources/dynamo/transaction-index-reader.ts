import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Metrics } from '../../app/metrics';
import type { EnrichedTransaction } from '../../domain/types';
import { batchGet } from './batch';
import { readInt } from './item-values';
import type { TableNames } from './table-names';
import { fromIndexItem } from './transaction-item';

/** Where a transaction's head says it is (or was): the (user, day) whose aggregates it feeds. */
export interface IndexedPlace {
  user_id: string;
  day: string;
}

/** What the index holds for one transaction: its head, the item the head points at, and where it was before. */
export interface IndexedState {
  /** The current state's order and place. The item can be missing after a crash between the two writes. */
  head: IndexedPlace & { version: number; arrival: string };
  item: EnrichedTransaction | null;
  /** Places earlier versions sat; kept on the head for good, so every rerun sees past moves. */
  superseded: IndexedPlace[];
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
        const superseded = (head.superseded as IndexedPlace[] | undefined) ?? [];
        out.set(id, {
          head: {
            user_id: head.user_id as string,
            day: head.day as string,
            version: readInt(head.version),
            arrival: head.arrival as string,
          },
          item: item ? fromIndexItem(item) : null,
          superseded: superseded.map((l) => ({ user_id: l.user_id, day: l.day })),
          cleanupPending: superseded.length > 0,
        });
      }
      return out;
    },
  };
}

export type TransactionIndexReader = ReturnType<typeof createTransactionIndexReader>;
