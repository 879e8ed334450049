import {
  decimalByteLength,
  decodeDecimal,
  encodeDecimal,
} from '../../../src/datasources/lake/parquet/decimal-column';

const AMOUNT = { precision: 12, scale: 2 };
const USD = { precision: 18, scale: 2 };

describe('exact DECIMAL columns', () => {
  test('byte widths are the smallest that hold the precision', () => {
    expect(decimalByteLength(12)).toBe(6);
    expect(decimalByteLength(18)).toBe(8);
    expect(decimalByteLength(2)).toBe(1);
  });

  test.each([
    ['0.10', '0.10'],
    ['0.29', '0.29'],
    ['1.15', '1.15'],
    ['12.5', '12.50'],
    ['7', '7.00'],
    ['9999999999.99', '9999999999.99'],
    ['-0.01', '-0.01'],
    ['-9999999999.99', '-9999999999.99'],
  ])('%s round-trips as %s', (input, output) => {
    expect(decodeDecimal(encodeDecimal(input, AMOUNT), AMOUNT)).toBe(output);
  });

  test('wider columns keep every digit', () => {
    expect(decodeDecimal(encodeDecimal('9999999999999999.99', USD), USD)).toBe('9999999999999999.99');
  });

  test.each(['1.001', '10000000000.00', '1e3', '', ' 1.00', 'NaN'])(
    'rejects %j instead of rounding it',
    (bad) => {
      expect(() => encodeDecimal(bad, AMOUNT)).toThrow();
    },
  );
});
