import { isValidDay } from '../schema/scalars/date.scalar';
import { BadUserInputError } from './errors';

/** Argument checks shared by the resolvers; each error names the argument it is about. */

export const MAX_PAGE_SIZE = 500;
export const MAX_TOP_LIMIT = 100;
export const MAX_STATS_DAYS = 366;
// DynamoDB rejects empty keys with a server error; ids are ≤ 36 characters by contract, so 128 is generous.
const MAX_ID_LENGTH = 128;

export function requireId(field: string, id: string): string {
  if (id.length === 0 || id.length > MAX_ID_LENGTH) {
    throw new BadUserInputError(field, `"${field}" must be 1 to ${MAX_ID_LENGTH} characters long`);
  }
  return id;
}

export function requireIntInRange(field: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new BadUserInputError(field, `"${field}" must be between ${min} and ${max}, got ${value}`);
  }
  return value;
}

function dayNumber(day: string): number {
  return Date.parse(`${day}T00:00:00Z`) / 86_400_000;
}

/**
 * from ≤ to, and at most `maxDays` days inclusive when given. The Date scalar has validated both, so
 * the isValidDay check only guards direct callers.
 */
export function requireDayRange(
  range: { from?: string | null; to?: string | null },
  maxDays?: number,
): { from?: string; to?: string } {
  const from = range.from ?? undefined;
  const to = range.to ?? undefined;
  if (from !== undefined && !isValidDay(from))
    throw new BadUserInputError('from', `"from" is not a valid Date`);
  if (to !== undefined && !isValidDay(to)) throw new BadUserInputError('to', `"to" is not a valid Date`);
  if (from !== undefined && to !== undefined) {
    if (from > to) throw new BadUserInputError('from', `"from" (${from}) must not be after "to" (${to})`);
    const days = dayNumber(to) - dayNumber(from) + 1;
    if (maxDays !== undefined && days > maxDays) {
      throw new BadUserInputError(
        'to',
        `"from".."to" spans ${days} days (${from}..${to}); at most ${maxDays} are allowed`,
      );
    }
  }
  return { ...(from !== undefined ? { from } : {}), ...(to !== undefined ? { to } : {}) };
}
