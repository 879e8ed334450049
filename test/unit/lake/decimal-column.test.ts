import {
  decimalByteLength,
  decodeDecimal,
  unscaledDecimal,
} from '../../../src/datasources/lake/parquet/decimal-column';

const AMOUNT = { precision: 12, scale: 2 };
const USD = { precision: 38, scale: 2 };

/** Big-endian two's complement of `value` in `length` bytes, as the Parquet spec stores DECIMAL. */
function specBytes(value: bigint, length: number): Uint8Array {
  let twos = value < 0n ? (1n << BigInt(length * 8)) + value : value;
  const out = new Uint8Array(length);
  for (let i = length - 1; i >= 0; i--) {
    out[i] = Number(twos & 0xffn);
    twos >>= 8n;
  }
  return out;
}

describe('exact DECIMAL columns', () => {
  test('byte widths are the smallest that hold the precision', () => {
    expect(decimalByteLength(12)).toBe(6);
    expect(decimalByteLength(18)).toBe(8);
    expect(decimalByteLength(38)).toBe(16);
    expect(decimalByteLength(2)).toBe(1);
  });

  test.each([
    ['0.10', 10n, '0.10'],
    ['0.29', 29n, '0.29'],
    ['1.15', 115n, '1.15'],
    ['12.5', 1250n, '12.50'],
    ['7', 700n, '7.00'],
    ['9999999999.99', 999999999999n, '9999999999.99'],
    ['-0.01', -1n, '-0.01'],
    ['-9999999999.99', -999999999999n, '-9999999999.99'],
  ])('%s is stored unscaled as %s and reads back as %s', (input, unscaled, output) => {
    expect(unscaledDecimal(input, AMOUNT)).toBe(unscaled);
    expect(decodeDecimal(specBytes(unscaled, decimalByteLength(AMOUNT.precision)), AMOUNT)).toBe(output);
  });

  test.each([
    ['99999999999999999999999999999999999.99', 9999999999999999999999999999999999999n],
    ['-99999999989999999999.01', -9999999998999999999901n],
    ['0.00', 0n],
  ])('wider columns keep every digit: %s', (text, unscaled) => {
    expect(unscaledDecimal(text, USD)).toBe(unscaled);
    expect(decodeDecimal(specBytes(unscaled, 16), USD)).toBe(text);
  });

  test('bytes read from a subarray of a larger buffer decode from their own offset', () => {
    const file = new Uint8Array([0xaa, ...specBytes(-1250n, 6), 0xbb]);
    expect(decodeDecimal(file.subarray(1, 7), AMOUNT)).toBe('-12.50');
  });

  test.each(['1.001', '10000000000.00', '1e3', '', ' 1.00', 'NaN'])(
    'rejects %j instead of rounding it',
    (bad) => {
      expect(() => unscaledDecimal(bad, AMOUNT)).toThrow();
    },
  );
});
