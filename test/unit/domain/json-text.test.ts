import { writeFlatObjectJson } from '../../../src/domain/flat-json';
import { integerText } from '../../../src/domain/integer-text';
import { isAsciiText, isPlainJsonAscii, jsonString } from '../../../src/domain/json-text';
import { ODD_TEXT, createRng } from '../../support/enrichment-corpus';

const EVERY_UTF16_UNIT = Array.from({ length: 0x10000 }, (_, c) => String.fromCharCode(c));

describe('jsonString', () => {
  test('matches JSON.stringify for every UTF-16 code unit alone and inside text', () => {
    const wrong = EVERY_UTF16_UNIT.filter(
      (unit) =>
        jsonString(unit) !== JSON.stringify(unit) || jsonString(`a${unit}b`) !== JSON.stringify(`a${unit}b`),
    );
    expect(wrong).toEqual([]);
  });

  test.each(ODD_TEXT)('%j', (text) => {
    expect(jsonString(text)).toBe(JSON.stringify(text));
    expect(isPlainJsonAscii(text)).toBe(JSON.stringify(text) === `"${text}"` && isAsciiText(text));
  });

  test('null', () => expect(jsonString(null)).toBe('null'));
});

describe('integerText', () => {
  test('matches String() for safe integers of every size, and passes anything else through', () => {
    const rng = createRng(41);
    const samples = [0, -0, 9_999_999, 10_000_000, 10_000_001, 1_780_000_000_000, Number.MAX_SAFE_INTEGER];
    for (let i = 0; i < 50_000; i++) samples.push(Math.floor(rng.next() * 10 ** rng.int(0, 16)));
    samples.push(2 ** 53, 1e21, 1.5, -5, NaN, Infinity);
    expect(samples.filter((n) => integerText(n) !== String(n))).toEqual([]);
  });
});

describe('writeFlatObjectJson', () => {
  const sink = { json: '', ascii: true };
  test.each<[string, Record<string, unknown>]>([
    ['empty', {}],
    ['one string', { channel: 'web' }],
    ['numbers', { a: 1, b: -0, c: 1.5, d: 1e21, e: -1e-7, f: NaN, g: Infinity, h: 2 ** 53 }],
    ['booleans and null', { t: true, f: false, n: null }],
    ['odd keys and values', Object.fromEntries(ODD_TEXT.map((t, i) => [t || `k${i}`, t]))],
    ['integer-like keys are ordered first', { b: 1, 2: 'two', a: 2, 1: 'one' }],
    ['a key named __proto__', JSON.parse('{"__proto__":"x","y":1}') as Record<string, unknown>],
    ['a null-prototype object', Object.assign(Object.create(null) as Record<string, unknown>, { a: 'b' })],
  ])('%s: written like JSON.stringify', (_name, obj) => {
    expect(writeFlatObjectJson(obj, sink)).toBe(true);
    expect(sink.json).toBe(JSON.stringify(obj));
    expect(sink.ascii).toBe(Buffer.byteLength(sink.json) === sink.json.length);
  });

  test.each<[string, Record<string, unknown>]>([
    ['nested object', { a: { b: 1 } }],
    ['array', { a: [1] }],
    ['undefined value', { a: undefined }],
    ['function value', { a: () => 1 }],
    ['BigInt value', { a: 1n }],
    ['own toJSON', { toJSON: () => 'x', a: 1 }],
  ])('%s: left to JSON.stringify', (_name, obj) => {
    expect(writeFlatObjectJson(obj, sink)).toBe(false);
  });
});
