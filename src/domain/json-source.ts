/**
 * The source text of parts of a JSON document that JSON.parse has already accepted. JSON.parse
 * turns every number into a double and loses what the sender wrote (0.1000000000000000000001
 * becomes 0.1), and Node 20's reviver has no `context.source`, so these find the tokens
 * themselves. Both assume valid JSON: they only follow strings and nesting, never re-validate.
 */

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;

/** Index just past the string whose opening quote is at `start`. */
function stringEnd(text: string, start: number): number {
  let from = start + 1;
  for (;;) {
    const quote = text.indexOf('"', from);
    if (quote < 0) return text.length;
    let backslashes = 0;
    while (text.charCodeAt(quote - 1 - backslashes) === BACKSLASH) backslashes++;
    // An even run of backslashes escapes itself, not the quote.
    if (backslashes % 2 === 0) return quote + 1;
    from = quote + 1;
  }
}

/** Whether the JSON string literal text[start, end) decodes to `key` (escapes included). */
function keyIs(text: string, start: number, end: number, key: string): boolean {
  const rawLength = end - start - 2;
  if (rawLength === key.length && text.startsWith(key, start + 1)) return true;
  // An escaped key ("\u0061mount") is longer in the source than decoded.
  if (rawLength <= key.length || text.indexOf('\\', start + 1) >= end) return false;
  return JSON.parse(text.slice(start, end)) === key;
}

function isNumberChar(code: number): boolean {
  // Digits, '-', '+', '.', 'e', 'E': every character a JSON number token can hold.
  return (
    (code >= 0x30 && code <= 0x39) ||
    code === 0x2d ||
    code === 0x2b ||
    code === 0x2e ||
    (code | 0x20) === 0x65
  );
}

function isJsonSpace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09;
}

/**
 * The source token of the number that JSON.parse gives to the top-level member `key` of the JSON
 * object `text`: the last occurrence, as JSON.parse keeps the last of duplicate keys. Undefined
 * when that member is absent or not a number.
 */
export function topLevelNumberSource(text: string, key: string): string | undefined {
  let depth = 0;
  let expectKey = false;
  let found: string | undefined;
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      const end = stringEnd(text, i);
      const isMatchingKey = depth === 1 && expectKey && keyIs(text, i, end, key);
      if (depth === 1) expectKey = false;
      i = end;
      if (isMatchingKey) {
        while (i < text.length && (isJsonSpace(text.charCodeAt(i)) || text.charCodeAt(i) === COLON)) i++;
        const start = i;
        while (i < text.length && isNumberChar(text.charCodeAt(i))) i++;
        found = i > start ? text.slice(start, i) : undefined;
      }
      continue;
    }
    if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      depth++;
      if (depth === 1) expectKey = c === OPEN_BRACE;
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) depth--;
    else if (c === COMMA && depth === 1) expectKey = true;
    i++;
  }
  return found;
}

/**
 * The source text of each element of the JSON array `text`, trimmed, in order. Splitting the
 * text instead of re-serialising the parsed elements keeps each element's bytes as the client
 * sent them, numbers included.
 */
export function topLevelArrayElements(text: string): string[] {
  const elements: string[] = [];
  let depth = 0;
  let start = -1;
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      i = stringEnd(text, i);
      continue;
    }
    if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      depth++;
      if (depth === 1) start = i + 1;
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      if (depth === 1) {
        const last = text.slice(start, i).trim();
        // Only "[]" ends with nothing after the bracket or the last comma.
        if (last !== '' || elements.length > 0) elements.push(last);
      }
      depth--;
    } else if (c === COMMA && depth === 1) {
      elements.push(text.slice(start, i).trim());
      start = i + 1;
    }
    i++;
  }
  return elements;
}
