import type { Logger } from '../../app/logger';
import { nextRun, type CronSchedule } from '../../lib/cron';
import { scheduledRange } from './plan';
import type { ReprocessJob, ReprocessSummary } from './reprocess-job';

/** setTimeout cannot wait longer than 2^31−1 ms (~24.8 days); longer waits are chained. */
const MAX_TIMER_MS = 2_147_483_647;

/**
 * Runs the reprocess job inside the service on a cron schedule (REPROCESS_SCHEDULE), with the
 * service's own clients, over the last REPROCESS_DAYS days. Runs never overlap: a tick that finds
 * the previous run still going is skipped. Stopping aborts between files; the next run redoes the
 * unfinished day (each finished day is checkpointed in the lake).
 */
export function createReprocessScheduler(deps: {
  job: ReprocessJob;
  schedule: CronSchedule;
  days: number;
  logger: Logger;
  now?: () => number;
}) {
  const now = deps.now ?? Date.now;
  const logger = deps.logger.child({ worker: 'reprocess-scheduler' });
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<ReprocessSummary | null> | undefined;
  let abort: AbortController | undefined;
  let stopped = false;

  function arm(): void {
    if (stopped) return;
    const at = nextRun(deps.schedule, now());
    if (at === null) {
      logger.warn({ schedule: deps.schedule.source }, 'schedule never fires; reprocess disabled');
      return;
    }
    const wait = at - now();
    timer = setTimeout(() => (wait > MAX_TIMER_MS ? arm() : fire()), Math.min(wait, MAX_TIMER_MS));
    timer.unref();
  }

  function fire(): void {
    if (running) {
      logger.warn('previous scheduled reprocess still running; this tick is skipped');
    } else {
      abort = new AbortController();
      running = deps.job
        .run({ ...scheduledRange(now(), deps.days), signal: abort.signal })
        .catch((error: unknown) => {
          logger.error({ err: error }, 'scheduled reprocess failed; the next tick retries');
          return null;
        })
        .finally(() => {
          running = undefined;
        });
    }
    arm();
  }

  return {
    start(): void {
      logger.info(
        { schedule: deps.schedule.source, days: deps.days, next: nextRun(deps.schedule, now()) },
        'reprocess scheduled',
      );
      arm();
    },
    async stop(): Promise<void> {
      stopped = true;
      if (timer) clearTimeout(timer);
      abort?.abort();
      await running;
    },
  };
}
