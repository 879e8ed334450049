import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runSchemaCheck } from '../../../src/cli/schema-check';
import { emitSchemaSdl } from '../../../src/schema/emit-schema';

/**
 * The `schema check` gate as CI runs it: the schema emitted from the code against a baseline and
 * schema-changes.md in a directory of the test's own (not this checkout's files), exit code and output.
 */

const REMOVED = 'BREAKING  FIELD_REMOVED Merchant.legacyCode';
const SUGGESTED = '- FIELD_REMOVED Merchant.legacyCode: <why, and what clients should do>';

/** The current schema plus a field the code no longer has: as if the branch had removed it. */
function withLegacyField(sdl: string): string {
  if (!sdl.includes('type Merchant {\n')) throw new Error('the schema has no Merchant type');
  return sdl.replace('type Merchant {\n', 'type Merchant {\n  legacyCode: String\n');
}

async function check(root: string, baseRef = 'no-such-ref') {
  let stdout = '';
  let stderr = '';
  const code = await runSchemaCheck(baseRef, {
    root,
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
  });
  return { code, stdout, stderr };
}

describe('txgraph schema check', () => {
  let current: string;
  let root: string;
  const write = (file: string, text: string) => {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  };

  beforeAll(async () => {
    current = await emitSchemaSdl();
  });
  beforeEach(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'txgraph-schema-check-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  test('passes when the code matches the baseline', async () => {
    write('src/schema/schema.previous.graphql', current);
    const { code, stdout } = await check(root);
    expect(code).toBe(0);
    expect(stdout).toContain('(no-such-ref not available: checking against the committed baseline only)');
    expect(stdout).toContain('no schema changes');
  });

  test('fails on a removed field, naming it and the entry that would acknowledge it', async () => {
    write('src/schema/schema.previous.graphql', withLegacyField(current));
    const { code, stdout } = await check(root);
    expect(code).toBe(1);
    expect(stdout).toContain(`${REMOVED}\n`);
    expect(stdout).toContain('1 unacknowledged breaking change(s)');
    expect(stdout).toContain(SUGGESTED);
  });

  test('passes once schema-changes.md acknowledges the change with a reason', async () => {
    write('src/schema/schema.previous.graphql', withLegacyField(current));
    write('schema-changes.md', '# Entries\n\n- FIELD_REMOVED Merchant.legacyCode: never populated; use id\n');
    const { code, stdout } = await check(root);
    expect(code).toBe(0);
    expect(stdout).toContain(`${REMOVED} (acknowledged)`);
    expect(stdout).toContain('schema check passed (1 change(s))');
  });

  test('an entry without a reason does not count', async () => {
    write('src/schema/schema.previous.graphql', withLegacyField(current));
    write('schema-changes.md', '# Entries\n\n- FIELD_REMOVED Merchant.legacyCode\n');
    const { code, stdout } = await check(root);
    expect(code).toBe(1);
    expect(stdout).toContain('schema-changes.md:3: FIELD_REMOVED Merchant.legacyCode needs a reason');
    expect(stdout).toContain(SUGGESTED);
  });

  test('exits 2 without a baseline, saying how to start one', async () => {
    const { code, stdout, stderr } = await check(root);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('no baseline at src/schema/schema.previous.graphql');
  });

  test('also compares with the base branch, so editing the baseline on a branch does not pass', async () => {
    const git = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.name=test', '-c', 'user.email=test@example.com', ...args], {
        cwd: root,
        stdio: 'pipe',
      });
    git('init', '-q', '-b', 'base');
    write('src/schema/schema.graphql', withLegacyField(current));
    git('add', '.');
    git('commit', '-qm', 'base branch: the field exists');
    git('checkout', '-qb', 'feature');
    // The branch removes the field and "updates" the committed baseline to match.
    write('src/schema/schema.graphql', current);
    write('src/schema/schema.previous.graphql', current);
    git('add', '.');
    git('commit', '-qm', 'feature: drop the field');

    const { code, stdout } = await check(root, 'base');
    expect(code).toBe(1);
    expect(stdout).toContain('compared with src/schema/schema.graphql at merge-base of HEAD and base');
    expect(stdout).toContain(`${REMOVED}\n`);
    expect(stdout).toContain(SUGGESTED);
  });
});
