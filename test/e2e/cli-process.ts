import { spawn } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

export interface CliProcess {
  /** stdout and stderr so far, interleaved as they arrived. */
  output(): string;
  /** Resolves with the first match of `pattern` in the output; throws after `timeoutMs`. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  kill(signal: NodeJS.Signals): void;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGKILL if still running (for `finally` blocks). */
  dispose(): void;
}

/**
 * `txgraph serve …` as `npm start` runs it (dist/ is built by the e2e global setup), outside jest's
 * NODE_ENV=test, with `env` over this process's environment (an undefined value removes a variable).
 */
export function spawnCli(args: string[], env: Record<string, string | undefined>): CliProcess {
  const merged: Record<string, string | undefined> = {
    ...process.env,
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
    ...env,
  };
  for (const [key, value] of Object.entries(merged)) if (value === undefined) delete merged[key];
  const child = spawn(process.execPath, ['dist/src/cli/main.js', ...args], {
    cwd: ROOT,
    env: merged,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return {
    output: () => out,
    async waitFor(pattern, timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const match = out.match(pattern);
        if (match) return match;
        if (Date.now() > deadline || child.exitCode !== null)
          throw new Error(`no ${String(pattern)} in the output of txgraph ${args.join(' ')}:\n${out}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    kill: (signal) => child.kill(signal),
    exited,
    dispose: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}

/** The service URL from the "txgraph is up" log line (pino JSON). */
export async function serviceUrl(cli: CliProcess): Promise<string> {
  const [, url] = await cli.waitFor(/"url":"(http:\/\/[^"]+)"[^\n]*"msg":"txgraph is up"/);
  return url!;
}
