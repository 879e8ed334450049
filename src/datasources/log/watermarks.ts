import type { Logger } from '../../app/logger';

export interface PartitionOffsets {
  partition: number;
  low: number;
  high: number;
}

/** The two broker requests watermarks need, whichever Kafka client answers them. */
export interface OffsetsSource {
  /** Low (log start) and high (end) offsets of every partition of a physical topic. */
  topicOffsets(topic: string): Promise<PartitionOffsets[]>;
  /** The cheapest round trip to the cluster (a metadata request), for health alone. */
  ping(): Promise<unknown>;
}

/** How often the log asks the broker for end offsets: lag and /readyz, not a hot path. */
const PROBE_INTERVAL_MS = 3000;
/**
 * A probe still unanswered after this long makes the broker count as unreachable. The clients
 * retry a dead broker with backoff before they fail a request, which kept /readyz at 200 for
 * 12-14 s into a broker outage; a healthy broker answers a metadata or offsets request in
 * milliseconds, so 5 s leaves a loaded machine plenty of room.
 */
export const PROBE_TIMEOUT_MS = 5000;

/**
 * End offsets of the topics being consumed, refreshed every few seconds by one admin request per
 * topic. Doubles as the broker health probe: a failed refresh means the broker is unreachable.
 */
export function createWatermarks(source: OffsetsSource, logger: Logger, now: () => number = Date.now) {
  const topics = new Map<string, number>(); // physical topic → number of consumers reading it
  const highs = new Map<string, number>();
  let healthy = true;
  let lastError: string | null = null;
  let probing: Promise<void> | null = null;
  let probeStartedAt: number | null = null;
  let timer: NodeJS.Timeout | undefined;

  async function fetch(topic: string): Promise<PartitionOffsets[]> {
    const offsets = await source.topicOffsets(topic);
    for (const o of offsets) highs.set(`${topic}/${o.partition}`, o.high);
    return offsets;
  }

  function probe(): Promise<void> {
    if (probing) return probing;
    probeStartedAt = now();
    // With nothing consumed yet, a metadata request is the cheapest round trip to the broker.
    const request = topics.size > 0 ? Promise.all([...topics.keys()].map(fetch)) : source.ping();
    probing = request
      .then(() => {
        if (!healthy) logger.info('broker reachable again');
        healthy = true;
        lastError = null;
      })
      .catch((error: unknown) => {
        if (healthy) logger.warn({ err: error }, 'broker unreachable');
        healthy = false;
        lastError = error instanceof Error ? error.message : String(error);
      })
      .finally(() => {
        probing = null;
        probeStartedAt = null;
      });
    return probing;
  }

  const stalled = () => probeStartedAt !== null && now() - probeStartedAt >= PROBE_TIMEOUT_MS;

  return {
    /** Current end offsets of a topic (also starts tracking it for lag). */
    async track(topic: string): Promise<PartitionOffsets[]> {
      topics.set(topic, (topics.get(topic) ?? 0) + 1);
      return fetch(topic);
    },
    untrack(topic: string): void {
      const n = (topics.get(topic) ?? 1) - 1;
      if (n > 0) topics.set(topic, n);
      else topics.delete(topic);
    },
    /** A fresher high watermark seen in a fetch response. */
    observe(topic: string, partition: number, high: number): void {
      highs.set(`${topic}/${partition}`, high);
    },
    high: (topic: string, partition: number): number | undefined => highs.get(`${topic}/${partition}`),
    healthy: () => healthy && !stalled(),
    lastError: () =>
      stalled() ? `the broker has not answered for ${PROBE_TIMEOUT_MS / 1000} s or more` : lastError,
    start(): void {
      timer = setInterval(() => void probe(), PROBE_INTERVAL_MS);
      timer.unref();
    },
    async stop(): Promise<void> {
      clearInterval(timer);
      await probing;
    },
  };
}

export type Watermarks = ReturnType<typeof createWatermarks>;
