import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createDiskLakeStore } from '../../src/datasources/lake/disk-lake-store';
import type { LakeStore } from '../../src/datasources/lake/lake-store';
import { readLatest } from '../../src/workers/reprocess/lake-versions';
import { DAYS, generateRows, seedDims } from '../support/reprocess-dataset';
import {
  snapshot,
  startJobRig,
  versionRowsOf,
  writeRawLake,
  type JobRig,
} from '../support/reprocess-fixtures';

jest.setTimeout(180_000);

const ROOT = path.resolve(__dirname, '../..');
const RANGE = ['--from', DAYS[0]!, '--to', DAYS[2]!];

interface Exit {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The compiled CLI (built by the e2e globalSetup) as operators run it, with only the env it needs. */
function cli(dataDir: string, args: string[]): Promise<Exit> {
  const child = spawn(process.execPath, ['dist/src/cli/main.js', 'reprocess', ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, DATA_DIR: dataDir, LOG_LEVEL: 'warn', NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, stdout, stderr })));
}

/** "key  value" lines of the summary as a map. */
function summaryOf(stdout: string): Map<string, string> {
  const lines = stdout.trim().split('\n');
  return new Map(lines.map((l) => /^(\S+(?: \S+)*?)\s{2,}(.*)$/.exec(l)!).map((m) => [m[1]!, m[2]!]));
}

/** Rows without `enriched_at`: the CLI enriches at the wall clock, the in-process reference at a fixed one. */
function withoutTime<T extends object>(list: readonly T[]): Omit<T, 'enriched_at'>[] {
  return list.map((row) => {
    const { enriched_at: _at, ...rest } = row as T & { enriched_at?: unknown };
    return rest;
  });
}

async function tables(rig: JobRig): Promise<Record<string, unknown>> {
  const all = await snapshot(rig);
  return { ...all, transactionIndex: withoutTime(all.transactionIndex as object[]) };
}

/**
 * `txgraph reprocess` against a prepared data dir: a raw lake under DATA_DIR/lake and the embedded
 * DynamoDB of this test, which advertises its endpoint in DATA_DIR as `txgraph serve` does, so the
 * CLI processes write to it and the test reads the tables back.
 */
describe('txgraph reprocess (the compiled CLI)', () => {
  const rows = generateRows(120);
  let root: string;
  let dataDir: string;
  let lake: LakeStore;
  let rig: JobRig;
  let reference: JobRig;

  beforeAll(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'txgraph-reprocess-cli-'));
    dataDir = path.join(root, 'data');
    lake = createDiskLakeStore(path.join(dataDir, 'lake'));
    await writeRawLake(lake, rows, 20);
    rig = await startJobRig(dataDir, lake);
    await seedDims(rig);
  });
  afterAll(async () => {
    await rig?.stop();
    await reference?.stop();
    await fs.rm(root, { recursive: true, force: true });
  });

  test('bad options exit 1 with the reason and the usage, touching nothing', async () => {
    const missing = await cli(dataDir, ['--from', DAYS[0]!]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('--from and --to are required');
    const shard = await cli(dataDir, [...RANGE, '--shard', '2/2']);
    expect(shard.code).toBe(1);
    expect(shard.stderr).toContain('--shard 2/2: need 0 ≤ i < n');
    expect(shard.stderr).toContain('usage:');
    expect(await lake.list('enriched/')).toEqual([]);
  });

  test('--dry-run exits 0 with the summary on stdout and writes nothing', async () => {
    const before = await tables(rig);
    const out = await cli(dataDir, [...RANGE, '--dry-run']);
    expect(out).toMatchObject({ code: 0 });
    const summary = summaryOf(out.stdout);
    expect(summary.get('run')).toMatch(/ shard 0\/1 \(dry run: nothing written\)$/);
    expect(summary.get('days')).toBe('3');
    expect(Number(summary.get('would change'))).toBeGreaterThan(0);
    expect(summary.get('lake files written')).toMatch(/^0 /);
    expect(await tables(rig)).toEqual(before);
    expect(await lake.list('enriched/')).toEqual([]);
  });

  test('--shard 0/2 and 1/2 on two processes, no --run-id: one version, the tables of one run', async () => {
    const [a, b] = await Promise.all([
      cli(dataDir, [...RANGE, '--shard', '0/2']),
      cli(dataDir, [...RANGE, '--shard', '1/2']),
    ]);
    expect([a.code, b.code]).toEqual([0, 0]);
    // Both derived the same run id from the same command, so their parts form one version.
    const run = `${DAYS[0]}_${DAYS[2]}_2shards`;
    expect(summaryOf(a.stdout).get('run')).toBe(`${run} shard 0/2`);
    expect(summaryOf(b.stdout).get('run')).toBe(`${run} shard 1/2`);
    for (const day of DAYS) expect(await readLatest(lake, day)).toMatchObject({ run, shards: 2 });

    // The same range run unsharded in-process on a copy of the raw lake.
    const copy = path.join(root, 'reference');
    await fs.cp(path.join(dataDir, 'lake', 'raw'), path.join(copy, 'lake', 'raw'), { recursive: true });
    const refLake = createDiskLakeStore(path.join(copy, 'lake'));
    reference = await startJobRig(path.join(copy, 'db'), refLake);
    await seedDims(reference);
    await reference.job().run({ from: DAYS[0]!, to: DAYS[2]!, runId: 'reference' });
    expect(await tables(rig)).toEqual(await tables(reference));
    expect(withoutTime(await versionRowsOf(lake, DAYS))).toEqual(
      withoutTime(await versionRowsOf(refLake, DAYS)),
    );

    // The same command again resumes that run: every day is checkpointed, nothing is redone.
    const again = await cli(dataDir, [...RANGE, '--shard', '0/2']);
    expect(again.code).toBe(0);
    expect(summaryOf(again.stdout).get('days')).toBe('3 (3 already done by an earlier attempt)');
  });
});
