import { parseRawEvent, validateRawTransaction } from '../../../src/domain/validation';
import type { RawTransaction } from '../../../src/domain/types';
import { DAY_MS, NOW, wireEvent } from './fixtures';

const opts = { nowMs: NOW };

function accept(input: unknown): RawTransaction {
  const result = validateRawTransaction(input, opts);
  if (!result.ok) throw new Error(`rejected: ${JSON.stringify(result.error)}`);
  return result.value;
}

describe('validateRawTransaction accepts and normalises', () => {
  test('the base event, in full', () => {
    expect(accept(wireEvent())).toEqual({
      transaction_id: 'tx-1',
      user_id: 'u-1',
      merchant_id: 'm-1',
      payment_method_id: 'pm-1',
      product_id: 'p-1',
      amount: '12.50',
      currency: 'EUR',
      transaction_type: 'purchase',
      timestamp: '2026-03-01T10:00:00.000Z',
      timestamp_ms: Date.UTC(2026, 2, 1, 10),
      day: '2026-03-01',
      status: 'completed',
      fraud_flag: false,
      metadata: { channel: 'web' },
      version: 0,
    });
  });

  test.each<[string, unknown, string]>([
    ['string with one decimal', '12.5', '12.50'],
    ['number 12.5', 12.5, '12.50'],
    ['integer string', '100', '100.00'],
    ['integer number', 100, '100.00'],
    ['0.1 (float trap)', 0.1, '0.10'],
    ['0.2 as string', '0.2', '0.20'],
    ['smallest', '0.01', '0.01'],
    ['leading zeros dropped', '007.5', '7.50'],
    ['ten integer digits', '1234567890', '1234567890.00'],
    ['normalised ten digits re-validates', '1234567890.00', '1234567890.00'],
    ['eight + two digits', '99999999.99', '99999999.99'],
    ['leading zeros do not count', '000001234567890', '1234567890.00'],
  ])('amount: %s', (_name, amount, expected) => {
    expect(accept(wireEvent({ amount })).amount).toBe(expected);
  });

  test.each<[string, unknown, string, string]>([
    ['Z', '2026-03-01T10:00:00Z', '2026-03-01T10:00:00.000Z', '2026-03-01'],
    [
      '+02:00 moves to the previous UTC day',
      '2026-03-01T01:30:00+02:00',
      '2026-02-28T23:30:00.000Z',
      '2026-02-28',
    ],
    [
      '-02:00 moves to the next UTC day',
      '2026-02-28T23:30:00-02:00',
      '2026-03-01T01:30:00.000Z',
      '2026-03-01',
    ],
    ['+05:45 minutes offset', '2026-03-01T05:45:00+05:45', '2026-03-01T00:00:00.000Z', '2026-03-01'],
    ['last millisecond of a day', '2026-02-28T23:59:59.999Z', '2026-02-28T23:59:59.999Z', '2026-02-28'],
    ['first millisecond of the next', '2026-03-01T00:00:00.000Z', '2026-03-01T00:00:00.000Z', '2026-03-01'],
    ['one fractional digit', '2026-03-01T10:00:00.5Z', '2026-03-01T10:00:00.500Z', '2026-03-01'],
    ['leap day', '2024-02-29T12:00:00Z', '2024-02-29T12:00:00.000Z', '2024-02-29'],
    ['epoch ms', Date.UTC(2026, 1, 28, 23, 59, 59, 999), '2026-02-28T23:59:59.999Z', '2026-02-28'],
    ['epoch ms, next day', Date.UTC(2026, 2, 1), '2026-03-01T00:00:00.000Z', '2026-03-01'],
    ['epoch zero', 0, '1970-01-01T00:00:00.000Z', '1970-01-01'],
    ['exactly now + 24h', NOW + DAY_MS, '2026-03-02T12:00:00.000Z', '2026-03-02'],
  ])('timestamp: %s', (_name, timestamp, iso, day) => {
    const value = accept(wireEvent({ timestamp }));
    expect(value.timestamp).toBe(iso);
    expect(value.timestamp_ms).toBe(Date.parse(iso));
    expect(value.day).toBe(day);
  });

  test.each<[string, Record<string, unknown>, Partial<RawTransaction>]>([
    ['product_id null', { product_id: null }, { product_id: null }],
    ['product_id absent', { product_id: undefined }, { product_id: null }],
    ['36-character id', { transaction_id: 'x'.repeat(36) }, { transaction_id: 'x'.repeat(36) }],
    ['USD', { currency: 'USD' }, { currency: 'USD' }],
    ['JPY', { currency: 'JPY' }, { currency: 'JPY' }],
    ['refund', { transaction_type: 'refund' }, { transaction_type: 'refund' }],
    ['chargeback, reversed', { transaction_type: 'chargeback', status: 'reversed' }, { status: 'reversed' }],
    ['fraud_flag true', { fraud_flag: true }, { fraud_flag: true }],
    ['fraud_flag absent → false', { fraud_flag: undefined }, { fraud_flag: false }],
    ['fraud_flag null → false', { fraud_flag: null }, { fraud_flag: false }],
    ['version absent → 0', { version: undefined }, { version: 0 }],
    ['version null → 0', { version: null }, { version: 0 }],
    ['version 3', { version: 3 }, { version: 3 }],
    ['metadata absent → null', { metadata: undefined }, { metadata: null }],
    ['metadata null', { metadata: null }, { metadata: null }],
    ['nested metadata', { metadata: { a: { b: [1] } } }, { metadata: { a: { b: [1] } } }],
    [
      'unknown fields kept in metadata.extra',
      { source: 'pos', terminal: { id: 7 } },
      { metadata: { channel: 'web', extra: { source: 'pos', terminal: { id: 7 } } } },
    ],
    [
      'unknown fields without metadata',
      { metadata: null, source: 'pos' },
      { metadata: { extra: { source: 'pos' } } },
    ],
    [
      'unknown fields merge into an existing metadata.extra (metadata wins a clash)',
      { metadata: { extra: { a: 1, source: 'meta' } }, source: 'top', b: 2 },
      { metadata: { extra: { a: 1, source: 'meta', b: 2 } } },
    ],
  ])('%s', (_name, overrides, expected) => {
    const input = wireEvent(overrides);
    for (const key of Object.keys(overrides)) if (overrides[key] === undefined) delete input[key];
    expect(accept(input)).toMatchObject(expected);
  });

  test('a "__proto__" field is kept as data, not as a prototype', () => {
    const value = accept(
      JSON.parse('{"__proto__":{"polluted":true},' + JSON.stringify(wireEvent()).slice(1)),
    );
    const extra = (value.metadata as Record<string, unknown>).extra as Record<string, unknown>;
    expect(Object.getPrototypeOf(extra)).toBe(Object.prototype);
    expect(Object.prototype.hasOwnProperty.call(extra, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  test('metadata depth 32 is the deepest accepted', () => {
    let metadata: Record<string, unknown> = { leaf: true };
    for (let depth = 1; depth < 32; depth++) metadata = { a: metadata };
    expect(validateRawTransaction(wireEvent({ metadata }), opts).ok).toBe(true);
    expect(validateRawTransaction(wireEvent({ metadata: { a: metadata } }), opts).ok).toBe(false);
  });
});

describe('parseRawEvent', () => {
  test.each<[string, Buffer | Uint8Array | string]>([
    ['Buffer', Buffer.from(JSON.stringify(wireEvent()))],
    ['Uint8Array', new TextEncoder().encode(JSON.stringify(wireEvent()))],
    ['string', JSON.stringify(wireEvent())],
    ['UTF-8 metadata', Buffer.from(JSON.stringify(wireEvent({ metadata: { note: 'café 🍵' } })))],
  ])('accepts a %s', (_name, bytes) => {
    const result = parseRawEvent(bytes, opts);
    expect(result.ok).toBe(true);
  });

  test.each<[string, string]>([
    ['12.5', '12.50'],
    ['12.50', '12.50'],
    ['0.1', '0.10'],
    ['0.01', '0.01'],
    ['100', '100.00'],
    ['1234567890', '1234567890.00'],
    ['99999999.99', '99999999.99'],
  ])('keeps the exact decimal of the JSON number %s', (token, amount) => {
    const text = JSON.stringify(wireEvent()).replace('"12.50"', token);
    expect(text).toContain(`"amount":${token},`);
    expect(parseRawEvent(text, opts)).toMatchObject({ ok: true, value: { amount } });
  });

  test.each<[string, Record<string, unknown>]>([
    ['metadata', { metadata: { amount: 0.125 } }],
    ['an unknown field', { line: { amount: 0.125 } }],
    ['a string value', { metadata: { note: '"amount":0.125' } }],
  ])('an "amount" number nested in %s is not the amount', (_name, overrides) => {
    // A literal that JSON.parse rounds, written into the text by hand (a JS literal would round too).
    const text = JSON.stringify(wireEvent({ amount: 12.5, ...overrides })).replace(
      '0.125',
      '0.1000000000000000000001',
    );
    expect(text).toContain('"amount":12.5,');
    expect(text).toContain('0.1000000000000000000001');
    expect(parseRawEvent(text, opts)).toMatchObject({ ok: true, value: { amount: '12.50' } });
  });
});
