import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { silentLogger } from '../../src/app/logger';
import { loadConfig } from '../../src/config/config';
import { createLog } from '../../src/datasources/log/create-log';
import { TOPICS, type Log } from '../../src/datasources/log/log';
import { decodeEnrichedRows, decodeRawRows } from '../../src/datasources/lake/parquet';
import { ENRICHMENT_GROUP } from '../../src/workers/enrichment-worker';
import { INDEXER_GROUP } from '../../src/workers/indexer';
import { eventually, ndjson } from '../support/service-harness';
import { serviceUrl, spawnCli } from './cli-process';

jest.setTimeout(120_000);

/**
 * The real process, as `npm start` runs it, outside jest's NODE_ENV=test: a SIGTERM must run the
 * service's own shutdown to the end (libraries re-raising the signal would cut the drain short).
 */
it.each(['SIGTERM', 'SIGINT'] as const)('%s drains and exits 0 with "stopped cleanly"', async (signal) => {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'txgraph-shutdown-'));
  const cli = spawnCli(['serve', '--port', '0', '--rate', '50'], { DATA_DIR: dataDir });
  try {
    await cli.waitFor(/txgraph is up/);
    await new Promise((r) => setTimeout(r, 1500)); // let the synthetic source put work in flight
    cli.kill(signal);
    expect(await cli.exited).toEqual({ code: 0, signal: null });
    expect(cli.output()).toContain('stopped cleanly');
  } finally {
    cli.dispose();
    await fs.rm(dataDir, { recursive: true, force: true });
  }
});

const KEY = 'shutdown-admin-key';
const EVENTS = Array.from({ length: 40 }, (_, i) => ({
  transaction_id: `gs-${i}`,
  user_id: `gs-u-${i % 8}`, // several users, so several partitions
  merchant_id: 'gs-m-1',
  payment_method_id: 'gs-pm-1',
  amount: `${i + 1}.00`,
  currency: 'USD',
  transaction_type: i % 10 === 9 ? 'refund' : 'purchase',
  status: 'completed',
  timestamp: `2026-03-01T${String(8 + (i % 12)).padStart(2, '0')}:00:00Z`,
}));
const IDS = EVENTS.map((e) => e.transaction_id).sort();

/** Each worker's consumer group and the topic it reads (the archiver's are named in archiver.ts). */
const GROUPS = [
  { groupId: ENRICHMENT_GROUP, topic: TOPICS.transactions },
  { groupId: INDEXER_GROUP, topic: TOPICS.enriched },
  { groupId: 'txgraph-archiver-raw', topic: TOPICS.transactions },
  { groupId: 'txgraph-archiver-enriched', topic: TOPICS.enriched },
];

/** Records a consumer is handed until it has caught up with what the log held when it started. */
async function recordsFrom(log: Log, groupId: string | null, topic: string): Promise<number> {
  let n = 0;
  const consumer = await log.consume({ groupId, topics: [topic], fromBeginning: true }, async (batch) => {
    n += batch.records.length;
  });
  await consumer.whenCaughtUp();
  await consumer.stop();
  return n;
}

/** transaction_id of every row in the lake's Parquet files of one dataset. */
async function lakeIds(lake: string, dataset: 'raw' | 'enriched'): Promise<string[]> {
  const root = path.join(lake, dataset);
  const files = (await fs.readdir(root, { recursive: true }).catch(() => [])).filter((f) =>
    f.endsWith('.parquet'),
  );
  const ids: string[] = [];
  for (const file of files) {
    const buffer = await fs.readFile(path.join(root, file));
    const rows = dataset === 'raw' ? await decodeRawRows(buffer) : await decodeEnrichedRows(buffer);
    ids.push(...rows.map((r) => String(r.transaction_id)));
  }
  return ids.sort();
}

/**
 * Issue 2: shutdown flushes the lake and commits offsets. The lake flush interval is set far beyond
 * the test, so Parquet files can only come from the shutdown's flush; and the archiver commits its
 * offsets only once its files landed, so a committed end offset shows both happened in order.
 */
it('SIGTERM flushes the lake before its interval and commits every worker offset', async () => {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'txgraph-shutdown-flush-'));
  const lake = path.join(dataDir, 'lake');
  const cli = spawnCli(['serve', '--port', '0', '--no-source'], {
    DATA_DIR: dataDir,
    API_KEYS: `${KEY}:admin`,
    LAKE_FLUSH_MS: '3600000',
  });
  try {
    const url = await serviceUrl(cli);
    const res = await fetch(`${url}/v1/transactions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${KEY}` },
      body: ndjson(EVENTS),
    });
    expect(await res.json()).toEqual({ accepted: EVENTS.length, rejected: [] });
    // Every worker has handled every event: indexed, and buffered by the archiver but not written.
    const series = [
      'txgraph_events_in_total{worker="indexer",topic="transactions_enriched"}',
      'txgraph_events_in_total{worker="archiver",topic="transactions"}',
      'txgraph_events_in_total{worker="archiver",topic="transactions_enriched"}',
    ];
    const metrics = await eventually(async () => {
      const text = await (await fetch(`${url}/metrics`)).text();
      return series.every((s) => text.includes(`${s} ${EVENTS.length}\n`)) ? text : undefined;
    }, 30_000);
    expect(metrics).not.toContain('txgraph_events_out_total{worker="archiver"');
    expect(await lakeIds(lake, 'raw')).toEqual([]);

    cli.kill('SIGTERM');
    expect(await cli.exited).toEqual({ code: 0, signal: null });

    expect(await lakeIds(lake, 'raw')).toEqual(IDS);
    expect(await lakeIds(lake, 'enriched')).toEqual(IDS);
    // A restarted worker starts where the stopped one ended: nothing is handled twice.
    const log = await createLog(loadConfig({ DATA_DIR: dataDir }), silentLogger());
    try {
      expect(await recordsFrom(log, null, TOPICS.transactions)).toBe(EVENTS.length);
      expect(await recordsFrom(log, null, TOPICS.enriched)).toBe(EVENTS.length);
      for (const { groupId, topic } of GROUPS) {
        expect({ groupId, redelivered: await recordsFrom(log, groupId, topic) }).toEqual({
          groupId,
          redelivered: 0,
        });
      }
    } finally {
      await log.close();
    }
  } finally {
    cli.dispose();
    await fs.rm(dataDir, { recursive: true, force: true });
  }
});
