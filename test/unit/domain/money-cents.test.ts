import { Dec, multiply, toCents } from '../../../src/domain/money';
import { amountCents, convertCents, minCentsReaching, scaleRate } from '../../../src/domain/money-cents';
import { createRng, type Rng } from '../../support/enrichment-corpus';

function digits(rng: Rng, n: number): string {
  return Array.from({ length: n }, () => rng.int(0, 9)).join('');
}

describe('amountCents', () => {
  test.each<[string, number | null]>([
    ['12.50', 1250],
    ['0.05', 5],
    ['0.00', 0],
    ['1234567890.00', 123_456_789_000],
    ['9999999999999.99', 999_999_999_999_999],
    ['99999999999999.99', null], // too long to stay exact here
    ['12.5', null],
    ['12', null],
    ['.50', null],
    ['1e3.00', null],
    ['-1.00', null],
  ])('%s → %p', (amount, cents) => {
    expect(amountCents(amount)).toBe(cents);
  });
});

describe('scaleRate', () => {
  test.each<[string, boolean]>([
    ['1', true],
    ['1.0815', true],
    ['0.006650', true],
    ['0000.0950', true],
    ['1234567890123456789012345', true], // 25 digits
    ['12345678901234567890123456', false], // 26: the decimal.js path keeps it
    ['0', false],
    ['0.000', false],
    ['1e-2', false],
    ['-1', false],
    ['1.', false],
    ['', false],
  ])('%s → exact on integers: %p', (text, scaled) => {
    expect(scaleRate(text) !== null).toBe(scaled);
  });
});

describe('convertCents equals toCents(multiply(amount, rate))', () => {
  const rates = ['1', '1.0815', '1.2650', '0.7310', '0.006650', '0.5', '0.005', '2.675', '1.005'];
  test('every amount from 0.01 to 20.00 at half-cent-prone rates', () => {
    const wrong: string[] = [];
    for (const rate of rates) {
      const scaled = scaleRate(rate)!;
      for (let cents = 1; cents <= 2000; cents++) {
        const amount = (cents / 100).toFixed(2);
        if (convertCents(cents, scaled) !== toCents(multiply(amount, rate)))
          wrong.push(`${amount} × ${rate}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  test('50,000 random amounts and rates, on doubles and on BigInt', () => {
    const rng = createRng(21);
    const wrong: string[] = [];
    let bigint = 0;
    for (let i = 0; i < 50_000; i++) {
      const amount = `${rng.int(1, 9)}${digits(rng, rng.int(0, 12))}.${digits(rng, 2)}`;
      const units = `${rng.int(1, 9)}${digits(rng, rng.int(0, 24))}`;
      const scale = rng.int(0, 22);
      const rate =
        scale === 0 ? units : `${units.slice(0, -scale) || '0'}.${units.slice(-scale).padStart(scale, '0')}`;
      const scaled = scaleRate(rate)!;
      const cents = amountCents(amount)!;
      if (!(cents * scaled.unitsNumber <= Number.MAX_SAFE_INTEGER)) bigint++;
      if (convertCents(cents, scaled) !== toCents(multiply(amount, rate))) wrong.push(`${amount} × ${rate}`);
    }
    expect(wrong).toEqual([]);
    expect(bigint).toBeGreaterThan(10_000); // both arithmetic paths were exercised
    expect(bigint).toBeLessThan(45_000);
  });
});

describe('minCentsReaching', () => {
  test('is the exact threshold of amount × rate ≥ usd', () => {
    const rates = ['1', '1.0815', '0.006650', '3.25', '0.0000625', '2345.6789', '1.123456789012345678', '7'];
    for (const rate of rates) {
      for (const usd of [1000n, 10_000n]) {
        const min = minCentsReaching(usd, scaleRate(rate)!);
        const usdOf = (cents: number) => new Dec(cents).div(100).times(rate);
        expect(usdOf(min).gte(usd.toString())).toBe(true);
        expect(usdOf(min - 1).gte(usd.toString())).toBe(false);
      }
    }
  });
});
