import type { Logger } from '../app/logger';
import type { Metrics } from '../app/metrics';
import type { DailyStatsWriter } from '../datasources/dynamo/daily-stats-writer';
import type { StatsDirtyMarks } from '../datasources/dynamo/stats-dirty-marks';
import { backoffDelay, sleep } from '../lib/backoff';
import { mapConcurrent } from '../lib/map-concurrent';

export const DEFAULT_REFRESH_MS = 200;
const MARKS_PER_ROUND = 500;
const CLEAR_CONCURRENCY = 16;

export interface RefresherStatus {
  healthy: boolean;
  lastError: string | null;
  /** Marks seen in the last round: merchant-days whose stats may still lag the index. */
  pending: number;
}

/**
 * Recomputes the DailyMerchantStats rows the indexer marked dirty, every `intervalMs`, each row
 * once per round however many batches touched it. Every replica runs one; two replicas refreshing
 * the same row is safe (the write is conditional on the row's revision), only wasted work.
 * Marks outlive crashes, so a row whose recompute never happened is recomputed after a restart.
 */
export function createMerchantStatsRefresher(deps: {
  marks: StatsDirtyMarks;
  stats: DailyStatsWriter;
  logger: Logger;
  metrics: Metrics;
  intervalMs?: number;
}) {
  const { marks, stats, metrics } = deps;
  const logger = deps.logger.child({ worker: 'merchant-stats-refresher' });
  const intervalMs = deps.intervalMs ?? DEFAULT_REFRESH_MS;
  const abort = new AbortController();
  let loop: Promise<void> | undefined;
  let failures = 0;
  const status: RefresherStatus = { healthy: true, lastError: null, pending: 0 };

  /** One round; true when it hit the page limit, so more marks may be waiting right now. */
  async function round(): Promise<boolean> {
    const dirty = await marks.list(MARKS_PER_ROUND);
    status.pending = dirty.length;
    metrics.statsPending.set(dirty.length);
    if (dirty.length === 0) return false;
    await stats.recomputeMerchantDays(dirty.map((m) => m.key));
    await mapConcurrent(dirty, CLEAR_CONCURRENCY, (m) => marks.clear(m));
    metrics.statsRefreshed.inc(dirty.length);
    return dirty.length === MARKS_PER_ROUND;
  }

  async function run(): Promise<void> {
    while (!abort.signal.aborted) {
      let wait = intervalMs;
      try {
        if (await round()) wait = 0;
        failures = 0;
        status.healthy = true;
        status.lastError = null;
      } catch (error) {
        failures++;
        status.healthy = failures < 5;
        status.lastError = error instanceof Error ? error.message : String(error);
        logger.warn({ err: error }, 'merchant stats refresh failed; marks stay, will retry');
        wait = Math.max(intervalMs, backoffDelay(failures, { baseMs: 100, maxMs: 5000 }));
      }
      await sleep(wait, abort.signal);
    }
  }

  return {
    start(): void {
      loop ??= run();
    },
    status: (): RefresherStatus => ({ ...status }),
    /** Lets the round in progress finish (its marks are cleared or kept, never half-handled). */
    async stop(): Promise<void> {
      abort.abort();
      await loop;
    },
  };
}

export type MerchantStatsRefresher = ReturnType<typeof createMerchantStatsRefresher>;
