import pino from 'pino';
import { FakeReadModel } from './fake-read-model';
import { codes, startHarness } from './harness';

describe('error formatting', () => {
  test.each([
    [false, 'Internal server error'],
    [true, 'DynamoDB table txgraph_TransactionIndex is throttled'],
  ])('an unknown error is INTERNAL_SERVER_ERROR (development: %s)', async (development, message) => {
    const readModel = new FakeReadModel();
    readModel.failWith = new Error('DynamoDB table txgraph_TransactionIndex is throttled');
    const harness = await startHarness({ readModel, development });
    try {
      const result = await harness.execute('{ transactions(userId: "u1") { edges { cursor } } }');
      expect(codes(result)).toEqual(['INTERNAL_SERVER_ERROR']);
      expect(result.errors?.[0]?.message).toBe(message);
      expect(result.errors?.[0]?.path).toEqual(['transactions']);
      const stack = result.errors?.[0]?.extensions?.['stacktrace'];
      if (development) expect(stack).toBeDefined();
      else expect(stack).toBeUndefined();
    } finally {
      await harness.stop();
    }
  });

  test('vocabulary errors keep their code and message and carry no stack', async () => {
    const harness = await startHarness();
    try {
      const result = await harness.execute('{ transactions(userId: "u1", first: 0) { edges { cursor } } }');
      expect(result.errors?.[0]).toEqual({
        message: '"first" must be between 1 and 500, got 0',
        locations: [{ line: 1, column: 3 }],
        path: ['transactions'],
        extensions: { code: 'BAD_USER_INPUT', field: 'first' },
      });
    } finally {
      await harness.stop();
    }
  });

  test('an internal error is logged with its cause and the request id', async () => {
    const lines: Record<string, unknown>[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(JSON.parse(line)) });
    const readModel = new FakeReadModel();
    readModel.failWith = new Error('socket hang up');
    const harness = await startHarness({ readModel, logger });
    try {
      await harness.execute('{ user(id: "u1") { id } }');
      const logged = lines.find((line) => line['msg'] === 'GraphQL request failed with an internal error');
      expect(logged).toMatchObject({
        level: 50,
        component: 'graphql',
        path: 'user',
        err: { message: 'socket hang up' },
      });
      expect(typeof logged?.['requestId']).toBe('string');
    } finally {
      await harness.stop();
    }
  });
});
