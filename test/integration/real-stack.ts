/**
 * Starting the whole service on the integration stack: real Kafka, DynamoDB Local and S3Proxy,
 * each run under fresh names (topic/group prefix, table prefix, lake prefix), so suites and runs
 * never see each other's data.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { DuckDBInstance } from '@duckdb/node-api';
import { Kafka, logLevel } from 'kafkajs';
import type { ServiceOptions } from '../../src/app/service';
import { makeDataDir, startTestService, type TestService } from '../support/service-harness';
import { endpointsFromEnv, LOCAL_AWS, type StackEndpoints } from './stack';

export interface StackNames {
  topicPrefix: string;
  tablePrefix: string;
  lakePrefix: string;
}

export function stackEndpoints(): StackEndpoints {
  const endpoints = endpointsFromEnv();
  if (!endpoints) throw new Error('TXGRAPH_IT_* not set: run with `npx jest --selectProjects integration`');
  return endpoints;
}

export function freshNames(label: string): StackNames {
  const id = `${label}-${randomBytes(4).toString('hex')}`;
  return { topicPrefix: `it-${id}-`, tablePrefix: `it_${id}_`, lakePrefix: `it/${id}` };
}

/**
 * The service settings that put it on the integration stack under `names`, credentials included
 * (the local servers check no signature), for in-process services and service processes alike.
 */
export function stackServiceEnv(names: StackNames): Record<string, string> {
  const e = stackEndpoints();
  return {
    KAFKA_BROKERS: e.kafkaBrokers.join(','),
    KAFKA_TOPIC_PREFIX: names.topicPrefix,
    KAFKA_PARTITIONS: '4',
    DYNAMODB_ENDPOINT: e.dynamoEndpoint,
    AWS_REGION: LOCAL_AWS.region,
    AWS_ACCESS_KEY_ID: LOCAL_AWS.credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_AWS.credentials.secretAccessKey,
    TABLE_PREFIX: names.tablePrefix,
    LAKE_URL: `s3://${e.s3Bucket}/${names.lakePrefix}`,
    S3_ENDPOINT: e.s3Endpoint,
  };
}

/** One replica of the service on the stack; replicas started with the same names share everything. */
export async function startStackService(
  names: StackNames,
  env: Record<string, string> = {},
  options: ServiceOptions = {},
): Promise<TestService> {
  // The AWS SDK's default credential chain reads these; the local servers check no signature.
  process.env.AWS_ACCESS_KEY_ID ??= LOCAL_AWS.credentials.accessKeyId;
  process.env.AWS_SECRET_ACCESS_KEY ??= LOCAL_AWS.credentials.secretAccessKey;
  return startTestService(await makeDataDir(), { ...stackServiceEnv(names), ...env }, options);
}

export function rawKafka(): Kafka {
  return new Kafka({
    clientId: 'txgraph-it-source',
    brokers: stackEndpoints().kafkaBrokers,
    logLevel: logLevel.NOTHING,
  });
}

export function s3Client(): S3Client {
  return new S3Client({
    endpoint: stackEndpoints().s3Endpoint,
    ...LOCAL_AWS,
    forcePathStyle: true,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}

/** Every object key under the lake prefix, relative to it. */
export async function listLake(s3: S3Client, lakePrefix: string): Promise<string[]> {
  const keys: string[] = [];
  let token: string | undefined;
  do {
    const page = await s3.send(
      new ListObjectsV2Command({
        Bucket: stackEndpoints().s3Bucket,
        Prefix: `${lakePrefix}/`,
        ContinuationToken: token,
      }),
    );
    for (const o of page.Contents ?? []) if (o.Key) keys.push(o.Key.slice(lakePrefix.length + 1));
    token = page.NextContinuationToken;
  } while (token);
  return keys.sort();
}

/**
 * Copies the lake's Parquet objects to a temp dir (DuckDB's httpfs needs a download this machine
 * cannot make) and runs `sql` with `{lake}` standing for that dir.
 */
export async function queryLake(
  s3: S3Client,
  lakePrefix: string,
  sql: string,
): Promise<Record<string, unknown>[]> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'txgraph-it-lake-'));
  try {
    for (const key of await listLake(s3, lakePrefix)) {
      if (!key.endsWith('.parquet')) continue;
      const got = await s3.send(
        new GetObjectCommand({ Bucket: stackEndpoints().s3Bucket, Key: `${lakePrefix}/${key}` }),
      );
      const file = path.join(dir, key);
      await fs.mkdir(path.dirname(file), { recursive: true });
      await fs.writeFile(file, await got.Body!.transformToByteArray());
    }
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    try {
      const reader = await connection.runAndReadAll(sql.replaceAll('{lake}', dir));
      return reader.getRowObjectsJS() as Record<string, unknown>[];
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}
