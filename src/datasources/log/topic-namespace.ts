import { randomUUID } from 'node:crypto';

/**
 * Maps the log's logical names (TOPICS in log.ts, worker group ids) to names on the cluster.
 * A prefix lets several deployments or test runs share one cluster without seeing each other's
 * topics or joining each other's consumer groups; records are handed back under logical names.
 */
export function createTopicNamespace(prefix: string, clientId: string) {
  return {
    prefix,
    topic: (logical: string) => prefix + logical,
    logicalTopic: (physical: string) =>
      physical.startsWith(prefix) ? physical.slice(prefix.length) : physical,
    group: (logical: string) => prefix + logical,
    /**
     * kafkajs cannot assign partitions by hand, so its private reader is a group of one with a name
     * no other process uses; it never commits, so nothing of it outlives the process.
     */
    privateGroup: () => `${prefix}${clientId}-private-${randomUUID()}`,
  };
}

export type TopicNamespace = ReturnType<typeof createTopicNamespace>;
