import { parseArgs, UsageError, type ParsedArgs } from '../../../src/cli/args';

const DAYS = ['--from', '2026-03-01', '--to', '2026-03-03'];

/** The UsageError message parseArgs throws for argv, or a failure if it accepts it. */
function usageError(argv: string[]): string {
  try {
    parseArgs(argv);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error(`accepted: ${argv.join(' ')}`);
}

describe('parseArgs: serve and the other commands', () => {
  test.each<[string[], Partial<ParsedArgs>]>([
    [[], { command: [], overrides: {} }],
    [['serve'], { command: ['serve'], overrides: {} }],
    [['serve', '--rate', '200'], { command: ['serve'], overrides: { rate: 200 } }],
    [['--rate', '0'], { command: [], overrides: { rate: 0 } }],
    [['serve', '--no-source'], { command: ['serve'], overrides: { noSource: true } }],
    [['serve', '--port', '0'], { command: ['serve'], overrides: { port: 0 } }],
    [['serve', '--port', '65535'], { command: ['serve'], overrides: { port: 65535 } }],
    [['--data-dir', '/srv/tx', 'serve'], { command: ['serve'], overrides: { dataDir: '/srv/tx' } }],
    [
      ['serve', '--rate', '5', '--no-source', '--port', '8080', '--data-dir', 'd'],
      { command: ['serve'], overrides: { rate: 5, noSource: true, port: 8080, dataDir: 'd' } },
    ],
    [['tables', 'create'], { command: ['tables', 'create'], overrides: {} }],
    [['schema', 'emit', 'out.graphql'], { command: ['schema', 'emit', 'out.graphql'], overrides: {} }],
  ])('%p', (argv, expected) => {
    expect(parseArgs(argv)).toEqual({ job: undefined, ...expected });
  });

  test.each<[string[], string]>([
    [['--rate'], '--rate needs a value'],
    [['--rate', '--no-source'], '--rate needs a value'],
    [['--rate', 'fast'], '--rate must be an integer from 0 to 1000000, got "fast"'],
    [['--rate', '-5'], '--rate must be an integer from 0 to 1000000, got "-5"'],
    [['--rate', '1000001'], '--rate must be an integer from 0 to 1000000, got "1000001"'],
    [['--port', '70000'], '--port must be an integer from 0 to 65535, got "70000"'],
    [['--port', '80.5'], '--port must be an integer from 0 to 65535, got "80.5"'],
    [['--data-dir'], '--data-dir needs a value'],
    [['serve', '--verbose'], 'unknown option --verbose'],
    [['serve', '--from', '2026-03-01'], '--from is an option of txgraph reprocess'],
    [['tables', 'create', '--dry-run'], '--dry-run is an option of txgraph reprocess'],
  ])('%p → %s', (argv, message) => {
    expect(usageError(argv)).toBe(message);
  });
});

describe('parseArgs: reprocess', () => {
  test.each<[string[], ParsedArgs['job']]>([
    [['reprocess', ...DAYS], { from: '2026-03-01', to: '2026-03-03', dryRun: false }],
    [
      ['reprocess', '--from', '2026-03-01', '--to', '2026-03-01'],
      { from: '2026-03-01', to: '2026-03-01', dryRun: false },
    ],
    [
      ['reprocess', '--from', '2024-02-28', '--to', '2024-02-29', '--dry-run'],
      { from: '2024-02-28', to: '2024-02-29', dryRun: true },
    ],
    [
      ['reprocess', ...DAYS, '--shard', '2/3', '--run-id', 'nightly-2026.03_01'],
      {
        from: '2026-03-01',
        to: '2026-03-03',
        shard: { index: 2, count: 3 },
        runId: 'nightly-2026.03_01',
        dryRun: false,
      },
    ],
    // Without --run-id the job derives one from --from, --to and n, so every shard's copy agrees.
    [
      ['reprocess', ...DAYS, '--shard', '1/3'],
      { from: '2026-03-01', to: '2026-03-03', shard: { index: 1, count: 3 }, dryRun: false },
    ],
    [
      ['reprocess', ...DAYS, '--shard', '0/1'],
      { from: '2026-03-01', to: '2026-03-03', shard: { index: 0, count: 1 }, dryRun: false },
    ],
    [
      ['--dry-run', '--run-id', 'r1', ...DAYS, 'reprocess'],
      { from: '2026-03-01', to: '2026-03-03', runId: 'r1', dryRun: true },
    ],
  ])('%p', (argv, job) => {
    expect(parseArgs(argv)).toEqual({ command: ['reprocess'], overrides: {}, job });
  });

  test.each<[string[], string]>([
    [['reprocess'], '--from and --to are required'],
    [['reprocess', '--from', '2026-03-01'], '--from and --to are required'],
    [['reprocess', '--from', '--to', '2026-03-01'], '--from needs a value'],
    [
      ['reprocess', '--from', '2026-02-30', '--to', '2026-03-01'],
      '--from must be a UTC day YYYY-MM-DD, got "2026-02-30"',
    ],
    [
      ['reprocess', '--from', '2025-02-29', '--to', '2025-03-01'],
      '--from must be a UTC day YYYY-MM-DD, got "2025-02-29"',
    ],
    [
      ['reprocess', '--from', '2026-03-01', '--to', '2026-3-2'],
      '--to must be a UTC day YYYY-MM-DD, got "2026-3-2"',
    ],
    [
      ['reprocess', '--from', '2026-03-01T00:00:00Z', '--to', '2026-03-02'],
      '--from must be a UTC day YYYY-MM-DD, got "2026-03-01T00:00:00Z"',
    ],
    [
      ['reprocess', '--from', 'yesterday', '--to', '2026-03-02'],
      '--from must be a UTC day YYYY-MM-DD, got "yesterday"',
    ],
    [
      ['reprocess', '--from', '2026-03-05', '--to', '2026-03-01'],
      '--to 2026-03-01 is before --from 2026-03-05',
    ],
    [
      ['reprocess', '--from', '2016-01-01', '--to', '2026-12-31'],
      '4018 days requested; at most 3660 per run',
    ],
    [['reprocess', ...DAYS, '--shard', '3/3', '--run-id', 'r'], '--shard 3/3: need 0 ≤ i < n'],
    [['reprocess', ...DAYS, '--shard', '0/0', '--run-id', 'r'], '--shard 0/0: need 0 ≤ i < n'],
    [
      ['reprocess', ...DAYS, '--shard', '1', '--run-id', 'r'],
      '--shard must look like i/n (e.g. 0/3), got "1"',
    ],
    [
      ['reprocess', ...DAYS, '--shard', '-1/3', '--run-id', 'r'],
      '--shard must look like i/n (e.g. 0/3), got "-1/3"',
    ],
    [
      ['reprocess', ...DAYS, '--run-id', 'a b'],
      `--run-id may hold 1–64 letters, digits, '.', '_' or '-', got "a b"`,
    ],
    [
      ['reprocess', ...DAYS, '--run-id', 'x'.repeat(65)],
      `--run-id may hold 1–64 letters, digits, '.', '_' or '-', got "${'x'.repeat(65)}"`,
    ],
    [['reprocess', ...DAYS, '--rate', 'x'], '--rate must be an integer from 0 to 1000000, got "x"'],
  ])('%p → %s', (argv, message) => {
    expect(usageError(argv)).toBe(message);
  });
});
