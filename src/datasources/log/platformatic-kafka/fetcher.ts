import type { Consumer as PlatformaticConsumer, fetchV17, RecordsBatch } from '@platformatic/kafka';

type FetchRequestTopic = fetchV17.FetchRequestTopic;
type FetchResponse = fetchV17.FetchResponse;

/** A partition to read, from `offset` on (physical topic name). */
export interface FetchTarget {
  topic: string;
  partition: number;
  offset: number;
}

export interface FetchSettings {
  maxWaitTimeMs: number;
  /** Upper bound of one response, over all its partitions. */
  maxBytes: number;
  /** Upper bound per partition (one batch larger than this still comes, so reading never stalls). */
  partitionMaxBytes: number;
}

export interface PartitionResult {
  target: FetchTarget;
  /** Kafka error code of the partition (0: none), e.g. 1 OFFSET_OUT_OF_RANGE, 6 NOT_LEADER. */
  errorCode: number;
  highWatermark: number;
  batches: RecordsBatch[];
}

export const OFFSET_OUT_OF_RANGE = 1;

type FetchClient = PlatformaticConsumer<Buffer, Buffer, Buffer, Buffer>;

const keyOf = (topic: string, partition: number) => `${topic}/${partition}`;

/**
 * Targets grouped by the broker that leads their partition, from the client's metadata (cached
 * for a few seconds; cleared by the caller when a broker says it is not the leader any more).
 */
export async function targetsByLeader(
  client: FetchClient,
  targets: FetchTarget[],
): Promise<Map<number, FetchTarget[]>> {
  const metadata = await client.metadata({ topics: [...new Set(targets.map((t) => t.topic))] });
  const out = new Map<number, FetchTarget[]>();
  for (const target of targets) {
    const leader = metadata.topics.get(target.topic)?.partitions[target.partition]?.leader;
    if (leader === undefined || leader < 0) continue;
    const list = out.get(leader);
    if (list) list.push(target);
    else out.set(leader, [target]);
  }
  return out;
}

/**
 * One Fetch request to one broker, by partition offsets this adapter keeps itself (the client's
 * MessagesStream cannot pause, seek or rewind a single partition, which the Log contract needs).
 * A partition's error comes back as its code, with the other partitions' records intact.
 */
export async function fetchFrom(
  client: FetchClient,
  leader: number,
  targets: FetchTarget[],
  settings: FetchSettings,
): Promise<PartitionResult[]> {
  const metadata = await client.metadata({ topics: [...new Set(targets.map((t) => t.topic))] });
  const byTopic = new Map<string, FetchRequestTopic>();
  const topicNames = new Map<string, string>();
  const wanted = new Map<string, FetchTarget>();
  for (const target of targets) {
    const topicId = metadata.topics.get(target.topic)?.id;
    if (topicId === undefined) continue;
    topicNames.set(topicId, target.topic);
    wanted.set(keyOf(target.topic, target.partition), target);
    let request = byTopic.get(target.topic);
    if (!request) byTopic.set(target.topic, (request = { topicId, partitions: [] }));
    request.partitions.push({
      partition: target.partition,
      fetchOffset: BigInt(target.offset),
      partitionMaxBytes: settings.partitionMaxBytes,
      // No leader epochs: fencing by epoch needs the client's internal bookkeeping.
      currentLeaderEpoch: -1,
      lastFetchedEpoch: -1,
    });
  }
  if (byTopic.size === 0) return [];
  let response: FetchResponse;
  try {
    response = await client.fetch({
      node: leader,
      topics: [...byTopic.values()],
      maxWaitTime: settings.maxWaitTimeMs,
      minBytes: 1,
      maxBytes: settings.maxBytes,
    });
  } catch (error) {
    // Partition-level errors reject the whole call, but the parsed response rides along.
    const partial = (error as { response?: FetchResponse }).response;
    if (!partial || partial.errorCode !== 0 || !Array.isArray(partial.responses)) throw error;
    response = partial;
  }
  const results: PartitionResult[] = [];
  for (const topicResponse of response.responses) {
    const topic = topicNames.get(topicResponse.topicId);
    if (topic === undefined) continue;
    for (const p of topicResponse.partitions) {
      const target = wanted.get(keyOf(topic, p.partitionIndex));
      if (!target) continue;
      results.push({
        target,
        errorCode: p.errorCode,
        highWatermark: Number(p.highWatermark),
        batches: p.records ?? [],
      });
    }
  }
  return results;
}
