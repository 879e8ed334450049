/**
 * The optimised enrichment path (integer money and risk, per-row facts, the hand-written JSON
 * writer, the ISO formatter) must give exactly what the decimal.js implementation it replaced
 * gave. The old code is frozen under test/support/reference-enrichment; a generated corpus goes
 * through both, batch by batch, with the dimensions changing between batches, and every enriched
 * record must be byte-identical, every dead letter equal, and every enrich() object the same.
 */
import { formatArrival } from '../../../src/domain/current-state';
import { createDimensionCache, type DimensionCache } from '../../../src/domain/dimension-cache';
import { enrich } from '../../../src/domain/enrich';
import {
  createRiskConfig,
  defaultRiskRules,
  type RiskConfig,
  type RiskRule,
} from '../../../src/domain/risk-rules';
import { parseRawEvent } from '../../../src/domain/validation';
import { DIMENSION_KINDS } from '../../../src/domain/types';
import type { LogMessage, LogRecord } from '../../../src/datasources/log/log';
import { enrichBatch } from '../../../src/workers/enrichment-worker';
import {
  corpusDimensions,
  createRng,
  eventBytes,
  logRecord,
  rawEvent,
  type Rng,
} from '../../support/enrichment-corpus';
import { formatArrival as referenceFormatArrival } from '../../support/reference-enrichment/current-state';
import { enrich as referenceEnrich } from '../../support/reference-enrichment/enrich';
import { referenceEnrichBatch } from '../../support/reference-enrichment/enrich-batch';
import {
  createRiskConfig as referenceRiskConfig,
  defaultRiskRules as referenceDefaultRules,
  type RiskConfig as ReferenceRiskConfig,
} from '../../support/reference-enrichment/risk-rules';
import { parseRawEvent as referenceParseRawEvent } from '../../support/reference-enrichment/validation';

const BATCHES = 16;
const BATCH_SIZE = 500;
const BASE_NOW = Date.UTC(2026, 2, 1, 12);

/** A custom rule (so the decimal.js path runs) whose reason is not ASCII. */
const eveningRule: RiskRule = {
  id: 'soirée',
  points: (ctx) =>
    ctx.amountUsd !== null && ctx.amountUsd.gt(50) ? { points: '7.5', reason: 'soirée' } : null,
};

interface Scenario {
  name: string;
  risk: RiskConfig;
  reference: ReferenceRiskConfig;
  seed: number;
}

const scenarios: Scenario[] = [
  { name: 'default rules', risk: createRiskConfig(), reference: referenceRiskConfig(), seed: 1 },
  {
    name: 'default rules, threshold 40',
    risk: createRiskConfig({ flagThreshold: 40 }),
    reference: referenceRiskConfig({ flagThreshold: 40 }),
    seed: 2,
  },
  {
    name: 'the default rules passed explicitly',
    risk: createRiskConfig({ rules: defaultRiskRules() }),
    reference: referenceRiskConfig({ rules: referenceDefaultRules() }),
    seed: 3,
  },
  {
    name: 'custom rules (decimal path)',
    risk: createRiskConfig({ rules: [...defaultRiskRules(), eveningRule] }),
    reference: referenceRiskConfig({ rules: [...referenceDefaultRules(), eveningRule] }),
    seed: 4,
  },
];

function loadDimensions(rng: Rng): DimensionCache {
  const cache = createDimensionCache();
  const dims = corpusDimensions(rng);
  for (const kind of DIMENSION_KINDS) for (const row of dims[kind]) cache.upsert(kind, row as never);
  return cache;
}

/** Dimension churn between batches: replaced rows, rows edited in place, rows removed. */
function churn(rng: Rng, cache: DimensionCache, batch: number): void {
  const user = cache.user(`u-${rng.int(0, 159)}`);
  if (user !== undefined) {
    if (batch % 2 === 0)
      cache.upsert('users', { ...user, risk_score: rng.int(0, 100), segment: 'highRiskSegment' });
    else user.segment = rng.pick(['standard', 'emoji 😀', null]); // in place: facts must notice
  }
  const merchant = cache.merchant(`m-${rng.int(0, 89)}`);
  if (merchant !== undefined) {
    if (batch % 3 === 0) merchant.risk_category = rng.pick(['low', 'medium', 'high', null] as const);
    else cache.upsert('merchants', { ...merchant, status: rng.pick(['active', 'suspended'] as const) });
  }
  const rate = cache.fxRate(rng.pick(['EUR', 'GBP', 'JPY', 'CHF']));
  if (rate !== undefined) {
    if (batch % 2 === 0)
      cache.upsert('fx_rates', { ...rate, usd_rate: rng.pick(['1.1', '0.999999', '1.0815']) });
    else rate.usd_rate = rng.pick(['1.25', '1.0000000000000000000000001', '0.5']);
  }
  if (batch === 5) cache.remove('fx_rates', 'GBP');
  if (batch === 9) cache.upsert('fx_rates', { currency: 'GBP', usd_rate: '1.2650' });
  if (batch === 7) cache.remove('payment_methods', 'pm-3');
}

function firstDifferences(actual: LogMessage[], expected: LogMessage[]): string[] {
  const differences: string[] = [];
  for (let i = 0; i < expected.length && differences.length < 3; i++) {
    const a = actual[i];
    const e = expected[i] as LogMessage;
    if (a === undefined || a.key !== e.key || !a.value.equals(e.value)) {
      differences.push(`#${i}\n  got      ${a?.value.toString()}\n  expected ${e.value.toString()}`);
    }
  }
  return differences;
}

describe('optimised enrichment is byte-identical to the decimal.js reference', () => {
  test.each(scenarios)('$name', ({ risk, reference, seed }) => {
    const rng = createRng(seed);
    const cache = loadDimensions(rng);
    const seen = { enriched: 0, dead: 0, nonAscii: 0, flagged: 0, converted: 0, objects: 0 };

    for (let b = 0; b < BATCHES; b++) {
      const nowMs = BASE_NOW + rng.pick([0, 1, 999, 86_399_999, 3_600_000 * b]);
      const now = new Date(nowMs);
      const records: LogRecord[] = [];
      for (let i = 0; i < BATCH_SIZE; i++) {
        const seq = b * BATCH_SIZE + i;
        records.push(logRecord(rng, eventBytes(rng, rawEvent(rng, nowMs, seq)), seq));
      }
      const batch = { topic: 'transactions', partition: 0, records };

      const expected = referenceEnrichBatch(batch, cache, reference, now);
      const actual = enrichBatch(batch, cache, risk, now);
      expect(firstDifferences(actual.enriched, expected.enriched)).toEqual([]);
      expect(actual.enriched).toHaveLength(expected.enriched.length);
      expect(actual.dead).toEqual(expected.dead);
      expect(actual.reasons).toEqual(expected.reasons);

      // enrich() and parseRawEvent() on their own, as the reprocess job and HTTP ingest use them.
      // Compared as JSON (field order included); a deep toEqual as well on a sample and on failure.
      for (const [i, record] of records.entries()) {
        const want = referenceParseRawEvent(record.value, { nowMs });
        const got = parseRawEvent(record.value, { nowMs });
        if (i % 50 === 0 || JSON.stringify(got) !== JSON.stringify(want)) expect(got).toEqual(want);
        if (!want.ok) continue;
        const arrival = referenceFormatArrival(record.timestamp, record.partition, record.offset);
        const raw = { ...want.value, arrival };
        const object = enrich(raw, cache, risk, now);
        const referenceObject = referenceEnrich(raw, cache, reference, now);
        if (i % 50 === 0 || JSON.stringify(object) !== JSON.stringify(referenceObject)) {
          expect(JSON.stringify(object)).toBe(JSON.stringify(referenceObject));
          expect(object).toEqual(referenceObject);
        }
        seen.objects++;
      }

      for (const message of expected.enriched) {
        const text = message.value.toString('utf8');
        if (message.value.length !== text.length) seen.nonAscii++;
        if (text.includes('"flagged":true')) seen.flagged++;
        if (!text.includes('"amount_usd":null')) seen.converted++;
      }
      seen.enriched += expected.enriched.length;
      seen.dead += expected.dead.length;
      churn(rng, cache, b);
    }

    // The corpus must actually exercise what it claims to.
    expect(seen.enriched).toBeGreaterThan(BATCHES * BATCH_SIZE * 0.8);
    expect(seen.dead).toBeGreaterThan(BATCHES * 10);
    expect(seen.nonAscii).toBeGreaterThan(BATCHES * 10);
    expect(seen.flagged).toBeGreaterThan(BATCHES * 10);
    expect(seen.converted).toBeGreaterThan(seen.enriched * 0.5);
    expect(seen.objects).toBe(seen.enriched);
  });

  test('the arrival string is unchanged', () => {
    const rng = createRng(5);
    for (let i = 0; i < 20_000; i++) {
      const ms = rng.pick([0, 9_999_999_999_999, 1_772_000_000_000 + i, rng.int(0, 9_999_999), 2 ** 31 + i]);
      const partition = rng.pick([0, 7, 99_999, rng.int(0, 99_999)]);
      const offset = String(rng.pick([0, i, 2 ** 53 - 1]))
        .padStart(rng.int(1, 20), '0')
        .slice(-20);
      expect(formatArrival(ms, partition, offset)).toBe(referenceFormatArrival(ms, partition, offset));
    }
  });
});
