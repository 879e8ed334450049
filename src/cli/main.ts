#!/usr/bin/env node
import 'reflect-metadata';
import { createLogger } from '../app/logger';
import { runReprocessCommand } from '../app/reprocess-command';
import { startService } from '../app/service';
import { ConfigError, loadConfigFromProcess, type Config } from '../config/config';
import { createDynamoClients } from '../datasources/dynamo/client';
import { createTables } from '../datasources/dynamo/create-tables';
import { startEmbeddedDynamo } from '../datasources/dynamo/embedded-dynamo';
import { tableNames } from '../datasources/dynamo/table-names';
import { createTopics } from '../datasources/log/create-log';
import { writeSchemaFile } from '../schema/emit-schema';
import { parseArgs, UsageError, type JobArgs } from './args';
import { runSchemaCheck } from './schema-check';

const USAGE = `usage:
  txgraph [serve] [--rate N] [--no-source] [--port N] [--data-dir DIR]
  txgraph tables create
  txgraph reprocess --from YYYY-MM-DD --to YYYY-MM-DD [--shard i/n] [--run-id ID] [--dry-run]
  txgraph topics create
  txgraph schema emit [PATH]
  txgraph schema check [BASE_REF]`;

async function main(argv: string[]): Promise<number> {
  const { command, overrides, job } = parseArgs(argv);
  const config = loadConfigFromProcess(overrides);
  const [verb = 'serve', sub, arg] = command;
  if (verb === 'serve') return serve(config);
  if (verb === 'tables' && sub === 'create') return tablesCreate(config);
  if (verb === 'reprocess' && job) return reprocess(config, job);
  if (verb === 'topics' && sub === 'create') return topicsCreate(config);
  if (verb === 'schema' && sub === 'emit') {
    await writeSchemaFile(arg);
    return 0;
  }
  if (verb === 'schema' && sub === 'check') return runSchemaCheck(arg);
  process.stderr.write(`${USAGE}\n`);
  return 2;
}

async function serve(config: Config): Promise<number> {
  const logger = createLogger(config.logLevel);
  const service = await startService(config, logger);
  logger.info({ url: service.url }, 'txgraph is up');
  if (service.devKey) {
    process.stdout.write(
      `\n  txgraph is running on the embedded default\n` +
        `  GraphQL:  ${service.url}/graphql\n` +
        `  dev key:  ${service.devKey}   (role admin; set API_KEYS to choose your own)\n` +
        `  try:      curl -s ${service.url}/graphql -H 'content-type: application/json' ` +
        `-H 'authorization: Bearer ${service.devKey}' -d '{"query":"{ topMerchants(date: \\"${today()}\\") { merchantId transactionCount totalSpendUsd } }"}'\n\n`,
    );
  }
  await new Promise<void>((resolve) => {
    const shutdown = (signal: string) => {
      logger.info({ signal }, 'shutting down');
      resolve();
    };
    process.once('SIGINT', shutdown);
    process.once('SIGTERM', shutdown);
  });
  await service.stop();
  logger.info('stopped cleanly');
  return 0;
}

async function reprocess(config: Config, job: JobArgs): Promise<number> {
  const logger = createLogger(config.logLevel);
  const abort = new AbortController();
  // First signal: stop after the current file (finished days stay checkpointed); second: exit now.
  const interrupt = () => (abort.signal.aborted ? process.exit(130) : abort.abort());
  process.on('SIGINT', interrupt);
  process.on('SIGTERM', interrupt);
  try {
    await runReprocessCommand(config, job, {
      logger,
      stdout: process.stdout,
      stderr: process.stderr,
      signal: abort.signal,
    });
    return 0;
  } catch (error) {
    if (!abort.signal.aborted) throw error;
    process.stderr.write(
      '\ntxgraph: reprocess interrupted; rerun with the same --run-id (sharded without one: the same command) to resume\n',
    );
    return 130;
  }
}

async function tablesCreate(config: Config): Promise<number> {
  const embedded = config.dynamo.kind === 'embedded' ? await startEmbeddedDynamo(config.dataDir) : undefined;
  const clients = createDynamoClients(
    embedded
      ? {
          endpoint: embedded.endpoint,
          region: 'local',
          credentials: { accessKeyId: 'embedded', secretAccessKey: 'embedded' },
        }
      : {
          endpoint: config.dynamo.kind === 'remote' ? config.dynamo.endpoint : undefined,
          region: config.dynamo.kind === 'remote' ? config.dynamo.region : 'local',
        },
  );
  try {
    const created = await createTables(clients.raw, tableNames(config.tablePrefix));
    process.stdout.write(created.length ? `created: ${created.join(', ')}\n` : 'all tables exist\n');
    return 0;
  } finally {
    clients.close();
    await embedded?.stop();
  }
}

async function topicsCreate(config: Config): Promise<number> {
  const created = await createTopics(config, createLogger(config.logLevel));
  process.stdout.write(created.length ? `created: ${created.join(', ')}\n` : 'all topics exist\n');
  return 0;
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    // One readable line for operators; the stack only when it is a bug, not a bad setting.
    if (error instanceof ConfigError) process.stderr.write(`txgraph: ${error.message}\n`);
    else if (error instanceof UsageError) process.stderr.write(`txgraph: ${error.message}\n${USAGE}\n`);
    else
      process.stderr.write(
        `txgraph: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
    process.exit(1);
  },
);
