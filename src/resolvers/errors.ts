import { ApolloServerErrorCode, unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';

/**
 * The small error vocabulary of the API. Clients branch on `extensions.code`; anything that is not
 * one of these (or one of Apollo's own request errors) is reported as INTERNAL_SERVER_ERROR.
 */
export const ErrorCode = {
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  NOT_FOUND: 'NOT_FOUND',
  QUERY_TOO_COMPLEX: 'QUERY_TOO_COMPLEX',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export class UnauthenticatedError extends GraphQLError {
  constructor(message = 'Authentication required: send "Authorization: Bearer <key>"') {
    super(message, { extensions: { code: ErrorCode.UNAUTHENTICATED, http: { status: 401 } } });
    this.name = 'UnauthenticatedError';
  }
}

export class ForbiddenError extends GraphQLError {
  constructor(message: string) {
    super(message, { extensions: { code: ErrorCode.FORBIDDEN } });
    this.name = 'ForbiddenError';
  }
}

/** A bad argument; `field` names it (e.g. "first", "after", "filter.minRiskScore"). */
export class BadUserInputError extends GraphQLError {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message, { extensions: { code: ErrorCode.BAD_USER_INPUT, field } });
    this.name = 'BadUserInputError';
  }
}

export class NotFoundError extends GraphQLError {
  constructor(what: string, id: string) {
    super(`${what} ${JSON.stringify(id)} not found`, { extensions: { code: ErrorCode.NOT_FOUND } });
    this.name = 'NotFoundError';
  }
}

/** A graphql-armor limit (depth, cost, aliases, directives, tokens); `limit` says which. */
export class QueryTooComplexError extends GraphQLError {
  constructor(
    readonly limit: string,
    message: string,
  ) {
    super(message, { extensions: { code: ErrorCode.QUERY_TOO_COMPLEX, limit } });
    this.name = 'QueryTooComplexError';
  }
}

const KNOWN_CODES = new Set<string>([
  ...Object.values(ErrorCode).filter((code) => code !== ErrorCode.INTERNAL_SERVER_ERROR),
  ...Object.values(ApolloServerErrorCode).filter(
    (code) => code !== ApolloServerErrorCode.INTERNAL_SERVER_ERROR,
  ),
]);

/** True when the error is not part of the vocabulary, i.e. a bug or an infrastructure failure. */
export function isInternalError(error: unknown): boolean {
  const original = unwrapResolverError(error);
  const code = original instanceof GraphQLError ? original.extensions['code'] : undefined;
  return typeof code !== 'string' || !KNOWN_CODES.has(code);
}

/**
 * Apollo `formatError`. Outside development an unknown error says nothing about its cause (DynamoDB
 * messages and stacks name tables and internals); it is logged with the request id instead.
 */
export function createFormatError(opts: { development: boolean }) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    // Apollo files armor's rejections under GRAPHQL_VALIDATION_FAILED; clients want to know it was a limit.
    const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
    if (original instanceof QueryTooComplexError) {
      return { ...formatted, extensions: { ...formatted.extensions, ...original.extensions } };
    }
    if (!isInternalError(error)) return formatted;
    if (opts.development) {
      return { ...formatted, extensions: { ...formatted.extensions, code: ErrorCode.INTERNAL_SERVER_ERROR } };
    }
    return {
      message: 'Internal server error',
      ...(formatted.locations ? { locations: formatted.locations } : {}),
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
    };
  };
}
