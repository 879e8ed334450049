// The batch step of src/workers/enrichment-worker.ts at 7e0dc0f (see README.md).
import { formatArrival } from './current-state';
import type { DimensionLookup } from '../../../src/domain/types';
import type { LogMessage, RecordBatch } from '../../../src/datasources/log/log';
import { dlqMessage } from '../../../src/workers/dlq-message';
import { enrich } from './enrich';
import type { RiskConfig } from './risk-rules';
import { parseRawEvent } from './validation';

/** The batch step exactly as it was: validate, spread in the arrival, enrich, JSON.stringify. */
export function referenceEnrichBatch(
  batch: RecordBatch,
  dims: DimensionLookup,
  risk: RiskConfig,
  now: Date,
): { enriched: LogMessage[]; dead: LogMessage[]; reasons: string[] } {
  const enriched: LogMessage[] = [];
  const dead: LogMessage[] = [];
  const reasons: string[] = [];
  const nowMs = now.getTime();
  for (const record of batch.records) {
    const result = parseRawEvent(record.value, { nowMs });
    if (!result.ok) {
      dead.push(dlqMessage(record, result.error));
      reasons.push(result.error.reason);
      continue;
    }
    const arrival = formatArrival(record.timestamp, record.partition, record.offset);
    const out = enrich({ ...result.value, arrival }, dims, risk, now);
    enriched.push({ key: out.user_id, value: Buffer.from(JSON.stringify(out)) });
  }
  return { enriched, dead, reasons };
}
