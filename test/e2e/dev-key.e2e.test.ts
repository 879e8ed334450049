import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { serviceUrl, spawnCli } from './cli-process';

jest.setTimeout(120_000);

const QUERY = JSON.stringify({ query: '{ topMerchants(date: "2026-03-01") { merchantId } }' });

function graphql(url: string, key: string | null): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: QUERY,
  });
}

/**
 * DESIGN §7/§8: on the embedded default without API_KEYS, `txgraph serve` generates an admin key and
 * prints it with the GraphQL (and IDE) URL; that printed key is what lets a first user in.
 */
describe('the dev key of the embedded default', () => {
  let dataDir: string;
  beforeEach(async () => {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'txgraph-devkey-'));
  });
  afterEach(async () => {
    await fs.rm(dataDir, { recursive: true, force: true });
  });

  it('is generated and printed with the GraphQL/IDE URL, and answers a query', async () => {
    const cli = spawnCli(['serve', '--port', '0', '--no-source'], { DATA_DIR: dataDir, API_KEYS: undefined });
    try {
      const url = await serviceUrl(cli);
      const [, printedUrl] = await cli.waitFor(/GraphQL:\s+(\S+)/);
      const [, key] = await cli.waitFor(/dev key:\s+(\S+)/);
      expect(printedUrl).toBe(`${url}/graphql`);
      expect(key).toMatch(/^txg_[A-Za-z0-9_-]{32}$/);
      // The copy-paste example carries the same key and URL.
      expect(cli.output()).toContain(`curl -s ${printedUrl} `);
      expect(cli.output()).toContain(`'authorization: Bearer ${key}'`);

      const res = await graphql(printedUrl!, key!);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ data: { topMerchants: [] } });
      expect((await graphql(printedUrl!, null)).status).toBe(401);
      expect((await graphql(printedUrl!, `${key}x`)).status).toBe(401);

      // The same URL is the IDE for a browser, which needs no key to load the page.
      const ide = await fetch(printedUrl!, { headers: { accept: 'text/html' } });
      const body = await ide.text();
      if (ide.status === 200) expect(ide.headers.get('content-type')).toMatch(/^text\/html/);
      else
        expect({ status: ide.status, body }).toEqual({
          status: 503,
          body: expect.stringMatching(/not built/),
        });

      cli.kill('SIGTERM');
      expect(await cli.exited).toEqual({ code: 0, signal: null });
    } finally {
      cli.dispose();
    }
  });

  it('is neither generated nor printed when API_KEYS is set', async () => {
    const cli = spawnCli(['serve', '--port', '0', '--no-source'], {
      DATA_DIR: dataDir,
      API_KEYS: 'own-key-0001:admin',
    });
    try {
      const url = await serviceUrl(cli);
      expect((await graphql(`${url}/graphql`, 'own-key-0001')).status).toBe(200);
      cli.kill('SIGTERM');
      expect(await cli.exited).toEqual({ code: 0, signal: null });
      expect(cli.output()).not.toMatch(/dev key|txg_/);
    } finally {
      cli.dispose();
    }
  });
});
