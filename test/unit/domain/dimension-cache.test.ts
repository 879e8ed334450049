import { createDimensionCache } from '../../../src/domain/dimension-cache';
import { merchantDim, paymentMethodDim, productDim, userDim } from './fixtures';

describe('createDimensionCache', () => {
  test('starts empty', () => {
    const cache = createDimensionCache();
    expect(cache.counts()).toEqual({ users: 0, merchants: 0, payment_methods: 0, products: 0, fx_rates: 0 });
    expect(cache.user('u-1')).toBeUndefined();
    expect(cache.fxRate('EUR')).toBeUndefined();
  });

  test('upserts by each kind’s key and looks up', () => {
    const cache = createDimensionCache();
    cache.upsert('users', userDim());
    cache.upsert('merchants', merchantDim());
    cache.upsert('payment_methods', paymentMethodDim());
    cache.upsert('products', productDim());
    cache.upsert('fx_rates', { currency: 'EUR', usd_rate: '1.08' });
    expect(cache.user('u-1')?.first_name).toBe('Ada');
    expect(cache.merchant('m-1')?.merchant_name).toBe('Corner Shop');
    expect(cache.paymentMethod('pm-1')?.method_type).toBe('card');
    expect(cache.product('p-1')?.category).toBe('drinks');
    expect(cache.fxRate('EUR')?.usd_rate).toBe('1.08');
    expect(cache.counts()).toEqual({ users: 1, merchants: 1, payment_methods: 1, products: 1, fx_rates: 1 });
  });

  test('a later upsert replaces, a remove forgets', () => {
    const cache = createDimensionCache();
    cache.upsert('fx_rates', { currency: 'EUR', usd_rate: '1.08' });
    cache.upsert('fx_rates', { currency: 'EUR', usd_rate: '1.09' });
    expect(cache.fxRate('EUR')?.usd_rate).toBe('1.09');
    expect(cache.counts().fx_rates).toBe(1);
    expect(cache.remove('fx_rates', 'EUR')).toBe(true);
    expect(cache.remove('fx_rates', 'EUR')).toBe(false);
    expect(cache.fxRate('EUR')).toBeUndefined();
  });

  test('kinds are separate namespaces', () => {
    const cache = createDimensionCache();
    cache.upsert('users', userDim({ user_id: 'same' }));
    expect(cache.merchant('same')).toBeUndefined();
    expect(cache.user('same')).toBeDefined();
  });
});
