import { createBatchWriter } from './batch-writer.js';
import { createMemoryStore } from './memory-store.js';
import { describeSinkContract } from './sink-contract.js';

describeSinkContract('in-memory store', async (validator) => {
  const store = createMemoryStore(validator);
  const writer = createBatchWriter(store, { lingerMs: 2, maxBatch: 64 });
  return {
    submit: (item) => writer.submit(item),
    inspect: {
      raw: async (key) =>
        store.raw.has(key)
          ? [store.raw.get(key)!].map((r) => ({ status: r.status, errorCode: r.errorCode, reason: r.reason }))
          : [],
      readings: async (meterId) =>
        [...store.readings.values()]
          .filter((r) => r.meterId === meterId)
          .sort((a, b) => a.time.localeCompare(b.time))
          .map((r) => ({ time: r.time, registerMl: r.registerMl, flags: r.flags })),
      state: async (meterId) => {
        const s = store.states.get(meterId);
        return s ? { lastTime: s.lastTime, lastRegisterMl: s.lastRegisterMl } : undefined;
      },
      alarms: async (meterId) =>
        [...store.alarms.values()]
          .filter((a) => a.meterId === meterId)
          .sort((a, b) => a.raisedAt.localeCompare(b.raisedAt))
          .map((a) => ({
            kind: a.kind,
            raisedAt: a.raisedAt,
            lastSeenAt: a.lastSeenAt,
            clearedAt: a.clearedAt ?? null,
            state: a.clearedAt ? 'cleared' : 'active',
          })),
      registerMeters: async (ids) => store.addMeters(ids),
    },
    close: () => writer.drain(1000),
  };
});
