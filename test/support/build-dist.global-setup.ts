import { execFileSync } from 'node:child_process';
import path from 'node:path';

/**
 * Compiles dist/ once before the e2e tests that run the real CLI process (graceful shutdown, crash
 * smoke). Building inside each test raced: two workers rewrote dist/ while the other's process loaded it.
 */
export default function buildDist(): void {
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'], {
    cwd: path.resolve(__dirname, '../..'),
    stdio: 'inherit',
  });
}
