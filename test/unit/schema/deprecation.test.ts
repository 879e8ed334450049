import 'reflect-metadata';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { graphql, printSchema, type GraphQLSchema } from 'graphql';
import { Field, ObjectType, Query, Resolver, buildSchema } from 'type-graphql';
import { runSchemaCheck } from '../../../src/cli/schema-check';

/**
 * Retiring a field the way the README says (deprecationReason on the type-graphql field), followed
 * to every place clients see it: the SDL, introspection, the field still answering, and the gate.
 * Two releases of a throwaway `Widget` type, each built into a schema of its own.
 */

const REASON = 'Use label: names are not unique';

@ObjectType('Widget')
class WidgetBefore {
  @Field(() => String)
  name!: string;

  @Field(() => String)
  label!: string;
}

@ObjectType('Widget')
class WidgetAfter {
  @Field(() => String, { deprecationReason: REASON })
  name!: string;

  @Field(() => String)
  label!: string;
}

@Resolver()
class BeforeResolver {
  @Query(() => WidgetBefore)
  widget(): WidgetBefore {
    return { name: 'w-1', label: 'Widget one' };
  }
}

@Resolver()
class AfterResolver {
  @Query(() => WidgetAfter)
  widget(): WidgetAfter {
    return { name: 'w-1', label: 'Widget one' };
  }
}

describe('deprecating a field', () => {
  let before: GraphQLSchema;
  let after: GraphQLSchema;
  beforeAll(async () => {
    // Importing schema-check registers txgraph's resolvers too, and type-graphql insists on an
    // authChecker whenever any registered resolver uses @Authorized, even one it does not build.
    const options = { validate: false, authChecker: () => true } as const;
    before = await buildSchema({ ...options, resolvers: [BeforeResolver] });
    after = await buildSchema({ ...options, resolvers: [AfterResolver] });
  });

  test('prints @deprecated(reason) in the SDL', () => {
    expect(printSchema(before)).not.toContain('@deprecated');
    expect(printSchema(after)).toContain(`name: String! @deprecated(reason: "${REASON}")`);
    expect(printSchema(after)).toMatch(/^\s+label: String!$/m);
  });

  test('introspection reports isDeprecated and the reason, and the field still answers', async () => {
    const result = await graphql({
      schema: after,
      source: `{
        __type(name: "Widget") { fields(includeDeprecated: true) { name isDeprecated deprecationReason } }
        widget { name label }
      }`,
    });
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      __type: {
        fields: [
          { name: 'name', isDeprecated: true, deprecationReason: REASON },
          { name: 'label', isDeprecated: false, deprecationReason: null },
        ],
      },
      widget: { name: 'w-1', label: 'Widget one' },
    });
  });

  test('the schema:check gate reports it as a safe change and passes', async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'txgraph-deprecation-'));
    try {
      mkdirSync(path.join(root, 'src', 'schema'), { recursive: true });
      writeFileSync(path.join(root, 'src', 'schema', 'schema.previous.graphql'), printSchema(before));
      let stdout = '';
      const code = await runSchemaCheck('no-such-ref', {
        root,
        emit: async () => printSchema(after),
        stdout: { write: (text: string) => (stdout += text) },
        stderr: { write: () => true },
      });
      expect(stdout).toContain('safe      FIELD_DEPRECATED Widget.name');
      expect(stdout).toContain(`Widget.name was deprecated: ${REASON}.`);
      expect(stdout).not.toContain('BREAKING');
      expect(stdout).toContain('schema check passed (1 change(s))');
      expect(code).toBe(0);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
