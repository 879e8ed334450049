import type { JobArgs } from '../cli/args';
import type { Config } from '../config/config';
import { createDynamoClients } from '../datasources/dynamo/client';
import { createTables } from '../datasources/dynamo/create-tables';
import { createDailyStatsWriter } from '../datasources/dynamo/daily-stats-writer';
import { createDimensionTables } from '../datasources/dynamo/dimension-tables';
import { startEmbeddedDynamo, type EmbeddedDynamo } from '../datasources/dynamo/embedded-dynamo';
import { findEmbeddedEndpoint } from '../datasources/dynamo/embedded-endpoint';
import { tableNames } from '../datasources/dynamo/table-names';
import { createTransactionIndexReader } from '../datasources/dynamo/transaction-index-reader';
import { createTransactionIndexWriter } from '../datasources/dynamo/transaction-index-writer';
import { createLakeStore } from '../datasources/lake/create-lake-store';
import { createRiskConfig } from '../domain/risk-rules';
import { createReprocessJob, type ReprocessSummary } from '../workers/reprocess/reprocess-job';
import { formatSummary } from '../workers/reprocess/summary';
import type { Logger } from './logger';

const EMBEDDED_CREDENTIALS = { accessKeyId: 'embedded', secretAccessKey: 'embedded' };

/**
 * The composition root of `txgraph reprocess` (the CLI sibling of startService): builds clients,
 * runs the job once, prints the summary. On the embedded default it uses the DynamoDB endpoint a
 * running `txgraph serve` advertises for the same DATA_DIR, or starts its own when none runs.
 */
export async function runReprocessCommand(
  config: Config,
  args: JobArgs,
  io: { logger: Logger; stdout: NodeJS.WritableStream; stderr: NodeJS.WriteStream; signal: AbortSignal },
): Promise<ReprocessSummary> {
  let embedded: EmbeddedDynamo | undefined;
  let endpoint = config.dynamo.kind === 'remote' ? config.dynamo.endpoint : undefined;
  if (config.dynamo.kind === 'embedded') {
    endpoint = (await findEmbeddedEndpoint(config.dataDir)) ?? undefined;
    if (endpoint === undefined) {
      embedded = await startEmbeddedDynamo(config.dataDir);
      endpoint = embedded.endpoint;
    } else io.logger.info({ endpoint }, 'using the embedded DynamoDB of the running service');
  }
  const clients = createDynamoClients({
    endpoint,
    region: config.dynamo.kind === 'remote' ? config.dynamo.region : 'local',
    ...(config.dynamo.kind === 'embedded' ? { credentials: EMBEDDED_CREDENTIALS } : {}),
  });
  try {
    const tables = tableNames(config.tablePrefix);
    await createTables(clients.raw, tables);
    const deps = { doc: clients.doc, tables };
    const job = createReprocessJob({
      lake: createLakeStore(config.lake),
      dimensions: createDimensionTables(deps),
      index: createTransactionIndexWriter({ ...deps, writes: config.indexWrites }),
      reader: createTransactionIndexReader(deps),
      newStatsWriter: () => createDailyStatsWriter(deps),
      risk: createRiskConfig({ flagThreshold: config.riskFlagThreshold }),
      logger: io.logger,
    });
    const summary = await job.run({
      from: args.from,
      to: args.to,
      ...(args.shard ? { shard: args.shard } : {}),
      ...(args.runId !== undefined ? { runId: args.runId } : {}),
      dryRun: args.dryRun,
      progress: io.stderr,
      signal: io.signal,
    });
    io.stdout.write(`${formatSummary(summary)}\n`);
    return summary;
  } finally {
    clients.close();
    await embedded?.stop();
  }
}
