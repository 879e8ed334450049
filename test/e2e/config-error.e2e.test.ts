import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The built CLI as an operator runs it, with only the given variables in its environment. */
function runCli(args: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['dist/src/cli/main.js', ...args],
      { cwd: ROOT, env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production', ...env }, timeout: 30_000 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : null;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

let scratch: string;
beforeAll(async () => {
  scratch = await fs.mkdtemp(path.join(os.tmpdir(), 'txgraph-config-error-'));
});
afterAll(async () => {
  await fs.rm(scratch, { recursive: true, force: true });
});

async function exists(p: string): Promise<boolean> {
  return fs.stat(p).then(
    () => true,
    () => false,
  );
}

/**
 * A bad setting must stop the process before it opens anything: DATA_DIR points at a directory
 * that the embedded log and DynamoDB would create at their start, so its absence afterwards shows
 * nothing was started.
 */
test.each<[string, string[], Record<string, string>, string]>([
  ['a port out of range', ['serve'], { PORT: '70000' }, 'PORT must be from 0 to 65535, got 70000'],
  [
    'a bad API key entry (was only found after the workers had started)',
    ['serve', '--no-source'],
    { API_KEYS: 'k1:admin,k2:superuser' },
    'API_KEYS entry 2 (key ',
  ],
  [
    'a bad reprocess schedule',
    ['serve'],
    { REPROCESS_SCHEDULE: 'every night' },
    'REPROCESS_SCHEDULE cron "every night" must have 5 fields',
  ],
  [
    'several problems at once',
    ['serve'],
    { SOURCE_RATE: 'lots', LAKE_URL: 'ftp://x', TABLE_PREFIX: 'a b' },
    'SOURCE_RATE must be an integer from 0 to 1000000, got "lots"; TABLE_PREFIX may hold only letters, digits, "_", "-" and "."; LAKE_URL must be file:///path or s3://bucket/prefix',
  ],
  [
    'a bad value for another command',
    ['tables', 'create'],
    { DYNAMODB_ENDPOINT: 'db:8000' },
    'DYNAMODB_ENDPOINT must be',
  ],
])('%s: one line on stderr, exit 1, nothing started', async (name, args, env, problem) => {
  const dataDir = path.join(scratch, name.replace(/\W+/g, '-'));
  const run = await runCli(args, { ...env, DATA_DIR: dataDir, HOST: '127.0.0.1' });
  expect(run.code).toBe(1);
  expect(run.stdout).toBe('');
  const lines = run.stderr.split('\n');
  expect(lines).toHaveLength(2); // one line and its newline
  expect(lines[1]).toBe('');
  expect(lines[0]).toMatch(/^txgraph: invalid configuration: /);
  expect(lines[0]).toContain(problem);
  expect(await exists(dataDir)).toBe(false);
});

test('the same CLI with good settings does start (the check above is not vacuous)', async () => {
  const dataDir = path.join(scratch, 'good');
  // `tables create` starts the embedded DynamoDB under DATA_DIR, creates the tables and exits.
  const run = await runCli(['tables', 'create'], { DATA_DIR: dataDir });
  // (stderr may carry the AWS SDK's Node-version notice, so it is not compared.)
  expect(run.code).toBe(0);
  expect(run.stdout).toMatch(/^created: /);
  expect(await exists(dataDir)).toBe(true);
});

test('a bad command-line option is refused the same way, with the usage after its line', async () => {
  const dataDir = path.join(scratch, 'bad-option');
  const run = await runCli(['reprocess', '--from', '2026-03-05', '--to', '2026-03-01'], {
    DATA_DIR: dataDir,
  });
  expect(run.code).toBe(1);
  expect(run.stdout).toBe('');
  const [first, second] = run.stderr.split('\n');
  expect(first).toBe('txgraph: --to 2026-03-01 is before --from 2026-03-05');
  expect(second).toBe('usage:');
  expect(run.stderr).not.toMatch(/\bat .+\.js:\d+/); // no stack trace
  expect(await exists(dataDir)).toBe(false);
});
