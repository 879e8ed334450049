import type { DayStats } from '../../domain/types';
import { decimalAttr, readInt, readMoney } from './item-values';

export function toStatsAttributes(stats: DayStats): Record<string, unknown> {
  return {
    transaction_count: stats.transaction_count,
    totals: stats.totals.map((t) => ({
      currency: t.currency,
      purchases: decimalAttr(t.purchases),
      refunds: decimalAttr(t.refunds),
      net: decimalAttr(t.net),
    })),
    total_spend_usd: decimalAttr(stats.total_spend_usd),
    max_risk_score: stats.max_risk_score,
    flagged_count: stats.flagged_count,
  };
}

export function fromStatsItem(item: Record<string, unknown>): DayStats {
  const totals = (item.totals as Record<string, unknown>[] | undefined) ?? [];
  return {
    transaction_count: readInt(item.transaction_count),
    totals: totals.map((t) => ({
      currency: t.currency as string,
      purchases: readMoney(t.purchases) ?? '0.00',
      refunds: readMoney(t.refunds) ?? '0.00',
      net: readMoney(t.net) ?? '0.00',
    })),
    total_spend_usd: readMoney(item.total_spend_usd),
    max_risk_score: readInt(item.max_risk_score),
    flagged_count: readInt(item.flagged_count),
  };
}
