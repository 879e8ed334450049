import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { createMetrics } from '../../../src/app/metrics';
import type { Log, LogMessage } from '../../../src/datasources/log/log';
import { createIngestRouter } from '../../../src/http/ingest-routes';

const NOW = Date.parse('2026-03-02T00:00:00Z');
const event = (over: Record<string, unknown> = {}) =>
  JSON.stringify({
    transaction_id: 't-1',
    user_id: 'u-1',
    merchant_id: 'm-1',
    payment_method_id: 'pm-1',
    amount: '1.00',
    currency: 'USD',
    transaction_type: 'purchase',
    timestamp: '2026-03-01T00:00:00Z',
    status: 'completed',
    ...over,
  });

/** A log whose produce can be made to fail, recording what was produced (only the log is faked). */
function recordingLog(fail = false) {
  const produced: { topic: string; messages: LogMessage[] }[] = [];
  const log = {
    produce: async (topic: string, messages: LogMessage[]) => {
      if (fail) throw new Error('broker down');
      produced.push({ topic, messages });
    },
  } as unknown as Log;
  return { log, produced };
}

async function serve(log: Log, limits = { maxBodyBytes: 4096, maxLines: 3 }) {
  const app = express();
  app.use(
    '/v1',
    createIngestRouter({
      log,
      metrics: createMetrics(),
      limits,
      now: () => NOW,
      authenticate: (h) =>
        h === 'Bearer ing'
          ? { role: 'ingest', keyId: 'i' }
          : h === 'Bearer ana'
            ? { role: 'analyst', keyId: 'a' }
            : null,
    }),
  );
  const server = http.createServer(app);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  const post = async (path: string, body: string | Buffer, key = 'ing') => {
    const res = await fetch(`${url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}` },
      body,
    });
    return {
      status: res.status,
      retryAfter: res.headers.get('retry-after'),
      json: (await res.json()) as unknown,
    };
  };
  return { post, close: () => new Promise<void>((r) => server.close(() => r())) };
}

describe('HTTP ingest', () => {
  it('produces accepted lines with the original bytes, keyed by user_id, and answers rejected ones', async () => {
    const { log, produced } = recordingLog();
    const s = await serve(log);
    try {
      const res = await s.post('/transactions', `${event()}\n\n${event({ currency: 'usd' })}\n`);
      expect(res).toMatchObject({
        status: 200,
        json: { accepted: 1, rejected: [{ index: 2, reason: 'invalid_currency', field: 'currency' }] },
      });
      expect(produced).toHaveLength(1);
      expect(produced[0]!.topic).toBe('transactions');
      expect(produced[0]!.messages.map((m) => [m.key, m.value.toString()])).toEqual([['u-1', event()]]);
    } finally {
      await s.close();
    }
  });

  it('answers each element of a JSON array and produces the accepted ones as the client wrote them', async () => {
    const { log, produced } = recordingLog();
    const s = await serve(log, { maxBodyBytes: 4096, maxLines: 10 });
    try {
      // Numbers written in forms JSON.stringify would change (12.50 → 12.5), and spacing inside.
      const first = event({ amount: 1 }).replace('"amount":1', '"amount" : 12.50');
      const second = event({ transaction_id: 't-2', user_id: 'u-2', amount: 1 }).replace(
        '"amount":1',
        '"amount":7',
      );
      const badCurrency = event({ transaction_id: 't-3', currency: 'usd' });
      const overPrecise = event({ transaction_id: 't-4', amount: 1 }).replace(
        '"amount":1',
        '"amount":0.1000000000000000000001',
      );
      const body = `[\n  ${first},\n${badCurrency} , ${second},${overPrecise}\n]`;
      expect(JSON.parse(body)).toHaveLength(4);
      const res = await s.post('/transactions', body);
      expect(res).toEqual({
        status: 200,
        retryAfter: null,
        json: {
          accepted: 2,
          rejected: [
            { index: 1, reason: 'invalid_currency', field: 'currency', message: expect.any(String) },
            { index: 3, reason: 'invalid_amount', field: 'amount', message: expect.any(String) },
          ],
        },
      });
      expect(produced).toHaveLength(1);
      expect(produced[0]!.topic).toBe('transactions');
      expect(produced[0]!.messages.map((m) => [m.key, m.value.toString()])).toEqual([
        ['u-1', first],
        ['u-2', second],
      ]);
    } finally {
      await s.close();
    }
  });

  it.each([
    ['no key', 'nope', 401, 'UNAUTHENTICATED'],
    ['a role without ingest', 'ana', 403, 'FORBIDDEN'],
  ])('refuses %s', async (_label, key, status, code) => {
    const { log, produced } = recordingLog();
    const s = await serve(log);
    try {
      expect(await s.post('/transactions', event(), key)).toMatchObject({
        status,
        json: { error: { code } },
      });
      expect(produced).toEqual([]);
    } finally {
      await s.close();
    }
  });

  it.each([
    ['an empty body', '', 400, 'BAD_REQUEST'],
    ['a broken JSON array', '[{"a":1}', 400, 'BAD_REQUEST'],
    ['more lines than allowed', [event(), event(), event(), event()].join('\n'), 413, 'TOO_MANY_LINES'],
    ['a body over the byte cap', event({ metadata: { pad: 'x'.repeat(5000) } }), 413, 'BODY_TOO_LARGE'],
  ])('rejects %s with a clear 4xx and produces nothing', async (_label, body, status, code) => {
    const { log, produced } = recordingLog();
    const s = await serve(log);
    try {
      expect(await s.post('/transactions', body)).toMatchObject({ status, json: { error: { code } } });
      expect(produced).toEqual([]);
    } finally {
      await s.close();
    }
  });

  it('rejects a line of invalid UTF-8 on its own instead of decoding it with replacement characters', async () => {
    const { log, produced } = recordingLog();
    const s = await serve(log);
    try {
      const bad = Buffer.from(event({ user_id: 'u-X' }));
      bad[bad.indexOf('u-X') + 2] = 0xff;
      const res = await s.post('/transactions', Buffer.concat([bad, Buffer.from(`\n${event()}`)]));
      expect(res).toMatchObject({
        status: 200,
        json: { accepted: 1, rejected: [{ index: 0, reason: 'invalid_utf8' }] },
      });
      expect(produced[0]!.messages.map((m) => m.value.toString())).toEqual([event()]);
    } finally {
      await s.close();
    }
  });

  it('refuses a JSON array body that is not valid UTF-8 as a whole (400)', async () => {
    const { log, produced } = recordingLog();
    const s = await serve(log);
    try {
      const body = Buffer.concat([Buffer.from(`[${event()},"`), Buffer.from([0xc3]), Buffer.from('"]')]);
      expect(await s.post('/transactions', body)).toMatchObject({
        status: 400,
        json: { error: { code: 'BAD_REQUEST' } },
      });
      expect(produced).toEqual([]);
    } finally {
      await s.close();
    }
  });

  it('answers 503 with Retry-After and accepts nothing when the log refuses the events', async () => {
    const s = await serve(recordingLog(true).log);
    try {
      expect(await s.post('/transactions', event())).toMatchObject({
        status: 503,
        retryAfter: '1',
        json: { error: { code: 'LOG_UNAVAILABLE' } },
      });
    } finally {
      await s.close();
    }
  });

  it('validates dimension lines and keys them by id; unknown kinds are 404', async () => {
    const { log, produced } = recordingLog();
    const s = await serve(log);
    try {
      const ok = await s.post(
        '/dimensions/merchants',
        '{"merchant_id":"m-1","risk_category":"high"}\n{"merchant_id":""}',
      );
      expect(ok).toMatchObject({ status: 200, json: { accepted: 1, rejected: [{ index: 1 }] } });
      expect(produced[0]!.topic).toBe('dim.merchants');
      expect(produced[0]!.messages[0]!.key).toBe('m-1');
      expect(await s.post('/dimensions/planets', '{}')).toMatchObject({
        status: 404,
        json: { error: { code: 'UNKNOWN_KIND' } },
      });
    } finally {
      await s.close();
    }
  });
});
