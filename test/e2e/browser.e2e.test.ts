import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { LIVE_DIMENSIONS, liveTx } from '../support/live-fixtures';
import {
  KEYS,
  eventually,
  makeDataDir,
  ndjson,
  startTestService,
  type TestService,
} from '../support/service-harness';

jest.setTimeout(120_000);

const CHROMIUM = '/usr/bin/chromium';
const OUTPUT = path.resolve(__dirname, '../../test-output/browser');

/** test-output/browser/<test name>/<name>.png, emptied first so a stale image never passes for new. */
function screenshotPath(name: string): string {
  const test = (expect.getState().currentTestName ?? 'unnamed').replace(/[^\w-]+/g, '-').slice(0, 80);
  const dir = path.join(OUTPUT, test);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  return path.join(dir, `${name}.png`);
}

/**
 * The IDE and /live in headless Chromium. Every request and WebSocket the pages open is recorded:
 * all of them must go to the service on 127.0.0.1, never to a CDN. (Playwright reports WebSockets
 * only as `websocket` events, not as requests.)
 */
describe('GraphQL IDE and /live in a browser', () => {
  let svc: TestService;
  let browser: Browser;
  let page: Page;
  const requested: string[] = [];
  /** Every WebSocket a page opened, with the path of the page that opened it. */
  const websockets: { url: string; page: string }[] = [];

  async function activeSubscriptions(): Promise<number> {
    const text = await (await fetch(`${svc.service.url}/metrics`)).text();
    return Number(/^txgraph_subscriptions_active (\d+)$/m.exec(text)?.[1] ?? NaN);
  }

  beforeAll(async () => {
    if (!fs.existsSync(CHROMIUM)) {
      throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (.ci/run does it)`);
    }
    // The pages are build output (dist/web); build them now so the test never sees a stale bundle.
    execFileSync(process.execPath, [path.resolve(__dirname, '../../scripts/build-web.mjs')], {
      stdio: 'pipe',
    });
    svc = await startTestService(await makeDataDir());
    for (const [kind, rows] of Object.entries(LIVE_DIMENSIONS))
      await svc.post(`/v1/dimensions/${kind}`, ndjson(rows));
    await eventually(async () =>
      (await svc.gql(`{ user(id: "u-risky") { id } }`)).data?.user ? true : undefined,
    );
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.on('request', (request) => requested.push(request.url()));
    page.on('websocket', (ws) => websockets.push({ url: ws.url(), page: new URL(page.url()).pathname }));
  });
  afterAll(async () => {
    await browser?.close();
    await svc?.stop();
    if (svc) fs.rmSync(svc.dataDir, { recursive: true, force: true });
  });

  /** Replaces a GraphiQL (CodeMirror 5) editor's text the way a paste would. */
  async function fillEditor(selector: string, text: string): Promise<void> {
    await page.locator(`${selector} .CodeMirror`).filter({ visible: true }).click();
    await page.keyboard.press('Control+A');
    await page.keyboard.insertText(text);
    // GraphiQL stores editor text into its tab state after a 500 ms debounce; a re-render before that
    // would put the old text back.
    await page.waitForTimeout(700);
  }

  test('the IDE at /graphql runs a query and a subscription with the key from its headers editor', async () => {
    // Without a key yet, GraphiQL's first introspection is refused; type only once it has settled.
    const introspected = page.waitForResponse((r) => r.request().method() === 'POST' && r.status() === 401);
    const response = await page.goto(`${svc.service.url}/graphql`);
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-security-policy']).toContain("default-src 'self'");
    await page.waitForSelector('.graphiql-container');
    await introspected;

    // The headers tab is open and prefilled with an empty bearer.
    const headers = page.locator('.graphiql-editor-tool .CodeMirror').filter({ visible: true });
    expect(await headers.innerText()).toContain('"authorization": "Bearer "');
    await fillEditor('.graphiql-editor-tool', JSON.stringify({ authorization: `Bearer ${KEYS.fraud}` }));
    await fillEditor('.graphiql-query-editor', '{ user(id: "u-risky") { id segment riskScore } }');
    await page.click('.graphiql-execute-button');
    await page.locator('.result-window', { hasText: 'highRiskSegment' }).waitFor();

    await fillEditor('.graphiql-query-editor', 'subscription { transactionFlagged { id riskScore } }');
    await page.click('.graphiql-execute-button');
    await eventually(async () => ((await activeSubscriptions()) === 1 ? true : undefined));
    const event = liveTx({ user_id: 'u-risky', fraud_flag: true });
    await svc.post('/v1/transactions', ndjson([event]));
    await page.locator('.result-window', { hasText: event['transaction_id'] as string }).waitFor();
    const shot = screenshotPath('graphiql');
    await page.screenshot({ path: shot });
    expect(fs.statSync(shot).size).toBeGreaterThan(0);
  });

  test('/live shows flagged transactions as they arrive, with a counter and a per-minute chart', async () => {
    await page.goto(`${svc.service.url}/live`);
    await page.fill('#api-key', KEYS.fraud);
    await page.click('#connect-button');
    await page.locator('#status', { hasText: /^connected/ }).waitFor();
    await eventually(async () => ((await activeSubscriptions()) === 1 ? true : undefined));

    // Hours in the past, so a cell showing the push or enrichment time instead would not match.
    const timestamp = new Date(Date.now() - 3 * 3_600_000 - 17_000).toISOString();
    const flagged = liveTx({
      user_id: 'u-risky',
      fraud_flag: true,
      amount: '1250.00',
      currency: 'USD',
      timestamp,
    });
    const calm = liveTx({ user_id: 'u-calm' });
    expect((await svc.post('/v1/transactions', ndjson([calm, flagged]))).status).toBe(200);
    const row = page.locator(`#feed tr[data-id="${flagged['transaction_id'] as string}"]`);
    await row.waitFor();
    const cells = await row.locator('td').allInnerTexts();
    // The time cell is the transaction's own time, in the browser's locale.
    expect(cells[0]).toBe(await page.evaluate((ts) => new Date(ts).toLocaleString(), timestamp));
    expect(cells[0]).toMatch(/\b\d{1,2}:\d{2}:\d{2}\b/);
    expect(cells.slice(1)).toEqual([
      'u-risky',
      'Corner Shop (m-shop)',
      '1250.00',
      'USD',
      '98',
      'user_risk_score, high_risk_segment, amount_usd_over_1000, raw_fraud_flag',
    ]);
    expect(await page.locator('#feed tr').count()).toBe(1);
    expect(await page.textContent('#counter')).toBe('1');
    expect(await page.locator('#chart rect.bar').count()).toBe(30);
    expect(await page.locator('#chart text.count').allTextContents()).toEqual(['1']);
    const shot = screenshotPath('live');
    await page.screenshot({ path: shot, fullPage: true });
    expect(fs.statSync(shot).size).toBeGreaterThan(0);
  });

  test('a key that may not subscribe is told so on /live', async () => {
    await page.goto(`${svc.service.url}/live`);
    await page.fill('#api-key', KEYS.analyst);
    await page.click('#connect-button');
    await page.locator('#status', { hasText: '4403' }).waitFor();
  });

  test('no request left the machine', () => {
    expect(requested.length).toBeGreaterThan(0);
    const offHost = requested.filter((url) => {
      const { protocol, hostname } = new URL(url);
      return !(protocol === 'data:' || hostname === '127.0.0.1');
    });
    expect(offHost).toEqual([]);
    // The IDE's subscription and /live's feed each went over a socket, and only to the service.
    expect(new Set(websockets.map((ws) => ws.page))).toEqual(new Set(['/graphql', '/live']));
    expect(websockets.filter((ws) => new URL(ws.url).hostname !== '127.0.0.1')).toEqual([]);
  });
});
