import pino from 'pino';
import { parseCron } from '../../../src/lib/cron';
import type {
  ReprocessJob,
  ReprocessOptions,
  ReprocessSummary,
} from '../../../src/workers/reprocess/reprocess-job';
import { createReprocessScheduler } from '../../../src/workers/reprocess/scheduler';

const MINUTE = 60_000;
const DONE = { run: 'scheduled' } as ReprocessSummary;

/** A job whose runs the test finishes by hand; every call is recorded with its options. */
function fakeJob() {
  const calls: ReprocessOptions[] = [];
  const finishers: ((s: ReprocessSummary) => void)[] = [];
  const job = {
    run: (options: ReprocessOptions) => {
      calls.push(options);
      return new Promise<ReprocessSummary>((resolve) => finishers.push(resolve));
    },
  } as ReprocessJob;
  return { job, calls, finish: (i: number) => finishers[i]!(DONE) };
}

/** A logger whose warnings the test can read. */
function recordingLogger() {
  const lines: { level: number; msg: string }[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(JSON.parse(line)) });
  return { logger, warnings: () => lines.filter((l) => l.level === 40).map((l) => l.msg) };
}

describe('reprocess scheduler (fake clock)', () => {
  beforeEach(() => jest.useFakeTimers({ now: Date.parse('2026-03-01T01:00:00Z') }));
  afterEach(() => jest.useRealTimers());

  test('fires at the next run of the schedule over the last `days` days, then at the one after', async () => {
    const { job, calls, finish } = fakeJob();
    const s = createReprocessScheduler({
      job,
      schedule: parseCron('30 2 * * *'),
      days: 2,
      logger: recordingLogger().logger,
      now: () => Date.now(),
    });
    s.start();
    await jest.advanceTimersByTimeAsync(90 * MINUTE - 1);
    expect(calls).toHaveLength(0);
    await jest.advanceTimersByTimeAsync(1);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ from: '2026-02-28', to: '2026-03-01' });
    expect(calls[0]!.signal?.aborted).toBe(false);
    finish(0);

    await jest.advanceTimersByTimeAsync(24 * 60 * MINUTE);
    expect(calls).toHaveLength(2);
    expect(calls[1]).toMatchObject({ from: '2026-03-01', to: '2026-03-02' });
    finish(1);
    await s.stop();
  });

  test('a tick that finds the previous run still going is skipped, not queued', async () => {
    const { job, calls, finish } = fakeJob();
    const log = recordingLogger();
    const s = createReprocessScheduler({
      job,
      schedule: parseCron('* * * * *'),
      days: 1,
      logger: log.logger,
      now: () => Date.now(),
    });
    s.start();
    await jest.advanceTimersByTimeAsync(MINUTE);
    expect(calls).toHaveLength(1);
    await jest.advanceTimersByTimeAsync(2 * MINUTE);
    expect(calls).toHaveLength(1);
    expect(log.warnings()).toEqual([
      'previous scheduled reprocess still running; this tick is skipped',
      'previous scheduled reprocess still running; this tick is skipped',
    ]);

    finish(0);
    await jest.advanceTimersByTimeAsync(MINUTE);
    expect(calls).toHaveLength(2);
    finish(1);
    await s.stop();
  });

  test('a failed run is logged and the next tick runs again', async () => {
    let runs = 0;
    const job = {
      run: () => (++runs === 1 ? Promise.reject(new Error('lake unreachable')) : Promise.resolve(DONE)),
    } as unknown as ReprocessJob;
    const s = createReprocessScheduler({
      job,
      schedule: parseCron('*/5 * * * *'),
      days: 1,
      logger: recordingLogger().logger,
      now: () => Date.now(),
    });
    s.start();
    await jest.advanceTimersByTimeAsync(10 * MINUTE);
    expect(runs).toBe(2);
    await s.stop();
  });

  test('stop() aborts the running job and resolves only once it has finished; no tick after', async () => {
    let signal: AbortSignal | undefined;
    let finished = false;
    let runs = 0;
    const job = {
      run: (o: ReprocessOptions) =>
        new Promise<ReprocessSummary>((resolve) => {
          runs++;
          signal = o.signal;
          // Like the real job: notices the abort between files, a little later.
          o.signal!.addEventListener('abort', () =>
            setTimeout(() => {
              finished = true;
              resolve(DONE);
            }, 500),
          );
        }),
    } as unknown as ReprocessJob;
    const s = createReprocessScheduler({
      job,
      schedule: parseCron('* * * * *'),
      days: 1,
      logger: recordingLogger().logger,
      now: () => Date.now(),
    });
    s.start();
    await jest.advanceTimersByTimeAsync(MINUTE);
    expect(signal?.aborted).toBe(false);

    let stopped = false;
    const stopping = s.stop().then(() => (stopped = true));
    await jest.advanceTimersByTimeAsync(0);
    expect(signal?.aborted).toBe(true);
    expect(stopped).toBe(false);
    await jest.advanceTimersByTimeAsync(500);
    await stopping;
    expect(finished).toBe(true);

    expect(jest.getTimerCount()).toBe(0);
    await jest.advanceTimersByTimeAsync(10 * MINUTE);
    expect(runs).toBe(1);
  });
});
