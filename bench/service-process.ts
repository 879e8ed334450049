import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';

/**
 * The service (`dist/src/cli/main.js serve`) as a process of its own, so the benches' clients and
 * subscribers do not share its event loop. `env` is laid over this process's environment; the
 * service's error lines (pino level 50) are echoed to stderr.
 */
export interface ServiceProcess {
  child: ChildProcess;
  url: string;
  /** SIGTERM (the service's graceful shutdown), then waits for the exit; idempotent. */
  stop(): Promise<void>;
}

export async function startServiceProcess(options: {
  env: Record<string, string>;
  /** Extra node options before the script, e.g. `--cpu-prof`. */
  nodeArgs?: string[];
}): Promise<ServiceProcess> {
  const child = spawn(
    process.execPath,
    [...(options.nodeArgs ?? []), path.resolve(__dirname, '../src/cli/main.js'), 'serve'],
    {
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const lines = createInterface({ input: child.stdout! });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`service exited with ${code}`)));
    lines.on('line', (line) => {
      if (line.includes('"txgraph is up"')) resolve((JSON.parse(line) as { url: string }).url);
      else if (line.includes('"level":50')) process.stderr.write(`service: ${line}\n`);
    });
  });
  let stopping: Promise<void> | null = null;
  return {
    child,
    url,
    stop: () =>
      (stopping ??= (async () => {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
        await exited;
      })()),
  };
}
