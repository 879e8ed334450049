/**
 * Exact DECIMAL columns: FIXED_LEN_BYTE_ARRAY holding the unscaled value as big-endian two's
 * complement (the Parquet spec encoding that DuckDB, Spark and Athena read). Money never passes
 * through a float: text in, an unscaled integer to the encoder, bytes back out to text.
 */

export interface DecimalSpec {
  precision: number;
  scale: number;
}

/** Smallest byte width whose signed range holds every value of the given precision. */
export function decimalByteLength(precision: number): number {
  const max = 10n ** BigInt(precision) - 1n;
  let bytes = 1;
  while (max > (1n << BigInt(bytes * 8 - 1)) - 1n) bytes++;
  return bytes;
}

const DECIMAL_TEXT = /^(-?)(\d+)(?:\.(\d+))?$/;

/** "12.50" at scale 2 → 1250n. Throws when the text has more decimals or digits than the column holds. */
export function unscaledDecimal(text: string, spec: DecimalSpec): bigint {
  const match = DECIMAL_TEXT.exec(text);
  if (!match) throw new Error(`not a decimal string: ${JSON.stringify(text)}`);
  const [, sign, whole = '', fraction = ''] = match;
  if (fraction.length > spec.scale) {
    throw new Error(`decimal ${text} has more than ${spec.scale} decimals`);
  }
  const unscaled = BigInt(whole + fraction.padEnd(spec.scale, '0'));
  if (unscaled >= 10n ** BigInt(spec.precision)) {
    throw new Error(`decimal ${text} exceeds precision ${spec.precision}`);
  }
  return sign === '-' ? -unscaled : unscaled;
}

/** Buffer.readIntBE reads at most 6 bytes (48 bits), which a double holds exactly. */
const MAX_NUMBER_BYTES = 6;

/** Column bytes → decimal string with exactly `scale` decimals ("12.50", "-0.10"). */
export function decodeDecimal(bytes: Uint8Array, spec: DecimalSpec): string {
  let negative: boolean;
  let digits: string;
  if (bytes.length > 0 && bytes.length <= MAX_NUMBER_BYTES) {
    // The amount column (6 bytes): one integer read instead of a BigInt step per byte.
    const value = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).readIntBE(0, bytes.length);
    negative = value < 0;
    digits = String(negative ? -value : value);
  } else {
    let value = 0n;
    for (const byte of bytes) value = (value << 8n) | BigInt(byte);
    if (bytes.length > 0 && (bytes[0] as number) & 0x80) value -= 1n << BigInt(bytes.length * 8);
    negative = value < 0n;
    digits = (negative ? -value : value).toString();
  }
  digits = digits.padStart(spec.scale + 1, '0');
  const whole = digits.slice(0, digits.length - spec.scale);
  const fraction = spec.scale > 0 ? `.${digits.slice(digits.length - spec.scale)}` : '';
  return `${negative ? '-' : ''}${whole}${fraction}`;
}
