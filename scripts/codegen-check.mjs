// `npm run codegen:check`: fails when any committed output of `npm run codegen` (every `generates`
// entry of codegen.yml: test/generated for tests and bench, src/web/generated for the pages) is stale.
// graphql-codegen's own --check compares its raw output, before the prettier hook, so it would call
// every formatted file stale; this generates in memory, formats as the hook does, and compares.
// Plain ESM rather than TypeScript: codegen and prettier load plugins with import(), which jest's
// CommonJS sandbox refuses, and the repo has no TypeScript runner outside jest.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate, loadCodegenConfig } from '@graphql-codegen/cli';
import { format, resolveConfig } from 'prettier';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { config } = await loadCodegenConfig({ configFilePath: path.join(root, 'codegen.yml') });
const outputs = await generate({ ...config, cwd: root, silent: true }, false);

const stale = [];
for (const output of outputs) {
  const file = path.resolve(root, output.filename);
  const expected = await format(output.content, { ...(await resolveConfig(file)), filepath: file });
  const committed = await readFile(file, 'utf8').catch(() => null);
  if (committed !== expected) stale.push(path.relative(root, file));
}
if (stale.length > 0) {
  process.stderr.write(
    `stale generated files: ${stale.join(', ')}\nrun npm run codegen and review the diff\n`,
  );
  process.exit(1);
}
process.stdout.write(
  `generated files are up to date: ${outputs.map((o) => path.relative(root, path.resolve(root, o.filename))).join(', ')}\n`,
);
