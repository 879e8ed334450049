import fc from 'fast-check';
import { validateDimension } from '../../../src/domain/dimension-validation';
import { DIMENSION_KINDS, type DimensionKind, type RejectReason } from '../../../src/domain/types';
import { deepObject } from './fixtures';

describe('validateDimension accepts and normalises', () => {
  test.each<[DimensionKind, Record<string, unknown>, Record<string, unknown>]>([
    [
      'users',
      { user_id: 'u-1' },
      {
        user_id: 'u-1',
        first_name: null,
        last_name: null,
        email: null,
        phone: null,
        country: null,
        segment: null,
        risk_score: null,
        date_created: null,
        metadata: null,
      },
    ],
    [
      'users',
      {
        user_id: 'u-1',
        first_name: 'Ada',
        segment: 'highRiskSegment',
        risk_score: 100,
        date_created: '2023-01-15',
        metadata: { tier: 2 },
        unknown_column: 'dropped',
      },
      {
        user_id: 'u-1',
        first_name: 'Ada',
        segment: 'highRiskSegment',
        risk_score: 100,
        date_created: '2023-01-15T00:00:00.000Z',
        metadata: { tier: 2 },
      },
    ],
    [
      'users',
      { user_id: 'u-1', risk_score: 0, date_created: 0 },
      { risk_score: 0, date_created: '1970-01-01T00:00:00.000Z' },
    ],
    [
      'users',
      { user_id: 'u-1', date_created: '2023-01-15T10:00:00' },
      { date_created: '2023-01-15T10:00:00.000Z' },
    ],
    [
      'users',
      { user_id: 'u-1', date_created: '2023-01-15T10:00:00+01:00' },
      { date_created: '2023-01-15T09:00:00.000Z' },
    ],
    [
      'merchants',
      {
        merchant_id: 'm-1',
        merchant_name: 'Shop',
        category: 'grocery',
        location: { city: 'Leeds', country: 'GB', zip: 'x' },
        date_onboarded: 1700000000000,
        risk_category: 'high',
        status: 'suspended',
      },
      {
        merchant_id: 'm-1',
        merchant_name: 'Shop',
        category: 'grocery',
        location: { city: 'Leeds', country: 'GB' },
        date_onboarded: '2023-11-14T22:13:20.000Z',
        risk_category: 'high',
        status: 'suspended',
        metadata: null,
      },
    ],
    [
      'merchants',
      { merchant_id: 'm-1', location: { city: 'Leeds' } },
      { location: { city: 'Leeds', country: null } },
    ],
    [
      'payment_methods',
      { payment_method_id: 'pm-1', method_type: 'card', provider_name: 'Visa' },
      { payment_method_id: 'pm-1', method_type: 'card', provider_name: 'Visa', metadata: null },
    ],
    [
      'products',
      { product_id: 'p-1', name: 'Tea', category: 'drinks', price: '3.20' },
      { product_id: 'p-1', name: 'Tea', category: 'drinks', price: '3.20', metadata: null },
    ],
    ['products', { product_id: 'p-1', price: 19.99 }, { price: '19.99' }],
    ['products', { product_id: 'p-1', price: null }, { price: null }],
    ['fx_rates', { currency: 'EUR', usd_rate: '1.0850' }, { currency: 'EUR', usd_rate: '1.0850' }],
    ['fx_rates', { currency: 'JPY', usd_rate: 0.0067 }, { currency: 'JPY', usd_rate: '0.0067' }],
    [
      'fx_rates',
      { currency: 'XAU', usd_rate: '999999999999.5' },
      { currency: 'XAU', usd_rate: '999999999999.5' },
    ],
    ['fx_rates', { currency: 'XAU', usd_rate: '000123.5' }, { currency: 'XAU', usd_rate: '000123.5' }],
  ])('%s %p', (kind, input, expected) => {
    const result = validateDimension(kind, input);
    expect(result).toMatchObject({ ok: true, value: expected });
    if (result.ok) expect(result.value).not.toHaveProperty('unknown_column');
  });
});

describe('validateDimension rejects', () => {
  test.each<[DimensionKind, unknown, RejectReason, string | undefined]>([
    ['users', null, 'not_object', undefined],
    ['users', [{ user_id: 'u-1' }], 'not_object', undefined],
    ['users', {}, 'missing_field', 'user_id'],
    ['users', { user_id: null }, 'missing_field', 'user_id'],
    ['users', { user_id: '' }, 'invalid_dimension', 'user_id'],
    ['users', { user_id: 'x'.repeat(37) }, 'invalid_dimension', 'user_id'],
    ['users', { user_id: 5 }, 'invalid_dimension', 'user_id'],
    ['users', { user_id: 'u-1', risk_score: 101 }, 'invalid_dimension', 'risk_score'],
    ['users', { user_id: 'u-1', risk_score: -1 }, 'invalid_dimension', 'risk_score'],
    ['users', { user_id: 'u-1', risk_score: 50.5 }, 'invalid_dimension', 'risk_score'],
    ['users', { user_id: 'u-1', risk_score: '50' }, 'invalid_dimension', 'risk_score'],
    ['users', { user_id: 'u-1', email: 42 }, 'invalid_dimension', 'email'],
    ['users', { user_id: 'u-1', date_created: '2023-02-30' }, 'invalid_dimension', 'date_created'],
    ['users', { user_id: 'u-1', date_created: 'last year' }, 'invalid_dimension', 'date_created'],
    ['users', { user_id: 'u-1', date_created: 1e300 }, 'invalid_dimension', 'date_created'],
    ['users', { user_id: 'u-1', metadata: [] }, 'invalid_dimension', 'metadata'],
    ['users', { user_id: 'u-1', metadata: deepObject(10_000) }, 'invalid_dimension', 'metadata'],
    ['merchants', { merchant_id: 'm-1', risk_category: 'extreme' }, 'invalid_dimension', 'risk_category'],
    ['merchants', { merchant_id: 'm-1', status: 'closed' }, 'invalid_dimension', 'status'],
    ['merchants', { merchant_id: 'm-1', location: 'Leeds' }, 'invalid_dimension', 'location'],
    ['merchants', { merchant_id: 'm-1', location: { city: 7 } }, 'invalid_dimension', 'location.city'],
    ['payment_methods', { method_type: 'card' }, 'missing_field', 'payment_method_id'],
    ['products', { product_id: 'p-1', price: '0' }, 'invalid_dimension', 'price'],
    ['products', { product_id: 'p-1', price: -3 }, 'invalid_dimension', 'price'],
    ['products', { product_id: 'p-1', price: '1e3' }, 'invalid_dimension', 'price'],
    ['fx_rates', { currency: 'usd', usd_rate: '1' }, 'invalid_dimension', 'currency'],
    ['fx_rates', { currency: 'ABC', usd_rate: '1' }, 'invalid_dimension', 'currency'],
    ['fx_rates', { currency: 'EUR' }, 'missing_field', 'usd_rate'],
    ['fx_rates', { currency: 'EUR', usd_rate: 'abc' }, 'invalid_dimension', 'usd_rate'],
    ['fx_rates', { currency: 'EUR', usd_rate: Infinity }, 'invalid_dimension', 'usd_rate'],
    ['fx_rates', { usd_rate: '1' }, 'missing_field', 'currency'],
    ['fx_rates', { currency: 'XAU', usd_rate: '1000000000000' }, 'invalid_dimension', 'usd_rate'],
  ])('%s %p → %s', (kind, input, reason, field) => {
    const result = validateDimension(kind, input);
    expect(result).toMatchObject({ ok: false, error: field === undefined ? { reason } : { reason, field } });
    if (!result.ok && field !== undefined) expect(result.error.message).toContain(field);
  });

  test.each(['nope', '__proto__', 'toString'])('an unknown kind "%s"', (kind) => {
    expect(validateDimension(kind as DimensionKind, { user_id: 'u-1' })).toMatchObject({
      ok: false,
      error: { reason: 'invalid_dimension' },
    });
  });
});

test('validateDimension never throws for arbitrary values', () => {
  const hostile = new Proxy(
    {},
    {
      getPrototypeOf: () => {
        throw new Error('boom');
      },
    },
  );
  expect(validateDimension('users', hostile)).toMatchObject({
    ok: false,
    error: { reason: 'invalid_dimension' },
  });
  fc.assert(
    fc.property(fc.constantFrom(...DIMENSION_KINDS), fc.anything(), (kind, value) => {
      validateDimension(kind, value);
      validateDimension(kind, {
        user_id: 'u',
        merchant_id: 'm',
        currency: 'EUR',
        location: value,
        metadata: value,
      });
    }),
  );
});
