import { mkdtemp, readdir, copyFile, writeFile, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, MigrationError } from './migrate.js';
import { defaultMigrationsDir } from './migration-files.js';
import { createTestDatabase, testEngines, type TestDatabase } from './testing.js';

const TIME_SERIES = ['raw_uplinks', 'readings', 'alarms'];

describe.each(testEngines())('migrations on the %s engine', (engine) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase(engine, { migrate: false });
  });
  afterAll(async () => {
    await db?.close();
  });

  it('applies every file once, and a second run applies none', async () => {
    const files = (await readdir(defaultMigrationsDir())).filter((f) => f.endsWith('.sql')).sort();
    const first = await migrate(db.pool, { timescale: db.timescale });
    expect(first.applied).toEqual(files);
    const second = await migrate(db.pool, { timescale: db.timescale });
    expect(second.applied).toEqual([]);
    expect(second.alreadyApplied).toEqual(files);
    const { rows } = await db.pool.query('SELECT count(*)::int AS n FROM schema_migrations');
    expect(rows[0].n).toBe(files.length);
  });

  it('refuses an applied migration whose file changed', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mf-migrations-'));
    for (const f of await readdir(defaultMigrationsDir())) await copyFile(join(defaultMigrationsDir(), f), join(dir, f));
    const target = join(dir, '0001_devices_and_meters.sql');
    await writeFile(target, `${await readFile(target, 'utf8')}\n-- edited after it was applied\n`);
    const err = await migrate(db.pool, { timescale: db.timescale, dir }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MigrationError);
    expect((err as MigrationError).code).toBe('MIGRATION_CHECKSUM_MISMATCH');
    expect((err as Error).message).toContain('0001_devices_and_meters.sql');
  });

  it('rolls back a failing migration and records nothing for it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mf-migrations-'));
    for (const f of await readdir(defaultMigrationsDir())) await copyFile(join(defaultMigrationsDir(), f), join(dir, f));
    await writeFile(join(dir, '9999_broken.sql'), 'CREATE TABLE half_done (x int);\nSELECT no_such_function();\n');
    const err = await migrate(db.pool, { timescale: db.timescale, dir }).catch((e: unknown) => e);
    expect((err as MigrationError).code).toBe('MIGRATION_STATEMENT');
    const { rows } = await db.pool.query("SELECT to_regclass('half_done') AS t, (SELECT count(*)::int FROM schema_migrations WHERE version = 9999) AS n");
    expect(rows[0]).toEqual({ t: null, n: 0 });
  });

  it('lays out the time series for the engine', async () => {
    if (db.timescale) {
      const { rows } = await db.pool.query<{ hypertable_name: string; compression_enabled: boolean }>(
        'SELECT hypertable_name, compression_enabled FROM timescaledb_information.hypertables ORDER BY 1',
      );
      expect(rows.map((r) => r.hypertable_name)).toEqual([...TIME_SERIES].sort());
      expect(rows.find((r) => r.hypertable_name === 'readings')?.compression_enabled).toBe(true);
      const caggs = await db.pool.query('SELECT view_name, materialized_only FROM timescaledb_information.continuous_aggregates');
      expect(caggs.rows).toEqual([{ view_name: 'daily_registers', materialized_only: false }]);
      const jobs = await db.pool.query<{ proc_name: string; hypertable_name: string }>(
        'SELECT proc_name, hypertable_name FROM timescaledb_information.jobs WHERE hypertable_name IS NOT NULL ORDER BY 1, 2',
      );
      const policies = jobs.rows.map((j) => `${j.proc_name}:${j.hypertable_name}`);
      expect(policies).toEqual(expect.arrayContaining(['policy_compression:readings', 'policy_retention:readings', 'policy_retention:raw_uplinks']));
    } else {
      const { rows } = await db.pool.query<{ relname: string; partitions: number }>(
        `SELECT c.relname, (SELECT count(*)::int FROM pg_inherits i WHERE i.inhparent = c.oid) AS partitions
           FROM pg_class c WHERE c.relkind = 'p' ORDER BY 1`,
      );
      expect(rows.map((r) => r.relname)).toEqual([...TIME_SERIES].sort());
      // 2020..2035 by year, plus the default partition
      for (const r of rows) expect(r.partitions).toBe(17);
      await db.pool.query(
        `INSERT INTO readings (meter_id, time, received_at, register_ml) VALUES
           ('P-1', '2026-12-31T23:59:59Z', now(), 1), ('P-1', '2019-06-01T00:00:00Z', now(), 0)`,
      );
      const where = await db.pool.query(`SELECT tableoid::regclass::text AS part FROM readings WHERE meter_id = 'P-1' ORDER BY time`);
      expect(where.rows.map((r) => r.part)).toEqual(['readings_default', 'readings_y2026']);
    }
  });

  it('rolls readings up into daily consumption', async () => {
    await db.pool.query(`INSERT INTO meters (meter_id) VALUES ('M-1'), ('M-2')`);
    await db.pool.query(
      `INSERT INTO readings (meter_id, time, received_at, register_ml) VALUES
        ('M-1', '2026-10-01T00:30:00Z', now(), 1000000),
        ('M-1', '2026-10-01T12:00:00Z', now(), 1150000),
        ('M-1', '2026-10-01T23:30:00Z', now(), 1200000),
        ('M-1', '2026-10-02T23:00:00Z', now(), 1450500),
        ('M-1', '2026-10-04T06:00:00Z', now(), 1500500),
        ('M-2', '2026-10-02T08:00:00Z', now(), 77000)
       ON CONFLICT DO NOTHING`,
    );
    const { rows } = await db.pool.query(
      `SELECT meter_id, to_char(day AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, reading_count::int AS n, consumption_ml
         FROM daily_consumption WHERE meter_id IN ('M-1', 'M-2') ORDER BY meter_id, day`,
    );
    expect(rows).toEqual([
      { meter_id: 'M-1', day: '2026-10-01', n: 3, consumption_ml: 200000 },
      { meter_id: 'M-1', day: '2026-10-02', n: 1, consumption_ml: 250500 },
      { meter_id: 'M-1', day: '2026-10-04', n: 1, consumption_ml: 50000 },
      { meter_id: 'M-2', day: '2026-10-02', n: 1, consumption_ml: 0 },
    ]);
  });

  it('keeps one reading per meter and time', async () => {
    const insert = `INSERT INTO readings (meter_id, time, received_at, register_ml) VALUES ('M-9', '2026-10-05T00:00:00Z', now(), $1) ON CONFLICT DO NOTHING`;
    await db.pool.query(insert, [5]);
    await db.pool.query(insert, [6]);
    const { rows } = await db.pool.query(`SELECT register_ml FROM readings WHERE meter_id = 'M-9'`);
    expect(rows).toEqual([{ register_ml: 5 }]);
  });
});
