/**
 * @platformatic/kafka reports broker errors as ProtocolErrors (`apiId` = the Kafka error name),
 * often nested in a ResponseError or a MultipleErrors of retries; this finds one by name.
 */
export function hasProtocolError(error: unknown, apiId: string): boolean {
  return protocolErrors(error).some((e) => e.apiId === apiId);
}

interface ProtocolErrorLike {
  apiId?: string;
  path?: string;
  errors?: unknown[];
}

/** Every error in the tree (the error itself, its `errors`, theirs…). */
export function protocolErrors(error: unknown): ProtocolErrorLike[] {
  if (typeof error !== 'object' || error === null) return [];
  const e = error as ProtocolErrorLike;
  return [e, ...(Array.isArray(e.errors) ? e.errors.flatMap(protocolErrors) : [])];
}

/** A short one-line description (MultipleErrors' own message only says how many attempts failed). */
export function describeError(error: unknown): string {
  if (!(error instanceof Error) && (typeof error !== 'object' || error === null)) return String(error);
  const causes = protocolErrors(error)
    .slice(1)
    .map((e) => (e as { message?: string }).message)
    .filter((m): m is string => typeof m === 'string');
  const message = (error as { message?: string }).message ?? String(error);
  return causes.length > 0 ? `${message}: ${causes[causes.length - 1]}` : message;
}
