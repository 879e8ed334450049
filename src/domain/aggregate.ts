/**
 * Daily aggregates (DESIGN §5) recomputed from scratch over one user's or merchant's transactions
 * of one UTC day. Recomputing from current states — never incrementing — is what keeps the stats
 * equal to the index after duplicates, re-deliveries, reordering and corrections.
 */
import type Decimal from 'decimal.js';
import type { CurrencyTotal, DayStats, EnrichedTransaction } from './types';
import { pickCurrent } from './current-state';
import { Dec, ZERO, toCents } from './money';

interface Sums {
  purchases: Decimal;
  refunds: Decimal;
}

/**
 * Stats over the given transactions (the caller selects the day and the user or merchant).
 * Every currency seen gets a totals row, even when only pending or failed transactions used it.
 * total_spend_usd is Σ (purchases − refunds) × rate per transaction, rounded to cents once at the
 * end, and null as soon as one completed purchase or refund has no rate.
 */
export function aggregateDay(transactions: readonly EnrichedTransaction[]): DayStats {
  const current = pickCurrent(transactions);
  const byCurrency = new Map<string, Sums>();
  let spendUsd: Decimal = ZERO;
  let rateMissing = false;
  let maxRisk = 0;
  let flagged = 0;

  for (const tx of current) {
    let sums = byCurrency.get(tx.currency);
    if (sums === undefined) {
      sums = { purchases: ZERO, refunds: ZERO };
      byCurrency.set(tx.currency, sums);
    }
    if (tx.risk_score > maxRisk) maxRisk = tx.risk_score;
    if (tx.flagged) flagged++;
    if (tx.status !== 'completed') continue;

    const isPurchase = tx.transaction_type === 'purchase';
    if (!isPurchase && tx.transaction_type !== 'refund') continue;
    const amount = new Dec(tx.amount);
    if (isPurchase) sums.purchases = sums.purchases.plus(amount);
    else sums.refunds = sums.refunds.plus(amount);

    if (tx.usd_rate === null) rateMissing = true;
    else if (!rateMissing) {
      const usd = amount.times(tx.usd_rate);
      spendUsd = isPurchase ? spendUsd.plus(usd) : spendUsd.minus(usd);
    }
  }

  const totals: CurrencyTotal[] = [...byCurrency.keys()].sort().map((currency) => {
    const sums = byCurrency.get(currency) as Sums;
    return {
      currency,
      purchases: toCents(sums.purchases),
      refunds: toCents(sums.refunds),
      net: toCents(sums.purchases.minus(sums.refunds)),
    };
  });

  return {
    transaction_count: current.length,
    totals,
    total_spend_usd: rateMissing ? null : toCents(spendUsd),
    max_risk_score: maxRisk,
    flagged_count: flagged,
  };
}
