import { Semaphore } from '../../../src/datasources/log/semaphore';
import { Wakeup } from '../../../src/datasources/log/wakeup';

describe('Wakeup', () => {
  test('a notify before the wait is not lost', async () => {
    const wakeup = new Wakeup();
    wakeup.notify();
    const started = Date.now();
    await wakeup.wait(5000);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  test('a wait ends at the next notify, or after its timeout', async () => {
    const wakeup = new Wakeup();
    const woken = wakeup.wait(5000);
    setTimeout(() => wakeup.notify(), 10);
    await woken;
    const started = Date.now();
    await wakeup.wait(30);
    expect(Date.now() - started).toBeGreaterThanOrEqual(25);
  });
});

describe('Semaphore', () => {
  test('at most `size` holders; waiters get the slot in arrival order', async () => {
    const slots = new Semaphore(2);
    const order: string[] = [];
    await slots.acquire();
    await slots.acquire();
    const c = slots.acquire().then(() => order.push('c'));
    const d = slots.acquire().then(() => order.push('d'));
    await new Promise((r) => setImmediate(r));
    expect(order).toEqual([]);
    slots.release();
    await c;
    expect(order).toEqual(['c']);
    slots.release();
    await d;
    expect(order).toEqual(['c', 'd']);
    slots.release();
    slots.release();
    await slots.acquire();
    await slots.acquire();
  });
});
