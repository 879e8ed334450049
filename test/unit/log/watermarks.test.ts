import { silentLogger } from '../../../src/app/logger';
import {
  createWatermarks,
  PROBE_TIMEOUT_MS,
  type OffsetsSource,
} from '../../../src/datasources/log/watermarks';

/** A broker whose answers the test releases by hand. */
function heldBroker() {
  const pending: { resolve: () => void; reject: (e: Error) => void }[] = [];
  const source: OffsetsSource = {
    topicOffsets: () => Promise.resolve([]),
    ping: () =>
      new Promise<unknown>((resolve, reject) => pending.push({ resolve: () => resolve({}), reject })),
  };
  return { source, pending };
}

const settle = async () => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

describe('watermarks broker health', () => {
  let clock = 0;
  beforeEach(() => {
    jest.useFakeTimers();
    clock = 0;
  });
  afterEach(() => jest.useRealTimers());

  const advance = async (ms: number) => {
    clock += ms;
    jest.advanceTimersByTime(ms);
    await settle();
  };

  test('a probe left unanswered for PROBE_TIMEOUT_MS makes the broker unhealthy before the client gives up', async () => {
    const { source, pending } = heldBroker();
    const watermarks = createWatermarks(source, silentLogger(), () => clock);
    watermarks.start();
    await advance(3000); // the first probe goes out, and hangs
    expect(pending).toHaveLength(1);
    await advance(PROBE_TIMEOUT_MS - 1);
    expect(watermarks.healthy()).toBe(true);
    await advance(1);
    expect(watermarks.healthy()).toBe(false);
    expect(watermarks.lastError()).toMatch(/has not answered/);
    // No second probe piles up behind the hanging one.
    await advance(3000);
    expect(pending).toHaveLength(1);
    pending[0]!.resolve();
    await settle();
    expect(watermarks.healthy()).toBe(true);
    expect(watermarks.lastError()).toBeNull();
    await watermarks.stop();
  });

  test('a failed probe is unhealthy at once, and the next answered one heals it', async () => {
    const { source, pending } = heldBroker();
    const watermarks = createWatermarks(source, silentLogger(), () => clock);
    watermarks.start();
    await advance(3000);
    pending[0]!.reject(new Error('ECONNREFUSED'));
    await settle();
    expect(watermarks.healthy()).toBe(false);
    expect(watermarks.lastError()).toBe('ECONNREFUSED');
    await advance(3000);
    pending[1]!.resolve();
    await settle();
    expect(watermarks.healthy()).toBe(true);
    await watermarks.stop();
  });
});
