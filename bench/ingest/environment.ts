/**
 * What the ingest bench runs against: a fresh, migrated database on the PostgreSQL server (dropped
 * afterwards), a set of devices and meters registered for each end-to-end round, and the
 * Mosquitto broker.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '../../storage/database.js';
import { migrate } from '../../storage/migrate.js';
import { benchDeviceId, benchMeterId } from './payloads.js';

export const DEFAULT_BENCH_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
export const DEFAULT_BENCH_MOSQUITTO_URL = 'mqtt://127.0.0.1:1883';

export interface BenchDatabase {
  db: Database;
  name: string;
  drop(): Promise<void>;
}

export async function createBenchDatabase(serverUrl: string): Promise<BenchDatabase> {
  const name = `mf_bench_${process.pid}_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const db = await openDatabase({ url: url.toString(), poolMax: 4 });
  await migrate(db.pool, { timescale: db.timescale });
  return {
    db,
    name,
    async drop() {
      await db.close();
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/** Registers device set `set`: `meters` CJ/T 188 devices, each reporting for a meter of its own. */
export async function registerBenchSet(db: Database, set: number, meters: number): Promise<void> {
  const ids = Array.from({ length: meters }, (_, m) => m);
  await db.pool.query(`INSERT INTO meters (meter_id) SELECT * FROM unnest($1::text[])`, [
    ids.map((m) => benchMeterId(set, m)),
  ]);
  await db.pool.query(
    `INSERT INTO devices (device_id, transport, decoder, meter_id) SELECT d, 'mqtt', 'cjt188', m FROM unnest($1::text[], $2::text[]) AS t(d, m)`,
    [ids.map((m) => benchDeviceId(set, m)), ids.map((m) => benchMeterId(set, m))],
  );
}
