import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { buildTxgraphSchema, createTxgraphPubSub } from './build-schema';

function projectRoot(from: string): string {
  // Walk up to package.json so the path is the same from src/ (ts-jest) and from dist/src/ (built CLI).
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) return from;
  }
}

/** The directory holding package.json, schema-changes.md and src/. */
export const PROJECT_ROOT = projectRoot(__dirname);

/** The checked-in SDL that clients and the contract test read. */
export const SCHEMA_PATH = path.join(PROJECT_ROOT, 'src', 'schema', 'schema.graphql');

const HEADER =
  '# Generated from src/schema and src/resolvers by `npm run schema:emit`. Do not edit by hand.\n' +
  '# A contract test fails when this file and the code disagree.\n\n';

/** The schema as sorted SDL (stable across runs and declaration order), with a header comment. */
export async function emitSchemaSdl(): Promise<string> {
  const schema = await buildTxgraphSchema({ pubSub: createTxgraphPubSub() });
  return `${HEADER}${printSchema(lexicographicSortSchema(schema))}\n`;
}

export async function writeSchemaFile(filePath: string = SCHEMA_PATH): Promise<void> {
  await writeFile(filePath, await emitSchemaSdl(), 'utf8');
}
