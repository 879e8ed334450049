import type { Logger } from '../app/logger';
import type { EnrichedTransaction } from '../domain/types';
import { TOPICS, type Consumer, type Log } from '../datasources/log/log';

/**
 * Every replica reads the enriched topic from the latest offset with its own private reader and
 * hands each record to local subscribers, so a subscriber on any replica sees every event
 * whichever replica enriched it. Nothing is committed: a live feed has no backlog to resume.
 */
export function createLiveFeed(deps: {
  log: Log;
  logger: Logger;
  publish: (transaction: EnrichedTransaction) => void;
}) {
  const { log, publish } = deps;
  const logger = deps.logger.child({ worker: 'live-feed' });
  let consumer: Consumer | undefined;
  return {
    async start(): Promise<void> {
      consumer = await log.consume(
        { groupId: null, topics: [TOPICS.enriched], fromBeginning: false },
        async (batch) => {
          for (const record of batch.records) {
            try {
              publish(JSON.parse(record.value.toString('utf8')) as EnrichedTransaction);
            } catch (error) {
              logger.warn({ err: error, offset: record.offset }, 'live feed skipped an unreadable record');
            }
          }
        },
      );
    },
    status() {
      return consumer?.status() ?? { healthy: false, lastError: 'not started', lag: 0 };
    },
    async stop(): Promise<void> {
      await consumer?.stop();
    },
  };
}
