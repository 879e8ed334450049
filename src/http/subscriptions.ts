import type http from 'node:http';
import type { Duplex } from 'node:stream';
import {
  GraphQLError,
  parse,
  specifiedRules,
  subscribe,
  validate,
  type DocumentNode,
  type ExecutionArgs,
  type GraphQLSchema,
} from 'graphql';
import { CloseCode, handleProtocols, makeServer, type Context } from 'graphql-ws';
import { WebSocket, WebSocketServer } from 'ws';
import type { Logger } from '../app/logger';
import type { Metrics } from '../app/metrics';
import { can, PERMISSIONS, type Principal } from '../auth/principal';
import type { ReadModel } from '../datasources/dynamo/read-model';
import type { DimensionLookup } from '../domain/types';
import { createSubscriptionContext } from '../resolvers/context';
import { DEFAULT_MAX_QUEUED_PER_SUBSCRIBER } from '../schema/pubsub';
import { createLiveDimensionLoaders } from '../resolvers/live-dimension-loaders';
import { QueueOverflowError } from '../lib/bounded-async-queue';
import { createFormatError, isInternalError, QueryTooComplexError } from '../resolvers/errors';
import { armorProtection, GRAPHQL_LIMITS, GRAPHQL_PATH } from './graphql';
import { createSharedSubscriptions, isAsyncIterable, subscriptionShareKey } from './shared-subscriptions';
import { createDocumentCache, type Checked } from './document-cache';
import { createNextPayloadJson } from './next-payload-json';
import { closeSlowConsumer, graphqlWsSocket, type SendLimits } from './ws-connection';

/**
 * GraphQL over WebSocket (graphql-transport-ws) on the HTTP server's port and path (DESIGN §6).
 * The key arrives once, in `connectionParams.authorization`; sockets without a valid key are closed
 * with 4401, keys whose role may not subscribe with 4403, before any operation runs.
 */

export interface SubscriptionLimits extends SendLimits {
  /** Largest incoming frame; ws accepts 100 MiB by default. */
  maxPayloadBytes: number;
  /** A socket that has not sent connection_init by then is closed with 4408. */
  connectionInitTimeoutMs: number;
  /** Results a subscriber may have waiting to be sent; one that falls further behind is cut off. */
  maxQueuedResultsPerSubscriber: number;
  /** Ping interval; a socket that did not answer the previous ping is terminated. */
  keepAliveMs: number;
  maxSubscriptionsPerConnection: number;
  /** On shutdown, how long peers get to answer the 1001 close before their sockets are destroyed. */
  shutdownGraceMs: number;
}

export const DEFAULT_SUBSCRIPTION_LIMITS: SubscriptionLimits = {
  maxPayloadBytes: 64 * 1024,
  connectionInitTimeoutMs: 5_000,
  maxQueuedResultsPerSubscriber: DEFAULT_MAX_QUEUED_PER_SUBSCRIBER,
  keepAliveMs: 15_000,
  maxSubscriptionsPerConnection: 20,
  // A healthy reader on any real link drains far faster than this fills; 1,000 stuck sockets cost ≤ 256 MiB.
  maxBufferedBytes: 256 * 1024,
  slowCloseGraceMs: 5_000,
  shutdownGraceMs: 2_000,
};

export interface SubscriptionDeps {
  httpServer: http.Server;
  schema: GraphQLSchema;
  readModel: ReadModel;
  authenticate: (authorization: string | undefined) => Principal | null;
  logger: Logger;
  metrics: Metrics;
  development: boolean;
  limits?: Partial<SubscriptionLimits>;
  /** In-memory dimensions that pushed events' nested fields are served from before DynamoDB. */
  localDimensions?: DimensionLookup;
  /** How long a dimension row read for a pushed event is reused (default LIVE_DIMENSION_TTL_MS). */
  liveDimensionTtlMs?: number;
}

export interface MountedSubscriptions {
  /** `streams`: distinct operations executed per event, shared by `subscriptions`. */
  stats(): { connections: number; subscriptions: number; streams: number };
  /** Closes every socket with 1001 and stops accepting upgrades; idempotent. */
  stop(): Promise<void>;
}

interface ConnectionExtra {
  readonly connectionId: string;
  readonly socket: WebSocket;
  readonly request: http.IncomingMessage;
  principal: Principal | null;
  /** Ids of this connection's subscriptions that are streaming (queries over the socket excluded). */
  readonly live: Set<string>;
}

type WsContext = Context<Record<string, unknown> | undefined, ConnectionExtra>;

function authorizationOf(params: Record<string, unknown> | undefined): string | undefined {
  if (!params) return undefined;
  const value = params['authorization'] ?? params['Authorization'];
  return typeof value === 'string' ? value : undefined;
}

export function mountSubscriptions(deps: SubscriptionDeps): MountedSubscriptions {
  const limits = { ...DEFAULT_SUBSCRIPTION_LIMITS, ...deps.limits };
  const logger = deps.logger.child({ component: 'subscriptions' });
  const { metrics } = deps;
  const formatError = createFormatError({ development: deps.development });
  const liveDimensionLoaders = createLiveDimensionLoaders(deps.readModel, {
    local: deps.localDimensions,
    ttlMs: deps.liveDimensionTtlMs,
  });
  // The same depth, cost and alias limits as HTTP: a socket is no back door around them.
  const rules = [...specifiedRules, ...armorProtection().validationRules];
  const wss = new WebSocketServer({ noServer: true, maxPayload: limits.maxPayloadBytes, handleProtocols });
  const alive = new WeakSet<WebSocket>();
  const transports = new WeakMap<WebSocket, Duplex>();
  const shared = createSharedSubscriptions({
    maxQueuedPerSubscriber: limits.maxQueuedResultsPerSubscriber,
    onStreamsChanged: (streams) => metrics.subscriptionStreams.set(streams),
  });
  // onSubscribe's answer, by identity, to what makes operations equal (graphql-ws passes it on as is).
  const shareKeys = new WeakMap<ExecutionArgs, string>();
  let nextConnectionId = 0;
  let subscriptionCount = 0;

  function untrack(extra: ConnectionExtra, id: string): void {
    if (!extra.live.delete(id)) return;
    subscriptionCount -= 1;
    metrics.subscriptionsActive.dec();
  }

  function slowConsumer(extra: ConnectionExtra, detail: Record<string, unknown>, reason?: string): void {
    metrics.wsSlowConsumerClosed.inc();
    logger.warn(
      {
        connectionId: extra.connectionId,
        keyId: extra.principal?.keyId,
        remote: extra.request.socket.remoteAddress,
        ...detail,
      },
      'closing a slow subscriber',
    );
    if (reason !== undefined) closeSlowConsumer(extra.socket, reason, limits.slowCloseGraceMs);
  }

  function format(errors: readonly GraphQLError[], ctx: WsContext) {
    return errors.map((error) => {
      if (error.originalError instanceof QueueOverflowError) {
        // Execution (not the network) fell behind: the same remedy as a full send buffer.
        slowConsumer(
          ctx.extra,
          { queuedEvents: error.originalError.limit },
          `slow consumer: ${error.message}`,
        );
      } else if (isInternalError(error)) {
        logger.error(
          { err: error.originalError ?? error, connectionId: ctx.extra.connectionId },
          'subscription operation failed with an internal error',
        );
      }
      return formatError(error.toJSON(), error);
    });
  }

  const documents = createDocumentCache(
    (query) => {
      let document: DocumentNode;
      try {
        document = parse(query, { maxTokens: GRAPHQL_LIMITS.maxTokens });
      } catch (error) {
        if (error instanceof GraphQLError) return [error];
        throw error;
      }
      const errors = validate(deps.schema, document, rules);
      return errors.length > 0 ? errors : document;
    },
    { maxEntries: 500, maxTotalChars: 1024 * 1024 },
  );
  const nextPayloads = createNextPayloadJson();
  const server = makeServer<Record<string, unknown> | undefined, ConnectionExtra>({
    schema: deps.schema,
    jsonMessageReplacer: nextPayloads.replacer,
    connectionInitWaitTimeout: limits.connectionInitTimeoutMs,
    onConnect(ctx) {
      const principal = deps.authenticate(authorizationOf(ctx.connectionParams));
      if (principal === null) {
        ctx.extra.socket.close(CloseCode.Unauthorized, 'Unauthorized: missing or invalid API key');
        return false;
      }
      if (!can(principal, 'subscribe')) {
        ctx.extra.socket.close(CloseCode.Forbidden, `Forbidden: role "${principal.role}" may not subscribe`);
        return false;
      }
      ctx.extra.principal = principal;
      return true;
    },
    onSubscribe(ctx, id, payload): ExecutionArgs | readonly GraphQLError[] {
      if (Object.keys(ctx.subscriptions).length > limits.maxSubscriptionsPerConnection) {
        return [
          new QueryTooComplexError(
            'maxSubscriptionsPerConnection',
            `Too many operations on one connection (at most ${limits.maxSubscriptionsPerConnection})`,
          ),
        ];
      }
      const document = documents.check(payload.query);
      if (!isDocument(document)) return document;
      const args: ExecutionArgs = {
        schema: deps.schema,
        document,
        operationName: payload.operationName ?? null,
        variableValues: payload.variables ?? null,
        // One context per operation; its dimension loaders are shared by all subscriptions and serve
        // rows from memory, so pushed events do not wait on DynamoDB (live-dimension-loaders.ts).
        contextValue: createSubscriptionContext(
          ctx.extra.principal,
          deps.readModel,
          liveDimensionLoaders,
          `${ctx.extra.connectionId}/${id}`,
        ),
      };
      // The context above is the only per-socket part, and what it changes in a result is decided by
      // the caller's permissions: equal operations under equal permissions execute once per event.
      const granted = PERMISSIONS.filter((permission) => can(ctx.extra.principal, permission));
      shareKeys.set(
        args,
        subscriptionShareKey(granted, payload.query, payload.operationName, payload.variables),
      );
      return args;
    },
    subscribe(args) {
      const key = shareKeys.get(args);
      return key === undefined ? subscribe(args) : shared.subscribe(key, args);
    },
    onOperation(ctx, id, _payload, _args, result) {
      if (!isAsyncIterable(result)) return;
      ctx.extra.live.add(id);
      subscriptionCount += 1;
      metrics.subscriptionsActive.inc();
    },
    onNext(ctx, id, _payload, _args, result) {
      if (ctx.extra.live.has(id)) metrics.subscriptionEventsPushed.inc();
      // The shared result itself, not graphql-ws's per-socket copy: its JSON is made once.
      if (!result.errors) return result;
      return { ...result, errors: format(result.errors, ctx) };
    },
    onError(ctx, _id, _payload, errors) {
      return format(errors, ctx);
    },
    onComplete(ctx, id) {
      untrack(ctx.extra, id);
    },
  });

  wss.on('connection', (socket: WebSocket, request: http.IncomingMessage) => {
    const extra: ConnectionExtra = {
      connectionId: `ws${(nextConnectionId++).toString(36)}`,
      socket,
      request,
      principal: null,
      live: new Set(),
    };
    metrics.wsConnections.inc();
    alive.add(socket);
    socket.on('pong', () => alive.add(socket));
    socket.on('error', (error) =>
      logger.debug({ err: error, connectionId: extra.connectionId }, 'socket error'),
    );
    const adapted = graphqlWsSocket(
      socket,
      limits,
      (bufferedBytes) => slowConsumer(extra, { bufferedBytes }),
      transports.get(socket),
      nextPayloads.encode,
    );
    const closed = server.opened(adapted, extra);
    socket.once('close', (code, reason) => {
      metrics.wsConnections.dec();
      for (const id of [...extra.live]) untrack(extra, id);
      void closed(code, reason.toString());
    });
  });

  // One timer for all sockets; a peer that missed the previous ping is dead or not reading.
  const heartbeat = setInterval(() => {
    for (const socket of wss.clients) {
      if (!alive.has(socket)) {
        socket.terminate();
        continue;
      }
      alive.delete(socket);
      socket.ping();
    }
  }, limits.keepAliveMs);
  heartbeat.unref();

  let accepting = true;
  const onUpgrade = (request: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    const pathname = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (!accepting || pathname !== GRAPHQL_PATH) {
      socket.end(
        `HTTP/1.1 ${accepting ? '404 Not Found' : '503 Service Unavailable'}\r\nConnection: close\r\n\r\n`,
      );
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => {
      transports.set(ws, socket);
      wss.emit('connection', ws, request);
    });
  };
  deps.httpServer.on('upgrade', onUpgrade);

  let stopping: Promise<void> | null = null;
  async function stop(): Promise<void> {
    accepting = false;
    clearInterval(heartbeat);
    const sockets = [...wss.clients];
    const allClosed = Promise.all(
      sockets.map((socket) =>
        socket.readyState === WebSocket.CLOSED
          ? undefined
          : new Promise<void>((resolve) => socket.once('close', () => resolve())),
      ),
    );
    for (const socket of sockets) socket.close(1001, 'server shutting down');
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      allClosed,
      new Promise<void>((resolve) => (timer = setTimeout(resolve, limits.shutdownGraceMs))),
    ]);
    clearTimeout(timer);
    for (const socket of wss.clients) socket.terminate();
    await allClosed;
    deps.httpServer.off('upgrade', onUpgrade);
    await new Promise<void>((resolve) => wss.close(() => resolve()));
  }

  return {
    stats: () => ({
      connections: wss.clients.size,
      subscriptions: subscriptionCount,
      streams: shared.streams(),
    }),
    stop: () => (stopping ??= stop()),
  };
}

function isDocument(checked: Checked): checked is DocumentNode {
  return !Array.isArray(checked);
}
