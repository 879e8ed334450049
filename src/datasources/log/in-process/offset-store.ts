import fs from 'node:fs/promises';
import path from 'node:path';
import { readJsonFile, writeFileAtomic } from './atomic-file';

interface Waiter {
  version: number;
  resolve: () => void;
  reject: (error: unknown) => void;
}

interface GroupOffsets {
  file: string;
  /** topic → partition → next offset to read (Kafka's meaning of a committed offset). */
  offsets: Map<string, Map<number, number>>;
  version: number;
  persisted: number;
  flushing: Promise<void> | null;
  waiters: Waiter[];
}

/**
 * Committed offsets, one small JSON file per consumer group. Many partitions commit into one
 * file, so writes are coalesced: at most one write in flight, and each commit resolves once a
 * write that contains it has been renamed into place.
 */
export class OffsetStore {
  private readonly groups = new Map<string, Promise<GroupOffsets>>();
  private closed = false;

  constructor(private readonly dir: string) {}

  async committed(groupId: string, topic: string, partition: number): Promise<number | undefined> {
    const group = await this.group(groupId);
    return group.offsets.get(topic)?.get(partition);
  }

  /**
   * Commits only move forward (unless `reset`), so a late commit from a partition's previous
   * owner cannot move it back.
   */
  async commit(
    groupId: string,
    topic: string,
    partition: number,
    offset: number,
    { reset = false }: { reset?: boolean } = {},
  ): Promise<void> {
    if (this.closed) return;
    const group = await this.group(groupId);
    let partitions = group.offsets.get(topic);
    if (!partitions) group.offsets.set(topic, (partitions = new Map()));
    const current = partitions.get(partition) ?? -1;
    if (current === offset || (current > offset && !reset)) return;
    partitions.set(partition, offset);
    const version = ++group.version;
    const written = new Promise<void>((resolve, reject) => group.waiters.push({ version, resolve, reject }));
    group.flushing ??= this.flush(group);
    return written;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const pending of this.groups.values()) {
      const group = await pending.catch(() => null);
      await group?.flushing;
    }
  }

  private group(groupId: string): Promise<GroupOffsets> {
    let group = this.groups.get(groupId);
    if (!group) {
      group = this.loadGroup(groupId);
      this.groups.set(groupId, group);
      group.catch(() => this.groups.delete(groupId));
    }
    return group;
  }

  private async loadGroup(groupId: string): Promise<GroupOffsets> {
    await fs.mkdir(this.dir, { recursive: true });
    const file = path.join(this.dir, `${encodeURIComponent(groupId)}.json`);
    const stored = (await readJsonFile(file)) as
      { offsets?: Record<string, Record<string, string>> } | undefined;
    const offsets = new Map<string, Map<number, number>>();
    for (const [topic, partitions] of Object.entries(stored?.offsets ?? {})) {
      offsets.set(topic, new Map(Object.entries(partitions).map(([p, o]) => [Number(p), Number(o)])));
    }
    return { file, offsets, version: 0, persisted: 0, flushing: null, waiters: [] };
  }

  private async flush(group: GroupOffsets): Promise<void> {
    try {
      while (group.persisted < group.version) {
        const version = group.version;
        await writeFileAtomic(group.file, serialize(group.offsets));
        group.persisted = version;
        group.waiters = group.waiters.filter((w) => (w.version <= version ? (w.resolve(), false) : true));
      }
    } catch (error) {
      // The next commit rewrites the whole file, so the failed versions are not lost for good.
      const failed = group.waiters;
      group.waiters = [];
      for (const w of failed) w.reject(error);
    } finally {
      group.flushing = null;
    }
  }
}

function serialize(offsets: Map<string, Map<number, number>>): string {
  const out: Record<string, Record<string, string>> = {};
  for (const [topic, partitions] of offsets) {
    out[topic] = Object.fromEntries([...partitions].map(([p, o]) => [String(p), String(o)]));
  }
  return `${JSON.stringify({ version: 1, offsets: out })}\n`;
}
