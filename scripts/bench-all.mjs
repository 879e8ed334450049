#!/usr/bin/env node
// `npm run bench`: builds once, runs every benchmark in sequence (each prints its own table and
// writes bench/results/<name>.json), and exits non-zero if any of them failed. Benchmarks that need
// the real stack (kafka, latency, index-writes) start it themselves, or reuse one named by
// TXGRAPH_IT_STACK_ENV.
// usage: npm run bench [-- name ...]   (default: all, in the order below)
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ALL = ['enrich', 'query', 'reprocess', 'embedded', 'fanout', 'kafka', 'latency', 'index-writes'];
const wanted = process.argv.slice(2);
const unknown = wanted.filter((n) => !ALL.includes(n));
if (unknown.length > 0) {
  console.error(`unknown benchmark(s): ${unknown.join(', ')}; known: ${ALL.join(', ')}`);
  process.exit(64);
}
const names = wanted.length > 0 ? wanted : ALL;

const build = spawnSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const failed = [];
for (const name of names) {
  const script = path.join(root, 'dist', 'bench', `${name}.bench.js`);
  if (!fs.existsSync(script)) {
    console.error(`\n[bench] ${name}: ${path.relative(root, script)} is missing`);
    failed.push(name);
    continue;
  }
  console.log(`\n[bench] ${name}`);
  const started = Date.now();
  const run = spawnSync(process.execPath, [script], { cwd: root, stdio: 'inherit' });
  const secs = ((Date.now() - started) / 1000).toFixed(0);
  if (run.status !== 0) failed.push(name);
  console.log(`[bench] ${name}: ${run.status === 0 ? 'ok' : `failed (exit ${run.status})`} in ${secs} s`);
}
if (failed.length > 0) {
  console.error(`\n[bench] failed: ${failed.join(', ')}`);
  process.exit(1);
}
console.log(`\n[bench] results in ${path.relative(process.cwd(), path.join(root, 'bench', 'results'))}/`);
