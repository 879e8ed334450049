import { readFileSync } from 'node:fs';
import { emitSchemaSdl, SCHEMA_PATH } from '../../src/schema/emit-schema';

// src/schema/schema.graphql is what clients, codegen and the breaking-change gate read; it must be
// exactly what the type-graphql classes produce, so a change to the API is always visible in review.
describe('checked-in schema', () => {
  test('src/schema/schema.graphql matches the schema emitted from the code', async () => {
    const emitted = await emitSchemaSdl();
    if (readFileSync(SCHEMA_PATH, 'utf8') !== emitted)
      throw new Error('src/schema/schema.graphql is stale: run npm run schema:emit and review the diff');
  });
});
