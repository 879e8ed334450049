export interface TopicPartition {
  topic: string;
  partition: number;
}

/** What the coordinator needs from a consumer in a group. */
export interface GroupMember {
  readonly memberId: number;
  readonly topics: string[];
  partitionCount(topic: string): number;
  /** Stops the given partitions and resolves once their in-flight work is done and committed. */
  revoke(partitions: TopicPartition[]): Promise<void>;
  /** Starts the given partitions; resolves once their start positions are known. */
  assign(partitions: TopicPartition[]): Promise<void>;
}

interface Group {
  members: GroupMember[];
  assignments: Map<GroupMember, TopicPartition[]>;
  /** Rebalances of one group run one after another. */
  rebalancing: Promise<void>;
}

/**
 * Consumer groups within this process: Kafka's range assignor, and an eager rebalance whenever a
 * member joins or leaves. A partition is revoked from its old owner (in-flight batch finished and
 * committed) before the new owner starts it, so two members never handle one partition at once.
 */
export class GroupCoordinator {
  private readonly groups = new Map<string, Group>();

  join(groupId: string, member: GroupMember): Promise<void> {
    const group: Group = this.groups.get(groupId) ?? {
      members: [],
      assignments: new Map(),
      rebalancing: Promise.resolve(),
    };
    this.groups.set(groupId, group);
    group.members.push(member);
    return this.rebalance(group);
  }

  leave(groupId: string, member: GroupMember): Promise<void> {
    const group = this.groups.get(groupId);
    if (!group) return Promise.resolve();
    group.members = group.members.filter((m) => m !== member);
    // The group stays registered even when empty: a later join must queue behind this rebalance.
    return this.rebalance(group);
  }

  private rebalance(group: Group): Promise<void> {
    group.rebalancing = group.rebalancing.then(async () => {
      const target = assignRanges(group.members);
      await Promise.all(
        [...group.assignments].map(([member, owned]) => {
          const keep = target.get(member) ?? [];
          const revoked = owned.filter((tp) => !keep.some((k) => sameTopicPartition(k, tp)));
          return revoked.length > 0 ? member.revoke(revoked) : Promise.resolve();
        }),
      );
      await Promise.all(
        group.members.map((member) => {
          const owned = group.assignments.get(member) ?? [];
          const added = (target.get(member) ?? []).filter(
            (tp) => !owned.some((o) => sameTopicPartition(o, tp)),
          );
          return added.length > 0 ? member.assign(added) : Promise.resolve();
        }),
      );
      group.assignments = target;
    });
    // Members do not reject, but one failure must not wedge every later rebalance of the group.
    const done = group.rebalancing;
    group.rebalancing = done.catch(() => undefined);
    return done;
  }
}

/** Kafka's RangeAssignor: per topic, members sorted by id take consecutive ranges, the first ones one extra. */
export function assignRanges(members: GroupMember[]): Map<GroupMember, TopicPartition[]> {
  const result = new Map<GroupMember, TopicPartition[]>(members.map((m) => [m, []]));
  const topics = [...new Set(members.flatMap((m) => m.topics))].sort();
  for (const topic of topics) {
    const subscribed = members
      .filter((m) => m.topics.includes(topic))
      .sort((a, b) => a.memberId - b.memberId);
    const count = subscribed[0].partitionCount(topic);
    const perMember = Math.floor(count / subscribed.length);
    const extra = count % subscribed.length;
    subscribed.forEach((member, i) => {
      const start = i * perMember + Math.min(i, extra);
      const length = perMember + (i < extra ? 1 : 0);
      for (let p = start; p < start + length; p++) result.get(member)?.push({ topic, partition: p });
    });
  }
  return result;
}

function sameTopicPartition(a: TopicPartition, b: TopicPartition): boolean {
  return a.topic === b.topic && a.partition === b.partition;
}
