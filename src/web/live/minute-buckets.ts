/** Counts of events per wall-clock minute over a sliding window; pure, so it is tested without a DOM. */

export const MINUTE_MS = 60_000;

export interface MinuteBucket {
  /** Start of the minute, epoch ms. */
  start: number;
  count: number;
}

/**
 * The last `minutes` minutes up to and including the one holding `now`, oldest first, with zeros for
 * quiet minutes so the chart's x axis is time, not "minutes that had events".
 */
export function minuteBuckets(times: readonly number[], now: number, minutes: number): MinuteBucket[] {
  const current = Math.floor(now / MINUTE_MS) * MINUTE_MS;
  const first = current - (minutes - 1) * MINUTE_MS;
  const buckets = Array.from({ length: minutes }, (_, i) => ({ start: first + i * MINUTE_MS, count: 0 }));
  for (const time of times) {
    const index = Math.floor((time - first) / MINUTE_MS);
    const bucket = buckets[index];
    if (bucket !== undefined && time >= first) bucket.count += 1;
  }
  return buckets;
}

/** Drops times older than the window so a tab left open for days holds a bounded list. */
export function pruneTimes(times: number[], now: number, minutes: number): number[] {
  const first = Math.floor(now / MINUTE_MS) * MINUTE_MS - (minutes - 1) * MINUTE_MS;
  return times.filter((time) => time >= first);
}
