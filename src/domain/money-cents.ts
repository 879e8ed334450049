/**
 * Exact money on integers for the enrichment hot path, where decimal.js was most of the cost.
 * An amount is a whole number of cents and a rate is a whole number over a power of ten, so
 * amount × rate is an integer product: exact in a double while it stays below 2^53, and in BigInt
 * beyond. Inputs outside what this module can prove exact give null, and the caller falls back to
 * decimal.js (money.ts), so the fast path never has to approximate.
 */

/** Longest canonical amount taken here: 15 digits of cents stay far below 2^53 as a double. */
const MAX_AMOUNT_CHARS = 16;
const AMOUNT_PATTERN = /^\d+\.\d\d$/;
const RATE_PATTERN = /^(\d+)(?:\.(\d+))?$/;
/**
 * 15 digits of amount and 25 of rate give a product of at most 40 significant digits, which is
 * what the decimal.js path computes without rounding (money.ts, precision 40), so both agree.
 */
const MAX_RATE_DIGITS = 25;
/** Divisors up to 10^15 keep remainder × 2 below 2^53, so the double arithmetic stays exact. */
const MAX_NUMBER_SCALE = 15;

/** A positive rate as units / 10^scale, e.g. "1.0815" → 10815 / 10^4. */
export interface ScaledRate {
  units: bigint;
  divisor: bigint;
  /** units and divisor as doubles when both are exact there; NaN otherwise (BigInt only). */
  unitsNumber: number;
  divisorNumber: number;
}

/** Cents of a canonical amount ("12.50" → 1250), or null for any other form. */
export function amountCents(amount: string): number | null {
  if (amount.length > MAX_AMOUNT_CHARS || !AMOUNT_PATTERN.test(amount)) return null;
  const dot = amount.length - 3;
  return Number(amount.slice(0, dot) + amount.slice(dot + 1));
}

/** A plain positive decimal rate ("1.0815", "0.006650", "1") scaled to integers; null otherwise. */
export function scaleRate(text: string): ScaledRate | null {
  const match = RATE_PATTERN.exec(text);
  if (match === null) return null;
  const fraction = match[2] ?? '';
  const digits = (match[1] + fraction).replace(/^0+/, '');
  if (digits.length === 0 || digits.length > MAX_RATE_DIGITS) return null;
  const units = BigInt(digits);
  const divisor = 10n ** BigInt(fraction.length);
  const exactInNumber = units <= BigInt(Number.MAX_SAFE_INTEGER) && fraction.length <= MAX_NUMBER_SCALE;
  return {
    units,
    divisor,
    unitsNumber: exactInNumber ? Number(units) : NaN,
    divisorNumber: exactInNumber ? Number(divisor) : NaN,
  };
}

/** "1234.05" from 123405 cents (non-negative). */
function formatCents(cents: number | bigint): string {
  const text = String(cents);
  if (text.length > 2) return `${text.slice(0, -2)}.${text.slice(-2)}`;
  return text.length === 2 ? `0.${text}` : `0.0${text}`;
}

/**
 * amount × rate rounded half up to cents, as text with two decimals: what
 * `toCents(multiply(amount, rate))` gives for the same inputs.
 */
export function convertCents(cents: number, rate: ScaledRate): string {
  const product = cents * rate.unitsNumber;
  // A double that is not above 2^53 - 1 is an exact integer product (NaN fails this test).
  if (product <= Number.MAX_SAFE_INTEGER) {
    const divisor = rate.divisorNumber;
    const remainder = product % divisor;
    const whole = (product - remainder) / divisor;
    return formatCents(remainder * 2 >= divisor ? whole + 1 : whole);
  }
  const exact = BigInt(cents) * rate.units;
  const remainder = exact % rate.divisor;
  const whole = exact / rate.divisor;
  return formatCents(remainder * 2n >= rate.divisor ? whole + 1n : whole);
}

/**
 * The smallest amount in cents whose conversion at `rate` reaches `usd` whole dollars:
 * cents × rate ≥ usd ⇔ cents ≥ ⌈usd × 100 / rate⌉. Lets the risk tiers compare integers.
 */
export function minCentsReaching(usd: bigint, rate: ScaledRate): number {
  const needed = usd * 100n * rate.divisor;
  const min = (needed + rate.units - 1n) / rate.units;
  return min > BigInt(Number.MAX_SAFE_INTEGER) ? Infinity : Number(min);
}
