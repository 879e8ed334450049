import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { PROJECT_ROOT } from '../../src/schema/emit-schema';

jest.setTimeout(60_000);

// The generated operation types are committed (typecheck and lint run before any test in CI), so
// npm test fails when they are stale. The check runs outside jest: see scripts/codegen-check.mjs.
describe('generated operation types', () => {
  test('test/generated and src/web/generated are up to date with test/operations and the schema', () => {
    const run = () =>
      execFileSync(process.execPath, [path.join(PROJECT_ROOT, 'scripts', 'codegen-check.mjs')], {
        cwd: PROJECT_ROOT,
        encoding: 'utf8',
        stdio: 'pipe',
      });
    expect(run).not.toThrow();
  });
});
