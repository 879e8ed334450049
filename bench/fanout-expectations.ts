import {
  createDimensionCache,
  createRiskConfig,
  DEFAULT_FLAG_THRESHOLD,
  enrich,
  validateDimension,
  validateRawTransaction,
} from '../src/domain';
import { DIMENSION_KINDS, type EnrichedTransaction } from '../src/domain/types';
import type { seedDimensions } from '../src/synthetic/seed-dimensions';
import type { Row } from './ingest-load';

/**
 * What the fan-out bench expects each subscriber to receive, from what it sent and the service
 * accepted, not from anything a subscriber received. The fields the filters need that the bench
 * did not send itself (risk score, flag) come from the pure domain enrichment over the same seeded
 * dimensions: the bench measures delivery, not scoring, so the domain code is a fair reference.
 */
export function createExpectedEnrichment(dims: ReturnType<typeof seedDimensions>) {
  const cache = createDimensionCache();
  for (const kind of DIMENSION_KINDS) {
    for (const record of dims[kind]) {
      // Through the same validation as the service's dimension ingest, so both hold the same rows.
      const result = validateDimension(kind, JSON.parse(JSON.stringify(record)));
      if (result.ok) cache.upsert(kind, result.value);
    }
  }
  // The bench starts the service without RISK_FLAG_THRESHOLD, so it flags at the default.
  const risk = createRiskConfig({ flagThreshold: DEFAULT_FLAG_THRESHOLD });
  return (row: Row): EnrichedTransaction => {
    const raw = validateRawTransaction(JSON.parse(JSON.stringify(row)), { nowMs: Date.now() });
    if (!raw.ok) throw new Error(`the service accepted a row the domain rejects: ${raw.error.reason}`);
    return enrich({ ...raw.value, arrival: '' }, cache, risk, new Date());
  };
}
