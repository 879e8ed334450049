/**
 * The operations the IDE opens with, a module of its own (no DOM, no React) so a unit test can
 * validate them against the schema: a rename there would otherwise greet every new user with an error.
 */
export function defaultQuery(today: string): string {
  return `# Put your API key in the Headers tab below, then run (Ctrl-Enter).
query TopMerchants {
  topMerchants(date: "${today}", by: COUNT, limit: 5) {
    merchantId
    transactionCount
    totalSpendUsd
    merchant { name category }
  }
}

# Needs a fraud or admin key.
subscription Flagged {
  transactionFlagged(minRiskScore: 70) {
    id userId merchantId amount currency riskScore riskReasons
  }
}
`;
}
