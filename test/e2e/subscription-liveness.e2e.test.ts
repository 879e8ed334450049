import fs from 'node:fs/promises';
import WebSocket from 'ws';
import { KEYS, makeDataDir, startTestService, type TestService } from '../support/service-harness';

jest.setTimeout(60_000);

/**
 * Sockets that hold a server slot without doing their part: one that never sends connection_init,
 * one that never answers pings. Small limits make the test fast; the mechanisms are the defaults'.
 */
const INIT_TIMEOUT_MS = 400;
const KEEP_ALIVE_MS = 300;

interface RawSocket {
  ws: WebSocket;
  openedAt: number;
  closed: Promise<{ code: number; reason: string; after: number }>;
  pings: number;
}

/** A bare `ws` client: `autoPong: false` plays a peer that is gone or stuck but whose TCP is up. */
async function open(url: string, options: { autoPong?: boolean } = {}): Promise<RawSocket> {
  const ws = new WebSocket(url, 'graphql-transport-ws', { autoPong: options.autoPong ?? true });
  ws.on('error', () => undefined);
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const socket: RawSocket = {
    ws,
    openedAt: Date.now(),
    pings: 0,
    closed: new Promise((resolve) =>
      ws.once('close', (code, reason) =>
        resolve({ code, reason: reason.toString(), after: Date.now() - socket.openedAt }),
      ),
    ),
  };
  ws.on('ping', () => (socket.pings += 1));
  return socket;
}

async function init(socket: RawSocket): Promise<void> {
  const acked = new Promise<void>((resolve, reject) => {
    socket.ws.on('message', (data) => {
      if ((JSON.parse(String(data)) as { type: string }).type === 'connection_ack') resolve();
    });
    void socket.closed.then((c) => reject(new Error(`closed before ack: ${c.code} ${c.reason}`)));
  });
  socket.ws.send(
    JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${KEYS.fraud}` } }),
  );
  await acked;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** `promise`, or a clear failure after `ms` instead of jest's timeout. */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not happen in ${ms} ms`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

describe('subscription socket liveness', () => {
  let svc: TestService;
  const sockets: RawSocket[] = [];
  beforeAll(async () => {
    svc = await startTestService(
      await makeDataDir(),
      {},
      { subscriptionLimits: { connectionInitTimeoutMs: INIT_TIMEOUT_MS, keepAliveMs: KEEP_ALIVE_MS } },
    );
  });
  afterEach(async () => {
    for (const socket of sockets.splice(0)) {
      socket.ws.terminate();
      await socket.closed;
    }
  });
  afterAll(async () => {
    await svc?.stop();
    if (svc) await fs.rm(svc.dataDir, { recursive: true, force: true });
  });

  test('a socket that never sends connection_init is closed with 4408', async () => {
    const silent = await open(svc.wsUrl);
    sockets.push(silent);
    const closed = await within(silent.closed, 10_000, 'the 4408 close');
    expect(closed).toMatchObject({ code: 4408, reason: 'Connection initialisation timeout' });
    expect(closed.after).toBeGreaterThanOrEqual(INIT_TIMEOUT_MS - 50);
  });

  test('a socket that does not answer pings is terminated after about two keep-alive periods; a healthy one stays', async () => {
    const healthy = await open(svc.wsUrl);
    const deaf = await open(svc.wsUrl, { autoPong: false });
    sockets.push(healthy, deaf);
    // Both past connection_init, so only the keep-alive can end either of them.
    await Promise.all([init(healthy), init(deaf)]);

    const closed = await within(deaf.closed, 10_000, 'the termination');
    // Terminated, not closed: a peer that does not answer pings would not answer a close either.
    expect(closed.code).toBe(1006);
    // Pinged on the first tick, cut on the next: between one and two periods after it connected
    // (one timer serves every socket, so the phase varies); the upper bound leaves room for a busy CI.
    expect(closed.after).toBeGreaterThanOrEqual(KEEP_ALIVE_MS - 50);
    expect(closed.after).toBeLessThan(2 * KEEP_ALIVE_MS + 1_000);
    expect(deaf.pings).toBeGreaterThanOrEqual(1);

    await sleep(5 * KEEP_ALIVE_MS);
    expect(healthy.ws.readyState).toBe(WebSocket.OPEN);
    expect(healthy.pings).toBeGreaterThanOrEqual(5);
  });
});
