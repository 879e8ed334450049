import fs from 'node:fs/promises';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { advertiseEmbeddedEndpoint, withdrawEmbeddedEndpoint } from './embedded-endpoint';

export interface EmbeddedDynamo {
  endpoint: string;
  stop(): Promise<void>;
}

/**
 * The worker thread's whole program, kept as plain CommonJS source so that it runs the same from
 * dist/ and from ts-jest. It starts dynalite on a free loopback port, reports the port, and closes
 * the server when told to.
 */
const THREAD_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const dynalite = require(workerData.dynalitePath);
const server = dynalite({ path: workerData.dir, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
server.listen(0, '127.0.0.1', (error) => {
  if (error) throw error;
  parentPort.postMessage({ port: server.address().port });
});
parentPort.on('message', (message) => {
  if (message === 'stop') server.close(() => parentPort.close());
});
`;

type ThreadMessage = { port: number };

/**
 * dynalite: a DynamoDB-API server on LevelDB, so the embedded default runs exactly the same
 * DynamoDB adapter code as production. It runs in its own worker thread, on a free loopback port:
 * in production DynamoDB's work happens elsewhere, and sharing the event loop with it made every
 * query and pushed event of the embedded default wait behind the server's LevelDB and JSON work.
 * An error thrown by dynalite after startup is left unhandled on the Worker, so it ends the process
 * as it did when dynalite ran on the main thread: the service is useless without its store.
 */
export async function startEmbeddedDynamo(dataDir: string): Promise<EmbeddedDynamo> {
  const dir = path.resolve(dataDir, 'dynamodb');
  await fs.mkdir(dir, { recursive: true });
  const worker = new Worker(THREAD_SOURCE, {
    eval: true,
    workerData: { dir, dynalitePath: require.resolve('dynalite') },
  });
  const port = await new Promise<number>((resolve, reject) => {
    const failed = (error: Error) => reject(new Error(`embedded DynamoDB did not start: ${error.message}`));
    const exited = (code: number) => failed(new Error(`its thread exited with code ${code}`));
    worker.once('error', failed);
    worker.once('exit', exited);
    worker.once('message', (message: ThreadMessage) => {
      worker.off('error', failed);
      worker.off('exit', exited);
      resolve(message.port);
    });
  });
  const endpoint = `http://127.0.0.1:${port}`;
  await advertiseEmbeddedEndpoint(dataDir, endpoint);
  let stopping: Promise<void> | null = null;
  return {
    endpoint,
    stop: () => {
      stopping ??= (async () => {
        // Errors of a store being closed under in-flight requests are expected now, not fatal.
        worker.on('error', () => {});
        const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
        worker.postMessage('stop');
        // A request that never completes would hold server.close() forever.
        const timer = setTimeout(() => void worker.terminate(), 5000);
        await exited;
        clearTimeout(timer);
        await withdrawEmbeddedEndpoint(dataDir);
      })();
      return stopping;
    },
  };
}
