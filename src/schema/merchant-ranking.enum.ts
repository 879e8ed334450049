import { registerEnumType } from 'type-graphql';

export enum MerchantRanking {
  NET_SPEND = 'NET_SPEND',
  COUNT = 'COUNT',
  FLAGGED = 'FLAGGED',
}

registerEnumType(MerchantRanking, {
  name: 'MerchantRanking',
  description: 'How topMerchants ranks a day; ties are broken by merchantId.',
  valuesConfig: {
    NET_SPEND: { description: 'By totalSpendUsd, highest first, nulls last.' },
    COUNT: { description: 'By transactionCount, highest first.' },
    FLAGGED: { description: 'By flaggedCount, highest first.' },
  },
});
