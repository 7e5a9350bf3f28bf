import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedPopulation, seedTariff } from '../../rating/testing/db-seed.js';
import { createTestDatabase, testEngines, type TestDatabase } from '../../storage/testing.js';
import { runBillsExport, runBillsFailures, runBillsShow } from './bills.js';
import { runRate } from './rate.js';

class Collect extends Writable {
  text = '';
  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    this.text += chunk.toString('utf8');
    done();
  }
}

describe.each(testEngines())('meterflow rate and bills commands (%s)', (engine) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase(engine);
    await seedTariff(db.pool, 'shenzhen-2022-residential');
    await seedPopulation(db.pool, 12, '2026-10-01', 31);
    await db.pool.query("DELETE FROM readings WHERE meter_id = 'MA-2' AND time > '2026-10-20'");
  });
  afterAll(async () => {
    await db?.close();
  });

  it('rates a period and prints what it did, with the accounts it could not rate by code', async () => {
    expect(await runRate(db, { period: '2026-1' })).toMatchObject({
      exitCode: 1,
      stderr: expect.stringContaining('RATING_PERIOD_INVALID'),
    });
    expect(await runRate(db, { period: '2026-10', shard: '3/2' })).toMatchObject({
      exitCode: 1,
      stderr: expect.stringContaining('RATING_INPUT_INVALID'),
    });
    const output = await runRate(db, { period: '2026-10', workers: 1, batch: 5 });
    expect(output.exitCode).toBe(0);
    expect(output.stdout).toContain('period 2026-10 shard 1/1 (draft): 12 accounts');
    expect(output.stdout).toContain('11 rated');
    expect(output.stdout).toContain('RATING_NO_READING: 1');
    const failures = (await runBillsFailures(db, { period: '2026-10' })).stdout.trim().split('\n');
    expect(failures.map((line) => (JSON.parse(line) as { accountId: string }).accountId)).toEqual(['ACC-000002']);
  });

  it('shows one bill as a table with its registers, quality and readings used', async () => {
    const shown = await runBillsShow(db, { period: '2026-10', account: 'ACC-000001', table: true });
    expect(shown.exitCode).toBe(0);
    expect(shown.stdout).toContain('account ACC-000001  period 2026-10-01..2026-11-01');
    // MA-1 reads daily at 00:37 local time: both boundary registers are interpolated
    expect(shown.stdout).toContain(
      '(estimated) from MA-1@2026-09-29T16:37:00.000Z, MA-1@2026-09-30T16:37:00.000Z, MA-1@2026-10-30T16:37:00.000Z',
    );
    const missing = await runBillsShow(db, { period: '2026-10', account: 'NOPE' });
    expect(missing.stderr).toContain('RATING_BILL_NOT_FOUND');
  });

  it('exports as CSV and refuses an unknown format', async () => {
    const out = new Collect();
    expect((await runBillsExport(db, { period: '2026-10', format: 'csv' }, out)).stderr).toBe(
      'exported 11 bills of 2026-10\n',
    );
    expect(out.text.split('\n')[0]).toMatch(/^period_id,account_id,status,/);
    expect((await runBillsExport(db, { period: '2026-10', format: 'xml' }, new Collect())).exitCode).toBe(1);
  });

  it('finalises once', async () => {
    expect((await runRate(db, { period: '2026-10', finalise: true })).stdout).toBe(
      'period 2026-10 is final: 11 bills, 0 adjustments charged\n',
    );
    expect((await runRate(db, { period: '2026-10', finalise: true })).stderr).toContain('RATING_PERIOD_FINAL');
  });
});
