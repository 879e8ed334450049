import type { CliOverrides } from '../config/config';

/** Options of `txgraph reprocess`, checked by the job itself. */
export interface JobArgs {
  from?: string;
  to?: string;
  shard?: string;
  runId?: string;
  dryRun?: boolean;
}

export interface ParsedArgs {
  command: string[];
  overrides: CliOverrides;
  job: JobArgs;
}

/** `txgraph [serve] [--rate N] [--no-source] [--port N] [--data-dir DIR]`, `txgraph tables create`, … */
export function parseArgs(argv: readonly string[]): ParsedArgs {
  const command: string[] = [];
  const overrides: CliOverrides = {};
  const job: JobArgs = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${arg} needs a value`);
      return v;
    };
    const integer = (name: string, raw: string) => {
      if (!/^\d+$/.test(raw)) throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
      return Number(raw);
    };
    if (arg === '--rate') overrides.rate = integer('--rate', value());
    else if (arg === '--no-source') overrides.noSource = true;
    else if (arg === '--port') overrides.port = integer('--port', value());
    else if (arg === '--data-dir') overrides.dataDir = value();
    else if (arg === '--from') job.from = value();
    else if (arg === '--to') job.to = value();
    else if (arg === '--shard') job.shard = value();
    else if (arg === '--run-id') job.runId = value();
    else if (arg === '--dry-run') job.dryRun = true;
    else if (arg.startsWith('--')) throw new Error(`unknown option ${arg}`);
    else command.push(arg);
  }
  return { command, overrides, job };
}
