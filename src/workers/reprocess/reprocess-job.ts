import { randomBytes } from 'node:crypto';
import type { Logger } from '../../app/logger';
import type { DailyStatsWriter } from '../../datasources/dynamo/daily-stats-writer';
import type { DimensionTables } from '../../datasources/dynamo/dimension-tables';
import type { TransactionIndexReader } from '../../datasources/dynamo/transaction-index-reader';
import type { TransactionIndexWriter } from '../../datasources/dynamo/transaction-index-writer';
import type { LakeStore } from '../../datasources/lake/lake-store';
import { INVALID_EVENT_TYPE, listPartitionFiles } from '../../datasources/lake/parquet';
import { createDimensionCache, type DimensionCache } from '../../domain/dimension-cache';
import { ENRICHMENT_VERSION } from '../../domain/enrich';
import type { RiskConfig } from '../../domain/risk-rules';
import { DIMENSION_KINDS } from '../../domain/types';
import { readLatest, shardDone, writeMovedNote } from './lake-versions';
import { createProgressReporter, type ProgressSink, type ProgressState } from './progress';
import { daysBetween, defaultRunId, parseRunId, shardedRunId, WHOLE, type Shard } from './plan';
import { reprocessDay, type AggregateCounts, type DayResult } from './reprocess-day';
import { completeShard, publishVersion } from './version-publish';

export interface ReprocessOptions {
  from: string;
  to: string;
  shard?: Shard;
  dryRun?: boolean;
  /**
   * Names the lake version and its checkpoints; every shard of one run must use the same id. When
   * unset: derived from from, to and n when sharded (so n machines given the same command agree,
   * and rerunning that command resumes it), else from the start time (a fresh run each time).
   */
  runId?: string;
  /** Where the progress bar (TTY) or progress lines go; none when unset. */
  progress?: ProgressSink;
  /** Stops the run between files; finished days stay checkpointed, so a rerun resumes. */
  signal?: AbortSignal;
}

export interface ReprocessSummary {
  run: string;
  shard: Shard;
  dryRun: boolean;
  days: number;
  /** Days this shard had already finished in an earlier attempt of the same run. */
  daysResumed: number;
  partitions: number;
  files: number;
  rows: number;
  transactions: number;
  changed: number;
  unchanged: number;
  keptNewer: number;
  newerElsewhere: number;
  userAggregates: AggregateCounts;
  merchantAggregates: AggregateCounts;
  lakeFiles: number;
  versionsPublished: number;
  /** Versions of other days republished without the transactions a correction moved away. */
  versionsAmended: number;
  elapsedMs: number;
}

/**
 * The reprocess job (issue 5): rebuilds index, aggregates and the enriched lake for a date range
 * from the raw lake, one day at a time so memory follows the largest day, not the range.
 */
export function createReprocessJob(deps: {
  lake: LakeStore;
  dimensions: DimensionTables;
  index: TransactionIndexWriter;
  reader: TransactionIndexReader;
  /**
   * A fresh stats writer per day: the writer trusts only rows it has just read to skip an equal
   * write, and a day recomputes each row once, so every row is read fresh and a rerun writes nothing.
   */
  newStatsWriter: () => DailyStatsWriter;
  risk: RiskConfig;
  logger: Logger;
  now?: () => Date;
}) {
  const now = deps.now ?? (() => new Date());
  const logger = deps.logger.child({ worker: 'reprocess' });

  async function loadDimensions(): Promise<DimensionCache> {
    const cache = createDimensionCache();
    for (const kind of DIMENSION_KINDS) {
      for await (const page of deps.dimensions.scan(kind)) for (const r of page) cache.upsert(kind, r);
    }
    return cache;
  }

  /**
   * Tells the versions of the days transactions left that they may list them (version-publish.ts),
   * and republishes those versions. A day of the range belongs to this run's version; a day outside
   * it to its published one, if any (with none, no version lists the transaction). Returns how many
   * versions were republished.
   */
  async function noteMoves(
    foundOn: string,
    moves: DayResult['moves'],
    ctx: { run: string; shard: Shard; days: readonly string[] },
  ): Promise<number> {
    const byDay = new Map<string, DayResult['moves']>();
    for (const m of moves) byDay.set(m.day, [...(byDay.get(m.day) ?? []), m]);
    let amended = 0;
    for (const [day, list] of [...byDay].sort(([a], [b]) => (a < b ? -1 : 1))) {
      let published = await readLatest(deps.lake, day);
      const target = ctx.days.includes(day)
        ? { run: ctx.run, shards: ctx.shard.count }
        : published && { run: published.run, shards: published.shards };
      if (!target) continue;
      const moved = list.map((m) => ({ transaction_id: m.transaction_id, user_id: m.user_id }));
      const key = await writeMovedNote(deps.lake, {
        ...target,
        day,
        found_on: foundOn,
        shard: ctx.shard,
        moved,
      });
      // Read after the note exists: a manifest that lists it was composed from these heads or later
      // ones (a retry of this day finds the same moves), so there is nothing to redo.
      published = await readLatest(deps.lake, day);
      if (published?.run === target.run && published.notes.includes(key)) continue;
      if (await publishVersion(deps.lake, deps.reader, { day, ...target })) amended++;
    }
    return amended;
  }

  return {
    async run(options: ReprocessOptions): Promise<ReprocessSummary> {
      const shard = options.shard ?? WHOLE;
      const dryRun = options.dryRun ?? false;
      const startedAt = now();
      const days = daysBetween(options.from, options.to);
      const run =
        options.runId !== undefined
          ? parseRunId(options.runId)
          : shard.count > 1
            ? shardedRunId(options.from, options.to, shard.count)
            : defaultRunId(startedAt, randomBytes(2).toString('hex'));
      const dims = await loadDimensions();
      logger.info({ run, shard, dryRun, days: days.length, dimensions: dims.counts() }, 'reprocess started');

      // One listing up front gives the ETA its denominator; invalid rows never reach the index.
      const plan: { day: string; files: string[]; partitions: number }[] = [];
      for (const day of days) {
        const files = (await listPartitionFiles(deps.lake, 'raw', day)).filter(
          (k) => !k.includes(`/event_type=${INVALID_EVENT_TYPE}/`),
        );
        const partitions = new Set(files.map((k) => k.slice(0, k.lastIndexOf('/')))).size;
        plan.push({ day, files, partitions });
      }
      const progress = createProgressReporter(options.progress);
      const state: ProgressState = {
        filesDone: 0,
        filesTotal: plan.reduce((n, p) => n + p.files.length, 0),
        daysDone: 0,
        daysTotal: days.length,
        rows: 0,
        elapsedMs: 0,
      };
      const t0 = Date.now();
      const tick = () => progress.update({ ...state, elapsedMs: Date.now() - t0 });

      const summary = emptySummary(run, shard, dryRun, days.length);
      for (const { day, files, partitions } of plan) {
        options.signal?.throwIfAborted();
        if (!dryRun && (await shardDone(deps.lake, day, run, shard))) {
          summary.daysResumed++;
          state.filesTotal -= files.length;
        } else {
          const result = await reprocessDay(
            { ...deps, stats: deps.newStatsWriter(), dims },
            {
              day,
              files,
              shard,
              run,
              enrichedAt: startedAt,
              dryRun,
              ...(options.signal ? { signal: options.signal } : {}),
              onFile(rows) {
                state.filesDone++;
                state.rows += rows;
                tick();
              },
            },
          );
          add(summary, result, files.length, partitions);
          if (!dryRun) {
            // Notes before this day's checkpoint: a crash in between redoes the day, which finds the moves again.
            summary.versionsAmended += await noteMoves(day, result.moves, { run, shard, days });
            const latest = await completeShard(deps.lake, deps.reader, {
              run,
              day,
              shard,
              files: result.lakeFiles,
              rows: result.rows,
              transactions: result.transactions,
              enrichment_version: ENRICHMENT_VERSION,
              completed_at: now().toISOString(),
            });
            if (latest) summary.versionsPublished++;
          }
          logger.debug({ day, ...result, lakeFiles: result.lakeFiles.length }, 'day reprocessed');
        }
        state.daysDone++;
        tick();
      }
      progress.done();
      summary.elapsedMs = Date.now() - t0;
      logger.info(summary, 'reprocess finished');
      return summary;
    },
  };
}

export type ReprocessJob = ReturnType<typeof createReprocessJob>;

function emptySummary(run: string, shard: Shard, dryRun: boolean, days: number): ReprocessSummary {
  const counts = () => ({ rewritten: 0, removed: 0, unchanged: 0 });
  return {
    run,
    shard,
    dryRun,
    days,
    daysResumed: 0,
    partitions: 0,
    files: 0,
    rows: 0,
    transactions: 0,
    changed: 0,
    unchanged: 0,
    keptNewer: 0,
    newerElsewhere: 0,
    userAggregates: counts(),
    merchantAggregates: counts(),
    lakeFiles: 0,
    versionsPublished: 0,
    versionsAmended: 0,
    elapsedMs: 0,
  };
}

function add(s: ReprocessSummary, r: DayResult, files: number, partitions: number): void {
  s.partitions += partitions;
  s.files += files;
  s.rows += r.rows;
  s.transactions += r.transactions;
  s.changed += r.changed;
  s.unchanged += r.unchanged;
  s.keptNewer += r.keptNewer;
  s.newerElsewhere += r.newerElsewhere;
  s.lakeFiles += r.lakeFiles.length;
  for (const k of ['rewritten', 'removed', 'unchanged'] as const) {
    s.userAggregates[k] += r.userAggregates[k];
    s.merchantAggregates[k] += r.merchantAggregates[k];
  }
}
