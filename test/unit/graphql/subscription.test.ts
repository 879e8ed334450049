import { parse, subscribe, type ExecutionResult } from 'graphql';
import { createBurstLoaders, createSubscriptionContext } from '../../../src/resolvers/context';
import {
  buildTxgraphSchema,
  createTxgraphPubSub,
  TRANSACTION_ENRICHED,
} from '../../../src/schema/build-schema';
import { enriched, FakeReadModel, user } from './fake-read-model';
import { PRINCIPALS } from './harness';

async function setup() {
  const pubSub = createTxgraphPubSub();
  const schema = await buildTxgraphSchema({ pubSub });
  const readModel = new FakeReadModel();
  readModel.dimensions.users.set('u1', user('u1'));
  // As in production (http/subscriptions.ts): dimension loaders shared per event burst.
  const burst = createBurstLoaders(readModel);
  const start = async (query: string) =>
    subscribe({
      schema,
      document: parse(query),
      contextValue: createSubscriptionContext(PRINCIPALS.fraud, readModel, burst),
    });
  return { pubSub, readModel, start };
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

  test('each later event reads current dimensions (loader caches last one event burst)', async () => {
    const { pubSub, readModel, start } = await setup();
    const stream = (await start(
      'subscription { transactionEnriched { id user { segment } } }',
    )) as AsyncGenerator<ExecutionResult>;
    let next = stream.next();
    pubSub.publish(TRANSACTION_ENRICHED, enriched('t1'));
    expect((await next).value.data).toEqual({
      transactionEnriched: { id: 't1', user: { segment: 'retail' } },
    });
    readModel.dimensions.users.set('u1', user('u1', { segment: 'vip' }));
    // The next burst: the loaders are dropped in a setImmediate queued during the first one, and
    // an immediate queued now runs after it, even when a late event loop fires timers first.
    await new Promise((r) => setImmediate(r));
    next = stream.next();
    pubSub.publish(TRANSACTION_ENRICHED, enriched('t2'));
    expect((await next).value.data).toEqual({ transactionEnriched: { id: 't2', user: { segment: 'vip' } } });
    expect(readModel.callsOf('dimensionsByIds', 'users')).toHaveLength(2);
    await stream.return(undefined);
  });
});
