import {
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import type { TableNames } from './table-names';

/**
 * dynalite (the embedded default) writes a PutItem's GSI entries before the item itself, as separate
 * LevelDB writes. A SIGKILL between the two leaves a `by_merchant` entry whose item never existed;
 * when a later version then supersedes that location, its conditional delete finds no item and the
 * entry stays, so the merchant-day aggregate (recomputed through the GSI) counts the transaction
 * twice, forever. Found by test/reliability's crash test. DynamoDB Local and AWS are not affected.
 *
 * Called only after a superseded location's delete found nothing to delete: one GSI query, and only
 * if the GSI still lists the location and the table does not, a guarded put-then-delete of the
 * same key, which makes the engine drop the entry. The guards keep it from touching a real item a
 * concurrent writer may put there meanwhile.
 */
export async function dropOrphanMerchantEntry(
  doc: DynamoDBDocumentClient,
  tables: TableNames,
  location: { user_id: string; sk: string; merchant_id: string },
): Promise<boolean> {
  const listed = await doc.send(
    new QueryCommand({
      TableName: tables.transactionIndex,
      IndexName: 'by_merchant',
      KeyConditionExpression: 'merchant_id = :m AND sk = :s',
      FilterExpression: 'user_id = :u',
      ExpressionAttributeValues: { ':m': location.merchant_id, ':s': location.sk, ':u': location.user_id },
    }),
  );
  const orphan = listed.Items?.[0];
  if (!orphan) return false;
  const Key = { user_id: location.user_id, sk: location.sk };
  const item = await doc.send(
    new GetCommand({ TableName: tables.transactionIndex, Key, ConsistentRead: true }),
  );
  if (item.Item) return false;
  try {
    await doc.send(
      new PutCommand({
        TableName: tables.transactionIndex,
        // Same keys for every GSI (by_merchant, by_transaction), so the delete drops all its entries.
        Item: {
          ...Key,
          merchant_id: location.merchant_id,
          transaction_id: orphan.transaction_id,
          orphan_repair: true,
        },
        ConditionExpression: 'attribute_not_exists(sk)',
      }),
    );
    await doc.send(
      new DeleteCommand({
        TableName: tables.transactionIndex,
        Key,
        ConditionExpression: 'orphan_repair = :t',
        ExpressionAttributeValues: { ':t': true },
      }),
    );
    return true;
  } catch (error) {
    if ((error as { name?: string } | null)?.name === 'ConditionalCheckFailedException') return false;
    throw error;
  }
}
