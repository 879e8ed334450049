import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { createDynamoClients, type DynamoClients } from '../src/datasources/dynamo/client';
import { createTables } from '../src/datasources/dynamo/create-tables';
import { tableNames, type TableNames } from '../src/datasources/dynamo/table-names';
import { createTransactionIndexWriter } from '../src/datasources/dynamo/transaction-index-writer';
import type { EnrichedTransaction } from '../src/domain/types';
import { tx } from '../test/support/enriched-tx';
import { report } from './bench-report';
import { stackEndpoints } from './stack-endpoints';
import { mainThreadCpuMs } from './thread-cpu';

/**
 * The index writer's two paths for new transactions on DynamoDB Local, in the same run:
 * INDEX_WRITES=single (a conditional head put, then an item put, per transaction) and
 * INDEX_WRITES=transact (heads and items 50 transactions to a TransactWriteItems call).
 * Per path: transactions/s, this process's main-thread CPU per transaction (the AWS SDK's share of
 * the service's CPU is what the batching removes) and DynamoDB calls per transaction. Rounds
 * alternate which path goes first; each round writes fresh transactions into fresh tables.
 * usage: node dist/bench/index-writes.bench.js [N=4000] [BATCH=500] [ROUNDS=2]
 * TXGRAPH_IT_STACK_ENV=.stack/stack.env reuses a stack started with `npm run stack:up`.
 */
const N = Number(process.argv[2] ?? 4000);
const BATCH = Number(process.argv[3] ?? 500);
const ROUNDS = Number(process.argv[4] ?? 2);
const MODES = ['single', 'transact'] as const;
type Mode = (typeof MODES)[number];

interface Run {
  perSecond: number;
  cpuMsPerTx: number;
  callsPerTx: number;
}

async function main(): Promise<void> {
  const { endpoints, stack } = await stackEndpoints();
  const calls = { count: 0 };
  const clients: DynamoClients = createDynamoClients(
    {
      endpoint: endpoints.dynamo,
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    },
    undefined,
    [
      (s) =>
        s.add(
          (next) => (args) => {
            calls.count++;
            return next(args);
          },
          { step: 'build', name: 'countCalls' },
        ),
    ],
  );
  const created: TableNames[] = [];
  let seq = 0;
  try {
    const runs: Record<Mode, Run[]> = { single: [], transact: [] };
    for (let round = 0; round < ROUNDS; round++) {
      for (const mode of round % 2 === 0 ? MODES : [...MODES].reverse()) {
        const tables = tableNames(`bench_iw_${Date.now().toString(36)}_${mode}_`);
        await createTables(clients.raw, tables);
        created.push(tables);
        const writer = createTransactionIndexWriter({
          doc: clients.doc,
          tables,
          writes: mode,
        });
        const records: EnrichedTransaction[] = Array.from({ length: N }, () => {
          const j = seq++;
          return tx({ transaction_id: `iw-${j}`, user_id: `u-${j % 5000}`, merchant_id: `m-${j % 200}` });
        });
        calls.count = 0;
        const cpuBefore = mainThreadCpuMs();
        const started = process.hrtime.bigint();
        for (let i = 0; i < records.length; i += BATCH) {
          const result = await writer.apply(records.slice(i, i + BATCH));
          if (result.applied !== Math.min(BATCH, records.length - i)) {
            throw new Error(`${mode}: applied ${result.applied} of a batch`);
          }
        }
        const seconds = Number(process.hrtime.bigint() - started) / 1e9;
        const cpuMs = mainThreadCpuMs() - cpuBefore;
        runs[mode].push({ perSecond: N / seconds, cpuMsPerTx: cpuMs / N, callsPerTx: calls.count / N });
        console.error(`round ${round + 1} ${mode}: ${JSON.stringify(runs[mode].at(-1))}`);
      }
    }
    const best = (mode: Mode) => Math.max(...runs[mode].map((r) => r.perSecond));
    const cpu = (mode: Mode) => Math.min(...runs[mode].map((r) => r.cpuMsPerTx));
    const value = (f: (mode: Mode) => string) => Object.fromEntries(MODES.map((m) => [m, f(m)]));
    report(
      'index-writes',
      [
        { figure: 'new transactions per run', ...value(() => `${N} in batches of ${BATCH}`) },
        {
          figure: 'transactions/s (best round)',
          ...value((m) => Math.round(best(m)).toLocaleString('en-US')),
        },
        {
          figure: 'main-thread CPU per transaction (best round)',
          ...value((m) => `${(cpu(m) * 1000).toFixed(0)} µs`),
        },
        {
          figure: 'DynamoDB calls per transaction',
          ...value((m) => runs[m][0]!.callsPerTx.toFixed(2)),
        },
        {
          figure: 'transact ÷ single',
          transact: `${(best('transact') / best('single')).toFixed(2)}× the rate, ${(cpu('transact') / cpu('single')).toFixed(3)}× the CPU`,
        },
      ],
      { runs },
    );
  } finally {
    for (const tables of created) {
      for (const name of Object.values(tables)) {
        await clients.raw.send(new DeleteTableCommand({ TableName: name })).catch(() => undefined);
      }
    }
    clients.close();
    await stack?.stop();
  }
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
