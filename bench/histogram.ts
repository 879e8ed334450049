/** Reads a Prometheus histogram from /metrics text and interpolates percentiles between snapshots. */
export type Buckets = { le: number; count: number }[];

/** `labels`: the series' other labels as printed after `le`, e.g. `operation="BatchGetItemCommand"`. */
export function readBuckets(metricsText: string, name: string, labels?: string): Buckets {
  const rest = labels === undefined ? '' : `,${labels.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`;
  const re = new RegExp(`${name}_bucket\\{le="([^"]+)"${rest}\\} (\\d+)`, 'g');
  return [...metricsText.matchAll(re)].map((m) => ({
    le: m[1] === '+Inf' ? Infinity : Number(m[1]),
    count: Number(m[2]),
  }));
}

export function diffBuckets(after: Buckets, before: Buckets): Buckets {
  return after.map((b, i) => ({ le: b.le, count: b.count - (before[i]?.count ?? 0) }));
}

/** Linear interpolation inside the bucket holding the p-quantile; "> X ms" past the last bound. */
export function percentile(buckets: Buckets, p: number): string {
  const total = buckets[buckets.length - 1]?.count ?? 0;
  if (total === 0) return 'n/a';
  const target = total * p;
  let prevLe = 0;
  let prevCount = 0;
  for (const b of buckets) {
    if (b.count >= target) {
      if (b.le === Infinity) return `> ${prevLe * 1000} ms`;
      const frac = (target - prevCount) / Math.max(1, b.count - prevCount);
      return `${(prevLe + (b.le - prevLe) * frac) * 1000 < 10 ? ((prevLe + (b.le - prevLe) * frac) * 1000).toFixed(1) : Math.round((prevLe + (b.le - prevLe) * frac) * 1000)} ms`;
    }
    prevLe = b.le;
    prevCount = b.count;
  }
  return 'n/a';
}

/** The p-quantile of raw samples sorted ascending (nearest rank, floor), in ms. */
export function sampleQuantile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

/** "4.2 ms" below 10 ms, "37 ms" above, "n/a" for no value. */
export function formatMs(ms: number): string {
  if (Number.isNaN(ms)) return 'n/a';
  return ms < 10 ? `${ms.toFixed(1)} ms` : `${Math.round(ms)} ms`;
}

/** sampleQuantile, formatted. */
export function quantile(sorted: Float64Array, p: number): string {
  return formatMs(sampleQuantile(sorted, p));
}
