import { NumberValue } from '@aws-sdk/lib-dynamodb';
import { readMoney } from '../../../src/datasources/dynamo/item-values';
import { toCents } from '../../../src/domain/money';

describe('readMoney', () => {
  test.each([
    ['12', '12.00'],
    ['12.5', '12.50'],
    ['12.05', '12.05'],
    ['0', '0.00'],
    ['-3.1', '-3.10'],
    ['-0', '0.00'],
    ['-0.0', '0.00'],
    ['123456789012345678.99', '123456789012345678.99'],
    // Not the two-decimal form: rounded half up, as before.
    ['1.005', '1.01'],
    ['-2.345', '-2.35'],
    ['1e2', '100.00'],
    ['007.5', '7.50'],
  ])('%s reads as %s', (stored, expected) => {
    expect(readMoney(NumberValue.from(stored))).toBe(expected);
  });

  test('null and absent stay null', () => {
    expect(readMoney(null)).toBeNull();
    expect(readMoney(undefined)).toBeNull();
  });

  test('agrees with the decimal.js rounding on generated amounts', () => {
    let seed = 7;
    const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648);
    for (let i = 0; i < 20_000; i++) {
      const units = String(next() % 1_000_000);
      const decimals = next() % 4;
      const fraction = decimals === 0 ? '' : `.${String(next() % 10 ** decimals).padStart(decimals, '0')}`;
      const text = `${next() % 5 === 0 ? '-' : ''}${units}${fraction}`;
      expect(readMoney(text)).toBe(toCents(text));
    }
  });
});
