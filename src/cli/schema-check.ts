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

const BASELINE = path.join('src', 'schema', 'schema.previous.graphql');
const ACKNOWLEDGEMENTS = 'schema-changes.md';
/** The contract clients were last promised; replaced by schema.graphql when a release is cut. */
export const BASELINE_PATH = path.join(PROJECT_ROOT, BASELINE);
export const ACKNOWLEDGEMENTS_PATH = path.join(PROJECT_ROOT, ACKNOWLEDGEMENTS);
const DEFAULT_BASE_REF = 'origin/main';

interface Baseline {
  label: string;
  sdl: string;
}

interface Output {
  write(text: string): unknown;
}

/** Where the gate reads and writes; the defaults are this checkout and the process's streams. */
export interface SchemaCheckOptions {
  /** Holds src/schema/schema.previous.graphql and schema-changes.md, and is where git runs. */
  root?: string;
  /** The new schema's SDL; by default emitted from the type-graphql classes. */
  emit?: () => Promise<string>;
  stdout?: Output;
  stderr?: Output;
}

function git(root: string, args: string[]): string | null {
  try {
    return execFileSync('git', args, {
      cwd: root,
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
function baseBranchSchema(root: string, ref: string): Baseline | null {
  const mergeBase = git(root, ['merge-base', 'HEAD', ref])?.trim();
  if (!mergeBase) return null;
  const sdl = git(root, ['show', `${mergeBase}:src/schema/schema.graphql`]);
  return sdl === null ? null : { label: `src/schema/schema.graphql at merge-base of HEAD and ${ref}`, sdl };
}

/** `txgraph schema check [BASE_REF]`: 0 when compatible or acknowledged, 1 on unacknowledged breaking changes. */
export async function runSchemaCheck(
  baseRef: string = DEFAULT_BASE_REF,
  options: SchemaCheckOptions = {},
): Promise<number> {
  const {
    root = PROJECT_ROOT,
    emit = emitSchemaSdl,
    stdout = process.stdout,
    stderr = process.stderr,
  } = options;
  const print = (line = ''): void => void stdout.write(`${line}\n`);
  const baselinePath = path.join(root, BASELINE);
  const acknowledgementsPath = path.join(root, ACKNOWLEDGEMENTS);
  if (!existsSync(baselinePath)) {
    stderr.write(`txgraph: no baseline at ${BASELINE}; copy src/schema/schema.graphql there to start one\n`);
    return 2;
  }
  const baselines: Baseline[] = [{ label: BASELINE, sdl: readFileSync(baselinePath, 'utf8') }];
  const branch = baseBranchSchema(root, baseRef);
  if (branch) baselines.push(branch);
  else print(`(${baseRef} not available: checking against the committed baseline only)`);

  const next = buildSchema(await emit());
  // The same change found against both baselines is reported once.
  const changes = new Map<string, SchemaChange>();
  for (const baseline of baselines) {
    print(`compared with ${baseline.label}`);
    for (const change of compareSchemas(buildSchema(baseline.sdl), next))
      changes.set(`${change.type} ${change.coordinate}`, change);
  }

  const acks = existsSync(acknowledgementsPath)
    ? parseAcknowledgements(readFileSync(acknowledgementsPath, 'utf8'))
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
