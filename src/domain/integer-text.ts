const HALF = 1e7;
const ZEROS = '0000000';

/**
 * `String(value)`, faster for a large non-negative safe integer. Epoch milliseconds are not small
 * integers to V8, and printing one as a double is several times slower than printing two small
 * halves, which matters when every event carries two of them.
 */
export function integerText(value: number): string {
  if (value < HALF || !Number.isSafeInteger(value)) return String(value);
  const high = Math.floor(value / HALF);
  const low = String(value - high * HALF);
  return String(high) + ZEROS.slice(low.length) + low;
}
