import { ConfigError, loadConfig } from '../../../src/config/config';

const kafka = { KAFKA_BROKERS: '127.0.0.1:9092' };

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('config: KAFKA_CLIENT', () => {
  test('kafkajs by default', () => {
    const config = loadConfig(kafka);
    expect(config.log).toMatchObject({ kind: 'kafka', client: 'kafkajs' });
  });

  test.each(['kafkajs', 'platformatic'])('%s is accepted', (client) => {
    expect(loadConfig({ ...kafka, KAFKA_CLIENT: client }).log).toMatchObject({ kind: 'kafka', client });
  });

  test('an empty value means the default', () => {
    expect(loadConfig({ ...kafka, KAFKA_CLIENT: '' }).log).toMatchObject({ client: 'kafkajs' });
  });

  test('anything else stops startup with one readable line naming the variable', () => {
    expect(problems({ ...kafka, KAFKA_CLIENT: 'rdkafka' })).toEqual([
      'KAFKA_CLIENT must be kafkajs or platformatic',
    ]);
    expect(() => loadConfig({ ...kafka, KAFKA_CLIENT: 'Platformatic' })).toThrow(
      'invalid configuration: KAFKA_CLIENT must be kafkajs or platformatic',
    );
  });

  test('is reported together with the other problems', () => {
    expect(problems({ ...kafka, KAFKA_CLIENT: 'x', KAFKA_PARTITIONS: '0' })).toHaveLength(2);
  });

  test('without KAFKA_BROKERS the log is in-process whatever the client says', () => {
    expect(loadConfig({ KAFKA_CLIENT: 'platformatic' }).log).toEqual({ kind: 'in-process' });
  });
});

describe('config: STORAGE_THREAD', () => {
  test('off by default, on when asked with Kafka', () => {
    expect(loadConfig(kafka).storageThread).toBe(false);
    expect(loadConfig({ ...kafka, STORAGE_THREAD: 'on' }).storageThread).toBe(true);
    expect(loadConfig({ ...kafka, STORAGE_THREAD: 'off' }).storageThread).toBe(false);
  });

  test('on without Kafka stops startup with one line saying why', () => {
    expect(problems({ STORAGE_THREAD: 'on' })).toEqual([
      'STORAGE_THREAD=on needs KAFKA_BROKERS: the in-process log cannot be shared with another thread',
    ]);
  });

  test('anything but on or off is refused', () => {
    expect(problems({ ...kafka, STORAGE_THREAD: 'yes' })).toEqual(['STORAGE_THREAD must be on or off']);
  });
});
