/**
 * The default rules of DESIGN §4 scored on integers: every default term is a whole number of
 * tenths of a point (0.6 × an integer risk score, or whole points), so their sum and its half-up
 * rounding are exact without decimal.js. Reasons are a bit set in reporting order, which also
 * lets each combination's reason list and JSON text be built once.
 */

/** One bit per default rule, in the order risk-rules.ts reports them. */
export const REASON = {
  userRiskScore: 1 << 0,
  userMissing: 1 << 1,
  merchantRiskMedium: 1 << 2,
  merchantRiskHigh: 1 << 3,
  merchantMissing: 1 << 4,
  merchantSuspended: 1 << 5,
  highRiskSegment: 1 << 6,
  amountOver10000: 1 << 7,
  amountOver1000: 1 << 8,
  rawFraudFlag: 1 << 9,
} as const;

const REASON_IDS = [
  'user_risk_score',
  'user_missing',
  'merchant_risk_medium',
  'merchant_risk_high',
  'merchant_missing',
  'merchant_suspended',
  'high_risk_segment',
  'amount_usd_over_10000',
  'amount_usd_over_1000',
  'raw_fraud_flag',
] as const;

/** 0.6 points per point of user risk score; a user without a score counts as 50. */
const TENTHS_PER_USER_RISK_POINT = 6;
const MISSING_USER_RISK_SCORE = 50;

/** Points of the default rules, in tenths. */
export const TENTHS = {
  userMissing: MISSING_USER_RISK_SCORE * TENTHS_PER_USER_RISK_POINT,
  merchantRiskMedium: 100,
  merchantRiskHigh: 250,
  merchantMissing: 100,
  merchantSuspended: 200,
  highRiskSegment: 100,
  amountOver10000: 200,
  amountOver1000: 100,
  rawFraudFlag: 300,
} as const;

/** Risk scores whose tenths stay far inside exact integer arithmetic. */
const MAX_INTEGER_RISK_SCORE = 1e9;

/** 0.6 × the user's risk score (50 when it has none) in tenths; NaN when that is not an integer. */
export function userRiskTenths(riskScore: unknown): number {
  const score = riskScore ?? MISSING_USER_RISK_SCORE;
  if (!Number.isInteger(score) || Math.abs(score as number) > MAX_INTEGER_RISK_SCORE) return NaN;
  return (score as number) * TENTHS_PER_USER_RISK_POINT;
}

/** Round half up to whole points, clamp to 0..100 (all sums here are integers of tenths). */
export function scoreFromTenths(tenths: number): number {
  if (tenths <= 0) return 0;
  return Math.min(100, Math.floor((tenths + 5) / 10));
}

const reasonLists: (readonly string[] | undefined)[] = [];
const reasonJson: (string | undefined)[] = [];

/** The reason ids of a bit set, in reporting order (shared and frozen: copy before handing out). */
export function reasonsOf(mask: number): readonly string[] {
  let list = reasonLists[mask];
  if (list === undefined) {
    list = Object.freeze(REASON_IDS.filter((_, bit) => (mask & (1 << bit)) !== 0));
    reasonLists[mask] = list;
  }
  return list;
}

/** `JSON.stringify(reasonsOf(mask))`, built once per combination. */
export function reasonsJsonOf(mask: number): string {
  let json = reasonJson[mask];
  if (json === undefined) {
    json = JSON.stringify(reasonsOf(mask));
    reasonJson[mask] = json;
  }
  return json;
}
