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
});
