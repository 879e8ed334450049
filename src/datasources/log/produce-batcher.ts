import type { LogMessage } from './log';

export interface TopicMessages {
  topic: string;
  messages: LogMessage[];
}

/** Sends one request carrying every message given, in order; resolves once all are acknowledged. */
export type SendBatch = (batch: TopicMessages[]) => Promise<void>;

/**
 * About what the broker accepts in one record batch per partition (message.max.bytes, 1 MiB by
 * default). Calls are never split, so a partition's batch in a coalesced request stays under this
 * whenever each call's own batch did: coalescing cannot make a call fail that alone would pass.
 */
export const MAX_COALESCED_BYTES = 1_000_000;
/** Record framing beyond key, value and headers, for the size estimate. */
const RECORD_OVERHEAD = 24;

interface Pending {
  topic: string;
  messages: LogMessage[];
  bytes: number;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * One produce request in flight per Log, carrying every produce() call that arrived while the
 * previous request was on the wire. An idempotent producer allows one request in flight anyway,
 * so callers used to queue one round trip each (the enrichment worker's partitions, ingest
 * requests); now they share it. No timer: a lone call goes out at once, batching only happens
 * under load. Calls keep their order, and each resolves or rejects with the request it went in.
 */
export function createProduceBatcher(send: SendBatch, maxBytes = MAX_COALESCED_BYTES) {
  const queue: Pending[] = [];
  let sending: Promise<void> | null = null;

  async function drain(): Promise<void> {
    while (queue.length > 0) {
      const taken: Pending[] = [queue.shift()!];
      let bytes = taken[0].bytes;
      while (queue.length > 0 && bytes + queue[0].bytes <= maxBytes) {
        bytes += queue[0].bytes;
        taken.push(queue.shift()!);
      }
      try {
        await send(byTopic(taken));
        for (const p of taken) p.resolve();
      } catch (error) {
        for (const p of taken) p.reject(error);
      }
    }
    sending = null;
  }

  return {
    produce(topic: string, messages: LogMessage[]): Promise<void> {
      return new Promise<void>((resolve, reject) => {
        queue.push({ topic, messages, bytes: estimateBytes(messages), resolve, reject });
        // A microtask lets the calls of the same tick share the first request too.
        sending ??= Promise.resolve().then(drain);
      });
    },
    /** Resolves once every call made so far has been answered. */
    async idle(): Promise<void> {
      while (sending) await sending;
    },
  };
}

export type ProduceBatcher = ReturnType<typeof createProduceBatcher>;

/** Consecutive calls to the same topic merge; order within and across topics is kept. */
function byTopic(pending: Pending[]): TopicMessages[] {
  const out: TopicMessages[] = [];
  for (const p of pending) {
    const last = out[out.length - 1];
    if (last && last.topic === p.topic) last.messages = last.messages.concat(p.messages);
    else out.push({ topic: p.topic, messages: p.messages });
  }
  return out;
}

function estimateBytes(messages: LogMessage[]): number {
  let bytes = 0;
  for (const m of messages) {
    bytes += RECORD_OVERHEAD + m.value.length + (m.key === null ? 0 : Buffer.byteLength(m.key));
    for (const [name, value] of Object.entries(m.headers ?? {})) {
      bytes += Buffer.byteLength(name) + Buffer.byteLength(value) + 4;
    }
  }
  return bytes;
}
