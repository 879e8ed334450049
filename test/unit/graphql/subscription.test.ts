import { parse, subscribe, type ExecutionResult } from 'graphql';
import { createSubscriptionContext } from '../../../src/resolvers/context';
import { createLiveDimensionLoaders } from '../../../src/resolvers/live-dimension-loaders';
import {
  buildTxgraphSchema,
  createTxgraphPubSub,
  TRANSACTION_ENRICHED,
} from '../../../src/schema/build-schema';
import { enriched, FakeReadModel, user } from './fake-read-model';
import { PRINCIPALS } from './harness';

async function setup() {
  let now = 1_000_000;
  const pubSub = createTxgraphPubSub();
  const schema = await buildTxgraphSchema({ pubSub });
  const readModel = new FakeReadModel();
  readModel.dimensions.users.set('u1', user('u1'));
  // As in production (http/subscriptions.ts): dimension loaders shared by all subscriptions, on a
  // clock the test moves.
  const live = createLiveDimensionLoaders(readModel, { ttlMs: 1000, now: () => now });
  const start = async (query: string) =>
    subscribe({
      schema,
      document: parse(query),
      contextValue: createSubscriptionContext(PRINCIPALS.fraud, readModel, live),
    });
  return { pubSub, readModel, start, advance: (ms: number) => (now += ms) };
}

describe('subscriptions', () => {
  test('transactionFlagged pushes only flagged transactions at or above minRiskScore', async () => {
    const { pubSub, start } = await setup();
    const stream = (await start(
      'subscription { transactionFlagged(minRiskScore: 70) { id riskScore flagged } }',
    )) as AsyncGenerator<ExecutionResult>;
    const next = stream.next();
    pubSub.publish(TRANSACTION_ENRICHED, enriched('calm', { flagged: false, risk_score: 90 }));
    pubSub.publish(TRANSACTION_ENRICHED, enriched('low', { flagged: true, risk_score: 50 }));
    pubSub.publish(TRANSACTION_ENRICHED, enriched('hit', { flagged: true, risk_score: 75 }));
    expect((await next).value.data).toEqual({
      transactionFlagged: { id: 'hit', riskScore: 75, flagged: true },
    });
    await stream.return(undefined);
  });

  test.each([
    ['subscription { transactionFlagged(minRiskScore: 101) { id } }', 'minRiskScore'],
    ['subscription { transactionEnriched(filter: { types: ["gift"] }) { id } }', 'filter.types'],
  ])('%s is rejected at subscribe time naming %s', async (query, field) => {
    const { start } = await setup();
    const result = (await start(query)) as ExecutionResult;
    expect(result.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field });
  });

  test('pushed events reuse a dimension row for the TTL, then read the current one', async () => {
    const { pubSub, readModel, start, advance } = await setup();
    const stream = (await start(
      'subscription { transactionEnriched { id user { segment } } }',
    )) as AsyncGenerator<ExecutionResult>;
    const push = async (id: string) => {
      const next = stream.next();
      pubSub.publish(TRANSACTION_ENRICHED, enriched(id));
      return (await next).value.data;
    };
    expect(await push('t1')).toEqual({ transactionEnriched: { id: 't1', user: { segment: 'retail' } } });
    readModel.dimensions.users.set('u1', user('u1', { segment: 'vip' }));
    advance(999);
    expect(await push('t2')).toEqual({ transactionEnriched: { id: 't2', user: { segment: 'retail' } } });
    expect(readModel.callsOf('dimensionsByIds', 'users')).toHaveLength(1);
    advance(1);
    expect(await push('t3')).toEqual({ transactionEnriched: { id: 't3', user: { segment: 'vip' } } });
    expect(readModel.callsOf('dimensionsByIds', 'users')).toHaveLength(2);
    await stream.return(undefined);
  });
});
