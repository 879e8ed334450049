/**
 * DynamoDB faults injected into the service's own client (startService's `dynamoMiddleware` hook):
 * throttling errors thrown inside the SDK's retry loop, as a throttled table answers, and
 * UnprocessedItems/UnprocessedKeys returned in place of the call, as a partially served batch does.
 */
import type { DynamoMiddleware } from '../../src/datasources/dynamo/client';

export interface DynamoFaults {
  middleware: DynamoMiddleware[];
  /** Share of calls answered with ThrottlingException (each SDK attempt draws again). */
  throttleRate: number;
  /** Share of batch calls answered with everything (writes) or half the keys (reads) unprocessed. */
  unprocessedRate: number;
  /** The next this many BatchWriteItem calls come back wholly unprocessed, whatever the rate. */
  forceUnprocessedWrites: number;
  /** The next this many multi-key BatchGetItem calls come back half unprocessed, whatever the rate. */
  forceUnprocessedReads: number;
  /** Every attempt on a table whose name contains one of these fails, until cleared. */
  failTables: string[];
  injected: { throttled: number; unprocessedWrites: number; unprocessedReads: number };
  /** Time of every attempt that reached the (simulated) server while failTables was set. */
  failingAttempts: number[];
}

type Input = {
  TableName?: string;
  RequestItems?: Record<string, { Keys?: unknown[] } | unknown[]>;
};

function tablesOf(input: Input): string[] {
  return [...(input.TableName ? [input.TableName] : []), ...Object.keys(input.RequestItems ?? {})];
}

function throttling(): Error {
  return Object.assign(new Error('Rate of requests exceeds the allowed throughput (injected)'), {
    name: 'ThrottlingException',
    $fault: 'client',
    $metadata: { httpStatusCode: 400 },
  });
}

export function dynamoFaults(random: () => number = Math.random): DynamoFaults {
  const faults: DynamoFaults = {
    middleware: [],
    throttleRate: 0,
    unprocessedRate: 0,
    forceUnprocessedWrites: 0,
    forceUnprocessedReads: 0,
    failTables: [],
    injected: { throttled: 0, unprocessedWrites: 0, unprocessedReads: 0 },
    failingAttempts: [],
  };
  const unprocessed: DynamoMiddleware = (stack) =>
    stack.add(
      (next, context) => async (args) => {
        const input = args.input as Input;
        const op = context.commandName ?? '';
        const [table] = Object.keys(input.RequestItems ?? {});
        if (
          table &&
          /BatchWrite/.test(op) &&
          (faults.forceUnprocessedWrites > 0 || random() < faults.unprocessedRate)
        ) {
          if (faults.forceUnprocessedWrites > 0) faults.forceUnprocessedWrites--;
          faults.injected.unprocessedWrites++;
          return { output: { UnprocessedItems: input.RequestItems, $metadata: {} }, response: {} } as never;
        }
        const request = table ? (input.RequestItems?.[table] as { Keys?: unknown[] }) : undefined;
        if (
          table &&
          request?.Keys &&
          request.Keys.length > 1 &&
          /BatchGet/.test(op) &&
          (faults.forceUnprocessedReads > 0 || random() < faults.unprocessedRate)
        ) {
          if (faults.forceUnprocessedReads > 0) faults.forceUnprocessedReads--;
          faults.injected.unprocessedReads++;
          const keys = request.Keys;
          const half = Math.ceil(keys.length / 2);
          const served = { ...input, RequestItems: { [table]: { ...request, Keys: keys.slice(0, half) } } };
          const result = (await next({ ...args, input: served })) as unknown as {
            output: Record<string, unknown>;
          };
          result.output.UnprocessedKeys = { [table]: { ...request, Keys: keys.slice(half) } };
          return result as never;
        }
        return next(args);
      },
      { step: 'initialize', name: 'injectUnprocessed' },
    );
  const throttle: DynamoMiddleware = (stack) =>
    stack.add(
      (next) => async (args) => {
        const tables = tablesOf(args.input as Input);
        if (
          faults.failTables.length > 0 &&
          tables.some((t) => faults.failTables.some((f) => t.includes(f)))
        ) {
          faults.failingAttempts.push(Date.now());
          throw throttling();
        }
        if (random() < faults.throttleRate) {
          faults.injected.throttled++;
          throw throttling();
        }
        return next(args);
      },
      // Inside the SDK's retry middleware (finalizeRequest), like an answer from a throttled table.
      { step: 'deserialize', name: 'injectThrottling' },
    );
  faults.middleware = [unprocessed, throttle];
  return faults;
}
