import Decimal from 'decimal.js';
import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';

// Money travels as a string end to end so no float ever rounds an amount.
const DECIMAL_PATTERN = /^-?\d{1,18}(\.\d{1,2})?$/;

function toCents(value: Decimal.Value): string {
  const decimal = new Decimal(value);
  if (!decimal.isFinite()) throw new GraphQLError(`Decimal cannot represent ${String(value)}`);
  return decimal.toFixed(2, Decimal.ROUND_HALF_UP);
}

function parseDecimal(value: unknown): string {
  if (typeof value === 'number' && Number.isSafeInteger(value)) return toCents(value);
  if (typeof value === 'string' && DECIMAL_PATTERN.test(value.trim())) return toCents(value.trim());
  // Input is not rounded: a third decimal in an amount a client sends is a mistake, not noise.
  throw new GraphQLError(
    `Decimal must be a string like "12.50" (at most two decimals) or an integer, got ${JSON.stringify(value)}`,
  );
}

// Already the wire form (two decimals, no leading zero; "-0.00" aside, which prints as "0.00"). The
// read model hands out money this way, so a page of transactions skips a decimal.js round trip per
// amount, which was the scalar's whole cost in the dashboard profile (bench/query.bench.ts).
const WIRE_FORM = /^-?(?:0|[1-9]\d{0,17})\.\d{2}$/;

/** Exact money amount: serialised as a string with exactly two decimals, e.g. "12.50". */
export const DecimalScalar = new GraphQLScalarType<string, string>({
  name: 'Decimal',
  description: 'An exact decimal amount as a string with exactly two decimals, e.g. "12.50".',
  serialize(value) {
    if (typeof value === 'string' && value !== '-0.00' && WIRE_FORM.test(value)) return value;
    if (typeof value === 'string' || typeof value === 'number' || value instanceof Decimal) {
      try {
        return toCents(value);
      } catch {
        // fall through to the uniform message
      }
    }
    throw new GraphQLError(`Decimal cannot represent ${JSON.stringify(value)}`);
  },
  parseValue: parseDecimal,
  parseLiteral(ast: ValueNode) {
    if (ast.kind === Kind.STRING) return parseDecimal(ast.value);
    if (ast.kind === Kind.INT) return parseDecimal(Number(ast.value));
    throw new GraphQLError('Decimal must be a string or an integer literal');
  },
});
