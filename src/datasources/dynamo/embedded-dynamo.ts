import fs from 'node:fs/promises';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { advertiseEmbeddedEndpoint, withdrawEmbeddedEndpoint } from './embedded-endpoint';

interface DynaliteServer {
  listen(port: number, host: string, cb: (err?: Error) => void): void;
  close(cb: (err?: Error) => void): void;
  address(): AddressInfo;
}

export interface EmbeddedDynamo {
  endpoint: string;
  stop(): Promise<void>;
}

/**
 * dynalite: a DynamoDB-API server on LevelDB, started in-process on a free loopback port, so the
 * embedded default runs exactly the same DynamoDB adapter code as production.
 */
export async function startEmbeddedDynamo(dataDir: string): Promise<EmbeddedDynamo> {
  const dir = path.resolve(dataDir, 'dynamodb');
  await fs.mkdir(dir, { recursive: true });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const dynalite = require('dynalite') as (opts: object) => DynaliteServer;
  const server = dynalite({ path: dir, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve, reject) =>
    server.listen(0, '127.0.0.1', (e) => (e ? reject(e) : resolve())),
  );
  const { port } = server.address();
  const endpoint = `http://127.0.0.1:${port}`;
  await advertiseEmbeddedEndpoint(dataDir, endpoint);
  let stopped = false;
  return {
    endpoint,
    stop: () =>
      stopped
        ? Promise.resolve()
        : new Promise<void>((resolve) => {
            stopped = true;
            server.close(() => resolve());
          }).then(() => withdrawEmbeddedEndpoint(dataDir)),
  };
}
