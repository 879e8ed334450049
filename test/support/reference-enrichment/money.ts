// Frozen copy of src/domain/money.ts at 7e0dc0f, the reference for enrichment-equivalence.test.ts (see README.md).
import Decimal from 'decimal.js';

/**
 * A private Decimal constructor: 40 significant digits cover any amount (≤ 10 digits) times any
 * realistic rate with room to spare, and cloning keeps the global Decimal untouched for other
 * modules and libraries.
 */
export const Dec = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });

export const ZERO = new Dec(0);

/** Round half up to exactly two decimals: "12.50", "0.00", "-3.10". Never returns "-0.00". */
export function toCents(d: Decimal | string): string {
  const rounded = new Dec(d).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
  // decimal.js keeps the sign of a negative value that rounds to zero, which would print "-0.00".
  return rounded.isZero() ? '0.00' : rounded.toFixed(2);
}

/** amount × rate, exact (no rounding), for amounts and rates held as decimal strings. */
export function multiply(amount: Decimal.Value, rate: Decimal.Value): Decimal {
  return new Dec(amount).times(rate);
}

const AMOUNT_PATTERN = /^\d+(\.\d{1,2})?$/;
const POSITIVE_DECIMAL_PATTERN = /^\d+(\.\d+)?$/;
const MAX_AMOUNT_DIGITS = 10;

/**
 * The canonical text of a JSON number, or null when it has no plain decimal form. String() is the
 * shortest round-trip form, so 12.5 → "12.5" and 10.555 → "10.555" (what the sender wrote), while
 * 1e21 and 1e-7 print with an exponent and are refused rather than silently expanded.
 */
function numberText(value: number): string | null {
  if (!Number.isFinite(value)) return null;
  const text = String(value);
  return text.includes('e') ? null : text;
}

/**
 * DESIGN §2 amount rule: a decimal string or finite number, > 0, at most 2 decimals and at most
 * 10 significant digits. Returns the amount with exactly two decimals, or null when invalid.
 *
 * Digits are counted on the value (leading integer zeros and trailing fraction zeros ignored) so
 * that a normalised amount such as "1234567890.00" validates again when it is replayed.
 */
export function normalizeAmount(value: unknown): string | null {
  let text: string | null;
  if (typeof value === 'string') text = value;
  else if (typeof value === 'number') text = numberText(value);
  else return null;
  if (text === null || !AMOUNT_PATTERN.test(text)) return null;

  const dot = text.indexOf('.');
  const intPart = dot === -1 ? text : text.slice(0, dot);
  const fracPart = dot === -1 ? '' : text.slice(dot + 1);
  let firstSignificant = 0;
  while (firstSignificant < intPart.length && intPart.charCodeAt(firstSignificant) === 48) firstSignificant++;
  let fracDigits = fracPart.length;
  while (fracDigits > 0 && fracPart.charCodeAt(fracDigits - 1) === 48) fracDigits--;
  const intDigits = intPart.length - firstSignificant;
  if (intDigits === 0 && fracDigits === 0) return null; // zero
  if (intDigits + fracDigits > MAX_AMOUNT_DIGITS) return null;

  const intCanonical = intDigits === 0 ? '0' : intPart.slice(firstSignificant);
  return `${intCanonical}.${fracPart.padEnd(2, '0')}`;
}

/**
 * A positive decimal of any scale (prices, FX rates), kept exactly as the sender wrote it when it
 * is a string; numbers use their shortest round-trip text. Exponents are refused. Null if invalid.
 */
export function positiveDecimalText(value: unknown): string | null {
  let text: string | null;
  if (typeof value === 'string') text = value;
  else if (typeof value === 'number') text = numberText(value);
  else return null;
  if (text === null || !POSITIVE_DECIMAL_PATTERN.test(text)) return null;
  return new Dec(text).isZero() ? null : text;
}
