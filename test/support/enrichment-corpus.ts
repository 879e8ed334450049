/**
 * A deterministic corpus for comparing the enrichment hot path with its frozen reference
 * (test/support/reference-enrichment): dimension rows and raw events that between them reach every
 * branch of validation, joining, money conversion, risk scoring and JSON escaping — many amounts
 * and decimals, currencies with short, long and missing rates, refunds and every status, missing
 * dimensions, day boundaries and zone offsets, corrections and duplicates, odd text in ids,
 * dimensions and metadata, and some events that must be dead-lettered.
 */
import type { LogRecord } from '../../src/datasources/log/log';
import type { FxRateDim, MerchantDim, PaymentMethodDim, ProductDim, UserDim } from '../../src/domain/types';

/** mulberry32: small, fast and the same on every machine. */
export function createRng(seed: number) {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const chance = (p: number) => next() < p;
  return { next, int, pick, chance };
}
export type Rng = ReturnType<typeof createRng>;

/** Text that JSON.stringify escapes or that is not ASCII, next to plain text. */
export const ODD_TEXT = [
  'plain',
  'quote"inside',
  'back\\slash',
  'tab\tand\nnewline',
  'bell\u0007',
  'del\u007f',
  'café',
  'emoji 😀',
  'lone \ud800 surrogate',
  'trailing \udfff',
  '',
  '</script>',
  '\u2028line separator',
];

const SEGMENTS = ['standard', 'premium', 'business', 'highRiskSegment', null, ...ODD_TEXT];

export interface CorpusDimensions {
  users: UserDim[];
  merchants: MerchantDim[];
  payment_methods: PaymentMethodDim[];
  products: ProductDim[];
  fx_rates: FxRateDim[];
}

/**
 * Rates on every path of the integer money code: short (doubles), long (BigInt), too long to
 * prove exact (decimal.js), and a few a validated row could not hold but a lookup could.
 */
export const RATES: FxRateDim[] = [
  { currency: 'EUR', usd_rate: '1.0815' },
  { currency: 'GBP', usd_rate: '1.2650' },
  { currency: 'CAD', usd_rate: '0.7310' },
  { currency: 'JPY', usd_rate: '0.006650' },
  { currency: 'CHF', usd_rate: '1.123456789012345678' },
  { currency: 'SEK', usd_rate: '0.0000000000000000000001' },
  { currency: 'BHD', usd_rate: '2.659574468085106382978723404255319' },
  { currency: 'KWD', usd_rate: '3.25' },
  { currency: 'MXN', usd_rate: '0.05' },
  { currency: 'XAU', usd_rate: '2345.6789' },
  { currency: 'INR', usd_rate: '0.012' },
  { currency: 'IDR', usd_rate: '0.0000625' },
  { currency: 'USD', usd_rate: '2' },
  { currency: 'NOK', usd_rate: '0000.0950' },
  { currency: 'PLN', usd_rate: '1' },
  { currency: 'ZAR', usd_rate: '5e-2' },
  { currency: 'THB', usd_rate: 0.028 as unknown as string },
  { currency: 'HUF', usd_rate: '99999999.999999' },
];
/** Currencies with no fx_rates row at all. */
const UNRATED = ['CNY', 'BRL', 'TRY'];
export const CURRENCIES = ['USD', 'USD', 'USD', ...RATES.map((r) => r.currency), ...UNRATED];

export function corpusDimensions(rng: Rng): CorpusDimensions {
  const users: UserDim[] = Array.from({ length: 160 }, (_, i) => ({
    user_id: i === 7 ? 'u-"quoted"' : `u-${i}`,
    first_name: 'Ada',
    last_name: null,
    email: null,
    phone: null,
    country: 'GB',
    segment: rng.pick(SEGMENTS),
    // Validation keeps 0–100 or null; a lookup need not, and the odd ones take the decimal path.
    risk_score: rng.chance(0.1) ? null : rng.chance(0.04) ? rng.pick([41.5, -3, 250, 1e12]) : rng.int(0, 100),
    date_created: null,
    metadata: null,
  }));
  const merchants: MerchantDim[] = Array.from({ length: 90 }, (_, i) => ({
    merchant_id: i === 3 ? 'm-\u00e9' : `m-${i}`,
    merchant_name: rng.chance(0.1) ? null : rng.chance(0.3) ? rng.pick(ODD_TEXT) : `Merchant ${i}`,
    category: rng.chance(0.1) ? null : rng.pick(['grocery', 'travel', 'crypto', ...ODD_TEXT]),
    location: null,
    date_onboarded: null,
    risk_category: rng.pick(['low', 'medium', 'high', null] as const),
    status: rng.pick(['active', 'active', 'suspended', null] as const),
    metadata: null,
  }));
  const payment_methods: PaymentMethodDim[] = Array.from({ length: 30 }, (_, i) => ({
    payment_method_id: `pm-${i}`,
    method_type: rng.chance(0.15) ? null : rng.pick(['card', 'wallet', ...ODD_TEXT]),
    provider_name: rng.chance(0.15) ? null : rng.pick(['Visa', 'SEPA', ...ODD_TEXT]),
    metadata: null,
  }));
  const products: ProductDim[] = Array.from({ length: 60 }, (_, i) => ({
    product_id: `p-${i}`,
    name: `Product ${i}`,
    category: rng.chance(0.15) ? null : rng.pick(['drinks', 'books', ...ODD_TEXT]),
    price: '1.00',
    metadata: null,
  }));
  return { users, merchants, payment_methods, products, fx_rates: RATES.map((r) => ({ ...r })) };
}

const DAY_MS = 86_400_000;

function amount(rng: Rng): string | number {
  const kind = rng.int(0, 9);
  if (kind === 0) return rng.pick(['999.99', '1000.00', '1000', '9999.99', '10000', '10000.00', '0.01']);
  if (kind === 1) return rng.pick(['9999999999', '99999999.99', '1234567890.00', '0.5', '007.5', '00.01']);
  if (kind === 2) return rng.int(1, 99_999) / 100; // a JSON number with up to two decimals
  if (kind === 3) return rng.int(1, 2_000_000); // a whole JSON number
  // Around the converted tiers: 1,000 and 10,000 USD divided by some rate.
  if (kind === 4) return (rng.pick([924.64, 924.65, 9246.42, 9246.43, 790.51, 150375.94]) + 0).toFixed(2);
  const intDigits = rng.int(1, 8);
  const int = String(rng.int(1, 9)) + Array.from({ length: intDigits - 1 }, () => rng.int(0, 9)).join('');
  const decimals = rng.int(0, 2);
  const frac = Array.from({ length: decimals }, () => rng.int(0, 9)).join('');
  return decimals === 0 ? int : `${int}.${frac}`;
}

function timestamp(rng: Rng, nowMs: number): string | number {
  const kind = rng.int(0, 7);
  // Midnight ± a little: the day must follow the UTC date exactly.
  const midnight = Math.floor(nowMs / DAY_MS) * DAY_MS - rng.int(0, 400) * DAY_MS;
  if (kind === 0) return midnight + rng.pick([-1, 0, 1, -999, 999, DAY_MS - 1]);
  if (kind === 1) return rng.pick([0, 1, 951_782_400_000, 1_709_164_800_000]); // 1970, 2000-02-29, 2024-02-29
  if (kind === 2) {
    const ms = midnight + rng.pick([-1, 0, 1, 3_600_000]);
    return new Date(ms).toISOString().replace('.000Z', rng.pick(['Z', '.5Z', '.25Z', '.000Z']));
  }
  if (kind === 3) {
    // A local time whose UTC day differs from its written date.
    const offset = rng.pick(['+05:30', '-08:00', '+14:00', '-12:00', '+00:00']);
    return `2026-02-28T${rng.pick(['00:10', '23:50', '12:00'])}:07.123${offset}`;
  }
  if (kind === 4) return nowMs + rng.int(0, 23 * 3_600_000); // slightly in the future is allowed
  return midnight + rng.int(0, DAY_MS - 1);
}

function metadata(rng: Rng): unknown {
  const kind = rng.int(0, 9);
  if (kind === 0) return undefined;
  if (kind === 1) return null;
  if (kind === 2) return {};
  if (kind === 3) return { note: rng.pick(ODD_TEXT), nested: { list: [1, 2.5, -0, 1e21, true, null, 'x'] } };
  if (kind === 4) return { extra: { kept: 'yes' }, channel: 'app' };
  if (kind === 5) return { deep: { a: { b: { c: [{ d: rng.pick(ODD_TEXT) }] } } } };
  return { channel: rng.pick(['web', 'pos', 'app']) };
}

function id(rng: Rng, prefix: string, known: number): string {
  if (rng.chance(0.04)) return `${prefix}${rng.pick(ODD_TEXT)}`.slice(0, 36) || `${prefix}x`;
  if (rng.chance(0.06)) return `${prefix}missing-${rng.int(0, 5)}`;
  return `${prefix}${rng.int(0, known - 1)}`;
}

/** One raw event as a JSON-ready object (possibly one that validation must reject). */
export function rawEvent(rng: Rng, nowMs: number, seq: number): Record<string, unknown> {
  const event: Record<string, unknown> = {
    transaction_id: rng.chance(0.1) ? `tx-${rng.int(0, seq)}` : `tx-${seq}${rng.chance(0.03) ? '"é' : ''}`,
    user_id: rng.chance(0.01) ? 'u-"quoted"' : id(rng, 'u-', 160),
    merchant_id: rng.chance(0.01) ? 'm-\u00e9' : id(rng, 'm-', 90),
    payment_method_id: id(rng, 'pm-', 30),
    amount: amount(rng),
    currency: rng.pick(CURRENCIES),
    transaction_type: rng.pick(['purchase', 'purchase', 'refund', 'chargeback', 'adjustment']),
    timestamp: timestamp(rng, nowMs),
    status: rng.pick(['completed', 'completed', 'pending', 'failed', 'reversed']),
  };
  const product = rng.int(0, 3);
  if (product === 1) event.product_id = null;
  if (product >= 2) event.product_id = id(rng, 'p-', 60);
  const flag = rng.int(0, 5);
  if (flag === 0) event.fraud_flag = true;
  if (flag === 1) event.fraud_flag = false;
  if (flag === 2) event.fraud_flag = null;
  const version = rng.int(0, 6);
  if (version === 0) event.version = 0;
  if (version === 1) event.version = rng.int(1, 20);
  if (version === 2) event.version = Number.MAX_SAFE_INTEGER;
  const meta = metadata(rng);
  if (meta !== undefined) event.metadata = meta;
  if (rng.chance(0.05)) event.source_system = rng.pick(ODD_TEXT); // unknown field → metadata.extra
  // Some damage, so dead letters are compared too.
  if (rng.chance(0.03)) event.amount = rng.pick(['0', '1.005', '-5', '12345678901', 'abc', 1e-7]);
  if (rng.chance(0.01)) event.currency = rng.pick(['usd', 'HRK', 'EURO']);
  if (rng.chance(0.01)) event.timestamp = rng.pick([nowMs + 2 * DAY_MS, -1, '2026-02-30T00:00:00Z']);
  return event;
}

/** The event's bytes as a producer might send them: usually JSON.stringify, sometimes not. */
export function eventBytes(rng: Rng, event: Record<string, unknown>): Buffer {
  let json = JSON.stringify(event);
  // An unknown "__proto__" field must stay data in metadata.extra; an object literal cannot say it.
  if (rng.chance(0.01)) json = `${json.slice(0, -1)},"__proto__":{"polluted":true}}`;
  const kind = rng.int(0, 99);
  if (kind === 0) return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(json)]); // BOM
  if (kind === 1) return Buffer.from(JSON.stringify(event, null, 2)); // whitespace
  if (kind === 2)
    return Buffer.from(
      json.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`),
    );
  if (kind === 3) return Buffer.from([0x7b, 0xff, 0x7d]); // not UTF-8
  if (kind === 4) return Buffer.from(json.slice(0, -1)); // not JSON
  return Buffer.from(json);
}

export function logRecord(rng: Rng, value: Buffer, seq: number): LogRecord {
  const wide = rng.chance(0.05);
  return {
    topic: 'transactions',
    partition: wide ? rng.pick([0, 99_999, 12_345]) : seq % 12,
    offset: wide ? rng.pick(['0', '99999999999999999999', '00042']) : String(seq),
    timestamp: wide ? rng.pick([0, 9_999_999_999_999, 1_000_000]) : 1_772_000_000_000 + seq * 7,
    key: null,
    value,
    headers: {},
  };
}
