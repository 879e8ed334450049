import type { Logger } from '../app/logger';
import type { Metrics } from '../app/metrics';
import type { LakeStore } from '../datasources/lake/lake-store';
import {
  encodePreparedEnrichedRows,
  encodePreparedRawRows,
  partFileKey,
  type LakeDataset,
  type PreparedEnrichedRow,
  type PreparedRawRow,
} from '../datasources/lake/parquet';
import { backoffDelay, sleep } from '../lib/backoff';
import type { RoutedRow } from './archiver-rows';

/** Rows of one (dataset, day, event type) on their way into one Parquet object. */
export interface PartBuffer {
  readonly id: string;
  readonly dataset: LakeDataset;
  readonly day: string;
  readonly eventType: string;
  readonly firstLogTimestampMs: number;
  readonly openedAt: number;
  readonly rows: (PreparedRawRow | PreparedEnrichedRow)[];
  /** Resolves once the object holding these rows is in the lake; rejects only if given up on stop. */
  readonly landed: Promise<void>;
}

interface Pending extends PartBuffer {
  resolve(): void;
  reject(error: unknown): void;
}

/** Once stopping, a still-failing flush gets this many more tries before its rows are left uncommitted. */
const ATTEMPTS_WHILE_STOPPING = 3;
/** A dead lake is retried for as long as it takes; this caps the wait between two tries. */
const MAX_BACKOFF_MS = 30_000;

/**
 * Encodes and writes part buffers, retrying a failing write with jittered backoff and keeping the
 * rows (and the same object name, so a write that did land but reported failure is overwritten, not
 * duplicated). It also keeps the count of rows not yet in the lake for back-pressure.
 */
export function createPartFlusher(deps: {
  lake: LakeStore;
  logger: Logger;
  metrics: Metrics;
  writerId: string;
}) {
  const { lake, logger, metrics, writerId } = deps;
  const inFlight = new Set<Promise<void>>();
  const failures = new Map<PartBuffer, string>();
  const stopSignal = new AbortController();
  let buffered = 0;

  function newBuffer(routed: RoutedRow, openedAt: number): PartBuffer {
    let resolve!: () => void;
    let reject!: (error: unknown) => void;
    const landed = new Promise<void>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    // A rejection is reported to whoever awaits `durable`; never let it surface as unhandled.
    landed.catch(() => undefined);
    const { dataset, day, eventType, logTimestampMs } = routed;
    const buffer: Pending = {
      id: `${dataset}|${day}|${eventType}`,
      dataset,
      day,
      eventType,
      firstLogTimestampMs: logTimestampMs,
      openedAt,
      rows: [],
      landed,
      resolve,
      reject,
    };
    return buffer;
  }

  function encode(buffer: PartBuffer): Promise<Buffer> {
    return buffer.dataset === 'raw'
      ? encodePreparedRawRows(buffer.rows as PreparedRawRow[])
      : encodePreparedEnrichedRows(buffer.rows as PreparedEnrichedRow[]);
  }

  async function write(buffer: Pending): Promise<void> {
    let key: string | undefined;
    let body: Buffer | undefined;
    let failuresWhileStopping = 0;
    for (let attempt = 0; ; attempt++) {
      try {
        const started = Date.now();
        key ??= partFileKey({ ...buffer, writerId });
        body ??= await encode(buffer);
        await lake.put(key, body);
        logger.debug(
          { key, rows: buffer.rows.length, bytes: body.length, ms: Date.now() - started },
          'lake file written',
        );
        break;
      } catch (error) {
        failures.set(buffer, `lake write ${key ?? buffer.id} failed: ${errorMessage(error)}`);
        logger.warn({ key, attempt, rows: buffer.rows.length, err: error }, 'lake write failed, retrying');
        if (stopSignal.signal.aborted && ++failuresWhileStopping >= ATTEMPTS_WHILE_STOPPING) {
          // Uncommitted rows are re-delivered to the next archiver: giving up here loses nothing.
          logger.error(
            { key, rows: buffer.rows.length },
            'lake write abandoned on stop; offsets stay uncommitted',
          );
          failures.delete(buffer);
          buffered -= buffer.rows.length;
          buffer.reject(error);
          return;
        }
        const delay = stopSignal.signal.aborted
          ? 100 * failuresWhileStopping
          : backoffDelay(attempt, { baseMs: 200, maxMs: MAX_BACKOFF_MS });
        await sleep(delay, stopSignal.signal.aborted ? undefined : stopSignal.signal);
      }
    }
    failures.delete(buffer);
    buffered -= buffer.rows.length;
    metrics.lakeFiles.inc({ dataset: buffer.dataset });
    metrics.eventsOut.inc({ worker: 'archiver', sink: `lake_${buffer.dataset}` }, buffer.rows.length);
    buffer.resolve();
  }

  return {
    newBuffer,

    add(buffer: PartBuffer, row: PreparedRawRow | PreparedEnrichedRow): void {
      buffer.rows.push(row);
      buffered++;
    },

    /** Starts writing the buffer; the caller must not add rows to it any more. */
    flush(buffer: PartBuffer): void {
      const done = write(buffer as Pending);
      inFlight.add(done);
      void done.finally(() => inFlight.delete(done));
    },

    /** Rows accepted but not yet in the lake (open buffers and flushes in progress). */
    bufferedRows: (): number => buffered,

    /** Flushes in progress; they never reject (failure is reported through `landed`). */
    inFlight: (): Promise<void>[] => [...inFlight],

    /** Wakes backoff sleeps and bounds further retries, so stop() cannot hang on a dead lake. */
    beginStop(): void {
      stopSignal.abort();
    },

    /** The error of a flush that is failing right now, or null when every write is succeeding. */
    failure(): string | null {
      const [first] = failures.values();
      return first ?? null;
    },
  };
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
