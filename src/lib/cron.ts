/**
 * Five-field cron expressions ("minute hour day-of-month month day-of-week", UTC) with `*`,
 * numbers, lists `a,b`, ranges `a-b` and steps `*\/n` or `a-b/n`. Enough for "run nightly"; names
 * (MON, JAN) and the `L`/`W`/`#` extensions are not supported and fail loudly.
 */

export interface CronSchedule {
  readonly source: string;
  readonly minutes: ReadonlySet<number>;
  readonly hours: ReadonlySet<number>;
  readonly daysOfMonth: ReadonlySet<number>;
  readonly months: ReadonlySet<number>;
  readonly daysOfWeek: ReadonlySet<number>;
  /** Cron's rule: when both day fields are restricted, either one matching is enough. */
  readonly dayOr: boolean;
}

const FIELDS = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12 },
  { name: 'day of week', min: 0, max: 7 },
] as const;

export function parseCron(source: string): CronSchedule {
  const parts = source.trim().split(/\s+/);
  if (parts.length !== 5) {
    throw new Error(`cron "${source}" must have 5 fields (minute hour day-of-month month day-of-week)`);
  }
  const sets = parts.map((part, i) => parseField(part, FIELDS[i]!));
  const dow = new Set([...sets[4]!].map((d) => d % 7)); // 7 is Sunday too
  return {
    source,
    minutes: sets[0]!,
    hours: sets[1]!,
    daysOfMonth: sets[2]!,
    months: sets[3]!,
    daysOfWeek: dow,
    dayOr: !parts[2]!.startsWith('*') && !parts[4]!.startsWith('*'),
  };
}

function parseField(text: string, field: { name: string; min: number; max: number }): Set<number> {
  const out = new Set<number>();
  for (const item of text.split(',')) {
    const match = /^(\*|(\d+)(?:-(\d+))?)(?:\/(\d+))?$/.exec(item);
    if (!match) throw new Error(`cron ${field.name} "${text}" is not understood`);
    const step = match[4] === undefined ? 1 : Number(match[4]);
    let lo = field.min;
    let hi = field.max;
    if (match[1] !== '*') {
      lo = Number(match[2]);
      hi = match[3] === undefined ? (match[4] === undefined ? lo : field.max) : Number(match[3]);
    }
    if (step < 1 || lo < field.min || hi > field.max || lo > hi) {
      throw new Error(`cron ${field.name} "${text}" is outside ${field.min}-${field.max}`);
    }
    for (let v = lo; v <= hi; v += step) out.add(v);
  }
  return out;
}

function matches(s: CronSchedule, d: Date): boolean {
  if (!s.minutes.has(d.getUTCMinutes()) || !s.hours.has(d.getUTCHours())) return false;
  if (!s.months.has(d.getUTCMonth() + 1)) return false;
  const dom = s.daysOfMonth.has(d.getUTCDate());
  const dow = s.daysOfWeek.has(d.getUTCDay());
  return s.dayOr ? dom || dow : dom && dow;
}

/** The first matching minute strictly after `afterMs`; null if none within ~4 years (e.g. 31 Feb). */
export function nextRun(s: CronSchedule, afterMs: number): number | null {
  let t = Math.floor(afterMs / 60_000) * 60_000 + 60_000;
  const limit = t + 4 * 366 * 86_400_000;
  while (t < limit) {
    const d = new Date(t);
    if (!s.months.has(d.getUTCMonth() + 1) || !dayMatches(s, d)) {
      // Skip the rest of the day at once: a yearly schedule is found in ~1,500 steps, not 500,000.
      t = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1);
      continue;
    }
    if (matches(s, d)) return t;
    t += 60_000;
  }
  return null;
}

function dayMatches(s: CronSchedule, d: Date): boolean {
  const dom = s.daysOfMonth.has(d.getUTCDate());
  const dow = s.daysOfWeek.has(d.getUTCDay());
  return s.dayOr ? dom || dow : dom && dow;
}
