import { TRANSACTION_TYPES, type EnrichedTransaction } from '../domain/types';
import { BadUserInputError } from './errors';

/** Live-feed filtering, pure so it can be tested by table. Absent or empty criteria match everything. */

export interface LiveFilter {
  userId?: string | null;
  merchantId?: string | null;
  minRiskScore?: number | null;
  types?: readonly string[] | null;
  currencies?: readonly string[] | null;
}

function inList(value: string, list: readonly string[] | null | undefined): boolean {
  if (!list || list.length === 0) return true;
  const wanted = value.toUpperCase();
  return list.some((item) => item.toUpperCase() === wanted);
}

export function matchesTransactionFilter(
  tx: EnrichedTransaction,
  filter: LiveFilter | null | undefined,
): boolean {
  if (!filter) return true;
  if (filter.userId != null && tx.user_id !== filter.userId) return false;
  if (filter.merchantId != null && tx.merchant_id !== filter.merchantId) return false;
  if (filter.minRiskScore != null && tx.risk_score < filter.minRiskScore) return false;
  return inList(tx.transaction_type, filter.types) && inList(tx.currency, filter.currencies);
}

export function matchesFlagged(tx: EnrichedTransaction, minRiskScore: number | null | undefined): boolean {
  return tx.flagged && (minRiskScore == null || tx.risk_score >= minRiskScore);
}

/**
 * Rejects filters that could never match (a risk score outside 0–100, an unknown type, a malformed
 * currency) so a typo is an error at subscribe time rather than a silent, empty feed.
 */
export function validateLiveFilter(filter: LiveFilter | null | undefined, prefix = 'filter.'): void {
  if (!filter) return;
  const score = filter.minRiskScore;
  if (score != null && (!Number.isInteger(score) || score < 0 || score > 100)) {
    throw new BadUserInputError(`${prefix}minRiskScore`, `"${prefix}minRiskScore" must be between 0 and 100`);
  }
  const badType = filter.types?.find(
    (type) => !(TRANSACTION_TYPES as readonly string[]).includes(type.toLowerCase()),
  );
  if (badType !== undefined) {
    throw new BadUserInputError(
      `${prefix}types`,
      `"${prefix}types" has unknown type "${badType}" (expected ${TRANSACTION_TYPES.join(', ')})`,
    );
  }
  const badCurrency = filter.currencies?.find((currency) => !/^[A-Za-z]{3}$/.test(currency));
  if (badCurrency !== undefined) {
    throw new BadUserInputError(
      `${prefix}currencies`,
      `"${prefix}currencies" has "${badCurrency}", not an ISO 4217 code`,
    );
  }
}
