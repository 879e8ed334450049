import Decimal from 'decimal.js';
import { isIsoCurrency } from '../../../src/domain/currencies';
import { Dec, multiply, normalizeAmount, positiveDecimalText, toCents } from '../../../src/domain/money';

describe('toCents', () => {
  test.each<[Decimal | string, string]>([
    ['12.5', '12.50'],
    ['0', '0.00'],
    ['-3.1', '-3.10'],
    ['0.005', '0.01'],
    ['0.00499999', '0.00'],
    ['-0.004', '0.00'],
    ['-0.005', '-0.01'],
    ['1.005', '1.01'],
    ['10.855', '10.86'],
    ['123456789012345678901234567890.125', '123456789012345678901234567890.13'],
    [new Dec('0.1').plus('0.2'), '0.30'],
    [new Decimal('2.675'), '2.68'],
  ])('%s → %s', (input, expected) => {
    expect(toCents(input)).toBe(expected);
  });

  test('does not change the global Decimal configuration', () => {
    expect(Decimal.precision).toBe(20);
    expect(Decimal.rounding).toBe(Decimal.ROUND_HALF_UP);
    expect(Dec.precision).toBe(40);
  });

  test('multiply is exact', () => {
    expect(multiply('0.01', '1.005').toString()).toBe('0.01005');
    expect(multiply('9999999999', '1.23456789').toString()).toBe('12345678898.76543211');
  });
});

describe('normalizeAmount and positiveDecimalText', () => {
  test.each<[unknown, string | null, string | null]>([
    ['12.5', '12.50', '12.5'],
    [12.5, '12.50', '12.5'],
    ['1.0850', null, '1.0850'],
    [0.000123, null, '0.000123'],
    ['0', null, null],
    [0, null, null],
    ['1e3', null, null],
    [1e21, null, null],
    [-1, null, null],
    [null, null, null],
  ])('%p → amount %p, decimal %p', (input, amount, decimal) => {
    expect(normalizeAmount(input)).toBe(amount);
    expect(positiveDecimalText(input)).toBe(decimal);
  });
});

describe('isIsoCurrency', () => {
  test.each<[string, boolean]>([
    ['USD', true],
    ['EUR', true],
    ['JPY', true],
    ['XCG', true],
    ['ZWG', true],
    ['SLE', true],
    ['usd', false],
    ['Usd', false],
    ['ABC', false],
    ['HRK', false],
    ['', false],
    ['USDX', false],
  ])('%s → %s', (code, expected) => {
    expect(isIsoCurrency(code)).toBe(expected);
  });
});
