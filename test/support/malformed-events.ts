/**
 * Malformed raw events for fuzzing (issue 7): a valid event with exactly one thing broken, as bytes.
 * Shared by the validator/HTTP fuzzing (unit) and the Kafka bad-input test (integration).
 */
import fc from 'fast-check';

export const NOW = Date.parse('2026-03-02T00:00:00Z');
// Future for the unit tests' fixed clock and for a service on the real clock alike.
const FUTURE_FROM = Math.max(NOW, Date.now()) + 2 * 86_400_000;

export const base = () => ({
  transaction_id: 't-1',
  user_id: 'u-1',
  merchant_id: 'm-1',
  payment_method_id: 'pm-1',
  amount: '12.50',
  currency: 'USD',
  transaction_type: 'purchase',
  timestamp: '2026-03-01T10:00:00Z',
  status: 'completed',
});

const REQUIRED = Object.keys(base());
const ID_FIELDS = ['transaction_id', 'user_id', 'merchant_id', 'payment_method_id'];
const deepJson = (depth: number) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);

/** Raw bytes of one malformed event, and the damage done (for the failure message). */
export const malformed: fc.Arbitrary<{ damage: string; bytes: Buffer }> = fc.oneof(
  // wrong types for any required field
  fc
    .tuple(
      fc.constantFrom(...REQUIRED),
      fc.oneof(
        fc.integer(),
        fc.boolean(),
        fc.constant(null),
        fc.array(fc.string(), { maxLength: 3 }),
        fc.object({ maxDepth: 1 }),
      ),
    )
    .filter(([field, v]) => !(field === 'amount' && typeof v === 'number' && v > 0 && Number.isInteger(v)))
    .filter(([field, v]) => !(field === 'timestamp' && typeof v === 'number' && v >= 0))
    .map(([field, v]) => json(`${field} = ${JSON.stringify(v)}`, { ...base(), [field]: v })),
  // huge strings in ids and enums
  fc
    .tuple(
      fc.constantFrom(...ID_FIELDS, 'currency', 'status', 'transaction_type'),
      fc.integer({ min: 37, max: 100_000 }),
    )
    .map(([field, n]) => json(`${field} of ${n} chars`, { ...base(), [field]: 'x'.repeat(n) })),
  // missing required fields
  fc.constantFrom(...REQUIRED).map((field) => {
    const e: Record<string, unknown> = base();
    delete e[field];
    return json(`no ${field}`, e);
  }),
  // deep JSON
  fc.integer({ min: 200, max: 20_000 }).map((d) => ({
    damage: `metadata ${d} deep`,
    bytes: Buffer.from(
      JSON.stringify({ ...base(), metadata: null }).replace('"metadata":null', `"metadata":${deepJson(d)}`),
    ),
  })),
  // amounts: NaN/Infinity/1e309 as text, 3 decimals, negative, zero, too many digits
  fc.constantFrom('NaN', 'Infinity', '-Infinity', '1e309', '-1e309', '"NaN"', '"Infinity"').map((t) => ({
    damage: `amount ${t}`,
    bytes: Buffer.from(JSON.stringify(base()).replace('"12.50"', t)),
  })),
  fc
    .tuple(
      fc.integer({ min: 0, max: 99_999 }),
      fc.integer({ min: 1, max: 999 }).filter((n) => n % 10 !== 0),
    )
    .map(([i, d]) =>
      json(`amount ${i}.${String(d).padStart(3, '0')}`, {
        ...base(),
        amount: `${i}.${String(d).padStart(3, '0')}`,
      }),
    ),
  fc
    .oneof(fc.integer({ min: -1_000_000, max: 0 }).map(String), fc.constantFrom('0.00', '-0.01', '-0', '0'))
    .map((a) => json(`amount ${a}`, { ...base(), amount: a })),
  fc
    .integer({ min: 11, max: 40 })
    .map((n) => json(`amount ${n} digits`, { ...base(), amount: '9'.repeat(n) })),
  // unknown currencies (three letters but not ISO 4217, lower case, other lengths)
  fc
    .oneof(
      fc.constantFrom('ABC', 'usd', 'US', 'USDX', 'QQQ', 'ZZZ', '€', ''),
      fc.stringMatching(/^[a-z]{3}$/),
    )
    .map((c) => json(`currency ${c}`, { ...base(), currency: c })),
  // timestamps far in the future or before 1970
  fc
    .oneof(fc.integer({ min: FUTURE_FROM, max: 8.64e15 }), fc.integer({ min: -8.64e15, max: -1 }))
    .chain((ms) =>
      fc.constantFrom('ms', 'iso').map((form) =>
        json(`timestamp ${ms} as ${form}`, {
          ...base(),
          timestamp: form === 'ms' ? ms : new Date(ms).toISOString(),
        }),
      ),
    ),
  fc
    .constantFrom('yesterday', '2026-13-01T00:00:00Z', '2026-02-30T00:00:00Z', '', '1e20')
    .map((t) => json(`timestamp ${t}`, { ...base(), timestamp: t })),
  // unknown enum values
  fc
    .tuple(fc.constantFrom('transaction_type', 'status'), fc.string({ maxLength: 12 }))
    .filter(
      ([, v]) =>
        ![
          'purchase',
          'refund',
          'chargeback',
          'adjustment',
          'pending',
          'completed',
          'failed',
          'reversed',
        ].includes(v),
    )
    .map(([f, v]) => json(`${f} ${JSON.stringify(v)}`, { ...base(), [f]: v })),
  // invalid UTF-8 inside an otherwise valid event
  fc
    .constantFrom(
      [0xff],
      [0xfe, 0xff],
      [0xc3],
      [0xe2, 0x82],
      [0xed, 0xa0, 0x80],
      [0xf8, 0x88, 0x80, 0x80, 0x80],
    )
    .map((bad) => {
      const text = JSON.stringify(base());
      const at = text.indexOf('u-1') + 1;
      return {
        damage: `bytes ${bad.map((b) => b.toString(16)).join(' ')} in user_id`,
        bytes: Buffer.concat([Buffer.from(text.slice(0, at)), Buffer.from(bad), Buffer.from(text.slice(at))]),
      };
    }),
  // not JSON, not an object
  fc
    .oneof(
      fc.string({ maxLength: 50 }),
      fc.constantFrom('[1,2]', 'null', '"str"', '42', '{"transaction_id":'),
    )
    .filter((s) => {
      try {
        const v: unknown = JSON.parse(s);
        return typeof v !== 'object' || v === null || Array.isArray(v);
      } catch {
        return true;
      }
    })
    .map((s) => ({ damage: `body ${JSON.stringify(s)}`, bytes: Buffer.from(s) })),
);

function json(damage: string, value: unknown): { damage: string; bytes: Buffer } {
  return { damage, bytes: Buffer.from(JSON.stringify(value)) };
}
