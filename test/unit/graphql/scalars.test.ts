import Decimal from 'decimal.js';
import fc from 'fast-check';
import { Kind, type ValueNode } from 'graphql';
import { DateScalar, isValidDay } from '../../../src/schema/scalars/date.scalar';
import { DateTimeScalar } from '../../../src/schema/scalars/datetime.scalar';
import { DecimalScalar } from '../../../src/schema/scalars/decimal.scalar';

const str = (value: string): ValueNode => ({ kind: Kind.STRING, value });

describe('Decimal', () => {
  test.each([
    ['12.5', '12.50'],
    ['12.50', '12.50'],
    ['12', '12.00'],
    ['0.005', '0.01'],
    ['-3.1', '-3.10'],
    [7, '7.00'],
  ])('serialises %p as %p', (input, output) => {
    expect(DecimalScalar.serialize(input)).toBe(output);
  });

  test('money already in wire form goes out as the rounding path would print it', () => {
    const wireForm = fc.bigInt({ min: -(10n ** 20n) + 1n, max: 10n ** 20n - 1n }).map((cents) => {
      const digits = (cents < 0n ? -cents : cents).toString().padStart(3, '0');
      return `${cents < 0n ? '-' : ''}${digits.slice(0, -2)}.${digits.slice(-2)}`;
    });
    fc.assert(
      fc.property(wireForm, (text) => {
        expect(DecimalScalar.serialize(text)).toBe(new Decimal(text).toFixed(2, Decimal.ROUND_HALF_UP));
      }),
    );
    expect(DecimalScalar.serialize('-0.00')).toBe('0.00');
    expect(DecimalScalar.serialize('007.10')).toBe('7.10');
  });

  test.each([['abc'], [null], [{}], [Number.NaN]])('refuses to serialise %p', (input) => {
    expect(() => DecimalScalar.serialize(input)).toThrow(/Decimal cannot represent/);
  });

  test.each([
    ['12.5', '12.50'],
    [' 10 ', '10.00'],
    [42, '42.00'],
  ])('parses %p to %p', (input, output) => {
    expect(DecimalScalar.parseValue(input)).toBe(output);
  });

  test.each([['1.234'], ['1e3'], [1.5], ['']])('rejects input %p', (input) => {
    expect(() => DecimalScalar.parseValue(input)).toThrow(/Decimal must be/);
  });

  test('parses string and int literals', () => {
    expect(DecimalScalar.parseLiteral(str('9.9'))).toBe('9.90');
    expect(DecimalScalar.parseLiteral({ kind: Kind.INT, value: '3' })).toBe('3.00');
    expect(() => DecimalScalar.parseLiteral({ kind: Kind.FLOAT, value: '3.5' })).toThrow();
  });
});

describe('Date', () => {
  test.each([
    ['2026-03-01', true],
    ['2024-02-29', true],
    ['2025-02-29', false],
    ['2026-13-01', false],
    ['2026-02-30', false],
    ['2026-3-1', false],
    ['2026-03-01T00:00:00Z', false],
  ])('isValidDay(%p) is %p', (value, valid) => {
    expect(isValidDay(value)).toBe(valid);
  });

  test('parses and serialises days unchanged', () => {
    expect(DateScalar.parseValue('2026-03-01')).toBe('2026-03-01');
    expect(DateScalar.parseLiteral(str('2026-03-01'))).toBe('2026-03-01');
    expect(DateScalar.serialize('2026-03-01')).toBe('2026-03-01');
  });

  test('rejects a bad day with a message that shows it', () => {
    expect(() => DateScalar.parseLiteral(str('2026-13-01'))).toThrow('"2026-13-01" is not a valid Date');
    expect(() => DateScalar.parseValue(20260301)).toThrow(/not a valid Date/);
  });
});

describe('DateTime', () => {
  test.each([
    ['2026-03-01T23:59:59.999Z', '2026-03-01T23:59:59.999Z'],
    ['2026-03-01T01:00:00+01:00', '2026-03-01T00:00:00.000Z'],
    ['2024-01-15', '2024-01-15T00:00:00.000Z'],
    [Date.UTC(2026, 0, 1), '2026-01-01T00:00:00.000Z'],
  ])('serialises %p as %p', (input, output) => {
    expect(DateTimeScalar.serialize(input)).toBe(output);
  });

  test('a value in output form goes out as a Date would print it, days and hours that roll over included', () => {
    const instants = fc
      .date({
        min: new Date('0100-01-01T00:00:00Z'),
        max: new Date('9999-12-31T23:59:59.999Z'),
        noInvalidDate: true,
      })
      .map((d) => d.toISOString());
    fc.assert(fc.property(instants, (iso) => expect(DateTimeScalar.serialize(iso)).toBe(iso)));
    expect(DateTimeScalar.serialize('2026-02-30T10:00:00.000Z')).toBe('2026-03-02T10:00:00.000Z');
    expect(DateTimeScalar.serialize('2026-03-01T24:00:00.000Z')).toBe('2026-03-02T00:00:00.000Z');
    expect(() => DateTimeScalar.serialize('2026-03-01T23:60:00.000Z')).toThrow(/cannot represent/);
  });

  test('requires an offset on input, so local time is never taken for UTC', () => {
    expect(DateTimeScalar.parseValue('2026-03-01T10:00:00Z')).toBe('2026-03-01T10:00:00.000Z');
    expect(() => DateTimeScalar.parseValue('2026-03-01T10:00:00')).toThrow(/offset/);
    expect(() => DateTimeScalar.serialize('yesterday')).toThrow(/cannot represent/);
  });
});
