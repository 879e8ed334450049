import { buildSchema, parse } from 'graphql';
import { shapeProblems } from './support/response-shape';

// The checker the operation contract relies on must itself catch what it claims to.
const schema = buildSchema(/* GraphQL */ `
  scalar Decimal
  scalar Date
  scalar DateTime
  scalar JSON
  enum Ranking {
    COUNT
  }
  type Item {
    id: ID!
    price: Decimal!
    day: Date
    at: DateTime
    tags: [String!]!
    meta: JSON
    rank: Ranking
  }
  type Query {
    item: Item
  }
`);
const document = parse(
  `query Q { item { id price day at tags meta rank ...Extra } } fragment Extra on Item { other: id }`,
);
const good = {
  id: 'i1',
  price: '12.50',
  day: '2026-03-01',
  at: '2026-03-01T10:00:00.000Z',
  tags: ['a'],
  meta: { a: 1 },
  rank: 'COUNT',
  other: 'i1',
};

describe('response shape checker', () => {
  test('a conforming response has no problems (nulls allowed where nullable)', () => {
    expect(shapeProblems(schema, document, { item: good })).toEqual([]);
    expect(
      shapeProblems(schema, document, { item: { ...good, day: null, at: null, meta: null, rank: null } }),
    ).toEqual([]);
    expect(shapeProblems(schema, document, { item: null })).toEqual([]);
  });

  test.each([
    [
      'a Decimal with one decimal',
      { price: '12.5' },
      'item.price: expected a decimal string with two decimals',
    ],
    ['a Decimal as a number', { price: 12.5 }, 'item.price: expected a decimal string'],
    ['an impossible Date', { day: '2026-02-30' }, 'item.day: expected a YYYY-MM-DD day'],
    ['a DateTime without milliseconds', { at: '2026-03-01T10:00:00Z' }, 'item.at: expected an ISO-8601'],
    ['null for a non-null field', { id: null }, 'item.id: null for non-null ID!'],
    ['null inside a non-null list', { tags: [null] }, 'item.tags[0]: null for non-null String!'],
    ['an unknown enum value', { rank: 'SIZE' }, 'item.rank: "SIZE" is not a Ranking value'],
    ['JSON that is not an object', { meta: 'x' }, 'item.meta: expected a JSON object'],
    ['a field the operation did not select', { secret: 1 }, 'item.secret: not selected by the operation'],
  ])('%s is reported', (_name, patch, problem) => {
    const problems = shapeProblems(schema, document, { item: { ...good, ...patch } });
    expect(problems).toEqual([expect.stringContaining(problem)]);
  });

  test('a missing field, including one selected through a fragment, is reported', () => {
    const { other: _other, price: _price, ...rest } = good;
    expect(shapeProblems(schema, document, { item: rest })).toEqual([
      'item.price: missing',
      'item.other: missing',
    ]);
  });
});
