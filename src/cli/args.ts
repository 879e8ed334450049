import type { CliOverrides } from '../config/config';
import { daysBetween, parseRunId, parseShard, type Shard } from '../workers/reprocess/plan';

/** Options of `txgraph reprocess`, already checked: the days are real and in order, the shard fits. */
export interface JobArgs {
  from: string;
  to: string;
  shard?: Shard;
  runId?: string;
  dryRun: boolean;
}

export interface ParsedArgs {
  command: string[];
  overrides: CliOverrides;
  /** Set for `txgraph reprocess` only. */
  job: JobArgs | undefined;
}

/** A mistake on the command line: main prints its message and the usage, without a stack. */
export class UsageError extends Error {
  override name = 'UsageError';
}

const JOB_OPTIONS = ['--from', '--to', '--shard', '--run-id', '--dry-run'] as const;

/**
 * `txgraph [serve] [--rate N] [--no-source] [--port N] [--data-dir DIR]`, `txgraph reprocess
 * --from D --to D [--shard i/n] [--run-id ID] [--dry-run]`, `txgraph tables create`, …
 * Everything is checked here, before the config is read or anything starts, so a typo in a date
 * costs no embedded DynamoDB start and no table creation.
 */
export function parseArgs(argv: readonly string[]): ParsedArgs {
  try {
    return parse(argv);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    // plan.ts reports bad days, shards and run ids with plain Errors naming the option.
    throw new UsageError((error as Error).message);
  }
}

function parse(argv: readonly string[]): ParsedArgs {
  const command: string[] = [];
  const overrides: CliOverrides = {};
  const given: Partial<Record<(typeof JOB_OPTIONS)[number], string>> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = () => {
      const v = argv[++i];
      // "--from --to 2026-03-01" means --from lost its value, not that "--to" is a date.
      if (v === undefined || v.startsWith('--')) throw new UsageError(`${arg} needs a value`);
      return v;
    };
    const integer = (max: number) => {
      const raw = value();
      if (!/^\d+$/.test(raw) || Number(raw) > max) {
        throw new UsageError(`${arg} must be an integer from 0 to ${max}, got "${raw}"`);
      }
      return Number(raw);
    };
    if (arg === '--rate') overrides.rate = integer(1_000_000);
    else if (arg === '--no-source') overrides.noSource = true;
    else if (arg === '--port') overrides.port = integer(65_535);
    else if (arg === '--data-dir') overrides.dataDir = value();
    else if (arg === '--dry-run') given[arg] = 'yes';
    else if ((JOB_OPTIONS as readonly string[]).includes(arg))
      given[arg as (typeof JOB_OPTIONS)[number]] = value();
    else if (arg.startsWith('--')) throw new UsageError(`unknown option ${arg}`);
    else command.push(arg);
  }

  const isReprocess = command[0] === 'reprocess';
  if (!isReprocess) {
    const stray = JOB_OPTIONS.find((o) => given[o] !== undefined);
    if (stray) throw new UsageError(`${stray} is an option of txgraph reprocess`);
    return { command, overrides, job: undefined };
  }
  const { '--from': from, '--to': to, '--shard': shardText, '--run-id': runIdText } = given;
  if (from === undefined || to === undefined) throw new UsageError('--from and --to are required');
  daysBetween(from, to); // real UTC days, --from ≤ --to, within the per-run limit
  const shard = shardText === undefined ? undefined : parseShard(shardText);
  const runId = runIdText === undefined ? undefined : parseRunId(runIdText);
  return {
    command,
    overrides,
    job: {
      from,
      to,
      ...(shard ? { shard } : {}),
      ...(runId !== undefined ? { runId } : {}),
      dryRun: given['--dry-run'] !== undefined,
    },
  };
}
