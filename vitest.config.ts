import { defineConfig } from 'vitest/config';

// Two projects: `unit` runs in memory (pure code, in-process brokers over duplex pairs);
// `integration` (*.int.test.ts) talks to real PostgreSQL, the embedded TimescaleDB engine,
// real brokers and real UDP sockets, one file at a time so that ports and CPU are not fought over.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['{gateway,rating,decoders,simulators,bench,storage,cli}/**/*.test.ts'],
          exclude: ['**/*.int.test.ts', 'node_modules/**', 'dist/**'],
          testTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['{gateway,rating,decoders,simulators,bench,storage,cli}/**/*.int.test.ts'],
          exclude: ['node_modules/**', 'dist/**'],
          fileParallelism: false,
          globalSetup: ['test/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
