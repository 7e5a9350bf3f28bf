import { describe, expect, it } from 'vitest';
import { passThroughValidator } from '../pipeline/stages/pass-through-validator.js';
import { fixtureDevice, fixtureUplink, prepared } from '../testing/uplinks.js';
import { createBatchWriter, type BatchStore } from './batch-writer.js';
import { createMemoryStore, type MemoryStore } from './memory-store.js';

function setup(): { store: MemoryStore; item: (i: number) => ReturnType<typeof prepared> } {
  const store = createMemoryStore(passThroughValidator);
  store.addMeters(['W-1']);
  const device = fixtureDevice('wd-1', 'W-1');
  return {
    store,
    item: (i) =>
      prepared(
        fixtureUplink('wd-1', { time: new Date(Date.UTC(2025, 0, 1) + i * 60_000).toISOString(), litres: i }),
        device,
      ),
  };
}

/** The memory store behind a gate: writes wait until the gate opens. */
function gated(inner: BatchStore): BatchStore & { open(): void } {
  let open!: () => void;
  const gate = new Promise<void>((r) => (open = r));
  return {
    write: async (b) => (await gate, inner.write(b)),
    writeRejected: (i, r) => inner.writeRejected(i, r),
    open: () => open(),
  };
}

describe('batch writer', () => {
  it('cuts batches at the size limit', async () => {
    const { store, item } = setup();
    const writer = createBatchWriter(store, { maxBatch: 500, lingerMs: 50 });
    const outcomes = await Promise.all(Array.from({ length: 1200 }, (_, i) => writer.submit(item(i))));
    expect(outcomes.every((o) => o.status === 'accepted')).toBe(true);
    expect(store.batches).toEqual([500, 500, 200]);
  });

  it('writes a small batch once the linger time has passed', async () => {
    const { store, item } = setup();
    const writer = createBatchWriter(store, { maxBatch: 500, lingerMs: 30 });
    const started = Date.now();
    await Promise.all([writer.submit(item(1)), writer.submit(item(2)), writer.submit(item(3))]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(25);
    expect(store.batches).toEqual([3]);
  });

  it('writes a batch of pauseFlushAt or more as soon as the input pauses, without waiting out the linger time', async () => {
    const { store, item } = setup();
    const writer = createBatchWriter(store, { maxBatch: 500, lingerMs: 5_000, pauseFlushAt: 100 });
    const started = Date.now();
    await Promise.all(Array.from({ length: 120 }, (_, i) => writer.submit(item(i))));
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(store.batches).toEqual([120]);
  });

  it('keeps the batch open while every event-loop turn brings more uplinks', async () => {
    const { store, item } = setup();
    const writer = createBatchWriter(store, { maxBatch: 500, lingerMs: 5_000, pauseFlushAt: 1 });
    const submits: Array<Promise<unknown>> = [];
    // One more uplink in each of the next nine turns, queued ahead of the writer's pause check.
    const oneMorePerTurn = (left: number): void => {
      if (left === 0) return;
      setImmediate(() => {
        submits.push(writer.submit(item(10 - left)));
        oneMorePerTurn(left - 1);
      });
    };
    oneMorePerTurn(9);
    submits.push(writer.submit(item(10)));
    while (submits.length < 10) await new Promise((r) => setImmediate(r));
    await Promise.all(submits);
    expect(store.batches).toEqual([10]);
  });

  it('drains at once with a pause check pending, and the check then finds nothing to do', async () => {
    const { store, item } = setup();
    const writer = createBatchWriter(store, { maxBatch: 500, lingerMs: 5_000, pauseFlushAt: 100 });
    const submits = Array.from({ length: 150 }, (_, i) => writer.submit(item(i)));
    const started = Date.now();
    await writer.drain(1_000);
    await Promise.all(submits);
    await new Promise((r) => setImmediate(r));
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(store.batches).toEqual([150]);
  });

  it('collects what arrives while a batch commits into the next batch (group commit)', async () => {
    const { store, item } = setup();
    const slow = gated(store);
    const writer = createBatchWriter(slow, { maxBatch: 500, lingerMs: 5_000, pauseFlushAt: 1 });
    const first = writer.submit(item(0));
    await new Promise((r) => setTimeout(r, 20));
    // The first batch is being written (held at the gate); these wait for it, then go together.
    const rest = Array.from({ length: 9 }, (_, i) => writer.submit(item(i + 1)));
    await new Promise((r) => setTimeout(r, 20));
    slow.open();
    await Promise.all([first, ...rest]);
    expect(store.batches).toEqual([1, 9]);
  });

  it('blocks submits beyond its capacity until room frees, never holding more than the capacity', async () => {
    const { store, item } = setup();
    const slow = gated(store);
    let maxDepth = 0;
    const writer = createBatchWriter(slow, {
      capacity: 10,
      maxBatch: 4,
      lingerMs: 0,
      onDepth: (d) => (maxDepth = Math.max(maxDepth, d)),
    });
    let resolved = 0;
    const all = Array.from({ length: 25 }, (_, i) => writer.submit(item(i)).then((o) => (resolved++, o)));
    await new Promise((r) => setTimeout(r, 20));
    expect(writer.depth()).toBe(10);
    expect(resolved).toBe(0);
    slow.open();
    await Promise.all(all);
    expect(resolved).toBe(25);
    expect(maxDepth).toBeLessThanOrEqual(10);
    expect(store.readings.size).toBe(25);
  });

  it('refuses at once when full and the policy is drop, and after the timeout when blocking', async () => {
    const { store, item } = setup();
    const slow = gated(store);
    const dropping = createBatchWriter(slow, { capacity: 2, lingerMs: 0, whenFull: 'drop' });
    const kept = [dropping.submit(item(1)), dropping.submit(item(2))];
    await expect(dropping.submit(item(3))).rejects.toMatchObject({ code: 'GATEWAY_QUEUE_FULL', kind: 'unavailable' });
    const blocking = createBatchWriter(slow, { capacity: 1, lingerMs: 0, enqueueTimeoutMs: 30 });
    const first = blocking.submit(item(4));
    await expect(blocking.submit(item(5))).rejects.toMatchObject({ code: 'GATEWAY_QUEUE_FULL' });
    slow.open();
    await Promise.all([...kept, first]);
  });

  it('retries transient database errors with backoff and then commits', async () => {
    const { store, item } = setup();
    let failures = 2;
    let retries = 0;
    const flaky: BatchStore = {
      write: async (b) => {
        if (failures-- > 0)
          throw Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' });
        return store.write(b);
      },
      writeRejected: (i, r) => store.writeRejected(i, r),
    };
    const writer = createBatchWriter(flaky, { lingerMs: 0, retryInitialMs: 5, onRetry: () => retries++ });
    await expect(writer.submit(item(1))).resolves.toMatchObject({ status: 'accepted' });
    expect(retries).toBe(2);
    expect(writer.healthy()).toBe(true);
  });

  it('drains on shutdown: refuses new uplinks, writes the queued ones', async () => {
    const { store, item } = setup();
    const writer = createBatchWriter(store, { lingerMs: 1000 });
    const queued = [writer.submit(item(1)), writer.submit(item(2))];
    await writer.drain(1000);
    await expect(Promise.all(queued)).resolves.toHaveLength(2);
    await expect(writer.submit(item(3))).rejects.toMatchObject({ code: 'GATEWAY_SHUTTING_DOWN' });
  });

  it('gives up at the drain deadline when the database stays away, without acknowledging', async () => {
    const { item } = setup();
    const down: BatchStore = {
      write: async () => {
        throw Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
      },
      writeRejected: async () => {
        throw new Error('unreachable');
      },
    };
    const writer = createBatchWriter(down, { lingerMs: 0, retryInitialMs: 5, retryMaxMs: 20 });
    const pending = writer.submit(item(1));
    await writer.drain(100);
    await expect(pending).rejects.toMatchObject({ code: 'GATEWAY_SHUTTING_DOWN' });
  });
});
