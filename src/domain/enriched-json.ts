/**
 * The enriched record's bytes, written directly instead of building the EnrichedTransaction object
 * and handing it to JSON.stringify, which was one of the largest costs of the worker's hot path.
 * The output is byte for byte `JSON.stringify(enrich(...))`: the same fields in the same order
 * (enrich.ts's object literal), strings escaped by JSON.stringify whenever they hold anything but
 * plain ASCII, numbers as JSON writes them, and metadata as the JSON text validation already made.
 * test/unit/domain/enrichment-equivalence.test.ts holds it to that.
 *
 * `raw` must come from validation.ts, `arrival` from formatArrival and `enrichedAt` from
 * isoTimestamp: their amount, currency, enums, timestamps, day and arrival are then made of
 * digits, letters and "+-:.TZ" only, as is amount_usd (money formatting), so they need no escaping
 * and are written as they are (scanning them was a measurable share of the writer). Ids, joined
 * dimension text and reasons are always checked. Every piece is a string concatenation: V8 links
 * them and copies once into the Buffer, which measured no slower than Array.join or a byte writer.
 */
import { reasonsJsonOf } from './default-risk';
import { ENRICHMENT_VERSION } from './enrich';
import { integerText } from './integer-text';
import { isPlainJsonAscii } from './json-text';
import { missList, type Joined } from './join-and-score';
import { paymentMethodFacts, productFacts } from './row-facts';
import type { RawTransaction, TransactionStatus, TransactionType } from './types';
import type { MetadataText } from './validation';

const NO_USER = ',"user_segment":null';
const NO_MERCHANT = ',"merchant_category":null,"merchant_name":null';
const NO_PAYMENT_METHOD = ',"payment_method_type":null,"payment_provider":null';
const NO_PRODUCT = ',"product_category":null';
const MISSES_JSON = Array.from({ length: 32 }, (_, misses) => JSON.stringify(missList(misses)));

/**
 * `,"risk_score":…,"risk_reasons":…,"flagged":…,"dimension_misses":…` depends only on four small
 * integers under the default rules, and a few hundred combinations cover real traffic: one cached
 * piece instead of nine. Keyed by score (7 bits), reason bits (10), flagged (1) and misses (5).
 */
const scoreTails = new Map<number, string>();
const MAX_SCORE_TAILS = 1 << 14;

function scoreTailJson(joined: Joined): string {
  const { score, reasonBits, flagged, misses } = joined;
  const cacheable = reasonBits !== -1 && Number.isInteger(score) && score >= 0 && score <= 100;
  const key = cacheable ? (((score << 10) | reasonBits) << 6) | (flagged ? 32 : 0) | misses : -1;
  let tail = cacheable ? scoreTails.get(key) : undefined;
  if (tail === undefined) {
    tail =
      ',"risk_score":' +
      jsonNumber(score) +
      ',"risk_reasons":' +
      reasonsJson(joined) +
      (flagged ? ',"flagged":true,"dimension_misses":' : ',"flagged":false,"dimension_misses":') +
      MISSES_JSON[misses];
    if (cacheable) {
      if (scoreTails.size >= MAX_SCORE_TAILS) scoreTails.clear();
      scoreTails.set(key, tail);
    }
  }
  return tail;
}

/** `,"enriched_at":"…","enrichment_version":…}` for the batch's enrichment time. */
let lastEnrichedAt = '';
let lastEnrichedAtTail = '';

function enrichedAtTail(enrichedAt: string): string {
  if (enrichedAt !== lastEnrichedAt) {
    lastEnrichedAt = enrichedAt;
    lastEnrichedAtTail = `,"enriched_at":"${enrichedAt}","enrichment_version":${ENRICHMENT_VERSION}}`;
  }
  return lastEnrichedAtTail;
}

/** Cleared by `quoted` when a string needed JSON.stringify: the text may then be non-ASCII. */
let allAscii = true;

function quoted(text: string): string {
  if (isPlainJsonAscii(text)) return '"' + text + '"';
  allAscii = false;
  return JSON.stringify(text);
}

/** `,"<field>":<id>` from the joined row's cached text when it is that row's id (it always is for a DimensionCache). */
function idJson(facts: { key: string; keyJson: string } | undefined, id: string, field: string): string {
  return facts !== undefined && facts.key === id ? facts.keyJson : field + quoted(id);
}

/**
 * `","currency":"<currency>","transaction_type":"<type>","timestamp":"` — validation keeps both to
 * small fixed sets (ISO 4217 codes, four types), so each combination is built once.
 */
const currencyAndTypes = new Map<string, Map<string, string>>();

function currencyAndTypeJson(currency: string, type: TransactionType): string {
  let byType = currencyAndTypes.get(currency);
  if (byType === undefined) {
    byType = new Map();
    currencyAndTypes.set(currency, byType);
  }
  let json = byType.get(type);
  if (json === undefined) {
    json = `","currency":"${currency}","transaction_type":"${type}","timestamp":"`;
    byType.set(type, json);
  }
  return json;
}

/** `","status":"<status>","fraud_flag":<flag>,"metadata":`, constant for the usual status. */
function statusJson(status: TransactionStatus, fraudFlag: boolean): string {
  if (status === 'completed') {
    return fraudFlag
      ? '","status":"completed","fraud_flag":true,"metadata":'
      : '","status":"completed","fraud_flag":false,"metadata":';
  }
  return `","status":"${status}","fraud_flag":${fraudFlag ? 'true' : 'false'},"metadata":`;
}

function amountUsdJson(amountUsd: string | null): string {
  return amountUsd === null ? 'null' : '"' + amountUsd + '"';
}

/** JSON.stringify of a number: finite numbers print as String() does, the rest as null. */
function jsonNumber(value: number): string {
  if (Number.isSafeInteger(value) && value >= 0) return integerText(value);
  return Number.isFinite(value) ? String(value) : 'null';
}

function reasonsJson(joined: Joined): string {
  if (joined.reasonBits !== -1) return reasonsJsonOf(joined.reasonBits);
  allAscii = false; // custom rules may name reasons in any script
  return JSON.stringify(joined.reasons);
}

/**
 * The enriched record as UTF-8 JSON. `metadata` must be the JSON text of `raw.metadata`;
 * `enrichedAt` is the ISO text of the enrichment time.
 */
export function enrichedJsonBytes(
  raw: RawTransaction,
  arrival: string,
  metadata: MetadataText,
  joined: Joined,
  enrichedAt: string,
): Buffer {
  const { userFacts: uf, merchantFacts: mf, paymentMethod, product, rate } = joined;
  const pf = paymentMethod === undefined ? undefined : paymentMethodFacts(paymentMethod);
  const prf = product === undefined ? undefined : productFacts(product);
  allAscii =
    metadata.ascii &&
    (uf === undefined || uf.ascii) &&
    (mf === undefined || mf.ascii) &&
    (pf === undefined || pf.ascii) &&
    (prf === undefined || prf.ascii) &&
    rate.ascii;
  const text =
    '{"transaction_id":' +
    quoted(raw.transaction_id) +
    idJson(uf, raw.user_id, ',"user_id":') +
    idJson(mf, raw.merchant_id, ',"merchant_id":') +
    idJson(pf, raw.payment_method_id, ',"payment_method_id":') +
    (raw.product_id === null ? ',"product_id":null' : idJson(prf, raw.product_id, ',"product_id":')) +
    ',"amount":"' +
    raw.amount +
    currencyAndTypeJson(raw.currency, raw.transaction_type) +
    raw.timestamp +
    '","timestamp_ms":' +
    jsonNumber(raw.timestamp_ms) +
    ',"day":"' +
    raw.day +
    statusJson(raw.status, raw.fraud_flag) +
    metadata.json +
    (raw.version === 0
      ? ',"version":0,"arrival":"'
      : ',"version":' + jsonNumber(raw.version) + ',"arrival":"') +
    arrival +
    '"' +
    (uf === undefined ? NO_USER : uf.json) +
    (mf === undefined ? NO_MERCHANT : mf.json) +
    (pf === undefined ? NO_PAYMENT_METHOD : pf.json) +
    (prf === undefined ? NO_PRODUCT : prf.json) +
    rate.json +
    ',"amount_usd":' +
    amountUsdJson(joined.amountUsd) +
    scoreTailJson(joined) +
    enrichedAtTail(enrichedAt);
  // Latin-1 and UTF-8 agree on ASCII, and Latin-1 is a plain copy instead of a transcode.
  return Buffer.from(text, allAscii ? 'latin1' : 'utf8');
}
