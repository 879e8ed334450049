import fs from 'node:fs';
import path from 'node:path';
import express from 'express';
import { GRAPHQL_PATH } from './graphql';

/**
 * The browser pages: the GraphQL IDE at GET /graphql (for a browser asking for HTML; the GraphQL
 * router passes those on) and the live fraud page at /live. Both are bundled by
 * `scripts/build-web.mjs` into dist/web and served from here with a CSP that allows this origin
 * only, so a page can never reach a CDN even if a dependency one day tries to.
 */

const CSP = [
  "default-src 'self'",
  // GraphiQL and CodeMirror set inline styles at runtime.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  // 'self' covers ws:/wss: to this host in current browsers (CSP Level 3).
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** dist/web under the package root, wherever this module runs from (tsc output or ts-jest). */
export function defaultWebRoot(from: string = __dirname): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return path.join(dir, 'dist', 'web');
    if (path.dirname(dir) === dir) return path.resolve('dist', 'web');
  }
}

function wantsHtml(req: express.Request): boolean {
  return req.accepts(['application/json', 'application/graphql-response+json', 'text/html']) === 'text/html';
}

export function createWebRouter(webRoot: string = defaultWebRoot()): express.Router {
  const router = express.Router();
  const page =
    (file: string): express.RequestHandler =>
    (_req, res) => {
      const full = path.join(webRoot, file);
      if (!fs.existsSync(full)) {
        res
          .status(503)
          .type('text/plain')
          .send(`The web pages are not built (${full} is missing): run "npm run build:web".\n`);
        return;
      }
      res.set({ 'Content-Security-Policy': CSP, 'Cache-Control': 'no-cache' }).sendFile(full);
    };
  const ide = page('ide.html');
  router.get(GRAPHQL_PATH, (req, res, next) => (wantsHtml(req) ? ide(req, res, next) : next()));
  router.get('/live', page('live.html'));
  router.use(
    '/web',
    express.static(webRoot, {
      index: false,
      fallthrough: false,
      setHeaders: (res) => res.setHeader('X-Content-Type-Options', 'nosniff'),
    }),
  );
  return router;
}
