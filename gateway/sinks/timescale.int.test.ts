import { describe } from 'vitest';
import { createTestDatabase, testEngines } from '../../storage/testing.js';
import { createBatchWriter } from './batch-writer.js';
import { describeSinkContract } from './sink-contract.js';
import { sqlInspector } from './sql-inspector.js';
import { createTimescaleStore, type WriteMethod } from './timescale.js';

describe.each(testEngines())('TimescaleDB sink on the %s engine', (engine) => {
  const methods: WriteMethod[] = engine === 'server' ? ['insert', 'copy'] : ['insert'];
  for (const method of methods) {
    describeSinkContract(`${engine}, ${method}`, async (validator) => {
      const db = await createTestDatabase(engine);
      const writer = createBatchWriter(createTimescaleStore(db, { validator, method }), { lingerMs: 5, maxBatch: 64 });
      return {
        submit: (item) => writer.submit(item),
        inspect: sqlInspector(db.pool),
        async close() {
          await writer.drain(5_000);
          await db.close();
        },
      };
    });
  }
});
