/** Dimensions and events for the live-subscription tests: one calm user, one risky user. */

export const LIVE_DIMENSIONS = {
  users: [
    {
      user_id: 'u-calm',
      first_name: 'Ada',
      last_name: 'Lovelace',
      email: 'ada@example.com',
      phone: '+447700900123',
      country: 'GB',
      segment: 'standard',
      risk_score: 10,
    },
    {
      user_id: 'u-risky',
      first_name: 'Mallory',
      last_name: 'Jones',
      email: 'mallory@example.com',
      phone: '+447700900456',
      country: 'GB',
      segment: 'highRiskSegment',
      risk_score: 80,
    },
  ],
  merchants: [
    {
      merchant_id: 'm-shop',
      merchant_name: 'Corner Shop',
      category: 'grocery',
      risk_category: 'low',
      status: 'active',
      location: { city: 'London', country: 'GB' },
    },
  ],
  payment_methods: [{ payment_method_id: 'pm-1', method_type: 'card', provider_name: 'Visa' }],
};

let sequence = 0;

/** A valid raw transaction; `fraud_flag: true` on u-risky scores 0.6×80 + 10 + 30 = 88, flagged. */
export function liveTx(over: Record<string, unknown> = {}): Record<string, unknown> {
  sequence += 1;
  return {
    transaction_id: `live-${process.pid}-${Date.now().toString(36)}-${sequence}`,
    user_id: 'u-calm',
    merchant_id: 'm-shop',
    payment_method_id: 'pm-1',
    amount: '12.50',
    currency: 'EUR',
    transaction_type: 'purchase',
    timestamp: new Date().toISOString(),
    status: 'completed',
    ...over,
  };
}
