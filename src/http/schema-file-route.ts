import { readFile } from 'node:fs/promises';
import express from 'express';
import type { Principal } from '../auth/principal';
import { SCHEMA_PATH } from '../schema/emit-schema';

export const SCHEMA_FILE_PATH = '/schema.graphql';

/**
 * GET /schema.graphql: the checked-in SDL, for tools that want the contract without introspection
 * (codegen, schema registries, diffing). Like introspection it maps the whole API, so it needs a key
 * of any role. The Docker image ships the file beside dist/ for this route.
 */
export function createSchemaFileRouter(deps: {
  authenticate: (authorization: string | undefined) => Principal | null;
  schemaPath?: string;
}): express.Router {
  let sdl: Promise<string> | null = null;
  const router = express.Router();
  router.get(SCHEMA_FILE_PATH, (req, res, next) => {
    if (deps.authenticate(req.headers.authorization) === null) {
      res
        .status(401)
        .set('WWW-Authenticate', 'Bearer realm="txgraph"')
        .type('text/plain')
        .send('Missing or invalid API key: send "Authorization: Bearer <key>"\n');
      return;
    }
    // Read once: the file only changes with a deploy. A failed read is retried on the next request.
    sdl ??= readFile(deps.schemaPath ?? SCHEMA_PATH, 'utf8').catch((error: unknown) => {
      sdl = null;
      throw error;
    });
    sdl.then(
      (text) => res.type('text/plain; charset=utf-8').set('Cache-Control', 'private, no-cache').send(text),
      next,
    );
  });
  return router;
}
