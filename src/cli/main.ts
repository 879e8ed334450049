#!/usr/bin/env node
import 'reflect-metadata';
import { createLogger } from '../app/logger';
import { startService } from '../app/service';
import { ConfigError, loadConfigFromProcess, type Config } from '../config/config';
import { createDynamoClients } from '../datasources/dynamo/client';
import { createTables } from '../datasources/dynamo/create-tables';
import { startEmbeddedDynamo } from '../datasources/dynamo/embedded-dynamo';
import { tableNames } from '../datasources/dynamo/table-names';
import { writeSchemaFile } from '../schema/emit-schema';
import { parseArgs } from './args';
import { runSchemaCheck } from './schema-check';

const USAGE = `usage:
  txgraph [serve] [--rate N] [--no-source] [--port N] [--data-dir DIR]
  txgraph tables create
  txgraph schema emit [PATH]
  txgraph schema check [BASE_REF]`;

async function main(argv: string[]): Promise<number> {
  const { command, overrides } = parseArgs(argv);
  const config = loadConfigFromProcess(overrides);
  const [verb = 'serve', sub, arg] = command;
  if (verb === 'serve') return serve(config);
  if (verb === 'tables' && sub === 'create') return tablesCreate(config);
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

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    // One readable line for operators; the stack only when it is a bug, not a bad setting.
    if (error instanceof ConfigError) process.stderr.write(`txgraph: ${error.message}\n`);
    else if (error instanceof Error && /^(unknown option|--\w)/.test(error.message))
      process.stderr.write(`txgraph: ${error.message}\n${USAGE}\n`);
    else
      process.stderr.write(
        `txgraph: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
    process.exit(1);
  },
);
