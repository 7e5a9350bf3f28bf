/**
 * One `pg` pool for the whole process. With DATABASE_URL it is a PostgreSQL server (TimescaleDB
 * where the extension is installed); without, the embedded engine (storage/embedded.ts).
 */
import pg from 'pg';
import type { Logger } from '../common/logger.js';
import { silentLogger } from '../common/logger.js';
import { startEmbeddedEngine, type EmbeddedEngine } from './embedded.js';

// bigint columns (int8) come back as JS numbers when they are exact, else as strings would be
// lost; registers in mL and counts stay far below 2^53, and we refuse anything larger.
pg.types.setTypeParser(pg.types.builtins.INT8, (value: string) => {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new RangeError(`int8 value ${value} exceeds 2^53`);
  return n;
});
// numeric stays a string: money is exact decimal, never a float.
// date (not timestamptz) stays 'YYYY-MM-DD': billing dates are calendar dates, not instants.
pg.types.setTypeParser(pg.types.builtins.DATE, (value: string) => value);

export type EngineKind = 'embedded-timescaledb' | 'timescaledb' | 'postgresql';

export interface Database {
  pool: pg.Pool;
  engine: EngineKind;
  /** True when the TimescaleDB extension is available (hypertables, continuous aggregates). */
  timescale: boolean;
  /** Embedded engines allow one connection and no COPY FROM STDIN. */
  singleConnection: boolean;
  /** Human-readable description for start-up logs (never includes a password). */
  describe: string;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** postgres:// URL of a server; omit for the embedded engine. */
  url?: string;
  /** Embedded engine data directory (default ./data/pglite). */
  dataDir?: string;
  /** Embedded engine in memory (tests). */
  inMemory?: boolean;
  /** Pool size for a server (default 10). */
  poolMax?: number;
  logger?: Logger;
}

export async function openDatabase(options: DatabaseOptions = {}): Promise<Database> {
  const logger = options.logger ?? silentLogger;
  let embedded: EmbeddedEngine | undefined;
  let url = options.url;
  if (!url) {
    embedded = await startEmbeddedEngine({ dataDir: options.dataDir, inMemory: options.inMemory });
    url = embedded.url;
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: embedded ? 1 : (options.poolMax ?? 10),
    idleTimeoutMillis: embedded ? 0 : 30_000,
  });
  // An idle client losing its connection (server restart) must not crash the process.
  pool.on('error', (err) => logger.warn({ err: err.message }, 'database connection lost'));
  let timescale: boolean;
  try {
    timescale = await ensureTimescale(pool);
  } catch (err) {
    await pool.end();
    await embedded?.stop();
    throw err;
  }
  const engine: EngineKind = embedded ? 'embedded-timescaledb' : timescale ? 'timescaledb' : 'postgresql';
  const describe = embedded
    ? `embedded PostgreSQL + TimescaleDB (${embedded.location})`
    : `${timescale ? 'TimescaleDB' : 'PostgreSQL'} server ${redactUrl(url)}`;
  logger.info({ engine, database: describe }, 'database engine');
  return {
    pool,
    engine,
    timescale,
    singleConnection: Boolean(embedded),
    describe,
    async close() {
      await pool.end();
      await embedded?.stop();
    },
  };
}

/** Creates the extension where it is available; returns whether TimescaleDB is in use. */
async function ensureTimescale(pool: pg.Pool): Promise<boolean> {
  const available = await pool.query<{ installed: string | null }>(
    "SELECT installed_version AS installed FROM pg_available_extensions WHERE name = 'timescaledb'",
  );
  const row = available.rows[0];
  if (!row) return false;
  if (row.installed === null) {
    try {
      await pool.query('CREATE EXTENSION IF NOT EXISTS timescaledb');
    } catch {
      // Available but not loadable (not in shared_preload_libraries) or no privilege: plain PostgreSQL.
      return false;
    }
  }
  return true;
}

export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparseable URL)';
  }
}
