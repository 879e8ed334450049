import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

jest.setTimeout(120_000);

const ROOT = path.resolve(__dirname, '../..');

/**
 * The real process, as `npm start` runs it, outside jest's NODE_ENV=test: a SIGTERM must run the
 * service's own shutdown to the end (libraries re-raising the signal would cut the drain short).
 */
it.each(['SIGTERM', 'SIGINT'] as const)('%s drains and exits 0 with "stopped cleanly"', async (signal) => {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'txgraph-shutdown-'));
  const child = spawn(process.execPath, ['dist/src/cli/main.js', 'serve', '--port', '0', '--rate', '50'], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'production', DATA_DIR: dataDir, HOST: '127.0.0.1', LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, sig) => resolve({ code, signal: sig })),
  );
  try {
    const deadline = Date.now() + 60_000;
    while (!out.includes('txgraph is up') && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 100));
    expect(out).toContain('txgraph is up');
    await new Promise((r) => setTimeout(r, 1500)); // let the synthetic source put work in flight
    child.kill(signal);
    expect(await exited).toEqual({ code: 0, signal: null });
    expect(out).toContain('stopped cleanly');
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
    await fs.rm(dataDir, { recursive: true, force: true });
  }
});
