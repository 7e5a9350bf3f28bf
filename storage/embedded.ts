/**
 * The embedded engine: PostgreSQL with the real TimescaleDB extension compiled to WebAssembly
 * (PGlite), served to node-postgres over a loopback socket (storage/wire-server.ts). It is one
 * database session, so it serves ONE connection at a time (the pool on top has max 1), and it
 * refuses `COPY ... FROM STDIN` (PGlite cannot take it over the wire), so writers use multi-row
 * INSERT here. For demos and tests; point DATABASE_URL at a TimescaleDB server for production.
 */
import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { timescaledb } from '@electric-sql/pglite/timescaledb';
import { serveOverSocket } from './wire-server.js';

export interface EmbeddedEngine {
  /** postgres:// URL of the loopback socket. */
  url: string;
  /** Where the data lives, or 'memory'. */
  location: string;
  stop(): Promise<void>;
}

export async function startEmbeddedEngine(options: { dataDir?: string; inMemory?: boolean }): Promise<EmbeddedEngine> {
  let dataDir: string | undefined;
  if (!options.inMemory) {
    dataDir = options.dataDir ?? './data/pglite';
    await mkdir(dataDir, { recursive: true });
  }
  const db = await PGlite.create({ ...(dataDir ? { dataDir } : {}), extensions: { timescaledb } });
  await db.exec('CREATE EXTENSION IF NOT EXISTS timescaledb');
  // On a reopened data directory the extension exists already, and CREATE EXTENSION IF NOT
  // EXISTS does not load its library: without this, writes to hypertables fail.
  await db.exec("LOAD 'timescaledb'");
  const server = await serveOverSocket(db);
  return {
    url: `postgres://postgres@127.0.0.1:${server.port}/postgres`,
    location: dataDir ?? 'memory',
    async stop() {
      await server.close();
      await db.close();
    },
  };
}
