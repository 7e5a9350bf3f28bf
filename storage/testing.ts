/**
 * Test support for integration tests (*.int.test.ts): an isolated, migrated database per test
 * file on each engine. `embedded` is an in-memory embedded TimescaleDB engine; `server` is a
 * fresh database created on the PostgreSQL server named by TEST_DATABASE_URL and dropped after.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from './database.js';
import { migrate } from './migrate.js';

export type TestEngine = 'embedded' | 'server';

export interface TestDatabase extends Database {
  /** URL of the test database (server engine) or of the embedded socket. */
  url: string | undefined;
}

/** The server URL the global setup found reachable, or undefined when there is none. */
export function serverTestUrl(): string | undefined {
  return process.env.MF_TEST_SERVER_URL || undefined;
}

/** Engines to run integration suites on: embedded always, server when one is reachable. */
export function testEngines(): TestEngine[] {
  return serverTestUrl() ? ['embedded', 'server'] : ['embedded'];
}

export async function createTestDatabase(engine: TestEngine, options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  let db: Database;
  let url: string | undefined;
  let dropDatabase: (() => Promise<void>) | undefined;
  if (engine === 'embedded') {
    db = await openDatabase({ inMemory: true });
  } else {
    const base = serverTestUrl();
    if (!base) throw new Error('no PostgreSQL server for tests: set TEST_DATABASE_URL');
    const name = `mf_test_${process.pid}_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const u = new URL(base);
    u.pathname = `/${name}`;
    url = u.toString();
    db = await openDatabase({ url, poolMax: 5 });
    dropDatabase = async () => {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    };
  }
  if (options.migrate !== false) await migrate(db.pool, { timescale: db.timescale });
  const close = db.close.bind(db);
  return {
    ...db,
    url,
    async close() {
      await close();
      await dropDatabase?.();
    },
  };
}
