/**
 * The embedded engine: PostgreSQL with the real TimescaleDB extension compiled to WebAssembly
 * (PGlite), served to node-postgres over a loopback socket. It holds ONE connection at a time
 * (a second is dropped) and `COPY ... FROM STDIN` over the socket drops the connection, so the
 * pool on top of it has max 1 and writers use multi-row INSERT here. For demos and tests; point
 * DATABASE_URL at a TimescaleDB server for production.
 */
import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { timescaledb } from '@electric-sql/pglite/timescaledb';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

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
  const server = new PGLiteSocketServer({ db, port: 0, host: '127.0.0.1' });
  await server.start();
  const address = (server as unknown as { server?: { address(): { port: number } | string | null } }).server?.address();
  if (!address || typeof address === 'string') {
    await server.stop();
    await db.close();
    throw new Error('embedded engine: socket server did not report a TCP port');
  }
  return {
    url: `postgres://postgres@127.0.0.1:${address.port}/postgres`,
    location: dataDir ?? 'memory',
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}
