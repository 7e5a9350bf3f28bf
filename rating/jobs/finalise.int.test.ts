import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testEngines, type TestDatabase } from '../../storage/testing.js';
import { readBill } from '../bills/read.js';
import { seedPopulation, seedTariff } from '../testing/db-seed.js';
import { createRatingPool, type RatingPool } from '../worker/pool.js';
import { finalisePeriod } from './finalise.js';
import { ratePeriod } from './run-period.js';

describe.each(testEngines())('final periods and adjustments (%s)', (engine) => {
  let db: TestDatabase;
  let pool: RatingPool;
  const rate = async (periodId: string) => {
    const result = await ratePeriod(db, { periodId, pool });
    if (!result.ok) throw new Error(result.error.message);
    return result.value;
  };
  const pendingAdjustments = async () =>
    (
      await db.pool.query<{
        account_id: string;
        final_total: string;
        rerated_total: string;
        amount: string;
        applied_period: string | null;
      }>(
        'SELECT account_id, final_total::text, rerated_total::text, amount::text, applied_period FROM bill_adjustments ORDER BY adjustment_id',
      )
    ).rows;

  beforeAll(async () => {
    db = await createTestDatabase(engine);
    pool = createRatingPool({ workers: 2 });
    await seedTariff(db.pool, 'shenzhen-2022-residential');
    await seedPopulation(db.pool, 30, '2026-10-01', 62);
  });
  afterAll(async () => {
    await pool?.close();
    await db?.close();
  });

  it('makes a completely rated period final, after which its bills and lines cannot change', async () => {
    expect(await finalisePeriod(db.pool, '2026-10')).toMatchObject({
      ok: false,
      error: { code: 'RATING_PERIOD_NOT_RATED' },
    });
    expect((await rate('2026-10')).bills).toBe(30);
    expect(await finalisePeriod(db.pool, '2026-10')).toEqual({
      ok: true,
      value: { periodId: '2026-10', bills: 30, adjustmentsApplied: 0, adjustmentsPending: 0 },
    });
    expect((await readBill(db.pool, '2026-10', 'ACC-000000'))?.status).toBe('final');
    await expect(db.pool.query("UPDATE bills SET total = 0 WHERE period_id = '2026-10'")).rejects.toThrow(
      /RATING_PERIOD_FINAL/,
    );
    await expect(db.pool.query("DELETE FROM bill_lines WHERE period_id = '2026-10'")).rejects.toThrow(
      /RATING_PERIOD_FINAL/,
    );
    expect(await finalisePeriod(db.pool, '2026-10')).toMatchObject({
      ok: false,
      error: { code: 'RATING_PERIOD_FINAL' },
    });
  });

  it('re-rates a final period into adjustments, never into its bills, and the next bill carries them once', async () => {
    const finalBill = await readBill(db.pool, '2026-10', 'ACC-000000');
    // a corrected register at the end of October: 2 m³ more in October, 2 m³ less in November
    await db.pool.query(
      "UPDATE readings SET register_ml = register_ml + 2000000, quality = 'corrected' WHERE meter_id = 'MA-0' AND time = '2026-10-31T16:00:00Z'",
    );
    const rerated = await rate('2026-10');
    expect(rerated).toMatchObject({ mode: 'final-rerated', adjustments: 1, bills: 30 });
    expect(await readBill(db.pool, '2026-10', 'ACC-000000')).toEqual(finalBill);
    const [adjustment] = await pendingAdjustments();
    expect(adjustment).toMatchObject({ account_id: 'ACC-000000', final_total: finalBill!.total, applied_period: null });
    expect(Number(adjustment!.amount)).toBeGreaterThan(0);
    expect((Number(adjustment!.rerated_total) * 100 - Number(adjustment!.final_total) * 100).toFixed(0)).toBe(
      (Number(adjustment!.amount) * 100).toFixed(0),
    );

    await rate('2026-10');
    expect(await pendingAdjustments()).toHaveLength(1);

    await rate('2026-11');
    const next = (await readBill(db.pool, '2026-11', 'ACC-000000'))!;
    const line = next.lines.at(-1)!;
    expect(line).toMatchObject({ component: 'adjustment', kind: 'adjustment', amount: adjustment!.amount });
    const sumMinor = next.lines.reduce((sum, l) => sum + Math.round(Number(l.amount) * 100), 0);
    expect(Math.round(Number(next.total) * 100)).toBe(sumMinor);
    expect((await readBill(db.pool, '2026-11', 'ACC-000001'))!.lines.some((l) => l.kind === 'adjustment')).toBe(false);

    expect(await finalisePeriod(db.pool, '2026-11')).toMatchObject({ ok: true, value: { adjustmentsApplied: 1 } });
    expect((await pendingAdjustments())[0]?.applied_period).toBe('2026-11');
    // re-rating October again finds nothing more to correct: the difference was charged
    expect(await rate('2026-10')).toMatchObject({ adjustments: 0 });
    expect(await pendingAdjustments()).toHaveLength(1);
  });
});
