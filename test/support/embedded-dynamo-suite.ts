import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createDynamoClients, type DynamoClients } from '../../src/datasources/dynamo/client';
import { startEmbeddedDynamo, type EmbeddedDynamo } from '../../src/datasources/dynamo/embedded-dynamo';

/**
 * One embedded dynalite for the whole test file, in a temp dir that is removed afterwards. Call at
 * the top level of a file; the returned function gives the clients inside tests.
 */
export function useEmbeddedDynamo(tmpPrefix: string): () => DynamoClients {
  let dir: string;
  let embedded: EmbeddedDynamo;
  let clients: DynamoClients | undefined;
  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), tmpPrefix));
    embedded = await startEmbeddedDynamo(dir);
    clients = createDynamoClients({
      endpoint: embedded.endpoint,
      region: 'local',
      credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
    });
  });
  afterAll(async () => {
    clients?.close();
    await embedded?.stop();
    if (dir) await fs.rm(dir, { recursive: true, force: true });
  });
  return () => {
    if (!clients) throw new Error('embedded DynamoDB is not started yet (use it inside a test)');
    return clients;
  };
}
