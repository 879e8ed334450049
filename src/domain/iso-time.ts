/**
 * `new Date(ms).toISOString()` and its UTC day, without a Date per event. Every event of a batch
 * falls on one or two days, so the "YYYY-MM-DDT" part comes from a small per-day cache (filled by
 * toISOString itself, which keeps odd years such as "+010000" exactly as Date prints them) and
 * only the time of day is formatted here, from integer arithmetic on the epoch milliseconds.
 */

const MS_PER_DAY = 86_400_000;
/** Past this, Date itself refuses the value; leave that (and its RangeError) to Date. */
const MAX_DATE_MS = 8.64e15;
/** Bounded so a replay across many years cannot grow the cache without limit. */
const MAX_CACHED_DAYS = 4096;

interface DayText {
  /** "YYYY-MM-DDT", or the extended-year form Date uses. */
  prefix: string;
  /** The first ten characters of the day's ISO text: what `timestamp.slice(0, 10)` gives. */
  day: string;
}

const days = new Map<number, DayText>();
const TWO_DIGITS = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));
// "HH:MM:" per minute of the day and ".mmmZ" per millisecond: the text is then assembled from
// three pieces, and few pieces make it cheap to copy into the record's bytes later.
const MINUTE_TEXT = Array.from(
  { length: 24 * 60 },
  (_, m) => `${TWO_DIGITS[Math.floor(m / 60)]}:${TWO_DIGITS[m % 60]}:`,
);
const MILLISECOND_TEXT = Array.from({ length: 1000 }, (_, i) => `.${String(i).padStart(3, '0')}Z`);

function dayText(dayNumber: number): DayText {
  let text = days.get(dayNumber);
  if (text === undefined) {
    const iso = new Date(dayNumber * MS_PER_DAY).toISOString();
    // toISOString always ends in "HH:MM:SS.mmmZ" (13 characters), whatever the year looks like.
    text = { prefix: iso.slice(0, -13), day: iso.slice(0, 10) };
    if (days.size >= MAX_CACHED_DAYS) days.clear();
    days.set(dayNumber, text);
  }
  return text;
}

function isFormattable(ms: number): boolean {
  return Number.isInteger(ms) && ms >= -MAX_DATE_MS && ms <= MAX_DATE_MS;
}

// The batch's enrichment time is formatted once per event by enrich(); remember the last one.
let lastMs = NaN;
let lastIso = '';

/** Exactly `new Date(ms).toISOString()`, including its RangeError for an invalid time. */
export function isoTimestamp(ms: number): string {
  if (ms === lastMs) return lastIso;
  if (!isFormattable(ms)) return new Date(ms).toISOString();
  const dayNumber = Math.floor(ms / MS_PER_DAY);
  const msOfDay = ms - dayNumber * MS_PER_DAY;
  const minuteOfDay = Math.floor(msOfDay / 60_000);
  const msOfMinute = msOfDay - minuteOfDay * 60_000;
  const seconds = Math.floor(msOfMinute / 1000);
  const iso =
    dayText(dayNumber).prefix +
    ((MINUTE_TEXT[minuteOfDay] as string) + TWO_DIGITS[seconds]) +
    MILLISECOND_TEXT[msOfMinute - seconds * 1000];
  lastMs = ms;
  lastIso = iso;
  return iso;
}

/** Exactly `new Date(ms).toISOString().slice(0, 10)`: the UTC day "YYYY-MM-DD". */
export function isoDay(ms: number): string {
  if (!isFormattable(ms)) return new Date(ms).toISOString().slice(0, 10);
  return dayText(Math.floor(ms / MS_PER_DAY)).day;
}
