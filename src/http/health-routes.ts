import express from 'express';
import { AggregatorRegistry, type MetricObjectWithValues, type MetricValue } from 'prom-client';
import type { Metrics } from '../app/metrics';

export interface ComponentStatus {
  name: string;
  ready: boolean;
  detail?: string | null;
}

/** /healthz says the process is alive; /readyz says every worker and store can do its job. */
export function createHealthRouter(deps: {
  metrics: Metrics;
  components: () => ComponentStatus[];
  /** Another registry's metrics (the storage thread's), summed into /metrics with this one's. */
  extraMetrics?: () => Promise<MetricObjectWithValues<MetricValue<string>>[]>;
}): express.Router {
  const router = express.Router();
  router.get('/healthz', (_req, res) => void res.json({ status: 'ok' }));
  router.get('/readyz', (_req, res) => {
    const components = deps.components();
    const ready = components.every((c) => c.ready);
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not ready', components });
  });
  router.get('/metrics', async (_req, res) => {
    const { registry } = deps.metrics;
    res.setHeader('Content-Type', registry.contentType);
    if (!deps.extraMetrics) {
      res.send(await registry.metrics());
      return;
    }
    const [own, extra] = await Promise.all([registry.getMetricsAsJSON(), deps.extraMetrics()]);
    res.send(await AggregatorRegistry.aggregate([own, extra]).metrics());
  });
  return router;
}
