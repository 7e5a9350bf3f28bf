import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAccountsImport } from '../../cli/commands/accounts.js';
import { runQuote } from '../../cli/commands/quote.js';
import { createTestDatabase, testEngines, type TestDatabase } from '../../storage/testing.js';
import type { StoredBill } from '../bills/bill.js';
import { readBill, readBillPage, readFailures } from '../bills/read.js';
import type { PeriodsOutcome } from '../rate-periods.js';
import { insertReadings, seedPopulation, seedTariff, shanghaiMidnight } from '../testing/db-seed.js';
import { createRatingPool, type RatingPool } from '../worker/pool.js';
import { ratePeriod, type RateJobOptions } from './run-period.js';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

async function allBills(db: TestDatabase, periodId: string): Promise<Omit<StoredBill, 'ratedAt'>[]> {
  const bills: Omit<StoredBill, 'ratedAt'>[] = [];
  let after: string | null = null;
  for (;;) {
    const page = await readBillPage(db.pool, periodId, after, 500);
    if (page.length === 0) return bills;
    for (const { ratedAt: _, ...bill } of page) bills.push(bill);
    after = page[page.length - 1]!.accountId;
  }
}

async function rate(db: TestDatabase, options: RateJobOptions) {
  const result = await ratePeriod(db, options);
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

describe.each(testEngines())('rating a period from the database (%s)', (engine) => {
  let db: TestDatabase;
  let pool: RatingPool;
  beforeAll(async () => {
    db = await createTestDatabase(engine);
    pool = createRatingPool({ workers: 2 });
    await seedTariff(db.pool, 'shenzhen-2022-residential', ['residential']);
    await seedTariff(db.pool, 'shijiazhuang-by-category', ['commercial']);
    const imported = await runAccountsImport(db, here('../accounts/fixtures/accounts.csv'));
    expect(imported.exitCode).toBe(0);
    await insertReadings(db.pool, [
      { meterId: 'SZ-NB-868120', time: shanghaiMidnight('2024-03-01'), registerMl: 612_400_000 },
      { meterId: 'SZ-NB-868120', time: shanghaiMidnight('2024-04-01'), registerMl: 647_400_000 },
      { meterId: 'SJZ-M-1001', time: shanghaiMidnight('2024-03-01'), registerMl: 1_234_500_000 },
      // around the end boundary only: the register at local midnight is interpolated (estimated)
      { meterId: 'SJZ-M-2002', time: '2024-03-31T04:00:00.000Z', registerMl: 8_700_000 },
      { meterId: 'SJZ-M-2002', time: '2024-04-01T04:00:00.000Z', registerMl: 9_040_000 },
      // a suspect reading at the boundary itself is not used
      { meterId: 'SJZ-M-2002', time: '2024-03-31T16:00:00.000Z', registerMl: 99_000_000, flags: 1 },
    ]);
    await seedPopulation(db.pool, 240, '2026-10-01', 31);
  });
  afterAll(async () => {
    await pool?.close();
    await db?.close();
  });

  it('bills each account as `meterflow quote` does on the same facts (the same code path)', async () => {
    const report = await rate(db, { periodId: '2024-03', pool });
    expect(report.bills).toBe(2);
    // the generated population has readings in 2026 only
    expect(report.failuresByCode).toEqual({ RATING_NO_READING: 240 });
    const cases = JSON.parse(readFileSync(here('./fixtures/quote-2024-03.json'), 'utf8')) as {
      tariff: string;
      input: unknown;
    }[];
    const dir = mkdtempSync(join(tmpdir(), 'quote-'));
    try {
      for (const [index, { tariff, input }] of cases.entries()) {
        const inputPath = join(dir, `input-${index}.json`);
        writeFileSync(inputPath, JSON.stringify(input));
        const quoted = await runQuote({ tariff: here(`../tariffs/examples/${tariff}.yaml`), input: inputPath });
        expect(quoted.stderr).toBe('');
        const outcome = JSON.parse(quoted.stdout) as Extract<PeriodsOutcome, { ok: true }>;
        const period = outcome.periods[0]!;
        const bill = (await readBill(db.pool, '2024-03', period.accountId))!;
        expect(bill.total).toBe(period.totals.amount);
        expect(bill.lines.map(({ lineNo: _, adjustmentId: __, ...line }) => line)).toEqual(period.lines);
        expect(bill.meters).toEqual(period.meters);
        expect(bill.segments).toEqual(period.segments);
        expect(bill.carry).toEqual(period.carryOver);
        expect(bill.warnings).toEqual(period.warnings);
      }
    } finally {
      rmSync(dir, { recursive: true });
    }
    const exchanged = (await readBill(db.pool, '2024-03', 'SJZ-QIAOXI-B-0088'))!;
    expect(exchanged.meters.map((m) => [m.meterId, m.quality])).toEqual([
      ['SJZ-M-1001', 'actual'],
      ['SJZ-M-2002', 'estimated'],
    ]);
  });

  it('gives identical bills when a draft period is rated again, replacing the earlier ones', async () => {
    await rate(db, { periodId: '2026-10', pool, batchSize: 64 });
    const first = await allBills(db, '2026-10');
    expect(first).toHaveLength(240);
    await db.pool.query("UPDATE bills SET total = 0 WHERE period_id = '2026-10' AND account_id = 'ACC-000001'");
    await rate(db, { periodId: '2026-10', pool, batchSize: 100 });
    expect(await allBills(db, '2026-10')).toEqual(first);
  });

  it('gives identical bills with 1, 2 and 4 worker threads', async () => {
    const results = [];
    for (const workers of [1, 2, 4]) {
      const report = await rate(db, { periodId: '2026-10', workers, batchSize: 50 });
      expect(report.workers).toBe(workers);
      results.push(await allBills(db, '2026-10'));
    }
    expect(results[1]).toEqual(results[0]);
    expect(results[2]).toEqual(results[0]);
  });

  it('rates every account exactly once when shards 1/2 and 2/2 run side by side', async () => {
    const whole = await allBills(db, '2026-10');
    await db.pool.query("DELETE FROM bill_lines WHERE period_id = '2026-10'");
    await db.pool.query("DELETE FROM bills WHERE period_id = '2026-10'");
    const [a, b] = await Promise.all([
      rate(db, { periodId: '2026-10', pool, shard: { index: 1, count: 2 }, batchSize: 40, claimant: 'a' }),
      rate(db, { periodId: '2026-10', pool, shard: { index: 2, count: 2 }, batchSize: 40, claimant: 'b' }),
    ]);
    expect(a.bills + b.bills).toBe(240);
    expect(a.bills).toBeGreaterThan(0);
    expect(b.bills).toBeGreaterThan(0);
    expect(await allBills(db, '2026-10')).toEqual(whole);
    const shards = await db.pool.query<{ shard: number; accounts: number; done: boolean }>(
      "SELECT shard, accounts, done_at IS NOT NULL AS done FROM rating_shards WHERE period_id = '2026-10' AND shard_count = 2 ORDER BY shard",
    );
    expect(shards.rows.map((r) => r.done)).toEqual([true, true]);
  });

  it('refuses a shard another process is rating', async () => {
    await db.pool.query(
      "UPDATE rating_shards SET claimed_by = 'elsewhere', claimed_at = now(), done_at = NULL WHERE period_id = '2026-10' AND shard_count = 2 AND shard = 2",
    );
    const busy = await ratePeriod(db, { periodId: '2026-10', pool, shard: { index: 2, count: 2 } });
    expect(busy).toMatchObject({ ok: false, error: { code: 'RATING_SHARD_CLAIMED' } });
    const otherLayout = await ratePeriod(db, { periodId: '2026-10', pool });
    expect(otherLayout).toMatchObject({ ok: false, error: { code: 'RATING_SHARD_CLAIMED' } });
    await db.pool.query(
      "UPDATE rating_shards SET claimed_at = now() - interval '1 hour' WHERE period_id = '2026-10' AND shard = 2",
    );
    expect((await ratePeriod(db, { periodId: '2026-10', pool, shard: { index: 2, count: 2 } })).ok).toBe(true);
  });

  it('reports accounts that cannot be rated with their error code and rates the others', async () => {
    await db.pool.query("UPDATE account_categories SET category = 'industrial' WHERE account_id = 'ACC-000005'");
    await db.pool.query("DELETE FROM readings WHERE meter_id = 'MA-7' AND time > '2026-10-20'");
    const report = await rate(db, { periodId: '2026-10', pool });
    // the two example accounts have readings in 2024 only
    expect(report.failuresByCode).toEqual({ RATING_CATEGORY_NO_TARIFF: 1, RATING_NO_READING: 3 });
    expect(report.bills).toBe(238);
    const failures = (await readFailures(db.pool, '2026-10')).filter((f) => f.accountId.startsWith('ACC-'));
    expect(failures.map((f) => [f.accountId, f.code])).toEqual([
      ['ACC-000005', 'RATING_CATEGORY_NO_TARIFF'],
      ['ACC-000007', 'RATING_NO_READING'],
    ]);
    expect(await readBill(db.pool, '2026-10', 'ACC-000005')).toBeNull();
  });

  it('refuses a period that is not a month', async () => {
    expect(await ratePeriod(db, { periodId: '2026-13', pool })).toMatchObject({
      ok: false,
      error: { code: 'RATING_PERIOD_INVALID' },
    });
  });
});
