#!/usr/bin/env node
// Bundles the browser pages (GraphQL IDE, /live) into dist/web with esbuild, so the service serves
// everything from its own origin: no CDN, which neither these machines nor many production networks reach.
import { copyFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outdir = path.join(root, 'dist', 'web');
const pages = ['ide', 'live'];

await mkdir(outdir, { recursive: true });
await build({
  absWorkingDir: root,
  entryPoints: Object.fromEntries(pages.map((page) => [page, `src/web/${page}/main.ts`])),
  outdir,
  bundle: true,
  format: 'iife',
  platform: 'browser',
  target: ['es2020'],
  minify: true,
  sourcemap: true,
  legalComments: 'linked',
  // React picks its development build from process.env.NODE_ENV at bundle time.
  define: { 'process.env.NODE_ENV': '"production"' },
  tsconfig: 'src/web/tsconfig.json',
  logLevel: 'warning',
});
await Promise.all(
  pages.map((page) =>
    copyFile(path.join(root, 'src/web', page, 'index.html'), path.join(outdir, `${page}.html`)),
  ),
);
console.log(`web pages built in ${path.relative(root, outdir)}/`);
