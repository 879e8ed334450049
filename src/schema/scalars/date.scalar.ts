import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Thrown by the Date scalar for a bad value. A plain Error on purpose: graphql-js then wraps it with
 * the offending AST node, which lets the argument-errors plugin name the argument in the response.
 */
export class InvalidDateError extends Error {
  constructor(readonly value: unknown) {
    super(`${JSON.stringify(value)} is not a valid Date (expected a calendar day YYYY-MM-DD)`);
    this.name = 'InvalidDateError';
  }
}

/** True for a real calendar day "YYYY-MM-DD" (rejects 2026-13-01 and 2026-02-30). */
export function isValidDay(value: string): boolean {
  const match = DATE_PATTERN.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function parseDay(value: unknown): string {
  if (typeof value === 'string' && isValidDay(value)) return value;
  throw new InvalidDateError(value);
}

/** A UTC calendar day. Internally the same "YYYY-MM-DD" string the domain uses. */
export const DateScalar = new GraphQLScalarType<string, string>({
  name: 'Date',
  description: 'A UTC calendar day, "YYYY-MM-DD".',
  serialize(value) {
    if (typeof value === 'string' && isValidDay(value)) return value;
    if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString().slice(0, 10);
    throw new GraphQLError(`Date cannot represent ${JSON.stringify(value)}`);
  },
  parseValue: parseDay,
  parseLiteral(ast: ValueNode) {
    if (ast.kind === Kind.STRING) return parseDay(ast.value);
    throw new InvalidDateError(ast.kind === Kind.INT || ast.kind === Kind.FLOAT ? ast.value : ast.kind);
  },
});
