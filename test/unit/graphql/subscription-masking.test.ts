import * as principalModule from '../../../src/auth/principal';
import type { Permission, Principal } from '../../../src/auth/principal';
import { TRANSACTION_ENRICHED } from '../../../src/schema/build-schema';
import { FakeReadModel, enriched, merchant, user } from './fake-read-model';
import { startSubscriptionServer } from './subscription-server';

jest.setTimeout(30_000);

/**
 * Analysts, the one masked role, may not subscribe, so an end-to-end test cannot show masking on the
 * push path: it would pass with masking removed there. Here the grant table is changed for one key
 * only, giving a subscriber that may subscribe but not see PII: what a future "masked monitor" role
 * would be. Everything else (socket, auth on connect, schema, resolvers, loaders) is the real code.
 */
const MASKED: Principal = { role: 'fraud', keyId: 'maskedaa' };
const FRAUD: Principal = { role: 'fraud', keyId: 'ffffffff' };

const realCan = principalModule.can;
beforeEach(() => {
  jest
    .spyOn(principalModule, 'can')
    .mockImplementation((principal: Principal | null, permission: Permission) =>
      principal?.keyId === MASKED.keyId && permission === 'unmasked_pii'
        ? false
        : realCan(principal, permission),
    );
});
afterEach(() => jest.restoreAllMocks());

const QUERY = `subscription {
  transactionEnriched { id user { id firstName lastName email phone country segment } merchant { name } }
}`;

test('a subscriber without the unmasked-PII permission receives masked PII in pushed events', async () => {
  const readModel = new FakeReadModel();
  readModel.dimensions.users.set('u1', user('u1'));
  readModel.dimensions.merchants.set('m1', merchant('m1'));
  const server = await startSubscriptionServer({ principals: { masked: MASKED, fraud: FRAUD }, readModel });
  try {
    expect(principalModule.can(MASKED, 'subscribe')).toBe(true);
    const masked = await server.connect('masked');
    const fraud = await server.connect('fraud');
    masked.subscribe('s', QUERY);
    fraud.subscribe('s', QUERY);
    await server.untilSubscribed(2);
    server.pubSub.publish(TRANSACTION_ENRICHED, enriched('t1', { user_id: 'u1', merchant_id: 'm1' }));
    for (const client of [masked, fraud]) await client.until(() => client.data('s').length === 1);

    const base = { id: 'u1', country: 'GB', segment: 'retail' };
    expect(masked.data('s')).toEqual([
      {
        transactionEnriched: {
          id: 't1',
          user: {
            ...base,
            firstName: 'J***',
            lastName: 'D***',
            email: 'j***@example.com',
            phone: '+*******89',
          },
          merchant: { name: 'Shop m1' },
        },
      },
    ]);
    // The same event, through the same shared loaders, arrives in the clear for a fraud key.
    expect(fraud.data('s')).toEqual([
      {
        transactionEnriched: {
          id: 't1',
          user: {
            ...base,
            firstName: 'Johanna',
            lastName: 'Doe',
            email: 'johanna.doe@example.com',
            phone: '+44 20 7946 0989',
          },
          merchant: { name: 'Shop m1' },
        },
      },
    ]);
  } finally {
    await server.stop();
  }
});
