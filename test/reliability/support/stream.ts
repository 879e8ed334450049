/**
 * A known stream of raw events with exact duplicates, corrections (some moving a transaction to
 * another day) and invalid events, and an independent recomputation of what the index and the daily
 * aggregates must hold afterwards. It deliberately shares no code with src/domain: a bug there must
 * not be able to hide itself by being used to compute the expectation.
 */
import Decimal from 'decimal.js';

export interface RawEvent {
  transaction_id: string;
  user_id: string;
  merchant_id: string;
  payment_method_id: string;
  amount: string;
  currency: string;
  transaction_type: string;
  timestamp: string;
  status: string;
  fraud_flag: boolean;
  version: number;
}

export interface Offered {
  line: string;
  /** null for an event the validator must turn away. */
  event: RawEvent | null;
}

export interface ExpectedTransaction {
  user_id: string;
  merchant_id: string;
  day: string;
  amount: string;
  currency: string;
  transaction_type: string;
  status: string;
  version: number;
  risk_score: number;
  flagged: boolean;
}

export interface ExpectedDay {
  transaction_count: number;
  totals: { currency: string; purchases: string; refunds: string; net: string }[];
  total_spend_usd: string | null;
  max_risk_score: number;
  flagged_count: number;
}

const CURRENCIES = ['USD', 'EUR', 'GBP'];
const TYPES = ['purchase', 'purchase', 'purchase', 'refund', 'chargeback', 'adjustment'];
const STATUSES = ['completed', 'completed', 'completed', 'pending', 'failed', 'reversed'];
const DAY0 = Date.parse('2026-03-01T00:00:00Z');

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function generateStream(count: number, seed = 7): Offered[] {
  const rnd = mulberry32(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const cents = () => {
    // Spread over the risk tiers (< 1,000, ≥ 1,000, ≥ 10,000).
    const tier = rnd();
    const max = tier < 0.8 ? 100_000 : tier < 0.95 ? 1_000_000 : 3_000_000;
    return (1 + Math.floor(rnd() * max)) / 100;
  };
  const timestamp = () => new Date(DAY0 + Math.floor(rnd() * 3 * 86_400_000)).toISOString();
  const latest = new Map<string, RawEvent>();
  const emitted: RawEvent[] = [];
  const out: Offered[] = [];
  for (let i = 0; i < count; i++) {
    const r = rnd();
    if (r < 0.1 && emitted.length > 0) {
      const again = emitted[Math.floor(rnd() * emitted.length)] as RawEvent;
      out.push({ line: JSON.stringify(again), event: again });
      continue;
    }
    if (r < 0.2 && latest.size > 0) {
      const base = emitted[Math.floor(rnd() * emitted.length)] as RawEvent;
      const prev = latest.get(base.transaction_id) as RawEvent;
      const next: RawEvent = {
        ...prev,
        version: prev.version + 1,
        amount: cents().toFixed(2),
        status: pick(STATUSES),
        ...(rnd() < 0.3 ? { timestamp: timestamp() } : {}),
      };
      latest.set(next.transaction_id, next);
      emitted.push(next);
      out.push({ line: JSON.stringify(next), event: next });
      continue;
    }
    if (r < 0.22) {
      const bad = [
        { amount: '1.005' },
        { currency: 'ABC' },
        { amount: '-5.00' },
        { amount: '0' },
        { transaction_type: 'gift' },
      ][i % 5];
      out.push({ line: JSON.stringify({ ...freshEvent(`bad-${i}`), ...bad }), event: null });
      continue;
    }
    const event = freshEvent(`c-${i}`);
    latest.set(event.transaction_id, event);
    emitted.push(event);
    out.push({ line: JSON.stringify(event), event });
  }
  return out;

  function freshEvent(id: string): RawEvent {
    return {
      transaction_id: id,
      user_id: `u-${Math.floor(rnd() * 200)}`,
      merchant_id: `m-${Math.floor(rnd() * 50)}`,
      payment_method_id: `pm-${Math.floor(rnd() * 20)}`,
      amount: cents().toFixed(2),
      currency: pick(CURRENCIES),
      transaction_type: pick(TYPES),
      timestamp: timestamp(),
      status: pick(STATUSES),
      fraud_flag: rnd() < 0.05,
      version: 0,
    };
  }
}

/**
 * DESIGN §4 risk with no dimensions loaded: missing user 0.6 × 50, missing merchant 10, amount
 * tiers on the raw amount (no FX rate), fraud flag 30; flagged at 70.
 */
function riskOf(e: RawEvent): number {
  const amount = Number(e.amount);
  return 40 + (amount >= 10_000 ? 20 : amount >= 1_000 ? 10 : 0) + (e.fraud_flag ? 30 : 0);
}

export function expectedState(offered: readonly Offered[]): {
  transactions: Map<string, ExpectedTransaction>;
  userDays: Map<string, ExpectedDay>;
  merchantDays: Map<string, ExpectedDay>;
  invalid: number;
} {
  const current = new Map<string, RawEvent>();
  let invalid = 0;
  for (const { event } of offered) {
    if (!event) {
      invalid++;
      continue;
    }
    const prev = current.get(event.transaction_id);
    if (!prev || event.version >= prev.version) current.set(event.transaction_id, event);
  }
  const transactions = new Map<string, ExpectedTransaction>();
  for (const [id, e] of current) {
    const risk = riskOf(e);
    transactions.set(id, {
      user_id: e.user_id,
      merchant_id: e.merchant_id,
      day: e.timestamp.slice(0, 10),
      amount: e.amount,
      currency: e.currency,
      transaction_type: e.transaction_type,
      status: e.status,
      version: e.version,
      risk_score: risk,
      flagged: e.fraud_flag || risk >= 70,
    });
  }
  const group = (keyOf: (t: ExpectedTransaction) => string) => {
    const days = new Map<string, ExpectedTransaction[]>();
    for (const t of transactions.values()) {
      const key = `${keyOf(t)}|${t.day}`;
      days.set(key, [...(days.get(key) ?? []), t]);
    }
    return new Map([...days].map(([key, ts]) => [key, aggregate(ts)]));
  };
  return {
    transactions,
    userDays: group((t) => t.user_id),
    merchantDays: group((t) => t.merchant_id),
    invalid,
  };
}

function aggregate(ts: readonly ExpectedTransaction[]): ExpectedDay {
  const sums = new Map<string, { p: Decimal; r: Decimal }>();
  // USD is worth 1 USD whatever the tables say; no other rate is loaded, so other money is unknown.
  let usd = new Decimal(0);
  let rateMissing = false;
  for (const t of ts) {
    const s = sums.get(t.currency) ?? { p: new Decimal(0), r: new Decimal(0) };
    sums.set(t.currency, s);
    if (t.status !== 'completed') continue;
    if (t.transaction_type === 'purchase') s.p = s.p.plus(t.amount);
    else if (t.transaction_type === 'refund') s.r = s.r.plus(t.amount);
    else continue;
    if (t.currency !== 'USD') rateMissing = true;
    else usd = t.transaction_type === 'purchase' ? usd.plus(t.amount) : usd.minus(t.amount);
  }
  return {
    transaction_count: ts.length,
    totals: [...sums.keys()].sort().map((currency) => {
      const s = sums.get(currency) as { p: Decimal; r: Decimal };
      return { currency, purchases: s.p.toFixed(2), refunds: s.r.toFixed(2), net: s.p.minus(s.r).toFixed(2) };
    }),
    total_spend_usd: rateMissing ? null : usd.toFixed(2),
    max_risk_score: Math.max(0, ...ts.map((t) => t.risk_score)),
    flagged_count: ts.filter((t) => t.flagged).length,
  };
}
