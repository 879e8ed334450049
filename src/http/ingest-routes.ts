import express, { type Request, type Response } from 'express';
import type { Metrics } from '../app/metrics';
import { can, type Principal } from '../auth/principal';
import { validateDimension } from '../domain/dimension-validation';
import { parseRawEvent } from '../domain/validation';
import { DIMENSION_KEY, DIMENSION_KINDS, type DimensionKind } from '../domain/types';
import { TOPICS, type Log, type LogMessage } from '../datasources/log/log';
import { splitIngestBody, UnusableBodyError } from './ingest-body';

export interface IngestLimits {
  maxBodyBytes: number;
  maxLines: number;
}

interface Rejected {
  index: number;
  reason: string;
  field?: string;
  message: string;
}

/**
 * POST /v1/transactions and /v1/dimensions/<kind>. Lines are checked with the same validator as
 * the enrichment worker; accepted ones are on the log before the 200, rejected ones are answered
 * (not produced), so a client can fix and resend exactly what failed.
 */
export function createIngestRouter(deps: {
  log: Log;
  metrics: Metrics;
  authenticate: (header: string | undefined) => Principal | null;
  limits: IngestLimits;
  now?: () => number;
}): express.Router {
  const { log, metrics, authenticate, limits } = deps;
  const now = deps.now ?? Date.now;
  const router = express.Router();
  router.use(
    // Raw bytes: the body is decoded strictly (ingest-body.ts), not with replacement characters.
    express.raw({ type: () => true, limit: limits.maxBodyBytes }),
    (req: Request, res: Response, next: express.NextFunction) => {
      const principal = authenticate(req.headers.authorization);
      if (!principal)
        return void res.status(401).json(error('UNAUTHENTICATED', 'send Authorization: Bearer <key>'));
      if (!can(principal, 'ingest'))
        return void res.status(403).json(error('FORBIDDEN', 'this key may not ingest'));
      next();
    },
  );

  function handle(
    kindLabel: string,
    check: (
      text: string,
    ) => { ok: true; message: LogMessage } | { ok: false; rejected: Omit<Rejected, 'index'> },
    topic: string,
  ) {
    return async (req: Request, res: Response) => {
      let items;
      try {
        items = splitIngestBody(Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0));
      } catch (e) {
        if (e instanceof UnusableBodyError) return void res.status(400).json(error('BAD_REQUEST', e.message));
        throw e;
      }
      if (items.length > limits.maxLines) {
        return void res
          .status(413)
          .json(
            error('TOO_MANY_LINES', `at most ${limits.maxLines} events per request, got ${items.length}`),
          );
      }
      const accepted: LogMessage[] = [];
      const rejected: Rejected[] = [];
      for (const item of items) {
        const result: ReturnType<typeof check> =
          item.text === null
            ? { ok: false, rejected: { reason: 'invalid_utf8', message: 'line is not valid UTF-8' } }
            : check(item.text);
        if (result.ok) accepted.push(result.message);
        else {
          rejected.push({ index: item.index, ...result.rejected });
          metrics.ingestRejected.inc({ kind: kindLabel, reason: result.rejected.reason });
        }
      }
      if (accepted.length > 0) {
        try {
          await log.produce(topic, accepted);
        } catch {
          // Nothing of this request is acknowledged, so the client may resend all of it safely:
          // duplicates are harmless downstream.
          res.setHeader('Retry-After', '1');
          return void res
            .status(503)
            .json(
              error(
                'LOG_UNAVAILABLE',
                'the event log did not accept the events; nothing was accepted, retry',
              ),
            );
        }
      }
      res.json({ accepted: accepted.length, rejected });
    };
  }

  router.post(
    '/transactions',
    handle(
      'transactions',
      (text) => {
        const result = parseRawEvent(text, { nowMs: now() });
        if (!result.ok) return { ok: false, rejected: result.error };
        return { ok: true, message: { key: result.value.user_id, value: Buffer.from(text) } };
      },
      TOPICS.transactions,
    ),
  );

  router.post('/dimensions/:kind', (req, res, next) => {
    const kind = req.params.kind as DimensionKind;
    if (!(DIMENSION_KINDS as readonly string[]).includes(kind)) {
      return void res
        .status(404)
        .json(error('UNKNOWN_KIND', `dimension kind must be one of ${DIMENSION_KINDS.join(', ')}`));
    }
    return handle(
      `dim.${kind}`,
      (text) => {
        let parsed: unknown;
        try {
          parsed = JSON.parse(text);
        } catch {
          return { ok: false, rejected: { reason: 'not_json', message: 'line is not valid JSON' } };
        }
        const result = validateDimension(kind, parsed);
        if (!result.ok) return { ok: false, rejected: result.error };
        const key = String((result.value as unknown as Record<string, unknown>)[DIMENSION_KEY[kind]]);
        return { ok: true, message: { key, value: Buffer.from(JSON.stringify(result.value)) } };
      },
      TOPICS.dim(kind),
    )(req, res).catch(next);
  });

  router.use((err: unknown, _req: Request, res: Response, next: express.NextFunction) => {
    const e = err as { type?: string; status?: number };
    if (e.type === 'entity.too.large') {
      return void res.status(413).json(error('BODY_TOO_LARGE', `body exceeds ${limits.maxBodyBytes} bytes`));
    }
    next(err);
  });
  return router;
}

function error(code: string, message: string) {
  return { error: { code, message } };
}
