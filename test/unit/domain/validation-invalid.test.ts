import fc from 'fast-check';
import { parseRawEvent, validateRawTransaction } from '../../../src/domain/validation';
import type { RejectReason } from '../../../src/domain/types';
import { DAY_MS, NOW, deepObject, wireEvent } from './fixtures';

const opts = { nowMs: NOW };
const ABSENT = Symbol('absent');

function withField(field: string, value: unknown): Record<string, unknown> {
  const event = wireEvent();
  if (value === ABSENT) delete event[field];
  else event[field] = value;
  return event;
}

describe('validateRawTransaction rejects', () => {
  test.each<[string, unknown, RejectReason, string]>([
    ['transaction_id', ABSENT, 'missing_field', 'absent id'],
    ['user_id', null, 'missing_field', 'null id'],
    ['merchant_id', ABSENT, 'missing_field', 'absent merchant'],
    ['payment_method_id', ABSENT, 'missing_field', 'absent payment method'],
    ['amount', ABSENT, 'missing_field', 'absent amount'],
    ['currency', null, 'missing_field', 'null currency'],
    ['transaction_type', ABSENT, 'missing_field', 'absent type'],
    ['timestamp', ABSENT, 'missing_field', 'absent timestamp'],
    ['status', ABSENT, 'missing_field', 'absent status'],
    ['transaction_id', '', 'empty', 'empty id'],
    ['product_id', '', 'empty', 'empty optional id'],
    ['user_id', 42, 'invalid_type', 'numeric id'],
    ['product_id', 7, 'invalid_type', 'numeric product id'],
    ['merchant_id', 'x'.repeat(37), 'too_long', '37 characters'],
    ['amount', '1e3', 'invalid_amount', 'exponent string'],
    ['amount', 1e21, 'invalid_amount', 'number printed with an exponent'],
    ['amount', 1e-7, 'invalid_amount', 'tiny number printed with an exponent'],
    ['amount', NaN, 'invalid_amount', 'NaN'],
    ['amount', Infinity, 'invalid_amount', 'Infinity'],
    ['amount', -Infinity, 'invalid_amount', '-Infinity'],
    ['amount', '12345678901', 'invalid_amount', '11 integer digits'],
    ['amount', '123456789.01', 'invalid_amount', '11 digits in all'],
    ['amount', '1234567890.1', 'invalid_amount', '11 digits with one decimal'],
    ['amount', '1.005', 'invalid_amount', '3 decimals'],
    ['amount', 10.555, 'invalid_amount', 'number with 3 decimals'],
    ['amount', 0, 'invalid_amount', 'zero'],
    ['amount', '0.00', 'invalid_amount', 'zero string'],
    ['amount', -0, 'invalid_amount', 'negative zero'],
    ['amount', -5, 'invalid_amount', 'negative number'],
    ['amount', '-5.00', 'invalid_amount', 'negative string'],
    ['amount', ' 5', 'invalid_amount', 'leading space'],
    ['amount', '5.', 'invalid_amount', 'trailing dot'],
    ['amount', '.5', 'invalid_amount', 'leading dot'],
    ['amount', '+5', 'invalid_amount', 'plus sign'],
    ['amount', '1,50', 'invalid_amount', 'decimal comma'],
    ['amount', true, 'invalid_amount', 'boolean'],
    ['amount', { value: 5 }, 'invalid_amount', 'object'],
    ['currency', 'usd', 'invalid_currency', 'lower case'],
    ['currency', 'ABC', 'invalid_currency', 'unknown code'],
    ['currency', 'HRK', 'invalid_currency', 'withdrawn code'],
    ['currency', 'EURO', 'invalid_currency', 'four letters'],
    ['currency', 978, 'invalid_currency', 'numeric code'],
    ['transaction_type', 'PURCHASE', 'invalid_enum', 'upper-case type'],
    ['transaction_type', 'sale', 'invalid_enum', 'unknown type'],
    ['status', 'done', 'invalid_enum', 'unknown status'],
    ['status', 1, 'invalid_enum', 'numeric status'],
    ['timestamp', '2026-02-30T00:00:00Z', 'invalid_timestamp', 'Feb 30'],
    ['timestamp', '2025-02-29T00:00:00Z', 'invalid_timestamp', 'Feb 29 of a common year'],
    ['timestamp', '2026-13-01T00:00:00Z', 'invalid_timestamp', 'month 13'],
    ['timestamp', '2026-03-01T24:00:00Z', 'invalid_timestamp', 'hour 24'],
    ['timestamp', '2026-03-01T10:00:60Z', 'invalid_timestamp', 'leap second'],
    ['timestamp', '2026-03-01T10:00:00', 'invalid_timestamp', 'no zone'],
    ['timestamp', '2026-03-01', 'invalid_timestamp', 'date only'],
    ['timestamp', '2026-03-01T10:00:00+0200', 'invalid_timestamp', 'offset without colon'],
    ['timestamp', '2026-03-01T10:00:00.1234Z', 'invalid_timestamp', 'four fractional digits'],
    ['timestamp', '2026-03-01 10:00:00Z', 'invalid_timestamp', 'space separator'],
    ['timestamp', 'Sun, 01 Mar 2026 10:00:00 GMT', 'invalid_timestamp', 'RFC 2822'],
    ['timestamp', 1.5, 'invalid_timestamp', 'fractional epoch ms'],
    ['timestamp', true, 'invalid_timestamp', 'boolean'],
    ['timestamp', -1, 'timestamp_out_of_range', 'before 1970 (epoch ms)'],
    ['timestamp', '1969-12-31T23:59:59.999Z', 'timestamp_out_of_range', 'before 1970 (ISO)'],
    ['timestamp', '1970-01-01T00:30:00+01:00', 'timestamp_out_of_range', 'before 1970 after the offset'],
    ['timestamp', '0099-01-01T00:00:00Z', 'timestamp_out_of_range', 'two-digit-era year'],
    ['timestamp', NOW + DAY_MS + 1, 'timestamp_out_of_range', '1 ms past the future limit'],
    ['timestamp', '9999-12-31T23:59:59Z', 'timestamp_out_of_range', 'far future'],
    ['timestamp', 1e20, 'timestamp_out_of_range', 'beyond the Date range'],
    ['fraud_flag', 'true', 'invalid_type', 'string flag'],
    ['fraud_flag', 1, 'invalid_type', 'numeric flag'],
    ['version', -1, 'invalid_version', 'negative'],
    ['version', 1.5, 'invalid_version', 'fractional'],
    ['version', '2', 'invalid_version', 'string'],
    ['version', 2 ** 53, 'invalid_version', 'unsafe integer'],
    ['metadata', [1, 2], 'invalid_type', 'array'],
    ['metadata', 'note', 'invalid_type', 'string'],
    ['metadata', deepObject(33), 'metadata_too_deep', 'depth 33'],
    ['metadata', deepObject(10_000), 'metadata_too_deep', 'depth 10 000'],
    ['metadata', { blob: 'x'.repeat(16_400) }, 'metadata_too_large', 'over 16 KiB'],
    ['metadata', { blob: 'é'.repeat(8_200) }, 'metadata_too_large', 'over 16 KiB in UTF-8 bytes'],
    ['metadata', { many: Array.from({ length: 9_000 }, () => []) }, 'metadata_too_large', 'many containers'],
  ])('%s = %p → %s (%s)', (field, value, reason) => {
    const result = validateRawTransaction(withField(field, value), opts);
    expect(result).toEqual({ ok: false, error: { reason, field, message: expect.stringContaining(field) } });
  });

  test.each<[string, unknown]>([
    ['null', null],
    ['an array', [wireEvent()]],
    ['a string', 'tx-1'],
    ['a number', 42],
    ['a class instance', new Date()],
  ])('%s → not_object', (_name, input) => {
    expect(validateRawTransaction(input, opts)).toMatchObject({ ok: false, error: { reason: 'not_object' } });
  });

  test.each<[string, Record<string, unknown>, RejectReason, string]>([
    [
      'unknown field pushes metadata over 16 KiB',
      { blob: 'x'.repeat(16_400) },
      'metadata_too_large',
      'metadata',
    ],
    ['unknown field nests too deep', { deep: deepObject(40) }, 'metadata_too_deep', 'metadata'],
    [
      'metadata.extra is not an object',
      { metadata: { extra: 5 }, source: 'pos' },
      'invalid_type',
      'metadata.extra',
    ],
    [
      'first failing field wins (amount before currency)',
      { amount: '0', currency: 'usd' },
      'invalid_amount',
      'amount',
    ],
    ['ids before everything', { amount: 'x', user_id: '' }, 'empty', 'user_id'],
    ['status after timestamp', { status: 'x', timestamp: 'x' }, 'invalid_timestamp', 'timestamp'],
    ['version before metadata', { version: -1, metadata: [] }, 'invalid_version', 'version'],
  ])('%s', (_name, overrides, reason, field) => {
    expect(validateRawTransaction(wireEvent(overrides), opts)).toMatchObject({
      ok: false,
      error: { reason, field },
    });
  });

  test('a custom future window', () => {
    const event = wireEvent({ timestamp: NOW + 1001 });
    expect(validateRawTransaction(event, { nowMs: NOW, maxFutureMs: 1000 })).toMatchObject({
      ok: false,
      error: { reason: 'timestamp_out_of_range' },
    });
  });
});

describe('inputs that would make a naive validator throw', () => {
  test('cyclic metadata is too deep', () => {
    const metadata: Record<string, unknown> = {};
    metadata.self = metadata;
    expect(validateRawTransaction(wireEvent({ metadata }), opts)).toMatchObject({
      ok: false,
      error: { reason: 'metadata_too_deep' },
    });
  });

  test('a BigInt in metadata', () => {
    expect(validateRawTransaction(wireEvent({ metadata: { n: 1n } }), opts)).toMatchObject({
      ok: false,
      error: { reason: 'invalid_type', field: 'metadata' },
    });
  });

  test('a Proxy that throws on every read', () => {
    const hostile = new Proxy(
      {},
      {
        get: () => {
          throw new Error('boom');
        },
        getOwnPropertyDescriptor: () => {
          throw new Error('boom');
        },
      },
    );
    expect(validateRawTransaction(hostile, opts)).toMatchObject({
      ok: false,
      error: { reason: 'invalid_type' },
    });
    expect(validateRawTransaction(wireEvent({ metadata: { inner: hostile } }), opts)).toMatchObject({
      ok: false,
      error: { reason: 'invalid_type' },
    });
  });

  test('never throws for arbitrary values', () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        validateRawTransaction(value, opts);
        validateRawTransaction({ ...wireEvent(), metadata: value, extra_field: value }, opts);
      }),
    );
  });

  test('never throws for arbitrary bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => void parseRawEvent(bytes, opts)));
  });
});

describe('parseRawEvent rejects', () => {
  const big = JSON.stringify(wireEvent({ metadata: { blob: 'x'.repeat(70_000) } }));
  test.each<[string, Buffer | Uint8Array | string, RejectReason, number | undefined]>([
    ['invalid UTF-8 bytes', Buffer.from([0xff, 0xfe]), 'invalid_utf8', undefined],
    ['a truncated multi-byte sequence', Buffer.from([0x7b, 0xe2, 0x82]), 'invalid_utf8', undefined],
    ['a Buffer over the default 64 KiB', Buffer.from(big), 'too_large', undefined],
    ['a string over the default 64 KiB', big, 'too_large', undefined],
    ['a Buffer over a custom cap', Buffer.from(JSON.stringify(wireEvent())), 'too_large', 100],
    ['a string over the cap in bytes, not chars', 'é'.repeat(60), 'too_large', 100],
    ['an empty body', '', 'not_json', undefined],
    ['truncated JSON', '{"transaction_id":', 'not_json', undefined],
    ['NaN is not JSON', '{"amount":NaN}', 'not_json', undefined],
    ['a JSON array', '[1,2]', 'not_object', undefined],
    ['JSON null', 'null', 'not_object', undefined],
  ])('%s → %s', (_name, bytes, reason, maxBytes) => {
    const result = parseRawEvent(bytes, { nowMs: NOW, maxBytes });
    expect(result).toMatchObject({ ok: false, error: { reason } });
  });

  test('1e309 in the JSON text parses to Infinity and is an invalid amount', () => {
    const text = JSON.stringify(wireEvent()).replace('"12.50"', '1e309');
    expect(text).toContain('"amount":1e309,');
    expect(parseRawEvent(text, opts)).toMatchObject({
      ok: false,
      error: { reason: 'invalid_amount', field: 'amount' },
    });
  });

  // JSON.parse would round these to a double that looks valid; the source token is what counts.
  test.each<[string, string]>([
    ['22 decimals that parse to 0.1', '0.1000000000000000000001'],
    ['3 decimals that parse to 12.5', '12.500'],
    ['3 decimals that parse to 12.34', '12.340'],
    ['11 digits that parse to a 10-digit double', '1234567890.0000000001'],
    ['17 digits that parse past 2^53 to a round number', '90071992547409930'],
    ['exponent that parses to 1000', '1e3'],
    ['upper-case exponent that parses to 150', '1.5E2'],
    ['negative exponent that parses to 0.05', '5e-2'],
    ['negative zero', '-0'],
    ['negative', '-12.50'],
    ['zero with decimals', '0.00'],
  ])('amount written as the JSON number %s → invalid_amount, on its source text', (_name, token) => {
    const text = JSON.stringify(wireEvent()).replace('"12.50"', token);
    expect(text).toContain(`"amount":${token},`);
    expect(parseRawEvent(text, opts)).toEqual({
      ok: false,
      error: { reason: 'invalid_amount', field: 'amount', message: expect.stringContaining(`got ${token}`) },
    });
    expect(parseRawEvent(Buffer.from(text), opts)).toMatchObject({
      ok: false,
      error: { reason: 'invalid_amount' },
    });
  });

  test.each<[string, string]>([
    [
      'a duplicate key: JSON.parse keeps the last one',
      '{"amount":12.5,' +
        JSON.stringify(wireEvent({ amount: 0 }))
          .slice(1)
          .replace('"amount":0', '"amount":0.1000000000000000000001'),
    ],
    [
      'an escaped key',
      JSON.stringify(wireEvent()).replace('"amount":"12.50"', '"\\u0061mount":0.1000000000000000000001'),
    ],
    [
      'whitespace around the colon',
      JSON.stringify(wireEvent()).replace('"amount":"12.50"', '"amount" :\n 0.1000000000000000000001 '),
    ],
  ])('the top-level amount is found through %s', (_name, text) => {
    expect(JSON.parse(text).amount).toBe(0.1);
    expect(parseRawEvent(text, opts)).toMatchObject({ ok: false, error: { reason: 'invalid_amount' } });
  });

  test('10.555 in the JSON text is three decimals', () => {
    const text = JSON.stringify(wireEvent()).replace('"12.50"', '10.555');
    expect(parseRawEvent(text, opts)).toMatchObject({ ok: false, error: { reason: 'invalid_amount' } });
  });

  test('a 10 000-deep metadata in the JSON text is rejected, not a stack overflow', () => {
    const deep = '{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000);
    const text = JSON.stringify(wireEvent({ metadata: null })).replace(
      '"metadata":null',
      `"metadata":${deep}`,
    );
    expect(parseRawEvent(text, opts)).toMatchObject({ ok: false, error: { reason: 'metadata_too_deep' } });
  });
});
