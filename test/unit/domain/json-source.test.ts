import fc from 'fast-check';
import { topLevelArrayElements, topLevelNumberSource } from '../../../src/domain/json-source';

// Keys and strings full of quotes, backslashes, braces and look-alike keys, to trip the scanner.
const trickyString = fc.oneof(
  fc.string(),
  fc.constantFrom('amount', '"amount":1', '\\', '\\"', '{[', ']}', ',', 'amount\\'),
);
const json = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.integer(),
    trickyString,
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value')),
    fc.dictionary(trickyString, tie('value')),
  ),
})).value;

/** Any JSON whitespace between tokens, as a client may write it. */
function spaced(text: string, pad: string): string {
  let out = '';
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    out += c;
    if (c === '"' && !isEscaped(text, i)) inString = !inString;
    if (!inString && ':,{}[]'.includes(c)) out += pad;
  }
  return out;
}

function isEscaped(text: string, i: number): boolean {
  let n = 0;
  while (text[i - 1 - n] === '\\') n++;
  return n % 2 === 1;
}

describe('topLevelNumberSource', () => {
  test('finds the token JSON.parse used for the top-level member, whatever surrounds it', () => {
    fc.assert(
      fc.property(
        fc.dictionary(trickyString, json),
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        fc.constantFrom('', ' ', '\n\t '),
        (others, amount, pad) => {
          const text = spaced(JSON.stringify({ ...others, amount }), pad);
          const token = topLevelNumberSource(text, 'amount');
          expect(token).toBeDefined();
          expect(Number(token)).toBe((JSON.parse(text) as { amount: number }).amount);
        },
      ),
    );
  });

  test.each<[string, string, string | undefined]>([
    ['a plain member', '{"a":1,"amount":12.50}', '12.50'],
    ['the last of duplicates', '{"amount":1,"amount":2.000}', '2.000'],
    ['a string is not a number', '{"amount":"12.50"}', undefined],
    ['a later string duplicate wins', '{"amount":1,"amount":"x"}', undefined],
    ['absent', '{"a":{"amount":1}}', undefined],
    ['only nested', '{"a":[{"amount":1}],"b":"\\"amount\\":2"}', undefined],
    ['a value equal to the key is not a key', '{"x":"amount","y":1}', undefined],
    ['an escaped key', '{"\\u0061mount":-1e3}', '-1e3'],
    ['a key with an escaped backslash before its quote', '{"a\\\\":{"amount":1},"amount":7}', '7'],
  ])('%s', (_name, text, expected) => {
    expect(topLevelNumberSource(text, 'amount')).toBe(expected);
  });
});

describe('topLevelArrayElements', () => {
  test('splits into the source text of each element', () => {
    fc.assert(
      fc.property(fc.array(json), fc.constantFrom('', ' ', '\r\n  '), (items, pad) => {
        const text = spaced(JSON.stringify(items), pad);
        const elements = topLevelArrayElements(text);
        expect(elements.map((e) => JSON.parse(e) as unknown)).toEqual(JSON.parse(text));
        for (const element of elements) expect(text).toContain(element);
      }),
    );
  });

  test('keeps number tokens as written', () => {
    expect(topLevelArrayElements('[ {"amount": 0.1000000000000000000001} ,1.50,\n"a,]"\n]')).toEqual([
      '{"amount": 0.1000000000000000000001}',
      '1.50',
      '"a,]"',
    ]);
  });

  test('an empty array has no elements', () => {
    expect(topLevelArrayElements('[ ]')).toEqual([]);
  });
});
