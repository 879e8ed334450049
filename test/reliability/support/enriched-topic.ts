import { Kafka, logLevel } from 'kafkajs';

/** Every (transaction_id, version) on the enriched topic, read from the beginning to the high watermarks. */
export async function enrichedTopicContents(brokers: string[], topic: string): Promise<Set<string>> {
  const kafka = new Kafka({ clientId: 'txgraph-reliability-reader', brokers, logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  const ends = new Map((await admin.fetchTopicOffsets(topic)).map((p) => [p.partition, BigInt(p.high)]));
  await admin.disconnect();
  const seen = new Set<string>();
  const consumer = kafka.consumer({ groupId: `reliability-reader-${Date.now()}` });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  const done = new Set([...ends].filter(([, high]) => high === 0n).map(([p]) => p));
  await new Promise<void>((resolve, reject) => {
    if (done.size === ends.size) return resolve();
    consumer
      .run({
        eachMessage: async ({ partition, message }) => {
          const t = JSON.parse(message.value!.toString('utf8')) as {
            transaction_id: string;
            version: number;
          };
          seen.add(`${t.transaction_id}#${t.version}`);
          if (BigInt(message.offset) + 1n >= (ends.get(partition) ?? 0n)) done.add(partition);
          if (done.size === ends.size) resolve();
        },
      })
      .catch(reject);
  });
  await consumer.disconnect();
  return seen;
}
