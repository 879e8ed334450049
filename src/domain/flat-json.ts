/**
 * JSON.stringify for the usual metadata: one plain object of strings, numbers, booleans and
 * nulls. For that shape the output is fully determined (own enumerable keys in Object.keys order,
 * strings escaped as JSON.stringify does, numbers as String() prints them, non-finite ones as
 * null), and writing it here avoids JSON.stringify's fixed cost plus a separate nesting walk. Any
 * other shape — nested values, undefined, functions, BigInt, a toJSON method — returns false, and
 * the caller takes the general path.
 */
import { isAsciiText, isPlainJsonAscii } from './json-text';

/** Where the text goes: the JSON and whether all of it is ASCII. */
export interface JsonTextSink {
  json: string;
  ascii: boolean;
}

function quotedInto(text: string, sink: JsonTextSink): string {
  if (isPlainJsonAscii(text)) return '"' + text + '"';
  const json = JSON.stringify(text);
  if (!isAsciiText(json)) sink.ascii = false;
  return json;
}

/**
 * Writes `JSON.stringify(obj)` into `sink` and returns true when `obj` is a flat object of
 * primitives; returns false (sink unspecified) for anything else.
 */
export function writeFlatObjectJson(obj: Record<string, unknown>, sink: JsonTextSink): boolean {
  // JSON.stringify would call a toJSON method (own or inherited) instead of listing the fields.
  if (typeof obj.toJSON === 'function') return false;
  sink.ascii = true;
  let json = '{';
  const keys = Object.keys(obj);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    const value = obj[key];
    let valueJson: string;
    if (typeof value === 'string') valueJson = quotedInto(value, sink);
    else if (typeof value === 'number') valueJson = Number.isFinite(value) ? String(value) : 'null';
    else if (typeof value === 'boolean') valueJson = value ? 'true' : 'false';
    else if (value === null) valueJson = 'null';
    else return false;
    json += (i === 0 ? '' : ',') + quotedInto(key, sink) + ':' + valueJson;
  }
  sink.json = json + '}';
  return true;
}
