import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from './database.js';
import { migrate } from './migrate.js';

describe('the embedded engine on disk', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  it('keeps its data across a restart and still writes to hypertables', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mf-embedded-'));
    dirs.push(dir);
    const first = await openDatabase({ dataDir: dir });
    expect(first.engine).toBe('embedded-timescaledb');
    await migrate(first.pool, { timescale: first.timescale });
    await first.pool.query(`INSERT INTO readings (meter_id, time, received_at, register_ml) VALUES ('R-1', '2026-10-01T00:00:00Z', now(), 1000)`);
    await first.close();

    const second = await openDatabase({ dataDir: dir });
    const again = await migrate(second.pool, { timescale: second.timescale });
    expect(again.applied).toEqual([]);
    await second.pool.query(`INSERT INTO readings (meter_id, time, received_at, register_ml) VALUES ('R-1', '2026-10-02T00:00:00Z', now(), 2500)`);
    const { rows } = await second.pool.query(`SELECT register_ml FROM readings WHERE meter_id = 'R-1' ORDER BY time`);
    expect(rows.map((r) => r.register_ml)).toEqual([1000, 2500]);
    const ht = await second.pool.query(`SELECT hypertable_name FROM timescaledb_information.hypertables WHERE hypertable_name = 'readings'`);
    expect(ht.rowCount).toBe(1);
    await second.close();
  });

  it('takes statements far larger than one TCP segment', async () => {
    const db = await openDatabase({ inMemory: true });
    try {
      const values = Array.from({ length: 50_000 }, (_, i) => `(${i})`).join(',');
      const { rows } = await db.pool.query(`SELECT count(*)::int AS n, sum(x)::bigint AS s FROM (VALUES ${values}) v(x)`);
      expect(rows[0]).toEqual({ n: 50_000, s: (49_999 * 50_000) / 2 });
      const params = Array.from({ length: 20_000 }, (_, i) => i);
      const placeholders = params.map((_, i) => `($${i + 1}::int)`).join(',');
      const r = await db.pool.query(`SELECT count(*)::int AS n FROM (VALUES ${placeholders}) v(x)`, params);
      expect(r.rows[0].n).toBe(20_000);
    } finally {
      await db.close();
    }
  });

  it('refuses COPY FROM STDIN with an SQL error and keeps the connection', async () => {
    const db = await openDatabase({ inMemory: true });
    try {
      await db.pool.query('CREATE TABLE c (a int)');
      const err = await db.pool.query('COPY c (a) FROM STDIN').catch((e: unknown) => e);
      expect((err as { code?: string }).code).toBe('0A000');
      const { rows } = await db.pool.query('SELECT count(*)::int AS n FROM c');
      expect(rows[0].n).toBe(0);
    } finally {
      await db.close();
    }
  });

  it('rolls back the transaction of a client that went away before the next one is served', async () => {
    const db = await openDatabase({ inMemory: true });
    try {
      await db.pool.query('CREATE TABLE o (a int)');
      const client = await db.pool.connect();
      await client.query('BEGIN');
      await client.query('INSERT INTO o VALUES (1)');
      client.release(true); // destroys the connection with the transaction open
      const { rows } = await db.pool.query('SELECT count(*)::int AS n FROM o');
      expect(rows[0].n).toBe(0);
    } finally {
      await db.close();
    }
  });

  it('answers a message that starts at byte 8,192 of what the client sent at once', async () => {
    const db = await openDatabase({ inMemory: true });
    try {
      for (let size = 8_100; size <= 8_220; size++) {
        const text = 'x'.repeat(size);
        const { rows } = await db.pool.query('SELECT length($1::text)::int AS n', [text]);
        expect(rows[0].n).toBe(size);
      }
    } finally {
      await db.close();
    }
  });
});

