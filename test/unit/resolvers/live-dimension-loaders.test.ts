import { createDimensionCache } from '../../../src/domain/dimension-cache';
import { createLiveDimensionLoaders } from '../../../src/resolvers/live-dimension-loaders';
import { FakeReadModel, merchant, user } from '../graphql/fake-read-model';

describe('live dimension loaders', () => {
  test('rows held in memory cost no read; only the others go to the read model, in one batch', async () => {
    const readModel = new FakeReadModel();
    readModel.dimensions.merchants.set('m-db', merchant('m-db'));
    const local = createDimensionCache();
    local.upsert('merchants', merchant('m-mem'));
    const loaders = createLiveDimensionLoaders(readModel, { local });

    const [inMemory, fromTable, unknown, inMemoryAgain] = await Promise.all([
      loaders.merchants.load('m-mem'),
      loaders.merchants.load('m-db'),
      loaders.merchants.load('m-none'),
      loaders.merchants.load('m-mem'),
    ]);

    expect(inMemory?.merchant_id).toBe('m-mem');
    expect(inMemoryAgain).toBe(inMemory);
    expect(fromTable?.merchant_id).toBe('m-db');
    expect(unknown).toBeNull();
    expect(readModel.callsOf('dimensionsByIds', 'merchants')).toEqual([
      expect.objectContaining({ args: [['m-db', 'm-none']] }),
    ]);
  });

  test('a batch fully served from memory makes no read at all', async () => {
    const readModel = new FakeReadModel();
    const local = createDimensionCache();
    local.upsert('users', user('u-1'));
    const loaders = createLiveDimensionLoaders(readModel, { local });
    expect((await loaders.users.load('u-1'))?.user_id).toBe('u-1');
    expect(readModel.callsOf('dimensionsByIds', 'users')).toHaveLength(0);
  });
});
