import { Kind, parse, validate, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { buildTxgraphSchema, createTxgraphPubSub } from '../../../src/schema/build-schema';
import { defaultQuery } from '../../../src/web/ide/default-query';

// The IDE's opening text is the first thing a new client runs; it must stay valid as the schema moves.
// The executable schema (not the SDL) is used so the Date literal goes through the real scalar.
describe('the IDE default query', () => {
  let schema: GraphQLSchema;
  beforeAll(async () => {
    schema = await buildTxgraphSchema({ pubSub: createTxgraphPubSub() });
  });

  test('validates against the schema', () => {
    const document = parse(defaultQuery('2024-03-01'));
    expect(validate(schema, document).map((e) => e.message)).toEqual([]);
    const operations = document.definitions
      .filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)
      .map((d) => `${d.operation} ${d.name?.value}`);
    expect(operations).toEqual(['query TopMerchants', 'subscription Flagged']);
  });

  test('puts the given day into topMerchants as a Date the scalar accepts', () => {
    expect(defaultQuery('2024-03-01')).toContain('topMerchants(date: "2024-03-01"');
    expect(validate(schema, parse(defaultQuery('2024-02-30'))).map((e) => e.message)).not.toEqual([]);
  });
});
