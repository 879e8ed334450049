import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { BatchHandler, LogMessage, LogRecord, RecordBatch } from '../../../src/datasources/log/log';

export async function makeTempDir(): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), 'txgraph-log-'));
}

export async function removeDir(dir: string): Promise<void> {
  await fs.rm(dir, { recursive: true, force: true });
}

export function message(key: string | null, value: string, headers?: Record<string, string>): LogMessage {
  return { key, value: Buffer.from(value), headers };
}

export function values(records: LogRecord[]): string[] {
  return records.map((r) => r.value.toString());
}

/** Polls a condition; the timer is always cleared so jest exits cleanly. */
export async function waitFor(condition: () => boolean, timeoutMs = 4000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A handler that records every batch it is given. */
export function collector(inner?: BatchHandler) {
  const batches: RecordBatch[] = [];
  const records: LogRecord[] = [];
  const handler: BatchHandler = async (batch) => {
    const result = inner ? await inner(batch) : undefined;
    batches.push(batch);
    records.push(...batch.records);
    return result;
  };
  return {
    batches,
    records,
    handler,
    waitForCount: (count: number, timeoutMs?: number) =>
      waitFor(() => records.length >= count, timeoutMs, `${count} records (have ${records.length})`),
  };
}

/** The committed offsets file of a group, as the in-process log stores it. */
export async function readCommitted(
  dataDir: string,
  groupId: string,
): Promise<Record<string, Record<string, string>>> {
  const file = path.join(dataDir, 'log', '__consumer_offsets', `${encodeURIComponent(groupId)}.json`);
  try {
    return (
      JSON.parse(await fs.readFile(file, 'utf8')) as { offsets: Record<string, Record<string, string>> }
    ).offsets;
  } catch {
    return {};
  }
}
