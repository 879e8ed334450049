import fs from 'node:fs/promises';
import path from 'node:path';

/** Directories open in this process: two writers on one segment file would corrupt it. */
const openHere = new Set<string>();

export interface DirLock {
  release(): Promise<void>;
}

/**
 * One writer per log directory. Within the process a set says so; across processes a LOCK file
 * holds the owner's pid, and a lock whose process is gone (SIGKILL, crash) is taken over.
 */
export async function acquireDirLock(dir: string): Promise<DirLock> {
  const resolved = path.resolve(dir);
  if (openHere.has(resolved)) throw new Error(`log directory ${resolved} is already open in this process`);
  openHere.add(resolved);
  const file = path.join(resolved, 'LOCK');
  try {
    await createLockFile(file);
  } catch (error) {
    openHere.delete(resolved);
    throw error;
  }
  return {
    async release() {
      openHere.delete(resolved);
      await fs.rm(file, { force: true });
    },
  };
}

async function createLockFile(file: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await fs.writeFile(file, String(process.pid), { flag: 'wx' });
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw error;
    }
    const holder = Number(await fs.readFile(file, 'utf8').catch(() => ''));
    // Our own pid is stale too: a restarted container often gets the same pid as its predecessor.
    if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && isAlive(holder)) {
      throw new Error(`log directory ${path.dirname(file)} is in use by process ${holder}`);
    }
    await fs.rm(file, { force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
