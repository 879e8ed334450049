import { readFileSync } from 'node:fs';
import { buildSchema } from 'graphql';
import {
  checkCompatibility,
  compareSchemas,
  formatChange,
  parseAcknowledgements,
  type SchemaChange,
} from '../../../src/schema/compatibility';
import { ACKNOWLEDGEMENTS_PATH } from '../../../src/cli/schema-check';

const BASE = /* GraphQL */ `
  type Query {
    transaction(id: ID!): Transaction
    transactions(userId: ID!, first: Int = 50): [Transaction!]!
    topMerchants(by: MerchantRanking = NET_SPEND): [String!]!
  }
  enum MerchantRanking {
    NET_SPEND
    COUNT
  }
  input TransactionFilter {
    userId: ID
  }
  type Transaction {
    id: ID!
    amount: String!
    merchantName: String
  }
`;

/** The base schema with one textual edit. */
function edited(from: string, to: string): string {
  if (!BASE.includes(from)) throw new Error(`fixture does not contain ${from}`);
  return BASE.replace(from, to);
}

function changes(next: string): Pick<SchemaChange, 'severity' | 'type' | 'coordinate'>[] {
  return compareSchemas(buildSchema(BASE), buildSchema(next)).map(({ severity, type, coordinate }) => ({
    severity,
    type,
    coordinate,
  }));
}

describe('compareSchemas', () => {
  test.each([
    [
      'a removed field',
      edited('merchantName: String', ''),
      [{ severity: 'breaking', type: 'FIELD_REMOVED', coordinate: 'Transaction.merchantName' }],
    ],
    [
      'a changed arg type',
      edited('transaction(id: ID!)', 'transaction(id: Int!)'),
      [{ severity: 'breaking', type: 'ARG_CHANGED_KIND', coordinate: 'Query.transaction(id:)' }],
    ],
    [
      'a new required arg',
      edited('transactions(userId: ID!,', 'transactions(userId: ID!, tenant: ID!,'),
      [{ severity: 'breaking', type: 'REQUIRED_ARG_ADDED', coordinate: 'Query.transactions(tenant:)' }],
    ],
    [
      'a field made nullable',
      edited('amount: String!', 'amount: String'),
      [{ severity: 'breaking', type: 'FIELD_CHANGED_KIND', coordinate: 'Transaction.amount' }],
    ],
    [
      'a removed enum value',
      edited('COUNT', ''),
      [{ severity: 'breaking', type: 'VALUE_REMOVED_FROM_ENUM', coordinate: 'MerchantRanking.COUNT' }],
    ],
    [
      'a removed type',
      edited('input TransactionFilter {\n    userId: ID\n  }', ''),
      [{ severity: 'breaking', type: 'TYPE_REMOVED', coordinate: 'TransactionFilter' }],
    ],
    [
      'a new enum value',
      edited('COUNT', 'COUNT\n    FLAGGED'),
      [{ severity: 'dangerous', type: 'VALUE_ADDED_TO_ENUM', coordinate: 'MerchantRanking.FLAGGED' }],
    ],
    [
      'a changed argument default',
      edited('first: Int = 50', 'first: Int = 20'),
      [{ severity: 'dangerous', type: 'ARG_DEFAULT_VALUE_CHANGE', coordinate: 'Query.transactions(first:)' }],
    ],
    [
      'a new optional arg',
      edited('transaction(id: ID!)', 'transaction(id: ID!, asOf: String)'),
      [{ severity: 'dangerous', type: 'OPTIONAL_ARG_ADDED', coordinate: 'Query.transaction(asOf:)' }],
    ],
    [
      'an added field',
      edited('merchantName: String', 'merchantName: String\n    day: String'),
      [{ severity: 'safe', type: 'FIELD_ADDED', coordinate: 'Transaction.day' }],
    ],
    [
      'a deprecated field',
      edited('merchantName: String', 'merchantName: String @deprecated(reason: "use merchant.name")'),
      [{ severity: 'safe', type: 'FIELD_DEPRECATED', coordinate: 'Transaction.merchantName' }],
    ],
    ['no change', BASE, []],
  ])('%s', (_name, next, expected) => {
    expect(changes(next)).toEqual(expected);
  });

  test('each change is explained in plain words: what changed and what it does to clients', () => {
    const [change] = compareSchemas(buildSchema(BASE), buildSchema(edited('merchantName: String', '')));
    expect(formatChange(change!)).toBe(
      'BREAKING  FIELD_REMOVED Transaction.merchantName\n' +
        '          Transaction.merchantName was removed. ' +
        'Operations that select it stop validating; deprecate it first instead.',
    );
  });

  test('breaking changes come first', () => {
    const next = edited('merchantName: String', 'day: String').replace('COUNT', 'COUNT\n    FLAGGED');
    expect(changes(next).map((c) => c.severity)).toEqual(['breaking', 'dangerous', 'safe']);
  });
});

describe('checkCompatibility', () => {
  const removed = compareSchemas(buildSchema(BASE), buildSchema(edited('merchantName: String', '')));
  const check = (markdown: string) => checkCompatibility(removed, parseAcknowledgements(markdown));

  test.each([
    ['no acknowledgement', '', false],
    ['an acknowledged breaking change', '- FIELD_REMOVED Transaction.merchantName: use merchant.name', true],
    ['backticks and a dash', '* `FIELD_REMOVED` `Transaction.merchantName` — use merchant.name', true],
    ['an entry without a reason', '- FIELD_REMOVED Transaction.merchantName', false],
    ['the wrong change type', '- FIELD_CHANGED_KIND Transaction.merchantName: x', false],
    ['another field', '- FIELD_REMOVED Transaction.amount: x', false],
    ['an entry inside a code fence', '```\n- FIELD_REMOVED Transaction.merchantName: x\n```', false],
    ['prose naming the change', 'We removed FIELD_REMOVED Transaction.merchantName: x', false],
  ])('%s → ok %s', (_name, markdown, ok) => {
    expect(check(markdown).ok).toBe(ok);
  });

  test('dangerous changes never fail the gate', () => {
    const dangerous = compareSchemas(buildSchema(BASE), buildSchema(edited('COUNT', 'COUNT\n    FLAGGED')));
    expect(checkCompatibility(dangerous, []).ok).toBe(true);
  });

  test('an entry without a reason is reported with its line', () => {
    expect(check('# Entries\n\n- FIELD_REMOVED Transaction.merchantName').missingReason).toEqual([
      { type: 'FIELD_REMOVED', coordinate: 'Transaction.merchantName', reason: '', line: 3 },
    ]);
  });

  test('argument coordinates keep their colon', () => {
    expect(parseAcknowledgements('- ARG_CHANGED_KIND Query.transaction(id:): ids are numbers now')).toEqual([
      {
        type: 'ARG_CHANGED_KIND',
        coordinate: 'Query.transaction(id:)',
        reason: 'ids are numbers now',
        line: 1,
      },
    ]);
  });

  test('the committed schema-changes.md parses and its format explanation acknowledges nothing real', () => {
    const acks = parseAcknowledgements(readFileSync(ACKNOWLEDGEMENTS_PATH, 'utf8'));
    expect(acks.filter((a) => a.type !== 'CHANGE_TYPE')).toEqual([]);
  });
});
