/**
 * ISO-8601 parsing without `Date.parse`, whose accepted formats are implementation-defined (it
 * takes "2026-02-30", local-time strings and RFC 2822) and so cannot be the contract.
 */

// date T time [.fraction] zone — zone optional here; callers decide whether it is required.
const ISO_PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?(Z|[+-]\d{2}:\d{2})?)?$/;

/** 400 Gregorian years are exactly 146 097 days; used to dodge Date.UTC's "year < 100 means 19xx". */
const MS_PER_400_YEARS = 146_097 * 86_400_000;

export interface IsoParseOptions {
  /** Accept a date-time with no zone (read as UTC) and a bare date (UTC midnight). */
  lenient?: boolean;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function utcMs(y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number): number {
  return y < 100
    ? Date.UTC(y + 400, mo - 1, d, h, mi, s, ms) - MS_PER_400_YEARS
    : Date.UTC(y, mo - 1, d, h, mi, s, ms);
}

/**
 * Epoch milliseconds of an ISO-8601 string, or null when it is malformed or names a date or time
 * that does not exist (Feb 30, 24:00, a leap second, an offset beyond ±23:59). By default a zone
 * (Z or ±hh:mm) is required, because a zoneless time is ambiguous for money.
 */
export function parseIsoTimestamp(text: string, opts: IsoParseOptions = {}): number | null {
  const m = ISO_PATTERN.exec(text);
  if (m === null) return null;
  const hasTime = m[4] !== undefined;
  const zone = m[8];
  if (!opts.lenient && (!hasTime || zone === undefined)) return null;

  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  const hour = hasTime ? Number(m[4]) : 0;
  const minute = hasTime ? Number(m[5]) : 0;
  const second = hasTime ? Number(m[6]) : 0;
  if (hour > 23 || minute > 59 || second > 59) return null;
  const millis = m[7] === undefined ? 0 : Number(m[7].padEnd(3, '0'));

  let offsetMinutes = 0;
  if (zone !== undefined && zone !== 'Z') {
    const oh = Number(zone.slice(1, 3));
    const om = Number(zone.slice(4, 6));
    if (oh > 23 || om > 59) return null;
    offsetMinutes = (zone[0] === '-' ? -1 : 1) * (oh * 60 + om);
  }
  return utcMs(year, month, day, hour, minute, second, millis) - offsetMinutes * 60_000;
}

/** The largest magnitude a JS Date can hold (±100 000 000 days around the epoch). */
export const MAX_DATE_MS = 8.64e15;
