/** Consumer-group timings, the same for every Kafka client so a switch changes no behaviour. */
export interface GroupTimings {
  sessionTimeoutMs: number;
  heartbeatIntervalMs: number;
  /** Fetch long-poll: bounds how late an idle consumer notices a rebalance. */
  maxWaitTimeMs: number;
}

export const DEFAULT_GROUP_TIMINGS: GroupTimings = {
  sessionTimeoutMs: 10_000,
  heartbeatIntervalMs: 1000,
  maxWaitTimeMs: 500,
};
