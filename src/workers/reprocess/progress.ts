/**
 * Progress of a run: a one-line bar redrawn in place on a terminal, plain lines every few seconds
 * otherwise (CI logs and `kubectl logs` must not fill with carriage returns). ETA is by files, the
 * unit known up front from one listing; rows/s is by rows, the unit operators compare.
 */

export interface ProgressState {
  filesDone: number;
  filesTotal: number;
  daysDone: number;
  daysTotal: number;
  rows: number;
  elapsedMs: number;
}

export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '--';
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

export function rowsPerSecond(rows: number, elapsedMs: number): number {
  return elapsedMs <= 0 ? 0 : Math.round((rows * 1000) / elapsedMs);
}

/** Remaining time if the rest of the files go as fast as the done ones; unknown before the first. */
export function etaMs(s: ProgressState): number {
  if (s.filesDone === 0) return Number.NaN;
  return (s.elapsedMs * (s.filesTotal - s.filesDone)) / s.filesDone;
}

export function fraction(s: ProgressState): number {
  return s.filesTotal === 0 ? 1 : Math.min(1, s.filesDone / s.filesTotal);
}

export function formatBar(s: ProgressState, width = 24): string {
  const filled = Math.round(fraction(s) * width);
  const bar = `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
  return `${bar} ${String(Math.floor(fraction(s) * 100)).padStart(3)}% ${formatLine(s)}`;
}

export function formatLine(s: ProgressState): string {
  return (
    `days ${s.daysDone}/${s.daysTotal} files ${s.filesDone}/${s.filesTotal} ` +
    `rows ${s.rows.toLocaleString('en-US')} ${rowsPerSecond(s.rows, s.elapsedMs).toLocaleString('en-US')} rows/s ` +
    `ETA ${formatDuration(etaMs(s))}`
  );
}

export interface ProgressSink {
  write(text: string): unknown;
  isTTY?: boolean;
}

export interface ProgressReporter {
  update(state: ProgressState): void;
  done(): void;
}

export function createProgressReporter(
  sink: ProgressSink | undefined,
  opts: { now?: () => number; plainEveryMs?: number } = {},
): ProgressReporter {
  if (!sink) return { update: () => undefined, done: () => undefined };
  const now = opts.now ?? Date.now;
  const every = opts.plainEveryMs ?? 5000;
  const tty = sink.isTTY === true;
  let lastDraw = -Infinity;
  let last: ProgressState | undefined;
  return {
    update(state) {
      last = state;
      const at = now();
      // A terminal redraw costs a syscall; ten a second is smooth enough.
      if (at - lastDraw < (tty ? 100 : every)) return;
      lastDraw = at;
      sink.write(tty ? `\r\x1b[2K${formatBar(state)}` : `reprocess: ${formatLine(state)}\n`);
    },
    done() {
      if (tty && last) sink.write(`\r\x1b[2K${formatBar(last)}\n`);
    },
  };
}
