/**
 * Late fees in the batch run: arrears imported from the customer system are charged by
 * `meterflow rate` through the same rateAccount as `meterflow quote`, with the fees already
 * charged carried from bill to bill so that the tariff's cap holds across periods.
 * Tariff (fixtures/late-fees/tariff.yaml): 0.5%/day after the due date + 5 grace days, cap 30%.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAccountsImport, runArrearsImport } from '../../cli/commands/accounts.js';
import { runQuote } from '../../cli/commands/quote.js';
import { createTestDatabase, testEngines, type TestDatabase } from '../../storage/testing.js';
import type { OverdueBill } from '../account.js';
import { readBill, readFailures } from '../bills/read.js';
import type { PeriodsOutcome } from '../rate-periods.js';
import { loadTariffFile } from '../tariffs/load.js';
import { importTariff } from '../tariffs/store.js';
import { insertReadings, shanghaiMidnight } from '../testing/db-seed.js';
import { createRatingPool, type RatingPool } from '../worker/pool.js';
import { ratePeriod } from './run-period.js';

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/late-fees/${name}`, import.meta.url));
const BOUNDARIES = ['2026-10-01', '2026-11-01', '2026-12-01'];
const OCTOBER = { start: '2026-10-01', end: '2026-11-01' };
const NOVEMBER = { start: '2026-11-01', end: '2026-12-01' };

/** Account LF-n reads (100 + 10·n·k) m³ on the k-th boundary. */
function registerMl(n: number, k: number): number {
  return (100 + 10 * n * k) * 1_000_000;
}

function quoteInput(n: number, periods: { start: string; end: string; overdue: OverdueBill[] }[]) {
  const meterId = `LF-M${n}`;
  return {
    account: {
      accountId: `LF-${n}`,
      openedOn: '2024-01-01',
      categoryHistory: [{ from: '2024-01-01', category: 'residential' }],
      meters: [{ meterId, installedOn: '2024-01-01', initialRegisterMl: 0, registerDigits: 5, diameterMm: 15 }],
      billingCycle: { readingDay: 1, months: 1, firstMonth: 1 },
    },
    registers: BOUNDARIES.map((on, k) => ({
      meterId,
      on,
      registerMl: registerMl(n, k),
      quality: 'actual',
      readingIds: [`${meterId}@${shanghaiMidnight(on)}`],
    })),
    periods,
  };
}

describe.each(testEngines())('late fees in the batch run (%s)', (engine) => {
  let db: TestDatabase;
  let pool: RatingPool;
  let dir: string;

  async function rate(periodId: string) {
    const result = await ratePeriod(db, { periodId, pool });
    if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
    return result.value;
  }

  /** The batch bill of LF-n equals the last period `meterflow quote` rates from the same facts. */
  async function expectBillAsQuoted(
    periodId: string,
    n: number,
    periods: { start: string; end: string; overdue: OverdueBill[] }[],
  ) {
    const inputPath = join(dir, `LF-${n}-${periodId}.json`);
    writeFileSync(inputPath, JSON.stringify(quoteInput(n, periods)));
    const quoted = await runQuote({ tariff: fixture('tariff.yaml'), input: inputPath });
    expect(quoted.stderr).toBe('');
    const outcome = JSON.parse(quoted.stdout) as Extract<PeriodsOutcome, { ok: true }>;
    const period = outcome.periods[outcome.periods.length - 1]!;
    const bill = (await readBill(db.pool, periodId, `LF-${n}`))!;
    expect(bill.total).toBe(period.totals.amount);
    expect(bill.lines.map(({ lineNo: _, adjustmentId: __, ...line }) => line)).toEqual(period.lines);
    expect(bill.meters).toEqual(period.meters);
    expect(bill.segments).toEqual(period.segments);
    expect(bill.carry).toEqual(period.carryOver);
    expect(bill.warnings).toEqual(period.warnings);
    return bill;
  }

  const lateFees = (bill: { lines: { kind: string; amount: string; segmentStart: string; segmentEnd: string }[] }) =>
    bill.lines.filter((l) => l.kind === 'lateFee').map((l) => [l.segmentStart, l.segmentEnd, l.amount]);

  beforeAll(async () => {
    db = await createTestDatabase(engine);
    pool = createRatingPool({ workers: 2 });
    dir = mkdtempSync(join(tmpdir(), 'late-fees-'));
    const tariff = await loadTariffFile(fixture('tariff.yaml'));
    if (!tariff.ok) throw new Error(tariff.error.message);
    const imported = await importTariff(db.pool, tariff.value, ['residential']);
    if (!imported.ok) throw new Error(imported.error.message);
    expect((await runAccountsImport(db, fixture('accounts.csv'))).exitCode).toBe(0);
    expect((await runArrearsImport(db, fixture('arrears.csv'))).exitCode).toBe(0);
    await insertReadings(
      db.pool,
      [1, 2, 3, 4, 5].flatMap((n) =>
        BOUNDARIES.map((on, k) => ({ meterId: `LF-M${n}`, time: shanghaiMidnight(on), registerMl: registerMl(n, k) })),
      ),
    );
  });
  afterAll(async () => {
    await pool?.close();
    await db?.close();
    if (dir) rmSync(dir, { recursive: true });
  });

  it('charges late fees in the batch bill exactly as `meterflow quote` does on the same facts', async () => {
    const report = await rate('2026-10');
    expect(report.bills).toBe(4);
    // LF-4's only arrears record has a notice date, but the tariff counts from the due date
    expect((await readFailures(db.pool, '2026-10')).map((f) => [f.accountId, f.code])).toEqual([
      ['LF-4', 'RATING_INPUT_INVALID'],
    ]);
    // 100.00 due 2026-09-20, late from 09-26, unpaid: the 31 days of October × 0.50 = 15.50
    const first = await expectBillAsQuoted('2026-10', 1, [
      { ...OCTOBER, overdue: [{ billId: '2026-08', amount: '100.00', dueDate: '2026-09-20' }] },
    ]);
    expect(lateFees(first)).toEqual([['2026-10-01', '2026-11-01', '15.50']]);
    expect(first.carry.lateFeesCharged).toEqual([{ billId: '2026-08', amount: '15.50' }]);
  });

  it('counts from the day after the due date plus the grace days, and charges nothing when paid within them', async () => {
    // 200.00 due 2026-10-10 + 5 grace days: late from 10-16, unpaid: 16 days × 1.00
    const graced = await expectBillAsQuoted('2026-10', 2, [
      { ...OCTOBER, overdue: [{ billId: '2026-09', amount: '200.00', dueDate: '2026-10-10' }] },
    ]);
    expect(lateFees(graced)).toEqual([['2026-10-16', '2026-11-01', '16.00']]);
    // paid on 10-15, the last grace day: no fee, nothing carried (and 2026-07, paid before October, is not read)
    const inGrace = await expectBillAsQuoted('2026-10', 3, [
      { ...OCTOBER, overdue: [{ billId: '2026-09', amount: '300.00', dueDate: '2026-10-10', paidOn: '2026-10-15' }] },
    ]);
    expect(lateFees(inGrace)).toEqual([]);
    expect(inGrace.carry).not.toHaveProperty('lateFeesCharged');
    // paid on 10-20: 10-16 through 10-20 inclusive, 5 days × 0.50
    const paidLate = await expectBillAsQuoted('2026-10', 5, [
      { ...OCTOBER, overdue: [{ billId: '2026-09', amount: '100.00', dueDate: '2026-10-10', paidOn: '2026-10-20' }] },
    ]);
    expect(lateFees(paidLate)).toEqual([['2026-10-16', '2026-10-21', '2.50']]);
  });

  it('keeps the cap across periods with the fees carried from the previous bill, and stops at payment', async () => {
    const payment = join(dir, 'payment.csv');
    writeFileSync(payment, 'account,bill,amount,due_date,paid_on\nLF-2,2026-09,200.00,2026-10-10,2026-11-05\n');
    expect((await runArrearsImport(db, payment)).stdout).toMatch(/0 created, 1 updated, 0 unchanged/);
    await rate('2026-11');
    // November: 30 days × 0.50 = 15.00, but the cap 30.00 less the 15.50 charged in October leaves 14.50
    const lf1 = { billId: '2026-08', amount: '100.00', dueDate: '2026-09-20' };
    const capped = await expectBillAsQuoted('2026-11', 1, [
      { ...OCTOBER, overdue: [lf1] },
      { ...NOVEMBER, overdue: [lf1] },
    ]);
    expect(lateFees(capped)).toEqual([['2026-11-01', '2026-12-01', '14.50']]);
    expect(capped.carry.lateFeesCharged).toEqual([{ billId: '2026-08', amount: '30.00' }]);
    // LF-2 paid on 11-05: 5 days × 1.00 in November, then nothing more to carry
    const lf2 = { billId: '2026-09', amount: '200.00', dueDate: '2026-10-10' };
    const paid = await expectBillAsQuoted('2026-11', 2, [
      { ...OCTOBER, overdue: [lf2] },
      { ...NOVEMBER, overdue: [{ ...lf2, paidOn: '2026-11-05' }] },
    ]);
    expect(lateFees(paid)).toEqual([['2026-11-01', '2026-11-06', '5.00']]);
    expect(paid.carry).not.toHaveProperty('lateFeesCharged');
    // rating November again gives the same bills (the carry is read from October, not from itself)
    await rate('2026-11');
    expect(await readBill(db.pool, '2026-11', 'LF-1')).toMatchObject({ total: capped.total, carry: capped.carry });
  });
});
