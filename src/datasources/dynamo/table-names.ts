export interface TableNames {
  transactionIndex: string;
  transactionHeads: string;
  dailyUserStats: string;
  dailyMerchantStats: string;
  /** Merchant-days whose DailyMerchantStats row must be recomputed (see stats-dirty-marks.ts). */
  statsDirty: string;
  users: string;
  merchants: string;
  paymentMethods: string;
  products: string;
  fxRates: string;
}

export function tableNames(prefix: string): TableNames {
  return {
    transactionIndex: `${prefix}TransactionIndex`,
    transactionHeads: `${prefix}TransactionHeads`,
    dailyUserStats: `${prefix}DailyUserStats`,
    dailyMerchantStats: `${prefix}DailyMerchantStats`,
    statsDirty: `${prefix}StatsDirty`,
    users: `${prefix}Users`,
    merchants: `${prefix}Merchants`,
    paymentMethods: `${prefix}PaymentMethods`,
    products: `${prefix}Products`,
    fxRates: `${prefix}FxRates`,
  };
}
