import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';

/**
 * Replaces `filePath` so a reader (or the next start after a crash) sees the old or the new
 * content, never a mix: write a temp file in the same directory, then rename(2) over the target.
 * No fsync: like the segments, this survives a killed process (page cache) but not a power loss.
 */
export async function writeFileAtomic(filePath: string, content: string): Promise<void> {
  const temp = `${filePath}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await fs.writeFile(temp, content);
    await fs.rename(temp, filePath);
  } catch (error) {
    await fs.rm(temp, { force: true });
    throw error;
  }
}

export async function readJsonFile(filePath: string): Promise<unknown> {
  try {
    return JSON.parse(await fs.readFile(filePath, 'utf8')) as unknown;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
