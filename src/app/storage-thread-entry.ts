/**
 * The storage thread's program (see storage-thread.ts): its own Kafka, DynamoDB and lake clients,
 * built from the service's validated config, running the storage workers. An uncaught error here
 * ends the thread, and the main thread then ends the process: the stores' writers are part of the
 * service, and at-least-once delivery makes the restart lose nothing.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createDynamoClients } from '../datasources/dynamo/client';
import { tableNames } from '../datasources/dynamo/table-names';
import { createLakeStore } from '../datasources/lake/create-lake-store';
import { createLog } from '../datasources/log/create-log';
import { createLogger } from './logger';
import { createMetrics } from './metrics';
import type { FromStorageThread, StorageThreadData, ToStorageThread } from './storage-thread-protocol';
import { createStorageWorkers } from './storage-workers';

const STATUS_EVERY_MS = 500;

async function main(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('storage-thread-entry runs only as a worker thread');
  const { config, dynamo: connection } = workerData as StorageThreadData;
  const send = (message: FromStorageThread) => port.postMessage(message);
  const logger = createLogger(config.logLevel).child({ thread: 'storage' });
  const metrics = createMetrics({ processMetrics: false });
  const log = await createLog(config, logger);
  const dynamo = createDynamoClients(connection, metrics);
  const workers = createStorageWorkers({
    log,
    doc: dynamo.doc,
    tables: tableNames(config.tablePrefix),
    lake: createLakeStore(config.lake),
    lakeFlush: config.lake,
    indexWrites: config.indexWrites,
    logger,
    metrics,
  });
  const report = () =>
    send({ type: 'status', statuses: workers.statuses(), indexerLag: workers.indexerLag() });

  let stopping = false;
  const timer = setInterval(report, STATUS_EVERY_MS);
  port.on('message', (message: ToStorageThread) => {
    if (message.type === 'metrics') {
      void metrics.registry
        .getMetricsAsJSON()
        .then((json) => send({ type: 'metrics', id: message.id, metrics: json }));
    } else if (message.type === 'stop' && !stopping) {
      stopping = true;
      clearInterval(timer);
      void (async () => {
        await workers.stop();
        await log.close();
        dynamo.close();
        // Closing the port lets the thread exit; the main thread waits for that exit.
        port.close();
      })();
    }
  });
  await workers.start();
  report();
  send({ type: 'started' });
}

main().catch((error: unknown) => {
  // Rethrown outside the promise so it is an uncaught error of the thread: its 'error' event.
  setImmediate(() => {
    throw error;
  });
});
