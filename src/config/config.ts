import path from 'node:path';
import { z } from 'zod';
import { parseApiKeys } from '../auth/api-keys';
import type { ApiKey } from '../auth/principal';
import { parseCron, type CronSchedule } from '../lib/cron';

/**
 * The whole runtime configuration (DESIGN §8), parsed once at start. Every problem is collected
 * and reported in one line, so an operator fixes a broken deployment in one round trip.
 */

const optionalString = z
  .string()
  .trim()
  .transform((s) => (s === '' ? undefined : s))
  .optional();

const intIn = (min: number, max: number, fallback: number) =>
  z
    .string()
    .trim()
    .optional()
    .transform((s, ctx) => {
      if (s === undefined || s === '') return fallback;
      if (!/^\d+$/.test(s)) {
        ctx.addIssue({ code: 'custom', message: `must be an integer from ${min} to ${max}, got "${s}"` });
        return z.NEVER;
      }
      const n = Number(s);
      if (n < min || n > max) {
        ctx.addIssue({ code: 'custom', message: `must be from ${min} to ${max}, got ${n}` });
        return z.NEVER;
      }
      return n;
    });

const envSchema = z.object({
  PORT: intIn(0, 65535, 4000),
  HOST: optionalString,
  DATA_DIR: optionalString,
  // Parsed here, not when the server starts, so a bad entry stops startup before anything runs.
  API_KEYS: optionalString.transform((s, ctx) => {
    if (s === undefined) return [];
    try {
      return parseApiKeys(s);
    } catch (error) {
      // parseApiKeys names the entry ("API_KEYS entry 2 …"); the path prefix adds the variable.
      ctx.addIssue({ code: 'custom', message: (error as Error).message.replace(/^API_KEYS /, '') });
      return z.NEVER;
    }
  }),
  SOURCE_RATE: intIn(0, 1_000_000, 50),
  KAFKA_BROKERS: optionalString,
  KAFKA_CLIENT_ID: optionalString,
  KAFKA_CLIENT: optionalString.pipe(
    z
      .enum(['kafkajs', 'platformatic'], { message: 'must be kafkajs or platformatic' })
      .optional()
      .default('kafkajs'),
  ),
  KAFKA_TOPIC_PREFIX: optionalString.pipe(
    z
      .string()
      .regex(/^[A-Za-z0-9_.-]{0,100}$/, { message: 'may hold only letters, digits, "_", "-" and "."' })
      .optional(),
  ),
  // http(s) only: "localhost:8000" parses as a URL with scheme "localhost:" and would fail later.
  DYNAMODB_ENDPOINT: optionalString.pipe(
    z.url({ protocol: /^https?$/, message: 'must be an http(s) URL like http://127.0.0.1:8000' }).optional(),
  ),
  AWS_REGION: optionalString,
  TABLE_PREFIX: optionalString.pipe(
    z
      .string()
      .regex(/^[A-Za-z0-9_.-]{0,200}$/, { message: 'may hold only letters, digits, "_", "-" and "."' })
      .optional(),
  ),
  LAKE_URL: optionalString.pipe(
    z
      .string()
      .regex(/^(file:\/\/.+|s3:\/\/[a-z0-9.-]{3,63}(\/.*)?)$/, {
        message: 'must be file:///path or s3://bucket/prefix',
      })
      .optional(),
  ),
  S3_ENDPOINT: optionalString.pipe(
    z.url({ protocol: /^https?$/, message: 'must be an http(s) URL like http://127.0.0.1:9000' }).optional(),
  ),
  RISK_FLAG_THRESHOLD: intIn(0, 100, 70),
  LOG_LEVEL: optionalString.pipe(
    z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
        message: 'must be one of fatal, error, warn, info, debug, trace, silent',
      })
      .optional()
      .default('info'),
  ),
  LAKE_FLUSH_MS: intIn(100, 3_600_000, 5000),
  LAKE_FLUSH_ROWS: intIn(1, 10_000_000, 20000),
  KAFKA_PARTITIONS: intIn(1, 1000, 8),
  REPROCESS_SCHEDULE: optionalString.transform((s, ctx) => {
    if (s === undefined) return undefined;
    try {
      return parseCron(s);
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: (error as Error).message });
      return z.NEVER;
    }
  }),
  REPROCESS_DAYS: intIn(1, 366, 2),
  // Per API key on /graphql and /v1. Dashboards poll far below this; a runaway script does not.
  RATE_LIMIT_PER_SECOND: intIn(0, 1_000_000, 100),
  RATE_LIMIT_BURST: intIn(1, 1_000_000, 200),
  NODE_ENV: optionalString,
  STORAGE_THREAD: optionalString.pipe(
    z.enum(['on', 'off'], { message: 'must be on or off' }).optional().default('off'),
  ),
  INDEX_WRITES: optionalString.pipe(
    z.enum(['single', 'transact'], { message: 'must be single or transact' }).optional().default('single'),
  ),
});

export interface CliOverrides {
  rate?: number;
  noSource?: boolean;
  port?: number;
  dataDir?: string;
}

export type KafkaClient = 'kafkajs' | 'platformatic';

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** Parsed API_KEYS; empty when unset (the service then generates a dev admin key). */
  apiKeys: ApiKey[];
  source: { rate: number };
  log:
    | { kind: 'in-process' }
    | {
        kind: 'kafka';
        /** Which Kafka client library the log adapter uses (KAFKA_CLIENT). */
        client: KafkaClient;
        brokers: string[];
        clientId: string;
        partitions: number;
        topicPrefix: string;
      };
  dynamo: { kind: 'embedded' } | { kind: 'remote'; endpoint: string | undefined; region: string };
  tablePrefix: string;
  lake: { url: string; flushMs: number; flushRows: number; s3Endpoint: string | undefined; region: string };
  riskFlagThreshold: number;
  /** In-service scheduled reprocess; off (schedule undefined) unless REPROCESS_SCHEDULE is set. */
  reprocess: { schedule: CronSchedule | undefined; days: number };
  /** Token bucket per API key; perSecond 0 = off. */
  rateLimit: { perSecond: number; burst: number };
  logLevel: string;
  development: boolean;
  /** Indexer, archiver and merchant-stats refresher on a worker thread (STORAGE_THREAD; Kafka only). */
  storageThread: boolean;
  /**
   * INDEX_WRITES: `transact` writes new transactions' heads and items 50 to a TransactWriteItems
   * call (far less client CPU, twice the write units on AWS); `single`, two plain puts each.
   */
  indexWrites: 'single' | 'transact';
}

/** Control characters in a reported value escaped (a newline as `\n`), so the report stays one line. */
function oneLine(problem: string): string {
  // eslint-disable-next-line no-control-regex
  return problem.replace(/[\u0000-\u001f]/g, (c) => JSON.stringify(c).slice(1, -1));
}

export class ConfigError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    const lines = problems.map(oneLine);
    super(`invalid configuration: ${lines.join('; ')}`);
    this.name = 'ConfigError';
    this.problems = lines;
  }
}

export function loadConfig(env: Record<string, string | undefined>, cli: CliOverrides = {}): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`));
  }
  const e = parsed.data;
  const dataDir = cli.dataDir ?? e.DATA_DIR ?? './data';
  const region = e.AWS_REGION ?? 'us-east-1';
  const brokers = e.KAFKA_BROKERS?.split(',').map((b) => b.trim());
  const badBroker = brokers?.find((b) => !/^[^\s:]+:\d{1,5}$/.test(b));
  if (badBroker !== undefined) {
    throw new ConfigError([`KAFKA_BROKERS entries must look like host:port, got "${badBroker}"`]);
  }
  if (e.STORAGE_THREAD === 'on' && !brokers) {
    throw new ConfigError([
      'STORAGE_THREAD=on needs KAFKA_BROKERS: the in-process log cannot be shared with another thread',
    ]);
  }
  // The embedded default uses dynalite only when no DynamoDB is named at all; naming a region
  // alone means "the real AWS DynamoDB of that region".
  const remoteDynamo = e.DYNAMODB_ENDPOINT !== undefined || e.AWS_REGION !== undefined;
  return {
    port: cli.port ?? e.PORT,
    host: e.HOST ?? '0.0.0.0',
    dataDir,
    apiKeys: e.API_KEYS,
    source: { rate: cli.noSource ? 0 : (cli.rate ?? e.SOURCE_RATE) },
    log: brokers
      ? {
          kind: 'kafka',
          client: e.KAFKA_CLIENT,
          brokers,
          clientId: e.KAFKA_CLIENT_ID ?? 'txgraph',
          partitions: e.KAFKA_PARTITIONS,
          topicPrefix: e.KAFKA_TOPIC_PREFIX ?? '',
        }
      : { kind: 'in-process' },
    dynamo: remoteDynamo ? { kind: 'remote', endpoint: e.DYNAMODB_ENDPOINT, region } : { kind: 'embedded' },
    tablePrefix: e.TABLE_PREFIX ?? '',
    lake: {
      url: e.LAKE_URL ?? `file://${path.resolve(dataDir, 'lake')}`,
      flushMs: e.LAKE_FLUSH_MS,
      flushRows: e.LAKE_FLUSH_ROWS,
      s3Endpoint: e.S3_ENDPOINT,
      region,
    },
    riskFlagThreshold: e.RISK_FLAG_THRESHOLD,
    reprocess: { schedule: e.REPROCESS_SCHEDULE, days: e.REPROCESS_DAYS },
    rateLimit: { perSecond: e.RATE_LIMIT_PER_SECOND, burst: e.RATE_LIMIT_BURST },
    logLevel: e.LOG_LEVEL,
    development: e.NODE_ENV !== 'production',
    storageThread: e.STORAGE_THREAD === 'on',
    indexWrites: e.INDEX_WRITES,
  };
}

/** The one place that reads the process environment. */
export function loadConfigFromProcess(cli: CliOverrides = {}): Config {
  return loadConfig(process.env, cli);
}
