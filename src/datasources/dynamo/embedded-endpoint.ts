import fs from 'node:fs/promises';
import path from 'node:path';

/**
 * dynalite holds a LevelDB lock on <DATA_DIR>/dynamodb, and a second opener dies with an uncaught
 * "Database is not open". So the process that runs the embedded server advertises its endpoint
 * here, and tools such as `txgraph reprocess` talk to it instead of opening the files themselves.
 */
const FILE = 'dynamodb.endpoint.json';

interface Advert {
  endpoint: string;
  pid: number;
}

export async function advertiseEmbeddedEndpoint(dataDir: string, endpoint: string): Promise<void> {
  const advert: Advert = { endpoint, pid: process.pid };
  await fs.writeFile(path.resolve(dataDir, FILE), JSON.stringify(advert));
}

export async function withdrawEmbeddedEndpoint(dataDir: string): Promise<void> {
  await fs.rm(path.resolve(dataDir, FILE), { force: true });
}

/** The endpoint of a live process serving this data dir's embedded DynamoDB, or null. */
export async function findEmbeddedEndpoint(dataDir: string): Promise<string | null> {
  let advert: Advert;
  try {
    advert = JSON.parse(await fs.readFile(path.resolve(dataDir, FILE), 'utf8')) as Advert;
  } catch {
    return null;
  }
  if (advert.pid === process.pid) return advert.endpoint;
  try {
    process.kill(advert.pid, 0); // signal 0 only checks that the process exists
  } catch (error) {
    // EPERM: it exists but belongs to another user; anything else: a stale file from a crash.
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return null;
  }
  return advert.endpoint;
}
