/**
 * `txgraph serve` as a real child process (what `npm start` runs), so a crash is a real SIGKILL:
 * no shutdown hook, no flush, no commit. Restarts reuse the port, the data dir and the stack names.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '../../..');

export function buildOnce(): void {
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'], {
    cwd: ROOT,
  });
}

export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

export interface ServiceProcess {
  url: string;
  /** SIGKILL, then start again; resolves with ms from the kill until /readyz answers 200. */
  crashAndRestart(): Promise<number>;
  waitReady(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
  output(): string;
}

export async function startServiceProcess(env: Record<string, string>): Promise<ServiceProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;
  let out = '';
  const exits: Promise<void>[] = [];

  function launch(): void {
    const c = spawn(
      process.execPath,
      ['dist/src/cli/main.js', 'serve', '--port', String(port), '--no-source'],
      {
        cwd: ROOT,
        env: { ...process.env, HOST: '127.0.0.1', LOG_LEVEL: 'warn', NODE_ENV: 'production', ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    // Keep only the tail: a long run logs retries by the thousand.
    const keep = (d: Buffer) => (out = (out + d.toString()).slice(-20_000));
    c.stdout?.on('data', keep);
    c.stderr?.on('data', keep);
    exits.push(new Promise((resolve) => c.once('exit', () => resolve())));
    child = c;
  }

  async function waitReady(timeoutMs = 120_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        const res = await fetch(`${url}/readyz`);
        if (res.status === 200) return;
      } catch {
        // not listening yet
      }
      if (child?.exitCode !== null && child?.exitCode !== undefined)
        throw new Error(`service exited with ${child.exitCode}:\n${out}`);
      if (Date.now() > deadline) throw new Error(`service not ready in ${timeoutMs} ms:\n${out}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  launch();
  await waitReady();
  return {
    url,
    waitReady,
    output: () => out,
    async crashAndRestart() {
      const killedAt = Date.now();
      child?.kill('SIGKILL');
      await exits.at(-1);
      launch();
      await waitReady();
      return Date.now() - killedAt;
    },
    async stop() {
      if (child && child.exitCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child?.kill('SIGKILL'), 30_000);
        await exits.at(-1);
        clearTimeout(timer);
      }
    },
  };
}
