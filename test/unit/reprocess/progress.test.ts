import {
  createProgressReporter,
  etaMs,
  formatBar,
  formatDuration,
  formatLine,
  type ProgressState,
} from '../../../src/workers/reprocess/progress';

const state = (over: Partial<ProgressState>): ProgressState => ({
  filesDone: 0,
  filesTotal: 10,
  daysDone: 0,
  daysTotal: 2,
  rows: 0,
  elapsedMs: 0,
  ...over,
});

describe('progress', () => {
  test.each([
    [0, '0s'],
    [59_400, '59s'],
    [61_000, '1m01s'],
    [3_600_000 + 120_000, '1h02m'],
    [Number.NaN, '--'],
  ])('duration %d ms → %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  test.each([
    [state({}), Number.NaN],
    [state({ filesDone: 5, elapsedMs: 10_000 }), 10_000],
    [state({ filesDone: 10, elapsedMs: 10_000 }), 0],
  ])('ETA by files', (s, eta) => {
    expect(etaMs(s)).toEqual(eta);
  });

  test('a bar with rows/s and ETA', () => {
    expect(formatBar(state({ filesDone: 5, daysDone: 1, rows: 120_000, elapsedMs: 4000 }), 10)).toBe(
      '█████░░░░░  50% days 1/2 files 5/10 rows 120,000 30,000 rows/s ETA 4s',
    );
  });

  test('a terminal gets redraws in place; a log gets plain lines, at most one per interval', () => {
    let now = 0;
    const tty: string[] = [];
    const bar = createProgressReporter(
      { isTTY: true, write: (t: string) => tty.push(t) },
      { now: () => now },
    );
    bar.update(state({ filesDone: 1 }));
    now = 50;
    bar.update(state({ filesDone: 2 })); // too soon
    now = 200;
    bar.update(state({ filesDone: 3 }));
    bar.done();
    expect(tty).toHaveLength(3);
    expect(tty[0]!.startsWith('\r\x1b[2K')).toBe(true);
    expect(tty[2]!.endsWith('\n')).toBe(true);

    const log: string[] = [];
    const plain = createProgressReporter(
      { write: (t: string) => log.push(t) },
      { now: () => now, plainEveryMs: 1000 },
    );
    now = 0;
    plain.update(state({ filesDone: 1 }));
    now = 999;
    plain.update(state({ filesDone: 2 }));
    now = 1000;
    plain.update(state({ filesDone: 3 }));
    plain.done();
    expect(log).toEqual([
      `reprocess: ${formatLine(state({ filesDone: 1 }))}\n`,
      `reprocess: ${formatLine(state({ filesDone: 3 }))}\n`,
    ]);
  });
});
