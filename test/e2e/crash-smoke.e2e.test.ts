/**
 * The CI-sized crash test: the nightly one (test/reliability/crash.reliability.test.ts) at a few
 * hundred events and two SIGKILLs of `txgraph serve` on the embedded default.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describeRecovery, runCrashScenario } from '../reliability/support/crash-scenario';

jest.setTimeout(180_000);

test('600 events with duplicates and corrections, 2 SIGKILLs: index and aggregates equal the recomputation', async () => {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'txgraph-crash-smoke-'));
  const result = await runCrashScenario({
    events: 600,
    kills: 2,
    indexRate: 60,
    dataDir,
    tablePrefix: '',
    dynamoEndpoint: null,
    timeoutMs: 150_000,
    env: {},
  });
  try {
    expect(result.verdict).toEqual({ lost: 0, doubleCounted: 0, wrong: 0, examples: [] });
    expect(result.rejected).toBe(result.expected.invalid);
    expect(result.recoveriesMs).toHaveLength(2);
    process.stdout.write(`crash smoke: ${describeRecovery(result.recoveriesMs)}\n`);
  } finally {
    await result.service.stop();
    await fs.rm(dataDir, { recursive: true, force: true });
  }
});
