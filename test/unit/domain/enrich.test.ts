import { createDimensionCache, type DimensionCache } from '../../../src/domain/dimension-cache';
import { ENRICHMENT_VERSION, enrich } from '../../../src/domain/enrich';
import { createRiskConfig } from '../../../src/domain/risk-rules';
import type { RawTransaction } from '../../../src/domain/types';
import { merchantDim, paymentMethodDim, productDim, rawTx, userDim } from './fixtures';

const risk = createRiskConfig();
const enrichedAt = new Date(Date.UTC(2026, 2, 1, 10, 0, 1));

function fullCache(): DimensionCache {
  const dims = createDimensionCache();
  dims.upsert('users', userDim({ segment: 'gold', risk_score: 10 }));
  dims.upsert('merchants', merchantDim({ category: 'grocery', merchant_name: 'Corner Shop' }));
  dims.upsert('payment_methods', paymentMethodDim({ method_type: 'card', provider_name: 'Visa' }));
  dims.upsert('products', productDim({ category: 'drinks' }));
  dims.upsert('fx_rates', { currency: 'EUR', usd_rate: '1.0855' });
  return dims;
}

describe('enrich', () => {
  test('joins every dimension and converts with the exact rate', () => {
    const raw = rawTx({ currency: 'EUR', amount: '10.00', metadata: { channel: 'web' } });
    const out = enrich(raw, fullCache(), risk, enrichedAt);
    expect(out).toEqual({
      ...raw,
      user_segment: 'gold',
      merchant_category: 'grocery',
      merchant_name: 'Corner Shop',
      payment_method_type: 'card',
      payment_provider: 'Visa',
      product_category: 'drinks',
      usd_rate: '1.0855',
      amount_usd: '10.86', // 10.855 rounds half up
      risk_score: 6,
      risk_reasons: ['user_risk_score'],
      flagged: false,
      dimension_misses: [],
      enriched_at: '2026-03-01T10:00:01.000Z',
      enrichment_version: ENRICHMENT_VERSION,
    });
    expect(out.metadata).toBe(raw.metadata); // shared, not cloned
  });

  test.each<[string, Partial<RawTransaction>, (d: DimensionCache) => void, Record<string, unknown>]>([
    [
      'all dimensions missing',
      { currency: 'EUR' },
      () => undefined,
      {
        user_segment: null,
        merchant_category: null,
        merchant_name: null,
        payment_method_type: null,
        payment_provider: null,
        product_category: null,
        usd_rate: null,
        amount_usd: null,
        risk_score: 40,
        risk_reasons: ['user_missing', 'merchant_missing'],
        dimension_misses: ['user', 'merchant', 'payment_method', 'product', 'fx_rate'],
      },
    ],
    [
      'no product_id is not a product miss',
      { currency: 'EUR', product_id: null },
      () => undefined,
      { product_category: null, dimension_misses: ['user', 'merchant', 'payment_method', 'fx_rate'] },
    ],
    [
      'USD needs no fx_rates entry',
      { currency: 'USD', amount: '12.34' },
      () => undefined,
      {
        usd_rate: '1',
        amount_usd: '12.34',
        dimension_misses: ['user', 'merchant', 'payment_method', 'product'],
      },
    ],
    [
      'USD ignores a wrong USD row',
      { currency: 'USD', amount: '12.34' },
      (d) => d.upsert('fx_rates', { currency: 'USD', usd_rate: '2' }),
      { usd_rate: '1', amount_usd: '12.34' },
    ],
    [
      'rate present for another currency only',
      { currency: 'JPY', amount: '5000.00' },
      (d) => d.upsert('fx_rates', { currency: 'EUR', usd_rate: '1.1' }),
      {
        usd_rate: null,
        amount_usd: null,
        dimension_misses: ['user', 'merchant', 'payment_method', 'product', 'fx_rate'],
      },
    ],
    [
      'rate kept as given; amount converted exactly',
      { currency: 'JPY', amount: '5000.00' },
      (d) => d.upsert('fx_rates', { currency: 'JPY', usd_rate: '0.006700' }),
      { usd_rate: '0.006700', amount_usd: '33.50' },
    ],
    [
      'no rate: the raw amount drives the amount rule',
      { currency: 'JPY', amount: '5000.00' },
      () => undefined,
      {
        amount_usd: null,
        risk_reasons: ['user_missing', 'merchant_missing', 'amount_usd_over_1000'],
        risk_score: 50,
      },
    ],
    [
      'with a rate the converted amount drives it',
      { currency: 'JPY', amount: '5000.00' },
      (d) => d.upsert('fx_rates', { currency: 'JPY', usd_rate: '0.0067' }),
      { risk_reasons: ['user_missing', 'merchant_missing'], risk_score: 40 },
    ],
    [
      'raw fraud flag flags',
      { fraud_flag: true },
      () => undefined,
      { flagged: true, risk_score: 70, risk_reasons: ['user_missing', 'merchant_missing', 'raw_fraud_flag'] },
    ],
  ])('%s', (_name, rawOverrides, setup, expected) => {
    const dims = createDimensionCache();
    setup(dims);
    expect(enrich(rawTx(rawOverrides), dims, risk, enrichedAt)).toMatchObject(expected);
  });

  test('returns a new object and leaves the input untouched', () => {
    const raw = rawTx();
    const before = JSON.stringify(raw);
    const out = enrich(raw, fullCache(), risk, enrichedAt);
    expect(out).not.toBe(raw);
    expect(JSON.stringify(raw)).toBe(before);
  });
});
