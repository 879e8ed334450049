/**
 * Counts the DynamoDB commands the service sends, by command and table, through startService's
 * `dynamoMiddleware` hook. Counted at the `initialize` step: once per command the code sends, not
 * per SDK retry, so a loader that makes one BatchGetItem shows up as one.
 */
import type { DynamoMiddleware } from '../../src/datasources/dynamo/client';

type Input = { TableName?: string; RequestItems?: Record<string, unknown> };

export interface ClientCalls {
  /** Counts since the last reset, keyed "<command> <table>", e.g. "BatchGetItem Merchants". */
  counts(): Record<string, number>;
  total(): number;
  /** Commands sent and not yet answered. */
  inFlight(): number;
  reset(): void;
}

export interface DynamoCallCounter {
  middleware: DynamoMiddleware[];
  /**
   * The API's client. startService adds the hook to the workers' client first and to the API's
   * second (src/app/service.ts); the workers keep polling in the background, so their calls must
   * not mix in. Callers check the API's counts exactly, which fails loudly if that order changes.
   */
  api(): ClientCalls;
}

/** The table(s) a command names; a BatchGetItem over several tables is one key, "A+B". */
function tablesOf(input: Input): string {
  const tables = [...(input.TableName ? [input.TableName] : []), ...Object.keys(input.RequestItems ?? {})];
  return tables.join('+') || '-';
}

function clientCalls(): ClientCalls & { count<T>(key: string, send: () => Promise<T>): Promise<T> } {
  let counts = new Map<string, number>();
  let inFlight = 0;
  return {
    async count(key, send) {
      counts.set(key, (counts.get(key) ?? 0) + 1);
      inFlight++;
      try {
        return await send();
      } finally {
        inFlight--;
      }
    },
    counts: () => Object.fromEntries([...counts].sort(([a], [b]) => a.localeCompare(b))),
    total: () => [...counts.values()].reduce((sum, n) => sum + n, 0),
    inFlight: () => inFlight,
    reset: () => {
      counts = new Map();
    },
  };
}

export function countDynamoCalls(): DynamoCallCounter {
  const clients: ReturnType<typeof clientCalls>[] = [];
  const count: DynamoMiddleware = (stack) => {
    const calls = clientCalls();
    clients.push(calls);
    stack.add(
      (next, context) => (args) => {
        const command = (context.commandName ?? 'unknown').replace(/Command$/, '');
        return calls.count(`${command} ${tablesOf(args.input as Input)}`, () => next(args));
      },
      { step: 'initialize', name: 'countCalls' },
    );
  };
  return {
    middleware: [count],
    api: () => {
      if (clients.length !== 2)
        throw new Error(`expected 2 DynamoDB clients, the service made ${clients.length}`);
      return clients[1]!;
    },
  };
}
