import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import type { Config } from '../config/config';
import { createAuthenticator, generateDevKey } from '../auth/api-keys';
import type { ApiKey } from '../auth/principal';
import { createDynamoClients, type DynamoMiddleware } from '../datasources/dynamo/client';
import { createTables } from '../datasources/dynamo/create-tables';
import { createDailyStatsWriter } from '../datasources/dynamo/daily-stats-writer';
import { createDimensionTables } from '../datasources/dynamo/dimension-tables';
import { createDynamoReadModel } from '../datasources/dynamo/dynamo-read-model';
import { startEmbeddedDynamo } from '../datasources/dynamo/embedded-dynamo';
import { tableNames } from '../datasources/dynamo/table-names';
import { createTransactionIndexReader } from '../datasources/dynamo/transaction-index-reader';
import { createTransactionIndexWriter } from '../datasources/dynamo/transaction-index-writer';
import { createLakeStore } from '../datasources/lake/create-lake-store';
import { createLog, partitionCount, topicSpecs } from '../datasources/log/create-log';
import type { Log } from '../datasources/log/log';
import { createRiskConfig } from '../domain/risk-rules';
import { mountGraphQL } from '../http/graphql';
import { createHealthRouter } from '../http/health-routes';
import { createIngestRouter } from '../http/ingest-routes';
import { createRateLimiter, rateLimitMiddleware } from '../http/rate-limit';
import { createSchemaFileRouter } from '../http/schema-file-route';
import { mountSubscriptions, type SubscriptionLimits } from '../http/subscriptions';
import { createWebRouter } from '../http/web-routes';
import { buildTxgraphSchema, createTxgraphPubSub, TRANSACTION_ENRICHED } from '../schema/build-schema';
import { createSyntheticSource } from '../synthetic/synthetic-source';
import { createEnrichmentWorker } from '../workers/enrichment-worker';
import { createLiveFeed } from '../workers/live-feed';
import {
  createReprocessJob,
  type ReprocessOptions,
  type ReprocessSummary,
} from '../workers/reprocess/reprocess-job';
import { createReprocessScheduler } from '../workers/reprocess/scheduler';
import type { Logger } from './logger';
import { createMetrics } from './metrics';
import { startStorageThread } from './storage-thread';
import { createStorageWorkers } from './storage-workers';

export interface Service {
  url: string;
  port: number;
  /** The generated admin key when API_KEYS is unset (embedded default), else null. */
  devKey: string | null;
  /** One reprocess run with the service's own clients (the scheduled runs use the same job). */
  reprocess(options: ReprocessOptions): Promise<ReprocessSummary>;
  stop(): Promise<void>;
}

/**
 * The composition root: the only place that constructs clients and wires
 * logger → metrics → log → DynamoDB → lake → workers → HTTP/GraphQL → source, and the one
 * shutdown path that undoes it in reverse (intake first, then drain, flush, commit, close).
 */
export interface ServiceOptions {
  /**
   * A log owned by the caller (not closed by `stop`): several services in one process sharing one
   * in-process log behave as replicas on one Kafka cluster.
   */
  log?: Log;
  subscriptionLimits?: Partial<SubscriptionLimits>;
  /**
   * Test hook for fault injection (test/integration/store-faults): added to both DynamoDB clients
   * (the workers' and the API's), so injected throttling meets the real retry paths.
   */
  dynamoMiddleware?: DynamoMiddleware[];
}

export async function startService(
  config: Config,
  logger: Logger,
  options: ServiceOptions = {},
): Promise<Service> {
  const cleanups: (() => Promise<void>)[] = [];
  const stop = once(async () => {
    for (const cleanup of cleanups.reverse()) {
      try {
        await cleanup();
      } catch (error) {
        logger.error({ err: error }, 'shutdown step failed');
      }
    }
  });

  try {
    const metrics = createMetrics();

    const log = options.log ?? (await createLog(config, logger));
    if (!options.log) cleanups.push(() => log.close());
    await log.ensureTopics(topicSpecs(partitionCount(config)));

    let dynamoEndpoint = config.dynamo.kind === 'remote' ? config.dynamo.endpoint : undefined;
    let credentials: { accessKeyId: string; secretAccessKey: string } | undefined;
    if (config.dynamo.kind === 'embedded') {
      const embedded = await startEmbeddedDynamo(config.dataDir);
      cleanups.push(() => embedded.stop());
      dynamoEndpoint = embedded.endpoint;
      credentials = { accessKeyId: 'embedded', secretAccessKey: 'embedded' };
    }
    const connection = {
      endpoint: dynamoEndpoint,
      region: config.dynamo.kind === 'remote' ? config.dynamo.region : 'local',
      credentials,
    };
    const dynamo = createDynamoClients(connection, metrics, options.dynamoMiddleware);
    cleanups.push(async () => dynamo.close());
    // The API reads through its own client (its own socket pool), so a dashboard query or a pushed
    // payload's lookups never wait in line behind the indexer's writes.
    const apiDynamo = createDynamoClients(connection, metrics, options.dynamoMiddleware);
    cleanups.push(async () => apiDynamo.close());
    const tables = tableNames(config.tablePrefix);
    await createTables(dynamo.raw, tables);

    const lake = createLakeStore(config.lake);
    const dimensionTables = createDimensionTables({ doc: dynamo.doc, tables, metrics });
    const readModel = createDynamoReadModel({
      doc: apiDynamo.doc,
      tables,
      dimensions: createDimensionTables({ doc: apiDynamo.doc, tables, metrics }),
      metrics,
    });

    const enrichment = createEnrichmentWorker({
      log,
      risk: createRiskConfig({ flagThreshold: config.riskFlagThreshold }),
      logger,
      metrics,
    });
    const storage = config.storageThread
      ? await startStorageThread({ config, dynamo: connection }, logger, (error) => {
          // Same outcome as an uncaught error on this thread: the process ends and is restarted.
          setImmediate(() => {
            throw error;
          });
        })
      : createStorageWorkers({
          log,
          doc: dynamo.doc,
          tables,
          lake,
          lakeFlush: config.lake,
          indexWrites: config.indexWrites,
          logger,
          metrics,
        });
    if ('start' in storage) await storage.start();
    metrics.storageThread.set('metrics' in storage ? 1 : 0);
    cleanups.push(() => storage.stop());
    const pubSub = createTxgraphPubSub();
    const liveFeed = createLiveFeed({ log, logger, publish: (t) => pubSub.publish(TRANSACTION_ENRICHED, t) });
    for (const worker of [liveFeed, enrichment]) {
      await worker.start();
      cleanups.push(() => worker.stop());
    }
    const reprocessJob = createReprocessJob({
      lake,
      dimensions: dimensionTables,
      index: createTransactionIndexWriter({
        doc: dynamo.doc,
        tables,
        metrics,
        writes: config.indexWrites,
      }),
      reader: createTransactionIndexReader({ doc: dynamo.doc, tables, metrics }),
      newStatsWriter: () => createDailyStatsWriter({ doc: dynamo.doc, tables, metrics }),
      risk: createRiskConfig({ flagThreshold: config.riskFlagThreshold }),
      logger,
    });
    if (config.reprocess.schedule) {
      const scheduler = createReprocessScheduler({
        job: reprocessJob,
        schedule: config.reprocess.schedule,
        days: config.reprocess.days,
        logger,
      });
      scheduler.start();
      cleanups.push(() => scheduler.stop());
    }
    // Lag from the consumers' cached offsets, so a scrape never waits on the broker.
    const lagTimer = setInterval(() => {
      for (const [name, worker] of [
        ['enrichment', enrichment],
        ['live-feed', liveFeed],
      ] as const)
        metrics.consumerLag.set({ consumer: name }, worker.status().lag);
      metrics.consumerLag.set({ consumer: 'indexer' }, storage.indexerLag());
    }, 2000);
    lagTimer.unref();
    cleanups.push(async () => clearInterval(lagTimer));

    const keys: ApiKey[] = [...config.apiKeys];
    const devKey = keys.length === 0 ? generateDevKey() : null;
    if (devKey) keys.push({ key: devKey, role: 'admin' });
    const { authenticate } = createAuthenticator(keys);

    const app = express();
    app.disable('x-powered-by');
    const server = http.createServer(app);
    app.use(
      createHealthRouter({
        metrics,
        components: () => [
          { name: 'log', ready: log.healthy() },
          ...(
            [
              ['enrichment', enrichment.status()],
              ['live-feed', liveFeed.status()],
            ] as const
          ).map(([name, s]) => ({ name, ready: s.healthy, detail: s.lastError })),
          ...storage.statuses(),
        ],
        ...('metrics' in storage ? { extraMetrics: () => storage.metrics() } : {}),
      }),
    );
    const limiter = createRateLimiter({
      ratePerSecond: config.rateLimit.perSecond,
      burst: config.rateLimit.burst,
    });
    const limit = (surface: 'graphql' | 'ingest') =>
      rateLimitMiddleware({ limiter, authenticate, metrics, surface });
    // One bucket per key across both surfaces: a key is one caller however it spends its budget.
    app.use('/graphql', (req, res, next) =>
      // Only HTTP operations: WebSocket upgrades never reach express, the IDE page is not an operation.
      req.method === 'GET' && req.accepts(['application/json', 'text/html']) === 'text/html'
        ? next()
        : limit('graphql')(req, res, next),
    );
    app.use('/v1', limit('ingest'));
    app.use(
      '/v1',
      createIngestRouter({
        log,
        metrics,
        authenticate,
        limits: { maxBodyBytes: 5 * 1024 * 1024, maxLines: 10_000 },
      }),
    );
    app.use(createSchemaFileRouter({ authenticate }));
    const schema = await buildTxgraphSchema({ pubSub });
    const subscriptions = mountSubscriptions({
      httpServer: server,
      schema,
      readModel,
      authenticate,
      logger,
      metrics,
      development: config.development,
      localDimensions: enrichment.dimensions,
      ...(options.subscriptionLimits ? { limits: options.subscriptionLimits } : {}),
    });
    cleanups.push(() => subscriptions.stop());
    const graphql = await mountGraphQL(app, {
      schema,
      readModel,
      authenticate,
      httpServer: server,
      logger,
      development: config.development,
      // Open sockets would keep the HTTP drain waiting; they are told 1001 instead.
      drain: () => subscriptions.stop(),
    });
    app.use(createWebRouter());
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(config.port, config.host, () => resolve());
    });
    // Closing the HTTP server first stops intake; Apollo's drain plugin finishes requests in flight.
    cleanups.push(() => graphql.stop());

    const source = createSyntheticSource({
      log,
      logger,
      rate: config.source.rate,
      unreadableDimensions: async (kind, ids) => {
        const rows = await readModel.dimensionsByIds(kind, ids);
        return ids.filter((_, i) => rows[i] === null);
      },
    });
    await source.start();
    cleanups.push(() => source.stop());

    const { port } = server.address() as AddressInfo;
    const host = config.host === '0.0.0.0' ? '127.0.0.1' : config.host;
    return {
      url: `http://${host}:${port}`,
      port,
      devKey,
      reprocess: (o) => reprocessJob.run(o),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

function once(fn: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | undefined;
  return () => (running ??= fn());
}
