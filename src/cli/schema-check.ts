import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { buildSchema } from 'graphql';
import {
  checkCompatibility,
  compareSchemas,
  formatChange,
  parseAcknowledgements,
  type SchemaChange,
} from '../schema/compatibility';
import { emitSchemaSdl, PROJECT_ROOT } from '../schema/emit-schema';

/** The contract clients were last promised; replaced by schema.graphql when a release is cut. */
export const BASELINE_PATH = path.join(PROJECT_ROOT, 'src', 'schema', 'schema.previous.graphql');
export const ACKNOWLEDGEMENTS_PATH = path.join(PROJECT_ROOT, 'schema-changes.md');
const DEFAULT_BASE_REF = 'origin/main';

interface Baseline {
  label: string;
  sdl: string;
}

function git(args: string[]): string | null {
  try {
    return execFileSync('git', args, {
      cwd: PROJECT_ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
  } catch {
    return null;
  }
}

/**
 * The schema at the merge-base with the base branch, when git and the branch are there (not in a
 * tarball or a Docker build). It guards against a branch that "fixes" the gate by editing the
 * committed baseline: the base branch's schema cannot be edited from the branch.
 */
function baseBranchSchema(ref: string): Baseline | null {
  const mergeBase = git(['merge-base', 'HEAD', ref])?.trim();
  if (!mergeBase) return null;
  const sdl = git(['show', `${mergeBase}:src/schema/schema.graphql`]);
  return sdl === null ? null : { label: `src/schema/schema.graphql at merge-base of HEAD and ${ref}`, sdl };
}

function print(line = ''): void {
  process.stdout.write(`${line}\n`);
}

/** `txgraph schema check [BASE_REF]`: 0 when compatible or acknowledged, 1 on unacknowledged breaking changes. */
export async function runSchemaCheck(baseRef: string = DEFAULT_BASE_REF): Promise<number> {
  if (!existsSync(BASELINE_PATH)) {
    process.stderr.write(
      `txgraph: no baseline at ${path.relative(PROJECT_ROOT, BASELINE_PATH)}; ` +
        'copy src/schema/schema.graphql there to start one\n',
    );
    return 2;
  }
  const baselines: Baseline[] = [
    { label: 'src/schema/schema.previous.graphql', sdl: readFileSync(BASELINE_PATH, 'utf8') },
  ];
  const branch = baseBranchSchema(baseRef);
  if (branch) baselines.push(branch);
  else print(`(${baseRef} not available: checking against the committed baseline only)`);

  const next = buildSchema(await emitSchemaSdl());
  // The same change found against both baselines is reported once.
  const changes = new Map<string, SchemaChange>();
  for (const baseline of baselines) {
    print(`compared with ${baseline.label}`);
    for (const change of compareSchemas(buildSchema(baseline.sdl), next))
      changes.set(`${change.type} ${change.coordinate}`, change);
  }

  const acks = existsSync(ACKNOWLEDGEMENTS_PATH)
    ? parseAcknowledgements(readFileSync(ACKNOWLEDGEMENTS_PATH, 'utf8'))
    : [];
  const report = checkCompatibility([...changes.values()], acks);
  const open = new Set(report.unacknowledged);
  print();
  if (report.changes.length === 0) print('no schema changes');
  for (const change of report.changes)
    print(formatChange(change, change.severity === 'breaking' && !open.has(change)));
  for (const ack of report.missingReason)
    print(`schema-changes.md:${ack.line}: ${ack.type} ${ack.coordinate} needs a reason after the coordinate`);

  if (report.ok) {
    print(`\nschema check passed (${report.changes.length} change(s))`);
    return 0;
  }
  print(
    `\n${report.unacknowledged.length} unacknowledged breaking change(s). Prefer deprecating ` +
      '(@Field({ deprecationReason })) to removing. If the break is deliberate, add to schema-changes.md:',
  );
  for (const change of report.unacknowledged)
    print(`- ${change.type} ${change.coordinate}: <why, and what clients should do>`);
  return 1;
}
