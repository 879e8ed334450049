/**
 * Splits an ingest body into items: a JSON array, a single JSON object, or NDJSON (one event per
 * line). Each item keeps its original text (an array element is cut out of the body, never
 * re-serialised, and an NDJSON line is only trimmed), so the log carries the client's bytes and a
 * numeric amount is validated as it was written.
 * A line that is not valid UTF-8 becomes an item with `text: null`, to be rejected on its own:
 * decoding it leniently would turn the bad bytes into U+FFFD and let a corrupted id through.
 */
import { topLevelArrayElements } from '../domain/json-source';

export type IngestItem = { index: number; text: string | null };

export class UnusableBodyError extends Error {}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function decode(bytes: Buffer): string | null {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return null;
  }
}

export function splitIngestBody(raw: Buffer): IngestItem[] {
  const whole = decode(raw);
  if (whole === null) {
    // 0x0A never occurs inside a multi-byte UTF-8 sequence, so NDJSON lines can be decoded one by one.
    if (raw.subarray(0, 64).toString('latin1').trimStart().startsWith('['))
      throw new UnusableBodyError('the body is not valid UTF-8');
    const items: IngestItem[] = [];
    let start = 0;
    for (let index = 0; start <= raw.length; index++) {
      let end = raw.indexOf(0x0a, start);
      if (end < 0) end = raw.length;
      const text = decode(raw.subarray(start, end));
      if (text === null) items.push({ index, text: null });
      else if (text.trim() !== '') items.push({ index, text: text.trim() });
      start = end + 1;
    }
    return items;
  }
  return splitText(whole);
}

function splitText(body: string): IngestItem[] {
  const trimmed = body.trim();
  if (trimmed === '') throw new UnusableBodyError('the body is empty; send a JSON array or NDJSON lines');
  if (trimmed.startsWith('[')) {
    try {
      // Only to refuse a malformed array as a whole; the elements are cut from the text itself.
      JSON.parse(trimmed);
    } catch {
      throw new UnusableBodyError('the body starts with "[" but is not a valid JSON array');
    }
    return topLevelArrayElements(trimmed).map((text, index) => ({ index, text }));
  }
  const items: IngestItem[] = [];
  const lines = body.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line !== '') items.push({ index: i, text: line });
  }
  return items;
}
