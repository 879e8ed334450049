import 'reflect-metadata';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { silentLogger } from '../../src/app/logger';
import { startService, type Service, type ServiceOptions } from '../../src/app/service';
import { loadConfig } from '../../src/config/config';

export const KEYS = {
  admin: 'admin-key-0001',
  analyst: 'analyst-key-0001',
  fraud: 'fraud-key-0001',
  ingest: 'ingest-key-0001',
};

export interface TestService {
  service: Service;
  dataDir: string;
  /** ws://…/graphql of this service (graphql-transport-ws). */
  wsUrl: string;
  gql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    key?: string,
  ): Promise<{ data?: T; errors?: { message: string; extensions?: Record<string, unknown> }[] }>;
  post(pathname: string, body: string, key?: string): Promise<{ status: number; json: unknown }>;
  stop(): Promise<void>;
}

export async function makeDataDir(): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), 'txgraph-e2e-'));
}

/** Starts the whole service in-process on the embedded default, on a free loopback port. */
export async function startTestService(
  dataDir: string,
  env: Record<string, string> = {},
  options: ServiceOptions = {},
): Promise<TestService> {
  const config = loadConfig({
    DATA_DIR: dataDir,
    PORT: '0',
    HOST: '127.0.0.1',
    SOURCE_RATE: '0',
    LAKE_FLUSH_MS: '200',
    LOG_LEVEL: 'silent',
    API_KEYS: Object.entries(KEYS)
      .map(([role, key]) => `${key}:${role}`)
      .join(','),
    ...env,
  });
  const service = await startService(config, silentLogger(), options);
  return {
    service,
    dataDir,
    wsUrl: `${service.url.replace(/^http/, 'ws')}/graphql`,
    async gql(query, variables = {}, key = KEYS.admin) {
      const res = await fetch(`${service.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
        body: JSON.stringify({ query, variables }),
      });
      return (await res.json()) as never;
    },
    async post(pathname, body, key = KEYS.ingest) {
      const res = await fetch(`${service.url}${pathname}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-ndjson', authorization: `Bearer ${key}` },
        body,
      });
      return { status: res.status, json: await res.json() };
    },
    stop: () => service.stop(),
  };
}

/** Polls until `check` returns a value (not undefined) or the deadline passes. */
export async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline)
      throw new Error(`condition not met in ${timeoutMs} ms${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export function ndjson(rows: readonly unknown[]): string {
  return rows.map((r) => (typeof r === 'string' ? r : JSON.stringify(r))).join('\n');
}
