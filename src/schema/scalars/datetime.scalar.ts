import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import { isValidDay } from './date.scalar';

// Offsets are required on input so that a client's local time is never taken for UTC.
const ISO_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const DAY_ONLY = /^\d{4}-\d{2}-\d{2}$/;

function toIso(value: unknown): string | null {
  let date: Date | null = null;
  if (value instanceof Date) date = value;
  else if (typeof value === 'number' && Number.isFinite(value)) date = new Date(value);
  // Dimension dates (date_created, date_onboarded) may be plain days: they mean midnight UTC.
  else if (typeof value === 'string' && (ISO_PATTERN.test(value) || DAY_ONLY.test(value)))
    date = new Date(value);
  return date && !Number.isNaN(date.getTime()) ? date.toISOString() : null;
}

// The output form itself, which is how the store keeps timestamps. With every field in range it is
// exactly what toIso would print, so a page of transactions skips a Date per value. (Date would
// roll "02-30" or "24:00" over into the next day, hence the range checks.)
const OUTPUT_FORM = /^(\d{4}-\d{2}-\d{2})T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d\.\d{3}Z$/;

/** An instant, serialised as ISO-8601 UTC with milliseconds ("2026-03-01T23:59:59.999Z"). */
export const DateTimeScalar = new GraphQLScalarType<string, string>({
  name: 'DateTime',
  description: 'An instant as ISO-8601 UTC with milliseconds, e.g. "2026-03-01T23:59:59.999Z".',
  serialize(value) {
    const day = typeof value === 'string' ? OUTPUT_FORM.exec(value)?.[1] : undefined;
    if (day !== undefined && isValidDay(day)) return value as string;
    const iso = toIso(value);
    if (iso === null) throw new GraphQLError(`DateTime cannot represent ${JSON.stringify(value)}`);
    return iso;
  },
  parseValue(value) {
    const iso = typeof value === 'string' && ISO_PATTERN.test(value) ? toIso(value) : null;
    if (iso === null) {
      throw new GraphQLError(`DateTime must be ISO-8601 with an offset, got ${JSON.stringify(value)}`);
    }
    return iso;
  },
  parseLiteral(ast: ValueNode) {
    const iso = ast.kind === Kind.STRING && ISO_PATTERN.test(ast.value) ? toIso(ast.value) : null;
    if (iso === null) throw new GraphQLError('DateTime must be an ISO-8601 string with an offset');
    return iso;
  },
});
