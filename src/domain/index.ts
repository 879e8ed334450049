/** The pure domain: validation, current state, enrichment, risk and aggregates. No I/O. */
export * from './types';
export { isIsoCurrency } from './currencies';
export { Dec, toCents, multiply, normalizeAmount, positiveDecimalText } from './money';
export { parseIsoTimestamp } from './timestamps';
export {
  parseRawEvent,
  validateRawTransaction,
  DEFAULT_MAX_EVENT_BYTES,
  DEFAULT_MAX_FUTURE_MS,
  MAX_ID_LENGTH,
  MAX_METADATA_BYTES,
  MAX_METADATA_DEPTH,
  type ValidationOptions,
} from './validation';
export { formatArrival, compareStates, isNewer, pickCurrent, type StateOrder } from './current-state';
export {
  createRiskConfig,
  defaultRiskRules,
  scoreRisk,
  DEFAULT_FLAG_THRESHOLD,
  type RiskConfig,
  type RiskContext,
  type RiskResult,
  type RiskRule,
} from './risk-rules';
export { enrich, ENRICHMENT_VERSION } from './enrich';
export { aggregateDay } from './aggregate';
export { validateDimension } from './dimension-validation';
export { createDimensionCache, type DimensionCache } from './dimension-cache';
