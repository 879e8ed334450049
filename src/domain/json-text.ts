/**
 * Pieces of JSON text that must match JSON.stringify byte for byte. Most strings on the hot path
 * (ids, codes, names) are printable ASCII with no quote or backslash, for which JSON.stringify
 * only adds the quotes; checking that is several times cheaper than calling it.
 */

/** True when every character is ASCII that JSON.stringify leaves as it is (not a control, `"` or `\`). */
export function isPlainJsonAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || c > 0x7f || c === 0x22 || c === 0x5c) return false;
  }
  return true;
}

/** True when every character is ASCII, so its UTF-8 bytes are its Latin-1 bytes. */
export function isAsciiText(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return false;
  return true;
}

/** Exactly `JSON.stringify(value)` for a string or null. */
export function jsonString(value: string | null): string {
  if (value === null) return 'null';
  return isPlainJsonAscii(value) ? `"${value}"` : JSON.stringify(value);
}
