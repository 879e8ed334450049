import type { FxRateDim, MerchantDim, PaymentMethodDim, ProductDim, UserDim } from '../domain/types';
import { createRandom } from './random';

export interface SeedDimensions {
  users: UserDim[];
  merchants: MerchantDim[];
  payment_methods: PaymentMethodDim[];
  products: ProductDim[];
  fx_rates: FxRateDim[];
}

const FIRST = ['Ada', 'Grace', 'Alan', 'Linus', 'Barbara', 'Ken', 'Margaret', 'Dennis', 'Radia', 'Edsger'];
const LAST = [
  'Lovelace',
  'Hopper',
  'Turing',
  'Torvalds',
  'Liskov',
  'Thompson',
  'Hamilton',
  'Ritchie',
  'Perlman',
];
const COUNTRIES = ['US', 'GB', 'DE', 'FR', 'CA', 'NL', 'ES', 'IE'];
const SEGMENTS = ['standard', 'standard', 'standard', 'premium', 'business', 'highRiskSegment'];
const CATEGORIES = [
  'grocery',
  'electronics',
  'travel',
  'fashion',
  'gaming',
  'restaurants',
  'utilities',
  'crypto',
];
const CITIES = ['London', 'Berlin', 'Paris', 'New York', 'Toronto', 'Dublin', 'Madrid', 'Amsterdam'];

/** Realistic, deterministic reference data: 2,000 users, 300 merchants, 40 payment methods, 500 products. */
export function seedDimensions(
  counts = { users: 2000, merchants: 300, paymentMethods: 40, products: 500 },
): SeedDimensions {
  const rnd = createRandom(20261124);
  const pad = (n: number) => String(n).padStart(5, '0');
  const users: UserDim[] = Array.from({ length: counts.users }, (_, i) => {
    const first = rnd.pick(FIRST);
    const last = rnd.pick(LAST);
    return {
      user_id: `u-${pad(i)}`,
      first_name: first,
      last_name: last,
      email: `${first}.${last}${i}@example.com`.toLowerCase(),
      phone: `+44 7700 ${String(100000 + i).slice(-6)}`,
      country: rnd.pick(COUNTRIES),
      segment: rnd.pick(SEGMENTS),
      risk_score: rnd.int(0, 100),
      date_created: new Date(Date.UTC(2020, 0, 1) + rnd.int(0, 1500) * 86_400_000).toISOString(),
      metadata: null,
    };
  });
  const merchants: MerchantDim[] = Array.from({ length: counts.merchants }, (_, i) => {
    const category = rnd.pick(CATEGORIES);
    return {
      merchant_id: `m-${pad(i)}`,
      merchant_name: `${rnd.pick(['Acme', 'Globex', 'Initech', 'Umbrella', 'Hooli', 'Vandelay'])} ${category} ${i}`,
      category,
      location: { city: rnd.pick(CITIES), country: rnd.pick(COUNTRIES) },
      date_onboarded: new Date(Date.UTC(2019, 0, 1) + rnd.int(0, 2000) * 86_400_000).toISOString(),
      risk_category: rnd.pick(['low', 'low', 'low', 'medium', 'medium', 'high'] as const),
      status: rnd.chance(0.03) ? 'suspended' : 'active',
      metadata: null,
    };
  });
  const payment_methods: PaymentMethodDim[] = Array.from({ length: counts.paymentMethods }, (_, i) => ({
    payment_method_id: `pm-${pad(i)}`,
    method_type: rnd.pick(['card', 'card', 'wallet', 'bank_transfer']),
    provider_name: rnd.pick(['Visa', 'Mastercard', 'Amex', 'PayPal', 'Apple Pay', 'SEPA']),
    metadata: null,
  }));
  const products: ProductDim[] = Array.from({ length: counts.products }, (_, i) => ({
    product_id: `p-${pad(i)}`,
    name: `Product ${i}`,
    category: rnd.pick(CATEGORIES),
    price: `${rnd.int(1, 2000)}.${String(rnd.int(0, 99)).padStart(2, '0')}`,
    metadata: null,
  }));
  const fx_rates: FxRateDim[] = [
    { currency: 'EUR', usd_rate: '1.0815' },
    { currency: 'GBP', usd_rate: '1.2650' },
    { currency: 'CAD', usd_rate: '0.7310' },
    { currency: 'JPY', usd_rate: '0.006650' },
  ];
  return { users, merchants, payment_methods, products, fx_rates };
}
