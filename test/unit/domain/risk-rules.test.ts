import { Dec } from '../../../src/domain/money';
import {
  createRiskConfig,
  defaultRiskRules,
  scoreRisk,
  type RiskContext,
  type RiskRule,
} from '../../../src/domain/risk-rules';
import type { MerchantDim, UserDim } from '../../../src/domain/types';
import { merchantDim, rawTx, userDim } from './fixtures';

interface Case {
  user?: Partial<UserDim> | 'missing';
  merchant?: Partial<MerchantDim> | 'missing';
  amount?: string;
  amountUsd?: string | null;
  fraudFlag?: boolean;
}

/** A quiet baseline: risk 0 user, low-risk active merchant, 10 USD. Each case changes one thing. */
function context(c: Case): RiskContext {
  return {
    raw: rawTx({ amount: c.amount ?? '10.00', fraud_flag: c.fraudFlag ?? false }),
    user: c.user === 'missing' ? undefined : userDim(c.user),
    merchant: c.merchant === 'missing' ? undefined : merchantDim(c.merchant),
    amountUsd: c.amountUsd === null ? null : new Dec(c.amountUsd ?? c.amount ?? '10.00'),
  };
}

const config = createRiskConfig();

describe('default risk rules', () => {
  test.each<[string, Case, number, string[], boolean]>([
    ['baseline adds nothing', {}, 0, [], false],
    ['user risk 41: 24.6 rounds half up to 25', { user: { risk_score: 41 } }, 25, ['user_risk_score'], false],
    ['user risk 42: 25.2 rounds to 25', { user: { risk_score: 42 } }, 25, ['user_risk_score'], false],
    ['user risk 43: 25.8 rounds to 26', { user: { risk_score: 43 } }, 26, ['user_risk_score'], false],
    ['user risk 75: exactly 45', { user: { risk_score: 75 } }, 45, ['user_risk_score'], false],
    ['user risk 45: exactly 27', { user: { risk_score: 45 } }, 27, ['user_risk_score'], false],
    ['user risk 100', { user: { risk_score: 100 } }, 60, ['user_risk_score'], false],
    [
      'user without a risk score counts as 50',
      { user: { risk_score: null } },
      30,
      ['user_risk_score'],
      false,
    ],
    ['missing user: 0.6 × 50', { user: 'missing' }, 30, ['user_missing'], false],
    ['merchant low', { merchant: { risk_category: 'low' } }, 0, [], false],
    ['merchant without a category', { merchant: { risk_category: null } }, 0, [], false],
    ['merchant medium', { merchant: { risk_category: 'medium' } }, 10, ['merchant_risk_medium'], false],
    ['merchant high', { merchant: { risk_category: 'high' } }, 25, ['merchant_risk_high'], false],
    ['missing merchant', { merchant: 'missing' }, 10, ['merchant_missing'], false],
    ['suspended merchant', { merchant: { status: 'suspended' } }, 20, ['merchant_suspended'], false],
    ['high-risk segment', { user: { segment: 'highRiskSegment' } }, 10, ['high_risk_segment'], false],
    ['USD 999.99', { amount: '999.99' }, 0, [], false],
    ['USD 1 000', { amount: '1000.00' }, 10, ['amount_usd_over_1000'], false],
    ['USD 9 999.99', { amount: '9999.99' }, 10, ['amount_usd_over_1000'], false],
    ['USD 10 000: upper tier only', { amount: '10000.00' }, 20, ['amount_usd_over_10000'], false],
    ['converted amount is what counts', { amount: '5000.00', amountUsd: '33.50' }, 0, [], false],
    ['converted over 1 000', { amount: '950.00', amountUsd: '1030.75' }, 10, ['amount_usd_over_1000'], false],
    [
      'no rate: the raw amount counts',
      { amount: '1500.00', amountUsd: null },
      10,
      ['amount_usd_over_1000'],
      false,
    ],
    ['raw fraud flag: 30 points and always flagged', { fraudFlag: true }, 30, ['raw_fraud_flag'], true],
    [
      'combination in rule order',
      {
        user: { risk_score: 50, segment: 'highRiskSegment' },
        merchant: { risk_category: 'medium' },
        amount: '1500',
      },
      60,
      ['user_risk_score', 'merchant_risk_medium', 'high_risk_segment', 'amount_usd_over_1000'],
      false,
    ],
    [
      'everything at once clamps to 100',
      {
        user: { risk_score: 100, segment: 'highRiskSegment' },
        merchant: { risk_category: 'high', status: 'suspended' },
        amount: '20000.00',
        fraudFlag: true,
      },
      100,
      [
        'user_risk_score',
        'merchant_risk_high',
        'merchant_suspended',
        'high_risk_segment',
        'amount_usd_over_10000',
        'raw_fraud_flag',
      ],
      true,
    ],
    [
      'both dimensions missing',
      { user: 'missing', merchant: 'missing' },
      40,
      ['user_missing', 'merchant_missing'],
      false,
    ],
    [
      '69 is below the threshold',
      { user: { risk_score: 65, segment: 'highRiskSegment' }, merchant: { status: 'suspended' } },
      69,
      ['user_risk_score', 'merchant_suspended', 'high_risk_segment'],
      false,
    ],
    [
      '70 is flagged',
      { user: { risk_score: 75 }, merchant: { risk_category: 'high' } },
      70,
      ['user_risk_score', 'merchant_risk_high'],
      true,
    ],
  ])('%s', (_name, c, score, reasons, flagged) => {
    expect(scoreRisk(context(c), config)).toEqual({ score, reasons, flagged });
  });
});

describe('configuration and custom rules', () => {
  const rule = (id: string, points: string | number | null): RiskRule => ({
    id,
    points: () => (points === null ? null : { points, reason: id }),
  });

  test('default threshold is 70 and rules are the defaults', () => {
    expect(config.flagThreshold).toBe(70);
    expect(config.rules.map((r) => r.id)).toEqual(defaultRiskRules().map((r) => r.id));
  });

  test.each<[string, RiskRule[], number | undefined, number, string[], boolean]>([
    [
      'exact decimal sum: 24.6 + 0.9 = 25.5 → 26 (floats give 25.4999…)',
      [rule('a', '24.6'), rule('b', 0.9)],
      undefined,
      26,
      ['a', 'b'],
      false,
    ],
    [
      '0.1 + 0.2 + 0.2 = 0.5 → 1',
      [rule('a', 0.1), rule('b', 0.2), rule('c', '0.2')],
      undefined,
      1,
      ['a', 'b', 'c'],
      false,
    ],
    ['0.49 → 0', [rule('a', '0.49')], undefined, 0, ['a'], false],
    [
      'zero and null points are not reasons',
      [rule('a', 0), rule('b', null), rule('c', '0.00')],
      undefined,
      0,
      [],
      false,
    ],
    [
      'negative points subtract and are named',
      [rule('a', 80), rule('b', -15)],
      undefined,
      65,
      ['a', 'b'],
      false,
    ],
    ['never below 0', [rule('a', -40)], undefined, 0, ['a'], false],
    ['custom threshold 50', [rule('a', 50)], 50, 50, ['a'], true],
    ['custom threshold 51', [rule('a', 50)], 51, 50, ['a'], false],
  ])('%s', (_name, rules, flagThreshold, score, reasons, flagged) => {
    const custom = createRiskConfig({ rules, flagThreshold });
    expect(scoreRisk(context({}), custom)).toEqual({ score, reasons, flagged });
  });

  test('a non-numeric threshold is a configuration error', () => {
    expect(() => createRiskConfig({ flagThreshold: NaN })).toThrow(RangeError);
  });
});
