import { enriched, FakeReadModel } from './fake-read-model';
import { KEYS, startHarness, type Harness } from './harness';

const ANALYST_KEY = KEYS[0]?.key as string;

async function post(url: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as Record<string, unknown>,
  };
}

describe('GraphQL over HTTP', () => {
  let harness: Harness;

  beforeAll(async () => {
    const readModel = new FakeReadModel();
    readModel.transactions.push(enriched('t1', { amount: '12.50' }));
    harness = await startHarness({ readModel });
    // Stands in for the IDE a later issue mounts after the API.
    harness.app.get('/graphql', (_req, res) => {
      res.type('html').send('<html>ide</html>');
    });
  });
  afterAll(async () => harness.stop());

  test.each([
    ['no Authorization header', {}],
    ['an unknown key', { authorization: 'Bearer not-a-key' }],
    ['a key without Bearer', { authorization: ANALYST_KEY }],
  ])('%s gets 401 UNAUTHENTICATED', async (_name, headers) => {
    const response = await post(harness.url, { query: '{ __typename }' }, headers);
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(response.body).toEqual({
      errors: [{ message: expect.stringContaining('API key'), extensions: { code: 'UNAUTHENTICATED' } }],
    });
  });

  test('anonymous introspection over HTTP is turned away at the door', async () => {
    const response = await post(harness.url, { query: '{ __schema { queryType { name } } }' });
    expect(response.status).toBe(401);
  });

  test('a valid key gets data, Decimal as a two-decimal string, and a request id', async () => {
    const response = await post(
      harness.url,
      { query: '{ transaction(id: "t1") { id amount amountUsd timestamp day version } }' },
      { authorization: `Bearer ${ANALYST_KEY}`, 'x-request-id': 'req-123' },
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('x-request-id')).toBe('req-123');
    expect(response.body).toEqual({
      data: {
        transaction: {
          id: 't1',
          amount: '12.50',
          amountUsd: '13.75',
          timestamp: '2026-03-01T12:00:00.000Z',
          day: '2026-03-01',
          version: 0,
        },
      },
    });
  });

  test('a browser GET for HTML passes through to whatever is mounted next', async () => {
    const response = await fetch(harness.url, {
      headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' },
    });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('<html>ide</html>');
  });

  test('a GET without a preflight header is blocked by CSRF prevention', async () => {
    const response = await fetch(`${harness.url}?query=${encodeURIComponent('{ __typename }')}`, {
      headers: { authorization: `Bearer ${ANALYST_KEY}` },
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/CSRF/);
  });

  test('a body over 1mb gets 413', async () => {
    const response = await post(
      harness.url,
      { query: '{ __typename }', variables: { pad: 'x'.repeat(1024 * 1024) } },
      { authorization: `Bearer ${ANALYST_KEY}` },
    );
    expect(response.status).toBe(413);
    expect(response.body).toMatchObject({ errors: [{ extensions: { code: 'PAYLOAD_TOO_LARGE' } }] });
  });

  test('a body that is not JSON gets 400', async () => {
    const response = await post(harness.url, '{"query": ', { authorization: `Bearer ${ANALYST_KEY}` });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ errors: [{ extensions: { code: 'BAD_REQUEST' } }] });
  });

  test('validation and limit errors are HTTP 400', async () => {
    const response = await post(
      harness.url,
      { query: `{ ${'... on Query { '.repeat(20)} __typename ${'} '.repeat(20)}}` },
      { authorization: `Bearer ${ANALYST_KEY}` },
    );
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({
      errors: [{ extensions: { code: 'QUERY_TOO_COMPLEX', limit: 'maxDepth' } }],
    });
  });
});
