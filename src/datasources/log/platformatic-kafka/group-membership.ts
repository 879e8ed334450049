import { Consumer as PlatformaticConsumer, type GroupAssignment } from '@platformatic/kafka';
import type { Logger } from '../../../app/logger';
import { backoffDelay } from '../../../lib/backoff';
import type { GroupTimings } from '../group-timings';
import { baseClientOptions } from './client-options';
import { routeClientLogs } from './client-logger';

/**
 * How long the coordinator waits for every member to rejoin. Below the 30 s request timeout, since
 * a JoinGroup request is held open for up to this long.
 */
const REBALANCE_TIMEOUT_MS = 20_000;
const REJOIN_BACKOFF = { baseMs: 500, maxMs: 10_000 };

export interface GroupMembershipOptions {
  brokers: string[];
  clientId: string;
  /** Physical group id and topics. */
  groupId: string;
  topics: string[];
  timings: GroupTimings;
  logger: Logger;
  /** Every (re)join, with this member's partitions per physical topic. */
  onAssignment: (assignment: Map<string, number[]>) => void;
}

/**
 * This process's membership of a consumer group (classic protocol): join, heartbeats (the client's
 * own timer, so a slow handler does not cost the membership), rejoin after a rebalance, commits.
 *
 * The protocol is announced as kafkajs's "RoundRobinAssigner" v0, with the standard subscription
 * and assignment encodings both clients use, so kafkajs and @platformatic/kafka members can share
 * one group while a deployment switches clients (different protocol names would make the broker
 * refuse the second kind with INCONSISTENT_GROUP_PROTOCOL).
 */
export class GroupMembership {
  private readonly client: PlatformaticConsumer<Buffer, Buffer, Buffer, Buffer>;
  private rejoinTimer: NodeJS.Timeout | undefined;
  private rejoinAttempt = 0;
  private leaving = false;

  constructor(private readonly options: GroupMembershipOptions) {
    const { timings } = options;
    this.client = new PlatformaticConsumer<Buffer, Buffer, Buffer, Buffer>({
      ...baseClientOptions(options.brokers, options.clientId),
      groupId: options.groupId,
      sessionTimeout: timings.sessionTimeoutMs,
      heartbeatInterval: timings.heartbeatIntervalMs,
      rebalanceTimeout: REBALANCE_TIMEOUT_MS,
      protocols: [{ name: 'RoundRobinAssigner', version: 0 }],
      autocommit: false,
    });
    routeClientLogs(this.client, options.logger);
    this.client.on('consumer:group:join', (payload) => {
      this.rejoinAttempt = 0;
      options.onAssignment(toMap(payload.assignments ?? []));
    });
    // The client rejoins by itself after a rebalance; when that rejoin fails it emits 'error' and
    // stops heartbeating, so the membership would be gone for good without this.
    this.client.on('error', () => this.scheduleRejoin());
  }

  /** Joins the group; the first assignment has been handed to onAssignment when this resolves. */
  async join(): Promise<void> {
    this.client.topics.trackAll(...this.options.topics);
    await this.client.joinGroup({});
  }

  async commit(topic: string, partition: number, offset: number): Promise<void> {
    await this.client.commit({ offsets: [{ topic, partition, offset: BigInt(offset), leaderEpoch: -1 }] });
  }

  /** The group's committed offsets (-1: none) of these partitions, keyed `topic/partition`. */
  async committed(partitions: [string, number][]): Promise<Map<string, number>> {
    const byTopic = new Map<string, number[]>();
    for (const [topic, partition] of partitions)
      byTopic.set(topic, [...(byTopic.get(topic) ?? []), partition]);
    const offsets = await this.client.listCommittedOffsets({
      topics: [...byTopic].map(([topic, list]) => ({ topic, partitions: list })),
    });
    const out = new Map<string, number>();
    for (const [topic, partition] of partitions) {
      const offset = offsets.get(topic)?.[partition];
      out.set(`${topic}/${partition}`, offset === undefined ? -1 : Number(offset));
    }
    return out;
  }

  /** Leaves the group (the others rebalance at once instead of after the session timeout). */
  async leave(): Promise<void> {
    this.leaving = true;
    clearTimeout(this.rejoinTimer);
    await this.client.close();
  }

  private scheduleRejoin(): void {
    if (this.leaving || this.rejoinTimer) return;
    const delay = backoffDelay(this.rejoinAttempt++, REJOIN_BACKOFF);
    this.rejoinTimer = setTimeout(() => {
      this.rejoinTimer = undefined;
      if (this.leaving) return;
      this.client.joinGroup({}).catch((error: unknown) => {
        this.options.logger.warn({ err: error, attempt: this.rejoinAttempt }, 'rejoining the group failed');
        this.scheduleRejoin();
      });
    }, delay);
  }
}

function toMap(assignments: GroupAssignment[]): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const { topic, partitions } of assignments) out.set(topic, [...(out.get(topic) ?? []), ...partitions]);
  return out;
}
