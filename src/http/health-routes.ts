import express from 'express';
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
}): express.Router {
  const router = express.Router();
  router.get('/healthz', (_req, res) => void res.json({ status: 'ok' }));
  router.get('/readyz', (_req, res) => {
    const components = deps.components();
    const ready = components.every((c) => c.ready);
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not ready', components });
  });
  router.get('/metrics', async (_req, res) => {
    res.setHeader('Content-Type', deps.metrics.registry.contentType);
    res.send(await deps.metrics.registry.metrics());
  });
  return router;
}
