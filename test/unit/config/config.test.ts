import path from 'node:path';
import { keyIdOf } from '../../../src/auth/api-keys';
import { ConfigError, loadConfig, type Config } from '../../../src/config/config';
import { parseCron } from '../../../src/lib/cron';

const kafka = { KAFKA_BROKERS: '127.0.0.1:9092' };

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('config: KAFKA_CLIENT', () => {
  test('kafkajs by default', () => {
    const config = loadConfig(kafka);
    expect(config.log).toMatchObject({ kind: 'kafka', client: 'kafkajs' });
  });

  test.each(['kafkajs', 'platformatic'])('%s is accepted', (client) => {
    expect(loadConfig({ ...kafka, KAFKA_CLIENT: client }).log).toMatchObject({ kind: 'kafka', client });
  });

  test('an empty value means the default', () => {
    expect(loadConfig({ ...kafka, KAFKA_CLIENT: '' }).log).toMatchObject({ client: 'kafkajs' });
  });

  test('anything else stops startup with one readable line naming the variable', () => {
    expect(problems({ ...kafka, KAFKA_CLIENT: 'rdkafka' })).toEqual([
      'KAFKA_CLIENT must be kafkajs or platformatic',
    ]);
    expect(() => loadConfig({ ...kafka, KAFKA_CLIENT: 'Platformatic' })).toThrow(
      'invalid configuration: KAFKA_CLIENT must be kafkajs or platformatic',
    );
  });

  test('is reported together with the other problems', () => {
    expect(problems({ ...kafka, KAFKA_CLIENT: 'x', KAFKA_PARTITIONS: '0' })).toHaveLength(2);
  });

  test('without KAFKA_BROKERS the log is in-process whatever the client says', () => {
    expect(loadConfig({ KAFKA_CLIENT: 'platformatic' }).log).toEqual({ kind: 'in-process' });
  });
});

describe('config: STORAGE_THREAD', () => {
  test('off by default, on when asked with Kafka', () => {
    expect(loadConfig(kafka).storageThread).toBe(false);
    expect(loadConfig({ ...kafka, STORAGE_THREAD: 'on' }).storageThread).toBe(true);
    expect(loadConfig({ ...kafka, STORAGE_THREAD: 'off' }).storageThread).toBe(false);
  });

  test('on without Kafka stops startup with one line saying why', () => {
    expect(problems({ STORAGE_THREAD: 'on' })).toEqual([
      'STORAGE_THREAD=on needs KAFKA_BROKERS: the in-process log cannot be shared with another thread',
    ]);
  });

  test('anything but on or off is refused', () => {
    expect(problems({ ...kafka, STORAGE_THREAD: 'yes' })).toEqual(['STORAGE_THREAD must be on or off']);
  });
});

describe('config: INDEX_WRITES', () => {
  test('single by default, transact when asked', () => {
    expect(loadConfig({}).indexWrites).toBe('single');
    expect(loadConfig({ INDEX_WRITES: 'transact' }).indexWrites).toBe('transact');
  });

  test('anything else is refused', () => {
    expect(problems({ INDEX_WRITES: 'batch' })).toEqual(['INDEX_WRITES must be single or transact']);
  });
});

describe('config: defaults (nothing set = the embedded default)', () => {
  test('every value', () => {
    expect(loadConfig({})).toEqual({
      port: 4000,
      host: '0.0.0.0',
      dataDir: './data',
      apiKeys: [],
      source: { rate: 50 },
      log: { kind: 'in-process' },
      dynamo: { kind: 'embedded' },
      tablePrefix: '',
      lake: {
        url: `file://${path.resolve('./data', 'lake')}`,
        flushMs: 5000,
        flushRows: 20000,
        s3Endpoint: undefined,
        region: 'us-east-1',
      },
      riskFlagThreshold: 70,
      reprocess: { schedule: undefined, days: 2 },
      rateLimit: { perSecond: 100, burst: 200 },
      logLevel: 'info',
      development: true,
      storageThread: false,
      indexWrites: 'single',
    });
  });

  test('an empty or blank value means the default, as if unset', () => {
    const blank = Object.fromEntries(
      [
        'PORT',
        'SOURCE_RATE',
        'API_KEYS',
        'LAKE_URL',
        'DYNAMODB_ENDPOINT',
        'TABLE_PREFIX',
        'RISK_FLAG_THRESHOLD',
        'REPROCESS_SCHEDULE',
        'LOG_LEVEL',
        'S3_ENDPOINT',
      ].map((name) => [name, ' ']),
    );
    expect(loadConfig(blank)).toEqual(loadConfig({}));
  });

  test('the reprocess schedule is off unless REPROCESS_SCHEDULE is set', () => {
    expect(loadConfig({}).reprocess.schedule).toBeUndefined();
    expect(loadConfig({ REPROCESS_DAYS: '5' }).reprocess).toEqual({ schedule: undefined, days: 5 });
    expect(loadConfig({ REPROCESS_SCHEDULE: '30 2 * * *' }).reprocess.schedule).toEqual(
      parseCron('30 2 * * *'),
    );
  });
});

describe('config: accepted values', () => {
  test.each<[string, Record<string, string>, (c: Config) => unknown, unknown]>([
    ['PORT 0 (any free port)', { PORT: '0' }, (c) => c.port, 0],
    ['PORT 65535', { PORT: '65535' }, (c) => c.port, 65535],
    ['PORT with spaces around', { PORT: ' 8080 ' }, (c) => c.port, 8080],
    ['SOURCE_RATE 0 (source off)', { SOURCE_RATE: '0' }, (c) => c.source.rate, 0],
    ['SOURCE_RATE 1 000 000', { SOURCE_RATE: '1000000' }, (c) => c.source.rate, 1_000_000],
    [
      'API_KEYS, two entries with spaces',
      { API_KEYS: 'k1:admin, k2 : analyst' },
      (c) => c.apiKeys,
      [
        { key: 'k1', role: 'admin' },
        { key: 'k2', role: 'analyst' },
      ],
    ],
    [
      'API_KEYS, a key holding colons (the role is after the last)',
      { API_KEYS: 'a:b:c:fraud' },
      (c) => c.apiKeys,
      [{ key: 'a:b:c', role: 'fraud' }],
    ],
    ['LAKE_URL on S3', { LAKE_URL: 's3://my-bucket/lake/v1' }, (c) => c.lake.url, 's3://my-bucket/lake/v1'],
    ['LAKE_URL on disk', { LAKE_URL: 'file:///srv/lake' }, (c) => c.lake.url, 'file:///srv/lake'],
    ['DATA_DIR moves the default lake', { DATA_DIR: '/srv/tx' }, (c) => c.lake.url, 'file:///srv/tx/lake'],
    [
      'DYNAMODB_ENDPOINT means a remote DynamoDB',
      { DYNAMODB_ENDPOINT: 'http://127.0.0.1:8000' },
      (c) => c.dynamo,
      { kind: 'remote', endpoint: 'http://127.0.0.1:8000', region: 'us-east-1' },
    ],
    [
      'AWS_REGION alone means the AWS DynamoDB of that region',
      { AWS_REGION: 'eu-west-1' },
      (c) => c.dynamo,
      { kind: 'remote', endpoint: undefined, region: 'eu-west-1' },
    ],
    ['TABLE_PREFIX', { TABLE_PREFIX: 'staging.tx-graph_' }, (c) => c.tablePrefix, 'staging.tx-graph_'],
    ['RISK_FLAG_THRESHOLD 0', { RISK_FLAG_THRESHOLD: '0' }, (c) => c.riskFlagThreshold, 0],
    ['RISK_FLAG_THRESHOLD 100', { RISK_FLAG_THRESHOLD: '100' }, (c) => c.riskFlagThreshold, 100],
    ['LOG_LEVEL', { LOG_LEVEL: 'debug' }, (c) => c.logLevel, 'debug'],
  ])('%s', (_name, env, pick, expected) => {
    expect(pick(loadConfig(env))).toEqual(expected);
  });

  test('CLI options win over the environment', () => {
    const env = { PORT: '5000', SOURCE_RATE: '10', DATA_DIR: '/env' };
    expect(loadConfig(env, { port: 6000, rate: 20, dataDir: '/cli' })).toMatchObject({
      port: 6000,
      source: { rate: 20 },
      dataDir: '/cli',
      lake: { url: 'file:///cli/lake' },
    });
    expect(loadConfig(env, { rate: 20, noSource: true }).source.rate).toBe(0);
  });
});

describe('config: a bad value stops startup with one readable line naming the variable', () => {
  test.each<[Record<string, string>, string]>([
    [{ PORT: '70000' }, 'PORT must be from 0 to 65535, got 70000'],
    [{ PORT: 'http' }, 'PORT must be an integer from 0 to 65535, got "http"'],
    [{ PORT: '-1' }, 'PORT must be an integer from 0 to 65535, got "-1"'],
    [{ PORT: '80.5' }, 'PORT must be an integer from 0 to 65535, got "80.5"'],
    [{ SOURCE_RATE: 'fast' }, 'SOURCE_RATE must be an integer from 0 to 1000000, got "fast"'],
    [{ SOURCE_RATE: '1000001' }, 'SOURCE_RATE must be from 0 to 1000000, got 1000001'],
    [{ API_KEYS: 'justakey' }, 'API_KEYS entry 1 has no role (expected "<key>:<role>")'],
    [{ API_KEYS: 'a:admin,,b:fraud' }, 'API_KEYS entry 2 is empty (expected "<key>:<role>")'],
    [{ API_KEYS: ':admin' }, 'API_KEYS entry 1 has an empty key (expected "<key>:<role>")'],
    [
      { API_KEYS: 'a:admin,secret-1:root' },
      `API_KEYS entry 2 (key ${keyIdOf('secret-1')}) has unknown role "root" (expected analyst, fraud, ingest, admin)`,
    ],
    [{ API_KEYS: 'a:admin,a:fraud' }, `API_KEYS entry 2 (key ${keyIdOf('a')}) repeats an earlier key`],
    [{ LAKE_URL: '/srv/lake' }, 'LAKE_URL must be file:///path or s3://bucket/prefix'],
    [
      { LAKE_URL: 'https://bucket.s3.amazonaws.com/x' },
      'LAKE_URL must be file:///path or s3://bucket/prefix',
    ],
    [{ LAKE_URL: 's3://My_Bucket/x' }, 'LAKE_URL must be file:///path or s3://bucket/prefix'],
    [
      { DYNAMODB_ENDPOINT: 'not a url' },
      'DYNAMODB_ENDPOINT must be an http(s) URL like http://127.0.0.1:8000',
    ],
    [
      { DYNAMODB_ENDPOINT: 'localhost:8000' },
      'DYNAMODB_ENDPOINT must be an http(s) URL like http://127.0.0.1:8000',
    ],
    [{ S3_ENDPOINT: 'minio:9000' }, 'S3_ENDPOINT must be an http(s) URL like http://127.0.0.1:9000'],
    [{ TABLE_PREFIX: 'my prefix' }, 'TABLE_PREFIX may hold only letters, digits, "_", "-" and "."'],
    [{ TABLE_PREFIX: 'a/b' }, 'TABLE_PREFIX may hold only letters, digits, "_", "-" and "."'],
    [{ RISK_FLAG_THRESHOLD: '101' }, 'RISK_FLAG_THRESHOLD must be from 0 to 100, got 101'],
    [{ RISK_FLAG_THRESHOLD: 'high' }, 'RISK_FLAG_THRESHOLD must be an integer from 0 to 100, got "high"'],
    [
      { REPROCESS_SCHEDULE: '30 2 * *' },
      'REPROCESS_SCHEDULE cron "30 2 * *" must have 5 fields (minute hour day-of-month month day-of-week)',
    ],
    [{ REPROCESS_SCHEDULE: '61 2 * * *' }, 'REPROCESS_SCHEDULE cron minute "61" is outside 0-59'],
    [
      { REPROCESS_SCHEDULE: 'daily' },
      'REPROCESS_SCHEDULE cron "daily" must have 5 fields (minute hour day-of-month month day-of-week)',
    ],
    [{ REPROCESS_DAYS: '0' }, 'REPROCESS_DAYS must be from 1 to 366, got 0'],
    [{ LOG_LEVEL: 'verbose' }, 'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent'],
    [{ KAFKA_BROKERS: 'localhost' }, 'KAFKA_BROKERS entries must look like host:port, got "localhost"'],
  ])('%p → %s', (env, problem) => {
    expect(problems(env)).toEqual([problem]);
    let message = '';
    try {
      loadConfig(env);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toBe(`invalid configuration: ${problem}`);
    expect(message).not.toMatch(/[\r\n]/);
  });

  test('an API key never appears in the error, only its fingerprint', () => {
    const [problem] = problems({ API_KEYS: 'ultra-secret-key:superuser' });
    expect(problem).toContain(keyIdOf('ultra-secret-key'));
    expect(problem).not.toContain('ultra-secret');
  });

  test('several problems are reported at once, still on one line', () => {
    const error = (() => {
      try {
        loadConfig({ PORT: 'x', LAKE_URL: 'y', RISK_FLAG_THRESHOLD: '999' });
      } catch (e) {
        return e as ConfigError;
      }
      throw new Error('accepted');
    })();
    expect(error.problems.map((p) => p.split(' ')[0])).toEqual(['PORT', 'LAKE_URL', 'RISK_FLAG_THRESHOLD']);
    expect(error.message.split('; ')).toHaveLength(3);
    expect(error.message).not.toMatch(/[\r\n]/);
  });

  test('a value holding a newline is shown escaped, so the report stays one line', () => {
    expect(problems({ PORT: '80\n81' })).toEqual(['PORT must be an integer from 0 to 65535, got "80\\n81"']);
    expect(problems({ REPROCESS_SCHEDULE: '0 2\r\n* *' })).toEqual([
      'REPROCESS_SCHEDULE cron "0 2\\r\\n* *" must have 5 fields (minute hour day-of-month month day-of-week)',
    ]);
  });
});
