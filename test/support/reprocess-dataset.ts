import type { RawLakeRow } from '../../src/datasources/lake/parquet';
import { rawRow, type JobRig } from './reprocess-fixtures';

/** The three days every generated lake covers. */
export const DAYS = ['2026-03-01', '2026-03-02', '2026-03-03'];

/** Deterministic mixed lake: duplicates, corrections (some move day, merchant or user), unknown merchants. */
export function generateRows(count = 400): RawLakeRow[] {
  let seed = 42;
  const rand = (n: number) => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    // The high bits: an LCG's low bits cycle with a short period (bit 0 alternates), which kept
    // every `rand(2)` branch below on one side, so no correction ever moved day.
    return (seed >>> 16) % n;
  };
  const rows: RawLakeRow[] = [];
  let seq = 0;
  for (let i = 0; i < count; i++) {
    const day = DAYS[rand(3)]!;
    const base = {
      transaction_id: `t-${i}`,
      user_id: `u-${rand(25)}`,
      merchant_id: `m-${rand(7)}`, // m-6 has no dimension row
      amount: `${1 + rand(3000)}.${String(rand(100)).padStart(2, '0')}`,
      currency: ['USD', 'EUR', 'GBP'][rand(3)]!, // GBP has no rate
      transaction_type: (['purchase', 'purchase', 'refund', 'chargeback'] as const)[rand(4)],
      status: (['completed', 'completed', 'pending', 'failed'] as const)[rand(4)],
      fraud_flag: rand(10) === 0,
      timestamp: `${day}T${String(rand(24)).padStart(2, '0')}:00:00.000Z`,
    };
    rows.push(rawRow(seq++, base));
    if (rand(5) === 0) rows.push(rawRow(seq++, base)); // a re-delivery, arriving later
    if (rand(6) === 0) {
      const moved = rand(2) === 0 ? DAYS[rand(3)]! : day;
      rows.push(
        rawRow(seq++, {
          ...base,
          version: 1,
          amount: '5.00',
          merchant_id: `m-${rand(7)}`,
          user_id: rand(3) === 0 ? `u-${rand(25)}` : base.user_id,
          timestamp: `${moved}T12:00:00.000Z`,
        }),
      );
    }
  }
  return rows;
}

export const DIMS = {
  users: Array.from({ length: 25 }, (_, i) => ({
    user_id: `u-${i}`,
    first_name: null,
    last_name: null,
    email: null,
    phone: null,
    country: 'GB',
    segment: i % 5 === 0 ? 'highRiskSegment' : 'standard',
    risk_score: (i * 7) % 100,
    date_created: null,
    metadata: null,
  })),
  merchants: Array.from({ length: 6 }, (_, i) => ({
    merchant_id: `m-${i}`,
    merchant_name: `Merchant ${i}`,
    category: 'grocery',
    location: null,
    date_onboarded: null,
    risk_category: (['low', 'medium', 'high'] as const)[i % 3],
    status: i === 5 ? ('suspended' as const) : ('active' as const),
    metadata: null,
  })),
  payment_methods: [
    { payment_method_id: 'pm-1', method_type: 'card', provider_name: 'Visa', metadata: null },
  ],
  fx_rates: [{ currency: 'EUR', usd_rate: '1.1' }],
};

export async function seedDims(rig: JobRig): Promise<void> {
  await rig.dimensions.put('users', DIMS.users);
  await rig.dimensions.put('merchants', DIMS.merchants);
  await rig.dimensions.put('payment_methods', DIMS.payment_methods);
  await rig.dimensions.put('fx_rates', DIMS.fx_rates);
}
