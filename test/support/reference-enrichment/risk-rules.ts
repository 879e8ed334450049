// Frozen copy of src/domain/risk-rules.ts at 7e0dc0f, the reference for enrichment-equivalence.test.ts (see README.md).
/**
 * Risk scoring (DESIGN §4) as a list of independent rules, so deployments can add, drop or
 * reweigh rules without touching enrichment. Points are summed exactly in decimal (0.6 × 45 is
 * 27, not 27.000000000000004) and rounded once at the end.
 */
import type Decimal from 'decimal.js';
import type { MerchantDim, RawTransaction, UserDim } from '../../../src/domain/types';
import { Dec, ZERO } from './money';

export interface RiskContext {
  raw: RawTransaction;
  user?: UserDim;
  merchant?: MerchantDim;
  /** amount × usd_rate, unrounded; null when there is no rate. */
  amountUsd: Decimal | null;
}

export interface RiskRule {
  id: string;
  /** Points this rule adds (null or 0: the rule does not apply and is not named in the reasons). */
  points(ctx: RiskContext): { points: Decimal.Value; reason: string } | null;
}

export interface RiskConfig {
  rules: readonly RiskRule[];
  flagThreshold: number;
}

export interface RiskResult {
  score: number;
  reasons: string[];
  flagged: boolean;
}

export const DEFAULT_FLAG_THRESHOLD = 70;
const USER_WEIGHT = new Dec('0.6');
const MISSING_USER_RISK = 50;
const USD_1000 = new Dec(1000);
const USD_10000 = new Dec(10000);

/** Rule whose points do not depend on the context, only on whether it applies. */
function fixed(id: string, points: Decimal.Value, applies: (ctx: RiskContext) => boolean): RiskRule {
  // Built once: scoring is on the enrichment hot path and number → Decimal conversion is not free.
  const hit = { points: new Dec(points), reason: id };
  return { id, points: (ctx) => (applies(ctx) ? hit : null) };
}

/** The contract's USD amount: amount × rate, or the raw amount when there is no rate. */
function usdAmount(ctx: RiskContext): Decimal {
  return ctx.amountUsd ?? new Dec(ctx.raw.amount);
}

/** The rules of DESIGN §4 in the order their reasons are reported. */
export function defaultRiskRules(): RiskRule[] {
  return [
    {
      id: 'user_risk_score',
      points: (ctx) => {
        if (ctx.user === undefined) return null;
        const points = USER_WEIGHT.times(ctx.user.risk_score ?? MISSING_USER_RISK);
        return points.isZero() ? null : { points, reason: 'user_risk_score' };
      },
    },
    fixed('user_missing', USER_WEIGHT.times(MISSING_USER_RISK), (ctx) => ctx.user === undefined),
    fixed('merchant_risk_medium', 10, (ctx) => ctx.merchant?.risk_category === 'medium'),
    fixed('merchant_risk_high', 25, (ctx) => ctx.merchant?.risk_category === 'high'),
    fixed('merchant_missing', 10, (ctx) => ctx.merchant === undefined),
    fixed('merchant_suspended', 20, (ctx) => ctx.merchant?.status === 'suspended'),
    fixed('high_risk_segment', 10, (ctx) => ctx.user?.segment === 'highRiskSegment'),
    fixed('amount_usd_over_10000', 20, (ctx) => usdAmount(ctx).gte(USD_10000)),
    // The lower tier stops where the upper one starts: a large amount earns 20, never 20 + 10.
    fixed('amount_usd_over_1000', 10, (ctx) => {
      const usd = usdAmount(ctx);
      return usd.gte(USD_1000) && usd.lt(USD_10000);
    }),
    fixed('raw_fraud_flag', 30, (ctx) => ctx.raw.fraud_flag),
  ];
}

export function createRiskConfig(opts: { flagThreshold?: number; rules?: RiskRule[] } = {}): RiskConfig {
  const flagThreshold = opts.flagThreshold ?? DEFAULT_FLAG_THRESHOLD;
  if (!Number.isFinite(flagThreshold))
    throw new RangeError(`flagThreshold must be a number, got ${flagThreshold}`);
  return { rules: opts.rules ?? defaultRiskRules(), flagThreshold };
}

/** Sum the rules' points, round half up to an integer, clamp to 0..100. */
export function scoreRisk(ctx: RiskContext, config: RiskConfig): RiskResult {
  let total = ZERO;
  const reasons: string[] = [];
  for (const rule of config.rules) {
    const hit = rule.points(ctx);
    if (hit === null) continue;
    const points = Dec.isDecimal(hit.points) ? hit.points : new Dec(hit.points);
    if (points.isZero()) continue;
    total = total.plus(points);
    reasons.push(hit.reason);
  }
  const rounded = total.toDecimalPlaces(0, Dec.ROUND_HALF_UP).toNumber();
  const score = Math.min(100, Math.max(0, rounded));
  return { score, reasons, flagged: ctx.raw.fraud_flag || score >= config.flagThreshold };
}
