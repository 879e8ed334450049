import fs from 'node:fs/promises';
import path from 'node:path';
import { createInProcessLog, type InProcessLogOptions } from '../../../src/datasources/log/in-process';
import type { Log, LogRecord } from '../../../src/datasources/log/log';
import { collector, delay, makeTempDir, message, removeDir, values, waitFor } from './log-testkit';

describe('in-process log: files on disk', () => {
  let dir: string;
  let log: Log | null = null;
  beforeEach(async () => {
    dir = await makeTempDir();
  });
  afterEach(async () => {
    await log?.close();
    log = null;
    await removeDir(dir);
  });

  async function open(options: Partial<InProcessLogOptions> = {}): Promise<Log> {
    await log?.close();
    log = await createInProcessLog({ dataDir: dir, defaultPartitions: 1, ...options });
    return log;
  }

  async function readAll(topic: string): Promise<LogRecord[]> {
    const seen = collector();
    const consumer = await log!.consume(
      { groupId: null, topics: [topic], fromBeginning: true },
      seen.handler,
    );
    await consumer.whenCaughtUp();
    await consumer.stop();
    return seen.records;
  }

  const partitionDir = (topic: string) => path.join(dir, 'log', topic, '0');

  async function segmentFiles(topic: string): Promise<string[]> {
    return (await fs.readdir(partitionDir(topic))).filter((f) => f.endsWith('.log')).sort();
  }

  async function dirBytes(topic: string): Promise<number> {
    let total = 0;
    for (const f of await fs.readdir(partitionDir(topic)))
      total += (await fs.stat(path.join(partitionDir(topic), f))).size;
    return total;
  }

  test('records, keys, headers and timestamps survive a restart; offsets continue', async () => {
    await open();
    await log!.produce('tx', [message('a', 'one', { source: 'http' }), message(null, 'two')]);
    const before = await readAll('tx');
    await open();
    await log!.produce('tx', [message('b', 'three')]);
    const after = await readAll('tx');
    expect(after.slice(0, 2)).toEqual(before);
    expect(after.map((r) => r.offset)).toEqual(['0', '1', '2']);
    expect(after[2].timestamp).toBeGreaterThanOrEqual(after[1].timestamp);
  });

  test("records served from memory keep only their batch's bytes, not the producer's buffers", async () => {
    await open();
    // Producers hand in views of larger buffers (pool slabs, request bodies): the in-memory tail
    // must not keep those alive.
    const body = Buffer.alloc(1024 * 1024, 'x');
    const view = (text: string, at: number) => body.subarray(at, at + body.write(text, at));
    await log!.produce('tx', [
      { key: 'k1', value: view('first', 0), headers: { h: 'v' } },
      { key: null, value: view('second', 100) },
    ]);
    await log!.produce('tx', [{ key: 'k3', value: view('third', 200) }]);
    const records = await readAll('tx');
    expect(values(records)).toEqual(['first', 'second', 'third']);
    const held = records.map((r) => r.value.buffer.byteLength);
    expect(held[0]).toBe(held[1]); // one batch, one buffer
    for (const bytes of held) expect(bytes).toBeLessThan(256);
    // The same bytes are what the segment file holds.
    expect(await dirBytes('tx')).toBeGreaterThanOrEqual(held[0] + held[2]);
  });

  test('a torn or garbage tail is cut at load and the log keeps working', async () => {
    await open();
    await log!.produce(
      'tx',
      Array.from({ length: 10 }, (_, i) => message(`k${i}`, `v${i}`)),
    );
    await log!.close();
    log = null;
    const [file] = await segmentFiles('tx');
    const segment = path.join(partitionDir('tx'), file);
    const content = await fs.readFile(segment);
    // Half of a real frame (a crash mid-write), then garbage.
    await fs.appendFile(segment, Buffer.concat([content.subarray(0, 20), Buffer.from('garbage!garbage!')]));

    await open();
    expect(values(await readAll('tx'))).toEqual(Array.from({ length: 10 }, (_, i) => `v${i}`));
    expect((await fs.stat(segment)).size).toBe(content.length);
    await log!.produce('tx', [message('k', 'v10')]);
    await open();
    const records = await readAll('tx');
    expect(records.map((r) => r.offset).at(-1)).toBe('10');
    expect(values(records).at(-1)).toBe('v10');
  });

  test('a flipped byte in the last record fails its CRC and only that record is dropped', async () => {
    await open();
    await log!.produce('tx', [message('a', 'keep'), message('b', 'lose')]);
    await log!.close();
    log = null;
    const segment = path.join(partitionDir('tx'), (await segmentFiles('tx'))[0]);
    const content = await fs.readFile(segment);
    content[content.length - 1] ^= 0xff;
    await fs.writeFile(segment, content);
    await open();
    expect(values(await readAll('tx'))).toEqual(['keep']);
  });

  test('compacted topics keep only the latest record per key across a restart, offsets preserved', async () => {
    await open();
    await log!.ensureTopics([{ name: 'dim.users', partitions: 1, compacted: true }]);
    for (let round = 0; round < 3; round++) {
      await log!.produce(
        'dim.users',
        ['u1', 'u2', 'u3'].map((id) => message(id, `${id}@${round}`)),
      );
    }
    await open();
    let records = await readAll('dim.users');
    expect(values(records)).toEqual(['u1@2', 'u2@2', 'u3@2']);
    expect(records.map((r) => r.offset)).toEqual(['6', '7', '8']);

    await log!.produce('dim.users', [message('u2', 'u2@3')]);
    await open();
    records = await readAll('dim.users');
    expect(values(records)).toEqual(['u1@2', 'u3@2', 'u2@3']);
    expect(records.map((r) => r.offset)).toEqual(['6', '8', '9']);
    await log!.produce('dim.users', [message('u4', 'u4@0')]);
    expect((await readAll('dim.users')).map((r) => r.offset)).toEqual(['6', '8', '9', '10']);
  });

  test('a compacted topic stays small while one key is updated many times', async () => {
    await open({ segmentBytes: 2048 });
    await log!.ensureTopics([{ name: 'dim.fx_rates', partitions: 1, compacted: true }]);
    for (let i = 0; i < 300; i++) await log!.produce('dim.fx_rates', [message(`C${i % 3}`, `rate-${i}`)]);
    await delay(50);
    expect(await dirBytes('dim.fx_rates')).toBeLessThan(3 * 2048);
    const latest = new Map((await readAll('dim.fx_rates')).map((r) => [r.key, r.value.toString()]));
    expect(latest).toEqual(
      new Map([
        ['C0', 'rate-297'],
        ['C1', 'rate-298'],
        ['C2', 'rate-299'],
      ]),
    );
  });

  test('an interrupted compaction (swap file left behind) is completed at load', async () => {
    await open({ segmentBytes: 150 });
    await log!.ensureTopics([{ name: 'dim.products', partitions: 1, compacted: true }]);
    for (let i = 0; i < 6; i++) await log!.produce('dim.products', [message(`p${i % 2}`, `v${i}`)]);
    await log!.close();
    log = null;
    const files = await segmentFiles('dim.products');
    expect(files.length).toBeGreaterThan(1);
    // Simulate a crash after the swap was renamed into place but before old segments went away.
    const first = files[0].slice(0, 20);
    const end = files[files.length - 1].slice(0, 20);
    await fs.copyFile(
      path.join(partitionDir('dim.products'), files[0]),
      path.join(partitionDir('dim.products'), `${first}.${end}.swap`),
    );
    await fs.writeFile(path.join(partitionDir('dim.products'), `${first}.log.cleaned`), 'partial');
    await open({ segmentBytes: 150 });
    const records = await readAll('dim.products');
    expect(new Map(records.map((r) => [r.key, r.value.toString()]))).toEqual(
      new Map([
        ['p0', 'v4'],
        ['p1', 'v5'],
      ]),
    );
    const offsets = records.map((r) => Number(r.offset));
    expect(offsets).toEqual([...new Set(offsets)].sort((a, b) => a - b));
  });

  test('segments roll at segmentBytes and a group resumes mid-log from the segment files', async () => {
    await open({ segmentBytes: 64 * 1024 });
    const payload = 'x'.repeat(100);
    for (let i = 0; i < 50; i++) {
      await log!.produce(
        'big',
        Array.from({ length: 100 }, (_, j) => message(`u${j}`, `${i * 100 + j}:${payload}`)),
      );
    }
    expect((await segmentFiles('big')).length).toBeGreaterThan(5);
    let taken = 0;
    const first = await log!.consume(
      { groupId: 'resume', topics: ['big'], fromBeginning: true, maxBatchSize: 500 },
      async (batch) => {
        if (taken >= 3000) throw new Error('stop here');
        taken += batch.records.length;
      },
    );
    await waitFor(() => taken >= 3000);
    await first.stop();

    await open({ segmentBytes: 64 * 1024 });
    const seen = collector();
    const second = await log!.consume(
      { groupId: 'resume', topics: ['big'], fromBeginning: true },
      seen.handler,
    );
    await second.whenCaughtUp();
    await second.stop();
    expect(seen.records[0].offset).toBe(String(taken));
    expect(seen.records.map((r) => Number(r.value.toString().split(':')[0]))).toEqual(
      Array.from({ length: 5000 - taken }, (_, i) => taken + i),
    );
  });

  test('a value larger than the read chunk survives the round trip', async () => {
    await open();
    const big = Buffer.alloc(1024 * 1024 + 3, 7);
    await log!.produce('blobs', [{ key: 'b', value: big }, message('c', 'small')]);
    await open();
    const records = await readAll('blobs');
    expect(records[0].value.equals(big)).toBe(true);
    expect(values(records.slice(1))).toEqual(['small']);
  });

  test('retention deletes old closed segments; readers from the beginning start at the log start', async () => {
    await open({ segmentBytes: 100, retentionMs: 30 });
    const padding = 'p'.repeat(60);
    // Each record fills a segment of its own.
    for (let i = 0; i < 10; i++) await log!.produce('old', [message('k', `old-${i}-${padding}`)]);
    expect((await segmentFiles('old')).length).toBe(10);
    await delay(60);
    await log!.produce('old', [message('k', `fresh-${padding}`)]);
    const remaining = async () => (await segmentFiles('old')).length;
    for (let i = 0; i < 100 && (await remaining()) > 1; i++) await delay(5);
    expect(await segmentFiles('old')).toEqual(['00000000000000000010.log']);
    const records = await readAll('old');
    expect(records.map((r) => r.offset)).toEqual(['10']);
    expect(records[0].value.toString()).toMatch(/^fresh-/);
  });
});
