import type { Client, FormattedExecutionResult, Sink } from 'graphql-ws';
import type { TypedDocumentString } from '../generated/graphql';

/**
 * `client.subscribe` bound to a codegen document (src/web/generated), so the variables sent and the
 * data received are the generated types: a schema change that breaks the page fails typecheck.
 */
export function subscribeTyped<TData, TVariables extends Record<string, unknown>>(
  client: Client,
  operation: TypedDocumentString<TData, TVariables>,
  variables: TVariables,
  sink: Sink<FormattedExecutionResult<TData>>,
): () => void {
  return client.subscribe<TData>({ query: operation.toString(), variables }, sink);
}
