/**
 * The produce→indexed histogram has to resolve the latencies the Kafka bench meets at 2,000/s
 * (tens of seconds behind a backlog); read the way the bench reads it, its p50 and p99 must be
 * numbers, not "> 10000 ms".
 */
import { createMetrics } from '../../../src/app/metrics';
import { percentile, readBuckets } from '../../../bench/histogram';

const HIST = 'txgraph_ingest_to_indexed_seconds';

test('latencies of tens of seconds give numeric percentiles within their bucket', async () => {
  const metrics = createMetrics({ processMetrics: false });
  for (let i = 0; i < 98; i++) metrics.indexLatency.observe(40);
  metrics.indexLatency.observe(100);
  metrics.indexLatency.observe(110);
  const buckets = readBuckets(await metrics.registry.metrics(), HIST);
  const ms = (text: string) => {
    expect(text).toMatch(/^\d+ ms$/);
    return Number.parseInt(text, 10);
  };
  const p50 = ms(percentile(buckets, 0.5));
  expect(p50).toBeGreaterThan(30_000);
  expect(p50).toBeLessThanOrEqual(45_000);
  const p99 = ms(percentile(buckets, 0.99));
  expect(p99).toBeGreaterThan(90_000);
  expect(p99).toBeLessThanOrEqual(120_000);
});
