/**
 * Real local servers for integration tests: Kafka 4.x (KRaft), DynamoDB Local and S3Proxy,
 * started by scripts/stack/up.sh in a fresh temporary run dir and stopped by scripts/stack/down.sh.
 *
 * All servers listen on 127.0.0.1 on free ports. up.sh is given this process's PID, and a
 * detached watchdog stops the servers once this process exits, even if stop() is never called
 * (crash, SIGKILL, jest bailing out).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export type StackServer = 'kafka' | 'dynamodb' | 's3';

export interface StartStackOptions {
  /** Servers to start (default: all three). */
  only?: StackServer[];
  /** Where up.sh/down.sh progress lines go (default: stderr). */
  log?: (line: string) => void;
}

export interface StackHandle {
  /** `host:port` list for kafkajs (empty if Kafka was not started). */
  kafkaBrokers: string[];
  /** `http://127.0.0.1:<port>` ('' if DynamoDB Local was not started). */
  dynamoEndpoint: string;
  /** `http://127.0.0.1:<port>`; use forcePathStyle ('' if S3Proxy was not started). */
  s3Endpoint: string;
  /** A bucket that already exists ('' if S3Proxy was not started). */
  s3Bucket: string;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  /** Run dir holding configs, data, logs (`<server>/server.log`) and stack.env. */
  runDir: string;
  /**
   * Stop the broker (outage tests). Default: SIGTERM, i.e. a controlled shutdown;
   * `{ hard: true }`: SIGKILL, like a crash.
   */
  stopKafka(opts?: { hard?: boolean }): Promise<void>;
  /** Start the same broker again: same port, same data, same cluster id. */
  startKafka(): Promise<void>;
  /** Stop every server and delete the run dir (kept when TXGRAPH_IT_KEEP_STACK_DIR=1). */
  stop(): Promise<void>;
}

/** The checkout holding scripts/stack/, found upwards, so compiled copies (dist/…) work too. */
export const REPO_ROOT = findRepoRoot(__dirname);

function findRepoRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'scripts', 'stack', 'up.sh'))) return dir;
    if (path.dirname(dir) === dir) return path.resolve(__dirname, '..', '..');
  }
}
const UP_SH = path.join(REPO_ROOT, 'scripts', 'stack', 'up.sh');
const DOWN_SH = path.join(REPO_ROOT, 'scripts', 'stack', 'down.sh');
const ALL_SERVERS: StackServer[] = ['kafka', 'dynamodb', 's3'];

/** Parses the KEY=VALUE lines of a stack.env file (comments and blank lines ignored). */
export function parseEnvFile(text: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const eq = line.indexOf('=');
    if (eq > 0) env[line.slice(0, eq)] = line.slice(eq + 1);
  }
  return env;
}

function defaultLog(line: string): void {
  process.stderr.write(`${line}\n`);
}

/** Runs a stack script; its stderr lines go to `log`. Rejects with the tail of its output. */
function runScript(
  script: string,
  args: string[],
  runDir: string,
  log: (line: string) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(script, args, {
      cwd: REPO_ROOT,
      env: { ...process.env, TXGRAPH_STACK_DIR: runDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const tail: string[] = [];
    const keep = (line: string): void => {
      tail.push(line);
      if (tail.length > 60) tail.shift();
    };
    let partial = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      const lines = (partial + chunk).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) {
        keep(line);
        log(line);
      }
    });
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => chunk.split('\n').forEach(keep));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (partial) {
        keep(partial);
        log(partial);
      }
      if (code === 0) resolve();
      else
        reject(
          new Error(
            `${path.basename(script)} ${args.join(' ')} failed (${signal ?? `exit ${code}`}); ` +
              `run dir ${runDir}\n${tail.join('\n')}`,
          ),
        );
    });
  });
}

export async function startStack(opts: StartStackOptions = {}): Promise<StackHandle> {
  const only = opts.only ?? ALL_SERVERS;
  if (only.length === 0) throw new Error('startStack: `only` selects no server');
  const log = opts.log ?? defaultLog;
  const runDir = await mkdtemp(path.join(os.tmpdir(), 'txgraph-stack-'));
  const ownerArgs = ['--owner-pid', String(process.pid)];

  // up.sh stops whatever it started itself when start-up fails, so nothing to clean up here
  // except the run dir, which is kept for its logs.
  await runScript(UP_SH, ['--only', only.join(','), ...ownerArgs], runDir, log);
  const env = parseEnvFile(await readFile(path.join(runDir, 'stack.env'), 'utf8'));

  let stopped = false;
  const handle: StackHandle = {
    kafkaBrokers: env.KAFKA_BROKERS ? env.KAFKA_BROKERS.split(',') : [],
    dynamoEndpoint: env.DYNAMODB_ENDPOINT ?? '',
    s3Endpoint: env.S3_ENDPOINT ?? '',
    s3Bucket: env.S3_BUCKET ?? '',
    region: env.AWS_REGION ?? 'us-east-1',
    credentials: {
      accessKeyId: env.AWS_ACCESS_KEY_ID ?? 'local',
      secretAccessKey: env.AWS_SECRET_ACCESS_KEY ?? 'local',
    },
    runDir,
    async stopKafka(stopOpts = {}) {
      if (!only.includes('kafka')) throw new Error('stopKafka: Kafka is not part of this stack');
      await runScript(DOWN_SH, ['--only', 'kafka', ...(stopOpts.hard ? ['--hard'] : [])], runDir, log);
    },
    async startKafka() {
      if (!only.includes('kafka')) throw new Error('startKafka: Kafka is not part of this stack');
      if (stopped) throw new Error('startKafka: the stack was stopped');
      await runScript(UP_SH, ['--only', 'kafka', ...ownerArgs], runDir, log);
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await runScript(DOWN_SH, [], runDir, log);
      if (process.env.TXGRAPH_IT_KEEP_STACK_DIR !== '1') {
        await rm(runDir, { recursive: true, force: true });
      }
    },
  };
  return handle;
}

/** Endpoints that global-setup.ts exports to the test workers. */
export interface StackEndpoints {
  kafkaBrokers: string[];
  dynamoEndpoint: string;
  s3Endpoint: string;
  s3Bucket: string;
}

/** Reads the TXGRAPH_IT_* variables set by global-setup.ts; undefined if they are not all set. */
export function endpointsFromEnv(env: NodeJS.ProcessEnv = process.env): StackEndpoints | undefined {
  const brokers = env.TXGRAPH_IT_KAFKA_BROKERS;
  const dynamo = env.TXGRAPH_IT_DYNAMODB_ENDPOINT;
  const s3 = env.TXGRAPH_IT_S3_ENDPOINT;
  const bucket = env.TXGRAPH_IT_S3_BUCKET;
  if (!brokers || !dynamo || !s3 || !bucket) return undefined;
  return { kafkaBrokers: brokers.split(','), dynamoEndpoint: dynamo, s3Endpoint: s3, s3Bucket: bucket };
}

/** Region and credentials the local servers accept (they do not check signatures). */
export const LOCAL_AWS = {
  region: 'us-east-1',
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
} as const;
