/**
 * The Dockerfile, proven without docker: its stages are replayed from exactly the files they COPY
 * (replay-image.ts), the build command must succeed there, and the runtime files must start the
 * service and pass the image's own HEALTHCHECK command.
 */
import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import { isBuiltin } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { replayImage, type ReplayedImage } from './replay-image';

jest.setTimeout(150_000);

const REPO = path.resolve(__dirname, '../../..');

/**
 * Required by compiled code yet not a production dependency, so not in the image. The service
 * loads it only when KAFKA_CLIENT=platformatic selects it, and then says it could not be loaded.
 */
const NOT_IN_IMAGE = new Set(['@platformatic/kafka']);

async function jsFiles(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith('.js'))
    .map((e) => path.join(e.parentPath, e.name));
}

function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
}

/** Starts the CMD with the image's ENV and resolves with the port it listens on. */
function startCmd(image: ReplayedImage, dataDir: string) {
  const [bin = 'node', ...args] = image.cmd;
  const child = spawn(bin, args, {
    cwd: image.root,
    // Only the image's own environment (plus PATH): nothing of the developer's shell leaks in.
    env: {
      PATH: process.env.PATH ?? '',
      ...image.env,
      DATA_DIR: dataDir,
      PORT: '0',
      HOST: '127.0.0.1',
      SOURCE_RATE: '0',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const port = new Promise<number>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const url = /"url":"http:\/\/[^:]+:(\d+)"/.exec(output);
      if (url?.[1]) resolve(Number(url[1]));
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`${image.cmd.join(' ')} exited with ${code}:\n${output}`)));
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, port, exited, output: () => output };
}

describe('Dockerfile', () => {
  let work: string;
  let image: ReplayedImage;

  beforeAll(async () => {
    work = await fs.mkdtemp(path.join(os.tmpdir(), 'txgraph-dockerfile-'));
    image = await replayImage(REPO, work);
  });
  afterAll(async () => {
    if (work) await fs.rm(work, { recursive: true, force: true });
  });

  test("the build stage builds from only what it COPYs, and the runtime stage holds CMD's entry point", () => {
    expect(image.cmd.slice(0, 1)).toEqual(['node']);
    const entry = image.cmd[1] ?? '';
    expect(existsSync(path.join(image.root, entry))).toBe(true);
    // Served at runtime: the bundled browser pages and the checked-in SDL.
    expect(existsSync(path.join(image.root, 'dist/web/ide.html'))).toBe(true);
    expect(existsSync(path.join(image.root, 'dist/web/live.js'))).toBe(true);
    expect(existsSync(path.join(image.root, 'src/schema/schema.graphql'))).toBe(true);
    // The runtime stage must get production packages only; the replay checks that below.
    expect(image.skipped.some((s) => s.startsWith('npm prune --omit=dev'))).toBe(true);
  });

  test('the compiled service requires only production dependencies (what npm prune keeps)', async () => {
    const pkg = JSON.parse(await fs.readFile(path.join(image.root, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    const required = new Set<string>();
    for (const file of await jsFiles(path.join(image.root, 'dist'))) {
      if (file.includes(`${path.sep}web${path.sep}`)) continue; // browser bundles: no require()
      for (const m of (await fs.readFile(file, 'utf8')).matchAll(/require\("([^"]+)"\)/g)) {
        const specifier = m[1] ?? '';
        if (!specifier.startsWith('.') && !isBuiltin(specifier)) required.add(packageOf(specifier));
      }
    }
    expect(required.size).toBeGreaterThan(5);
    const missing = [...required].filter((p) => !(p in pkg.dependencies) && !NOT_IN_IMAGE.has(p));
    expect(missing).toEqual([]);
  });

  test("the runtime files start the service and the image's HEALTHCHECK command passes", async () => {
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'txgraph-dockerfile-data-'));
    const run = startCmd(image, dataDir);
    try {
      const port = await run.port;
      const check = await promisify(execFile)('sh', ['-c', image.healthcheck], {
        env: { PATH: process.env.PATH ?? '', PORT: String(port) },
      }).then(
        () => 0,
        (error: { code?: number }) => error.code ?? 1,
      );
      expect(check).toBe(0);
    } finally {
      run.child.kill('SIGTERM');
      const code = await run.exited;
      await fs.rm(dataDir, { recursive: true, force: true });
      expect({ code, output: code === 0 ? '' : run.output() }).toEqual({ code: 0, output: '' });
    }
  });
});
