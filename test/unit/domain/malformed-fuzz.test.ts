/**
 * Property-based fuzzing of bad input (issue 7): ≥ 10,000 generated malformed events through the
 * validator, the enrichment worker's batch step (the Kafka path: every one a dead letter with a
 * reason, none enriched, nothing thrown) and the HTTP ingest (every line rejected with a reason,
 * nothing produced). Each event is a valid one with one field broken, so the property also checks
 * that the validator notices every single kind of damage on its own.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import fc from 'fast-check';
import { createMetrics } from '../../../src/app/metrics';
import { createDimensionCache } from '../../../src/domain/dimension-cache';
import { createRiskConfig } from '../../../src/domain/risk-rules';
import { parseRawEvent } from '../../../src/domain/validation';
import type { Log, LogMessage, LogRecord } from '../../../src/datasources/log/log';
import { createIngestRouter } from '../../../src/http/ingest-routes';
import { enrichBatch } from '../../../src/workers/enrichment-worker';
import { base, malformed, NOW } from '../../support/malformed-events';

const RUNS = 10_000;

function record(bytes: Buffer, offset: number): LogRecord {
  return {
    topic: 'transactions',
    partition: 0,
    offset: String(offset),
    timestamp: NOW,
    key: 'u-1',
    value: bytes,
    headers: {},
  };
}

describe('malformed events (fast-check)', () => {
  test('the base event is valid, so each case fails for its one damage only', () => {
    expect(parseRawEvent(Buffer.from(JSON.stringify(base())), { nowMs: NOW }).ok).toBe(true);
  });

  test(`the validator rejects ${RUNS} malformed events with a reason and never throws`, () => {
    fc.assert(
      fc.property(malformed, ({ damage, bytes }) => {
        const result = parseRawEvent(bytes, { nowMs: NOW });
        if (result.ok) throw new Error(`accepted: ${damage}`);
        expect(typeof result.error.reason).toBe('string');
        expect(result.error.message.length).toBeGreaterThan(0);
      }),
      { numRuns: RUNS },
    );
  });

  test(`the enrichment step dead-letters ${RUNS} of them in batches: none enriched, each with its reason`, () => {
    const risk = createRiskConfig({ flagThreshold: 70 });
    const dims = createDimensionCache();
    const samples = fc.sample(malformed, { numRuns: RUNS, seed: 42 });
    let dead = 0;
    for (let i = 0; i < samples.length; i += 500) {
      const batch = samples.slice(i, i + 500).map((s, j) => record(s.bytes, i + j));
      const out = enrichBatch(
        { topic: 'transactions', partition: 0, records: batch },
        dims,
        risk,
        new Date(NOW),
      );
      expect(out.enriched).toEqual([]);
      expect(out.dead).toHaveLength(batch.length);
      for (const [j, d] of out.dead.entries()) {
        // The original bytes and a reason travel to the DLQ.
        expect(d.value.equals((batch[j] as LogRecord).value)).toBe(true);
        expect(JSON.stringify(d.headers)).toMatch(/reason/);
      }
      dead += out.dead.length;
    }
    expect(dead).toBe(RUNS);
  });

  test(`HTTP ingest rejects ${RUNS} of them line by line with a reason and produces nothing`, async () => {
    const produced: LogMessage[] = [];
    const log = {
      produce: async (_t: string, m: LogMessage[]) => void produced.push(...m),
    } as unknown as Log;
    const app = express();
    app.use(
      '/v1',
      createIngestRouter({
        log,
        metrics: createMetrics(),
        limits: { maxBodyBytes: 64 * 1024 * 1024, maxLines: 10_000 },
        now: () => NOW,
        authenticate: () => ({ role: 'ingest', keyId: 'k' }),
      }),
    );
    const server = http.createServer(app);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/transactions`;
      // NDJSON splits on newlines, so only single-line samples can be sent as lines.
      const lines = fc
        .sample(malformed, { numRuns: RUNS * 2, seed: 7 })
        .filter(
          (s) => !s.bytes.includes(0x0a) && s.bytes.length > 0 && s.bytes.toString('utf8').trim() !== '',
        )
        .slice(0, RUNS);
      expect(lines.length).toBe(RUNS);
      let rejected = 0;
      for (let i = 0; i < lines.length; i += 1000) {
        const chunk = lines.slice(i, i + 1000);
        const body = Buffer.concat(
          chunk.flatMap((s, j) => (j === 0 ? [s.bytes] : [Buffer.from('\n'), s.bytes])),
        );
        const res = await fetch(url, { method: 'POST', body });
        const json = (await res.json()) as {
          accepted: number;
          rejected: { index: number; reason: string }[];
        };
        expect(res.status).toBe(200);
        expect(json.accepted).toBe(0);
        expect(json.rejected).toHaveLength(chunk.length);
        expect(json.rejected.every((r) => typeof r.reason === 'string' && r.reason.length > 0)).toBe(true);
        rejected += json.rejected.length;
      }
      expect(rejected).toBe(RUNS);
      expect(produced).toEqual([]);
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  });
});
