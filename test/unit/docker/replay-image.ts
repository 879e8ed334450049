/**
 * Replays the Dockerfile without docker (none on this machine): each stage gets its own directory
 * that receives exactly what the stage COPYs (from the build context, minus .dockerignore, or from
 * an earlier stage) and runs the stage's RUN commands there. A file the Dockerfile forgets to copy
 * is then missing here as it would be in the image, and the build fails the same way.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { parseDockerfile, type Instruction } from './dockerfile';

export interface ReplayedImage {
  /** The final stage's /app. */
  root: string;
  env: Record<string, string>;
  cmd: string[];
  healthcheck: string;
  /** RUN commands not executed, with the reason. */
  skipped: string[];
}

const WORKDIR = '/app';

/** RUN commands that only make sense inside a container; anything else is executed. */
const NOT_REPLAYED: { pattern: RegExp; why: string }[] = [
  { pattern: /^npm ci\b/, why: "the checkout's installed node_modules is linked instead" },
  { pattern: /^npm prune\b/, why: 'it would delete dev packages from the shared node_modules' },
  { pattern: /^mkdir -p \/data$/, why: 'a root-owned directory outside /app' },
  { pattern: /^chown node:node \/data$/, why: "needs root and the image's node user" },
];
const PACKAGE_CHANGES = /\bnpm\s+(ci|i|install|add|prune|uninstall|rm|update)\b|\bnode_modules\b/;
const IGNORED_KEYWORDS = new Set(['USER', 'EXPOSE', 'VOLUME', 'LABEL']);

async function dockerignore(repo: string): Promise<string[]> {
  const text = await fs.readFile(path.join(repo, '.dockerignore'), 'utf8');
  return text
    .split('\n')
    .map((l) => l.trim().replace(/\/+$/, ''))
    .filter((l) => l !== '' && !l.startsWith('#'));
}

/** Copies like COPY: a directory's contents, a file as itself; into `dest` when it is a directory. */
async function copyInto(source: string, dest: string, intoDir: boolean, keep: (p: string) => boolean) {
  const stat = await fs.stat(source);
  const target = intoDir && !stat.isDirectory() ? path.join(dest, path.basename(source)) : dest;
  await fs.mkdir(path.dirname(target), { recursive: true });
  await fs.cp(source, target, { recursive: true, filter: keep });
}

export async function replayImage(repo: string, workRoot: string): Promise<ReplayedImage> {
  const stages = parseDockerfile(await fs.readFile(path.join(repo, 'Dockerfile'), 'utf8'));
  const ignored = await dockerignore(repo);
  const inContext = (p: string) => {
    const rel = path.relative(repo, p);
    return !ignored.some((i) => rel === i || rel.startsWith(`${i}/`));
  };
  const nodeModules = await fs.realpath(path.join(repo, 'node_modules'));
  const stageDirs = new Map<string, string>();
  const skipped: string[] = [];
  let last: ReplayedImage | undefined;

  for (const [index, stage] of stages.entries()) {
    const dir = path.join(workRoot, stage.name ?? `stage-${index}`);
    await fs.mkdir(dir, { recursive: true });
    if (stage.name !== undefined) stageDirs.set(stage.name, dir);
    const image: ReplayedImage = { root: dir, env: {}, cmd: [], healthcheck: '', skipped };
    const run = async (command: string) => {
      const rule = NOT_REPLAYED.find((r) => r.pattern.test(command));
      if (rule) {
        if (/^npm ci\b/.test(command)) await fs.symlink(nodeModules, path.join(dir, 'node_modules'));
        skipped.push(`${command} (${rule.why})`);
        return;
      }
      if (PACKAGE_CHANGES.test(command))
        throw new Error(`RUN ${command}: would change the shared node_modules`);
      try {
        execFileSync('sh', ['-c', command], {
          cwd: dir,
          env: { ...process.env, ...image.env },
          stdio: 'pipe',
        });
      } catch (error) {
        // tsc reports on stdout, which execFileSync leaves out of its message.
        const stdout = (error as { stdout?: Buffer }).stdout?.toString() ?? '';
        throw new Error(`${(error as Error).message}\n${stdout}`);
      }
    };
    const apply = async (step: Instruction) => {
      switch (step.op) {
        case 'COPY': {
          const dest = path.join(
            dir,
            step.dest.startsWith(WORKDIR) ? path.relative(WORKDIR, step.dest) : step.dest,
          );
          const intoDir = step.dest.endsWith('/') || step.sources.length > 1;
          for (const source of step.sources) {
            if (step.from === undefined) {
              const from = path.join(repo, source);
              if (!inContext(from)) throw new Error(`COPY ${source}: excluded by .dockerignore`);
              await copyInto(from, dest, intoDir, inContext);
              continue;
            }
            const stageDir = stageDirs.get(step.from);
            if (!stageDir) throw new Error(`COPY --from=${step.from}: no such stage`);
            const from = path.join(stageDir, path.relative(WORKDIR, source));
            if (path.basename(from) === 'node_modules') await fs.symlink(nodeModules, dest);
            else await copyInto(from, dest, intoDir, () => true);
          }
          return;
        }
        case 'RUN':
          // One command at a time, so a prune chained after a build can never reach the shared node_modules.
          for (const command of step.command.split(/\s*&&\s*/)) await run(command);
          return;
        case 'ENV':
          Object.assign(image.env, step.vars);
          return;
        case 'CMD':
          image.cmd = step.argv;
          return;
        case 'HEALTHCHECK':
          image.healthcheck = step.command;
          return;
        case 'OTHER':
          if (step.keyword === 'WORKDIR' && step.args === WORKDIR) return;
          if (IGNORED_KEYWORDS.has(step.keyword)) return;
          throw new Error(`${step.keyword} ${step.args}: not understood by this replay`);
      }
    };
    for (const step of stage.instructions) await apply(step);
    last = image;
  }
  if (!last) throw new Error('Dockerfile has no stage');
  return last;
}
