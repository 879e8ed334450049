import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, readdir, rename, rm } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { LakeStore } from './lake-store';

/**
 * The lake on a local directory (embedded default). `put` writes a hidden temp file next to the
 * target, fsyncs it, renames it into place and fsyncs the directory: readers see the whole object
 * or nothing, and an acknowledged object survives a power loss. Temp files left by a crash are
 * dot-files, which `list` never returns.
 */
export function createDiskLakeStore(rootDir: string): LakeStore {
  const root = resolve(rootDir);

  function pathOf(key: string): string {
    assertKey(key);
    return join(root, ...key.split('/'));
  }

  return {
    url: pathToFileURL(root).href,

    async put(key, body) {
      const target = pathOf(key);
      const dir = dirname(target);
      await mkdir(dir, { recursive: true });
      const temp = join(dir, `.${key.split('/').pop()}.${randomBytes(6).toString('hex')}.tmp`);
      try {
        const file = await open(temp, 'wx');
        try {
          await file.writeFile(body);
          await file.sync();
        } finally {
          await file.close();
        }
        await rename(temp, target);
      } catch (error) {
        await rm(temp, { force: true });
        throw error;
      }
      await syncDirectory(dir);
    },

    async get(key) {
      return readFile(pathOf(key));
    },

    async list(prefix) {
      // Walk only the deepest directory the prefix names completely, then filter by the rest.
      const cut = prefix.lastIndexOf('/');
      const base = cut < 0 ? '' : prefix.slice(0, cut);
      const keys: string[] = [];
      await walk(base === '' ? root : join(root, ...base.split('/')), base, keys);
      return keys.filter((key) => key.startsWith(prefix)).sort();
    },
  };
}

/** Keys are relative '/'-paths of plain names: no '..', no empty segments, no dot-files (temp names). */
function assertKey(key: string): void {
  const segments = key.split('/');
  if (key.includes('\\') || key.includes('\0') || segments.some((s) => s === '' || s.startsWith('.'))) {
    throw new Error(`invalid lake key: ${JSON.stringify(key)}`);
  }
}

async function walk(dir: string, keyPrefix: string, out: string[]): Promise<void> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const key = keyPrefix === '' ? entry.name : `${keyPrefix}/${entry.name}`;
    if (entry.isDirectory()) await walk(join(dir, entry.name), key, out);
    else if (entry.isFile()) out.push(key);
  }
}

/** Makes the rename itself durable; platforms that cannot fsync a directory skip it. */
async function syncDirectory(dir: string): Promise<void> {
  let handle;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EISDIR' && code !== 'EINVAL' && code !== 'EPERM') throw error;
  } finally {
    await handle?.close();
  }
}
