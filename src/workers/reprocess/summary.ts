import { formatDuration, rowsPerSecond } from './progress';
import type { ReprocessSummary } from './reprocess-job';

/** The final report of a run, one fact a line, for operators and job logs. */
export function formatSummary(s: ReprocessSummary): string {
  const agg = (a: ReprocessSummary['userAggregates']) =>
    s.dryRun
      ? `${a.unchanged} would be recomputed`
      : `${a.rewritten} rewritten, ${a.removed} removed, ${a.unchanged} already right`;
  const lines: [string, string][] = [
    [
      'run',
      `${s.run} shard ${s.shard.index}/${s.shard.count}${s.dryRun ? ' (dry run: nothing written)' : ''}`,
    ],
    ['days', `${s.days}${s.daysResumed > 0 ? ` (${s.daysResumed} already done by an earlier attempt)` : ''}`],
    ['partitions read', `${s.partitions} (${s.files} files)`],
    [
      'rows',
      `${s.rows.toLocaleString('en-US')} (${rowsPerSecond(s.rows, s.elapsedMs).toLocaleString('en-US')} rows/s)`,
    ],
    ['transactions', String(s.transactions)],
    [s.dryRun ? 'would change' : 'changed', String(s.changed)],
    ['unchanged', String(s.unchanged)],
    ['kept newer live', String(s.keptNewer)],
    ['moved elsewhere', String(s.newerElsewhere)],
    ['user aggregates', agg(s.userAggregates)],
    ['merchant aggregates', agg(s.merchantAggregates)],
    [
      'lake files written',
      `${s.lakeFiles} (${s.versionsPublished} day versions published, ` +
        `${s.versionsAmended} republished without moved transactions)`,
    ],
    ['time', formatDuration(s.elapsedMs)],
  ];
  const width = Math.max(...lines.map(([k]) => k.length));
  return lines.map(([k, v]) => `${k.padEnd(width)}  ${v}`).join('\n');
}
