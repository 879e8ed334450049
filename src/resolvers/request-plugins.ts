import type { ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { BREAK, GraphQLError, Kind, visit, type ASTNode, type DocumentNode } from 'graphql';
import type { Logger } from '../app/logger';
import { InvalidDateError } from '../schema/scalars/date.scalar';
import type { GraphQLContext } from './context';
import { ErrorCode, isInternalError, UnauthenticatedError } from './errors';

/** Apollo plugins that belong to the API's rules rather than to HTTP plumbing. */

function usesIntrospection(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    Field(node) {
      if (node.name.value === '__schema' || node.name.value === '__type') {
        found = true;
        return BREAK;
      }
      return undefined;
    },
  });
  return found;
}

/**
 * Introspection maps the whole API, so anonymous callers don't get it. HTTP already turns away
 * anonymous requests; this also covers in-process execution and the WebSocket transport.
 */
export function introspectionGuardPlugin(): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, document }) {
          if (contextValue.principal === null && usesIntrospection(document)) {
            throw new UnauthenticatedError('Introspection requires an API key');
          }
        },
      };
    },
  };
}

function findInvalidDate(error: unknown): InvalidDateError | null {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 5; depth++) {
    if (e instanceof InvalidDateError) return e;
    e = (e as { originalError?: unknown }).originalError;
  }
  return null;
}

/** The name of the argument whose value is `valueNode`, or that is fed by variable `$variable`. */
function argumentNameFor(
  document: DocumentNode,
  target: { valueNode?: ASTNode; variable?: string },
): string | null {
  let name: string | null = null;
  visit(document, {
    Argument(node) {
      const byNode = target.valueNode !== undefined && node.value === target.valueNode;
      const byVariable = node.value.kind === Kind.VARIABLE && node.value.name.value === target.variable;
      if (byNode || byVariable) {
        name = node.name.value;
        return BREAK;
      }
      return undefined;
    },
  });
  return name;
}

/**
 * A bad Date fails in graphql-js before any resolver runs, with a message about types, not about the
 * argument. This relabels it: BAD_USER_INPUT, `extensions.field` and a message naming the argument.
 */
export function argumentErrorsPlugin(): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, document }) {
          if (!document) return;
          for (const error of errors) {
            const invalid = findInvalidDate(error);
            if (!invalid) continue;
            const variable = /^Variable "\$(\w+)"/.exec(error.message)?.[1];
            const field = argumentNameFor(document, {
              ...(error.nodes?.[0] ? { valueNode: error.nodes[0] } : {}),
              ...(variable !== undefined ? { variable } : {}),
            });
            if (field === null) continue;
            error.message = `Argument "${field}": ${invalid.message}`;
            error.extensions['code'] = ErrorCode.BAD_USER_INPUT;
            error.extensions['field'] = field;
          }
        },
      };
    },
  };
}

/** Internal errors are answered without detail (errors.ts), so the detail goes to the log. */
export function errorLoggingPlugin(logger: Logger): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart({ contextValue }) {
      return {
        async didEncounterErrors({ errors, operationName }) {
          for (const error of errors) {
            if (!isInternalError(error)) continue;
            const cause = unwrapResolverError(error);
            logger.error(
              {
                err: cause,
                requestId: contextValue.requestId,
                keyId: contextValue.principal?.keyId,
                operationName,
                path: error instanceof GraphQLError ? error.path?.join('.') : undefined,
              },
              'GraphQL request failed with an internal error',
            );
          }
        },
      };
    },
  };
}
