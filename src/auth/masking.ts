/**
 * PII masks for callers without the `unmasked_pii` permission (DESIGN §7). Masks have a fixed
 * width so that they do not leak the length of what they hide.
 */

const STARS = '***';

/** "Johanna" → "J***". */
export function maskName(value: string | null): string | null {
  if (value === null) return null;
  const first = Array.from(value.trim())[0];
  return first === undefined ? '' : `${first}${STARS}`;
}

/** "john.doe@example.com" → "j***@example.com"; the domain stays, it rarely identifies a person. */
export function maskEmail(value: string | null): string | null {
  if (value === null) return null;
  const at = value.lastIndexOf('@');
  if (at <= 0) return STARS;
  return `${Array.from(value)[0]}${STARS}${value.slice(at)}`;
}

/** "+44 20 7946 0989" → "+*******89": the last two digits are enough to tell numbers apart. */
export function maskPhone(value: string | null): string | null {
  if (value === null) return null;
  const digits = value.replace(/\D/g, '');
  const prefix = value.trim().startsWith('+') ? '+' : '';
  if (digits.length < 6) return `${prefix}*******`;
  return `${prefix}*******${digits.slice(-2)}`;
}
