import fs from 'node:fs';
import {
  buildClientSchema,
  buildSchema,
  getIntrospectionQuery,
  lexicographicSortSchema,
  printSchema,
  type IntrospectionQuery,
} from 'graphql';
import { SCHEMA_PATH } from '../../src/schema/emit-schema';
import { KEYS, makeDataDir, startTestService, type TestService } from '../support/service-harness';

jest.setTimeout(60_000);

// How clients discover the schema (README "Schema contract"): introspection and GET /schema.graphql,
// both for any authenticated role and for nobody else, and both telling the same story as the file.
describe('schema discovery', () => {
  const sdl = fs.readFileSync(SCHEMA_PATH, 'utf8');
  let svc: TestService;
  beforeAll(async () => {
    svc = await startTestService(await makeDataDir());
  });
  afterAll(async () => {
    await svc?.stop();
    if (svc) await fs.promises.rm(svc.dataDir, { recursive: true, force: true });
  });

  const getSchemaFile = (headers: Record<string, string> = {}) =>
    fetch(`${svc.service.url}/schema.graphql`, { headers });
  const introspect = (headers: Record<string, string>) =>
    fetch(`${svc.service.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query: getIntrospectionQuery({ specifiedByUrl: true }) }),
    });

  test.each([
    ['no key', {}],
    ['an unknown key', { authorization: 'Bearer nope' }],
  ])('GET /schema.graphql with %s is 401', async (_name, headers) => {
    const res = await getSchemaFile(headers);
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer realm="txgraph"');
    expect(await res.text()).not.toContain('type Query');
  });

  test.each(Object.entries(KEYS))(
    'GET /schema.graphql serves the checked-in SDL to %s',
    async (_role, key) => {
      const res = await getSchemaFile({ authorization: `Bearer ${key}` });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
      expect(await res.text()).toBe(sdl);
    },
  );

  test.each([
    ['no key', {}],
    ['an unknown key', { authorization: 'Bearer nope' }],
  ])('introspection with %s is refused', async (_name, headers) => {
    const res = await introspect(headers);
    expect(res.status).toBe(401);
    const body = (await res.json()) as { data?: unknown; errors?: { extensions?: { code?: string } }[] };
    expect(body.data).toBeUndefined();
    expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  test.each(Object.entries(KEYS))(
    'introspection for %s describes exactly the checked-in SDL',
    async (_role, key) => {
      const res = await introspect({ authorization: `Bearer ${key}` });
      expect(res.status).toBe(200);
      const body = (await res.json()) as { data: IntrospectionQuery };
      const introspected = printSchema(lexicographicSortSchema(buildClientSchema(body.data)));
      expect(introspected).toBe(printSchema(lexicographicSortSchema(buildSchema(sdl))));
    },
  );
});
