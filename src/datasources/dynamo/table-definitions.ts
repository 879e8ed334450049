import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import type { TableNames } from './table-names';

/**
 * Table layouts of DESIGN §5. TransactionIndex keys every transaction by
 * (user_id, "<day>#<13-digit epoch ms>#<transaction_id>") so a user may have many a day.
 * TransactionHeads (one item per transaction_id, strongly consistent) is txgraph's addition: it
 * records the winning version and every index location a transaction ever had, so a correction
 * that moves a transaction to another day or user deletes the old item even after a crash.
 * StatsDirty (also ours) holds the merchant-days waiting for their DailyMerchantStats recompute.
 */

const S = 'S' as const;

function simple(name: string, hash: string, range?: string): CreateTableCommandInput {
  return {
    TableName: name,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [
      { AttributeName: hash, AttributeType: S },
      ...(range ? [{ AttributeName: range, AttributeType: S }] : []),
    ],
    KeySchema: [
      { AttributeName: hash, KeyType: 'HASH' },
      ...(range ? [{ AttributeName: range, KeyType: 'RANGE' as const }] : []),
    ],
  };
}

export function tableDefinitions(names: TableNames): CreateTableCommandInput[] {
  return [
    {
      ...simple(names.transactionIndex, 'user_id', 'sk'),
      AttributeDefinitions: [
        { AttributeName: 'user_id', AttributeType: S },
        { AttributeName: 'sk', AttributeType: S },
        { AttributeName: 'transaction_id', AttributeType: S },
        { AttributeName: 'merchant_id', AttributeType: S },
      ],
      GlobalSecondaryIndexes: [
        {
          IndexName: 'by_transaction',
          KeySchema: [{ AttributeName: 'transaction_id', KeyType: 'HASH' }],
          Projection: { ProjectionType: 'ALL' },
        },
        {
          IndexName: 'by_merchant',
          KeySchema: [
            { AttributeName: 'merchant_id', KeyType: 'HASH' },
            { AttributeName: 'sk', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        },
      ],
    },
    simple(names.transactionHeads, 'transaction_id'),
    simple(names.dailyUserStats, 'user_id', 'date'),
    {
      ...simple(names.dailyMerchantStats, 'merchant_id', 'date'),
      GlobalSecondaryIndexes: [
        {
          IndexName: 'by_date',
          KeySchema: [
            { AttributeName: 'date', KeyType: 'HASH' },
            { AttributeName: 'merchant_id', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        },
      ],
    },
    simple(names.statsDirty, 'kind', 'sk'),
    simple(names.users, 'user_id'),
    simple(names.merchants, 'merchant_id'),
    simple(names.paymentMethods, 'payment_method_id'),
    simple(names.products, 'product_id'),
    simple(names.fxRates, 'currency'),
  ];
}
