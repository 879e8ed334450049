import type { EventEmitter } from 'node:events';
import type { Logger } from '../../../app/logger';

interface BrokerPayload {
  broker?: { host?: string; port?: number };
}

const brokerOf = (payload: BrokerPayload | undefined) =>
  payload?.broker ? `${payload.broker.host}:${payload.broker.port}` : undefined;

/**
 * Routes a client's own events into the service's pino logger. @platformatic/kafka has no logger
 * option (it writes to `debug` and diagnostics_channel), so without this a broker outage or a
 * rebalance would leave no trace in the service's log. Only rare events are listened to: the
 * per-request ones would cost more than they tell.
 */
export function routeClientLogs(client: EventEmitter, logger: Logger): void {
  // An 'error' event without a listener would throw and end the process; what follows it (a
  // consumer rejoining, a request failing to its caller) is the adapter's job, so log only.
  client.on('error', (error: unknown) => logger.warn({ err: error }, 'kafka client error'));
  client.on('client:broker:connect', (p: BrokerPayload) =>
    logger.debug({ broker: brokerOf(p) }, 'broker connected'),
  );
  client.on('client:broker:disconnect', (p: BrokerPayload) =>
    logger.info({ broker: brokerOf(p) }, 'broker disconnected'),
  );
  client.on('client:broker:failed', (p: BrokerPayload) =>
    logger.warn({ broker: brokerOf(p) }, 'broker connection failed'),
  );
  client.on('client:performWithRetry:failed', (operation: string, retries: number, errors: unknown[]) =>
    logger.warn({ operation, retries, err: errors[errors.length - 1] }, 'kafka request failed after retries'),
  );
  client.on('consumer:group:join', (p: { groupId: string; memberId: string; generationId?: number }) =>
    logger.info({ groupId: p.groupId, memberId: p.memberId, generationId: p.generationId }, 'joined group'),
  );
  client.on('consumer:group:leave', (p: { groupId: string }) =>
    logger.info({ groupId: p.groupId }, 'left group'),
  );
  client.on('consumer:group:rebalance', (p: { groupId: string }) =>
    logger.info({ groupId: p.groupId }, 'group rebalancing'),
  );
  client.on('consumer:heartbeat:error', (p: { groupId?: string; error: unknown }) =>
    logger.warn({ groupId: p.groupId, err: p.error }, 'heartbeat failed'),
  );
}
