import { createSingleFlight } from '../../../src/datasources/dynamo/single-flight';

const tick = () => new Promise((r) => setImmediate(r));

describe('single flight per key', () => {
  it('runs once when idle, and once more (shared) for every request made during a run', async () => {
    const started: number[] = [];
    const releases: (() => void)[] = [];
    const run = createSingleFlight<string, number>(
      (k) => k,
      async () => {
        started.push(started.length);
        const n = started.length;
        await new Promise<void>((r) => releases.push(r));
        return n;
      },
    );
    const first = run('a');
    await tick();
    const during = [run('a'), run('a'), run('a')];
    await tick();
    expect(started).toHaveLength(1); // the follow-up waits for the run in flight
    releases[0]!();
    await expect(first).resolves.toBe(1);
    await tick();
    expect(started).toHaveLength(2); // one follow-up for the three requests
    releases[1]!();
    await expect(Promise.all(during)).resolves.toEqual([2, 2, 2]);
  });

  it('keeps keys independent and forgets finished keys', async () => {
    let calls = 0;
    const run = createSingleFlight<string, string>(
      (k) => k,
      async (k) => `${k}${++calls}`,
    );
    await expect(Promise.all([run('a'), run('b')])).resolves.toEqual(['a1', 'b2']);
    await expect(run('a')).resolves.toBe('a3');
  });

  it('a failed run rejects its callers but does not block the follow-up', async () => {
    let calls = 0;
    let release!: () => void;
    const run = createSingleFlight<string, number>(
      (k) => k,
      async () => {
        calls++;
        if (calls === 1) {
          await new Promise<void>((r) => (release = r));
          throw new Error('boom');
        }
        return calls;
      },
    );
    const first = run('a');
    await tick();
    const second = run('a');
    release();
    await expect(first).rejects.toThrow('boom');
    await expect(second).resolves.toBe(2);
  });
});
