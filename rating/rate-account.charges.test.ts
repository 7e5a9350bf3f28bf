/**
 * Worked examples of two-part prices, fixed charges, minimum charges, late fees (cap and grace)
 * and rounding scopes. The two-part tariff is the shipped ILLUSTRATIVE one: its numbers are not
 * a published schedule.
 */
import { describe, expect, it } from 'vitest';
import { rateAccount } from './rate-account.js';
import { ratePeriods } from './rate-periods.js';
import type { Tariff } from './tariffs/types.js';
import { account, exampleTariff, lineSummary, M3, meter, rated, register, simpleInput } from './testing/fixtures.js';

const twoPart = exampleTariff('illustrative-two-part');
const march = { start: '2024-03-01', end: '2024-04-01' };
const industrial = {
  categoryHistory: [{ from: '2010-01-01', category: 'industrial' }],
  contractedCapacityHistory: [{ from: '2010-01-01', m3PerMonth: 100 }],
  meters: [meter({ diameterMm: 25 })],
};

describe('two-part price (ILLUSTRATIVE tariff)', () => {
  it('charges the capacity part and the volumetric part, with sewage and the meter charge', () => {
    // basic: 100 contracted m³ × 0.80 = 80.00; volumetric 120 m³ × 3.20 = 384.00
    // sewage 120 × 0.85 × 1.40 = 142.80; meter service DN25 10.00
    // minimum 200.00 < covered 80.00 + 384.00 = 464.00: no top-up. Total 616.80
    const result = rated(rateAccount(simpleInput(twoPart, march, 120 * M3, industrial)));
    expect(lineSummary(result)).toEqual([
      ['water_two_part', null, null, '80.00'],
      ['water_two_part', null, 120, '384.00'],
      ['sewage', null, 120, '142.80'],
      ['meter_service', null, null, '10.00'],
    ]);
    expect(result.lines.map((line) => line.kind)).toEqual(['twoPartBasic', 'twoPartVolumetric', 'sewage', 'fixed']);
    expect(result.totals.amount).toBe('616.80');
  });

  it('tops up to the minimum charge when the covered lines come to less', () => {
    // 30 m³: basic 80.00 + volumetric 30 × 3.20 = 96.00 → covered 176.00 < 200.00 → top-up 24.00
    // sewage 30 × 0.85 × 1.40 = 35.70; meter 10.00. Total 80 + 96 + 35.70 + 10 + 24 = 245.70
    const result = rated(rateAccount(simpleInput(twoPart, march, 30 * M3, industrial)));
    const topUp = result.lines.find((line) => line.kind === 'minimumTopUp');
    expect(topUp).toMatchObject({ component: 'minimum_charge', amount: '24.00' });
    expect(result.totals.amount).toBe('245.70');
  });

  it('prorates basic, meter and minimum charges by days for an account opened mid-month', () => {
    // Installed 2024-03-17: 15 of 31 days. basic 80 × 15/31 = 38.709… → 38.71;
    // meter 10 × 15/31 = 4.838… → 4.84; minimum 200 × 15/31 = 96.774… → 96.77.
    // 10 m³ (exact mL): volumetric 32.00, sewage 10 × 0.85 × 1.40 = 11.90.
    // covered 38.71 + 32.00 = 70.71 < 96.77 → top-up 26.06. Total 38.71 + 32 + 11.90 + 4.84 + 26.06 = 113.51
    const input = simpleInput(twoPart, march, 10 * M3, {
      ...industrial,
      meters: [meter({ diameterMm: 25, installedOn: '2024-03-17', initialRegisterMl: 0 })],
    });
    input.registers = [register('2024-04-01', 10 * M3)];
    const result = rated(rateAccount(input));
    expect(lineSummary(result)).toEqual([
      ['water_two_part', null, null, '38.71'],
      ['water_two_part', null, 10, '32.00'],
      ['sewage', null, 10, '11.90'],
      ['meter_service', null, null, '4.84'],
      ['minimum_charge', null, null, '26.06'],
    ]);
    expect(result.totals.amount).toBe('113.51');
  });

  it('refuses a capacity charge without a contracted capacity, and a meter size without a price', () => {
    const noCapacity = rateAccount(
      simpleInput(twoPart, march, 10 * M3, { ...industrial, contractedCapacityHistory: [] }),
    );
    expect(noCapacity.ok ? null : noCapacity.error.code).toBe('RATING_NO_CONTRACTED_CAPACITY');
    const odd = rateAccount(
      simpleInput(twoPart, march, 10 * M3, { ...industrial, meters: [meter({ diameterMm: 32 })] }),
    );
    expect(odd.ok ? null : odd.error.code).toBe('RATING_DIAMETER_NOT_PRICED');
  });
});

describe('fixed charges not prorated', () => {
  it('charges the full month and splits it over the segments by days so that the parts add up', () => {
    // meter_service prorate 'none': 10.00 for March in full. A category-free split: the contracted
    // capacity changes on 2024-03-11 (10 + 21 days) → allocate 10.00 by 10:21 = 3.23 / 6.77.
    const fixedInFull: Tariff = structuredClone(twoPart);
    const category = fixedInFull.versions[0]!.categories.industrial!;
    category.components = category.components.map((component) =>
      component.kind === 'fixed' ? { ...component, prorate: 'none' as const } : component,
    );
    const facts = {
      ...industrial,
      contractedCapacityHistory: [
        { from: '2010-01-01', m3PerMonth: 100 },
        { from: '2024-03-11', m3PerMonth: 50 },
      ],
    };
    const result = rated(rateAccount(simpleInput(fixedInFull, march, 120 * M3, facts)));
    const meterLines = result.lines.filter((line) => line.component === 'meter_service').map((line) => line.amount);
    expect(meterLines).toEqual(['3.23', '6.77']);
  });
});

describe('late fee', () => {
  const base = exampleTariff('shijiazhuang-by-category');
  const withLateFee = (lateFee: Tariff['lateFee']): Tariff => ({ ...base, lateFee });
  const june = { start: '2024-06-01', end: '2024-07-01' };

  it('caps the fee at the overdue amount less what was charged before (Baotou-style)', () => {
    // Baotou: 0.5%/day from the 11th of the next month (due date the 10th), capped at the bill.
    // 50.00 overdue since 2024-01-10, still unpaid: June accrues 30 days × 0.25 = 7.50,
    // but 45.00 was charged in earlier periods, so 50.00 − 45.00 = 5.00 is left under the cap.
    const tariff = withLateFee({ ratePerDay: '0.005', startsAfter: 'dueDate', graceDays: 0, capFraction: '1' });
    const bill = { billId: 'B-DEC', amount: '50.00', dueDate: '2024-01-10', lateFeeChargedBefore: '45.00' };
    const capped = rated(rateAccount({ ...simpleInput(tariff, june, 0), overdue: [bill] }));
    expect(lineSummary(capped)).toEqual([['late_fee', null, null, '5.00']]);
    const uncapped = rated(
      rateAccount({
        ...simpleInput(withLateFee({ ratePerDay: '0.005', startsAfter: 'dueDate', graceDays: 0 }), june, 0),
        overdue: [bill],
      }),
    );
    expect(lineSummary(uncapped)).toEqual([['late_fee', null, null, '7.50']]);
  });

  it('starts after the notice date plus grace days (Zhejiang-style)', () => {
    // notice 2024-06-01 + 15 grace days → late from 2024-06-17; paid 2024-06-20 → 4 days
    // 100.00 × 0.005 × 4 = 2.00
    const tariff = withLateFee({ ratePerDay: '0.005', startsAfter: 'noticeDate', graceDays: 15 });
    const bill = {
      billId: 'B-MAY',
      amount: '100.00',
      dueDate: '2024-06-10',
      noticeDate: '2024-06-01',
      paidOn: '2024-06-20',
    };
    const result = rated(rateAccount({ ...simpleInput(tariff, june, 0), overdue: [bill] }));
    expect(result.lines).toMatchObject([
      { kind: 'lateFee', amount: '2.00', segmentStart: '2024-06-17', segmentEnd: '2024-06-21' },
    ]);
  });

  it('charges nothing when paid within the grace days, and warns when the tariff has no late fee', () => {
    const tariff = withLateFee({ ratePerDay: '0.005', startsAfter: 'noticeDate', graceDays: 15 });
    const bill = {
      billId: 'B-MAY',
      amount: '100.00',
      dueDate: '2024-06-10',
      noticeDate: '2024-06-01',
      paidOn: '2024-06-16',
    };
    expect(rated(rateAccount({ ...simpleInput(tariff, june, 0), overdue: [bill] })).lines).toEqual([]);
    const none = rated(rateAccount({ ...simpleInput(base, june, 0), overdue: [bill] }));
    expect(none.warnings.map((warning) => warning.code)).toEqual(['RATING_LATE_FEE_NOT_IN_TARIFF']);
  });
});

describe('late fee carried from period to period', () => {
  // 0.5%/day after the due date + 5 grace days, capped at 30% of the overdue amount
  const tariff: Tariff = {
    ...exampleTariff('shijiazhuang-by-category'),
    lateFee: { ratePerDay: '0.005', startsAfter: 'dueDate', graceDays: 5, capFraction: '0.3' },
  };
  const facts = account({ categoryHistory: [{ from: '2010-01-01', category: 'commercial' }] });
  const registers = [register('2024-06-01', 0), register('2024-07-01', 0), register('2024-08-01', 0)];
  const june = { start: '2024-06-01', end: '2024-07-01' };
  const july = { start: '2024-07-01', end: '2024-08-01' };

  it('keeps the cap over two periods: June charges 15.00, July only the 15.00 left of the 30.00 cap', () => {
    // 100.00 due 2024-05-20, late from 2024-05-26, unpaid: June 30 days × 0.50 = 15.00 (carried),
    // July 31 days × 0.50 = 15.50, capped at 30.00 − 15.00
    const bill = { billId: 'B-APR', amount: '100.00', dueDate: '2024-05-20' };
    const outcome = ratePeriods(tariff, facts, registers, [
      { ...june, overdue: [bill] },
      { ...july, overdue: [bill] },
    ]);
    if (!outcome.ok) throw new Error(outcome.error.message);
    const [first, second] = outcome.periods;
    expect(lineSummary(first!)).toEqual([['late_fee', null, null, '15.00']]);
    expect(first!.carryOver.lateFeesCharged).toEqual([{ billId: 'B-APR', amount: '15.00' }]);
    expect(lineSummary(second!)).toEqual([['late_fee', null, null, '15.00']]);
    expect(second!.lines[0]!.explanation).toContain('capped at 0.3 × the overdue amount less 15.00 charged before');
    expect(second!.carryOver.lateFeesCharged).toEqual([{ billId: 'B-APR', amount: '30.00' }]);
  });

  it('stops carrying a bill once it is paid, and a fee given on the bill overrides the carried one', () => {
    const paid = { billId: 'B-APR', amount: '100.00', dueDate: '2024-05-20', paidOn: '2024-06-10' };
    const input = { ...simpleInput(tariff, june, 0, facts), overdue: [paid] };
    // 2024-05-26 .. 2024-06-10: the June part is 10 days × 0.50 = 5.00, nothing carried after
    const result = rated(rateAccount(input));
    expect(lineSummary(result)).toEqual([['late_fee', null, null, '5.00']]);
    expect(result.carryOver).not.toHaveProperty('lateFeesCharged');
    const carried = { ...facts, lateFeesCharged: [{ billId: 'B-APR', amount: '28.00' }] };
    const capped = rated(rateAccount({ ...simpleInput(tariff, june, 0, carried), overdue: [paid] }));
    expect(lineSummary(capped)).toEqual([['late_fee', null, null, '2.00']]);
    const given = { ...paid, lateFeeChargedBefore: '0' };
    expect(lineSummary(rated(rateAccount({ ...simpleInput(tariff, june, 0, carried), overdue: [given] })))).toEqual([
      ['late_fee', null, null, '5.00'],
    ]);
  });

  it('needs the date the rule counts from: a bill with only a notice date fails under a due-date rule', () => {
    const bill = { billId: 'N-1', amount: '10.00', noticeDate: '2024-05-01' };
    const result = rateAccount({ ...simpleInput(tariff, june, 0, facts), overdue: [bill] });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'RATING_INPUT_INVALID', details: { billId: 'N-1', field: 'dueDate' } },
    });
  });
});

describe('rounding scope and mode', () => {
  // Jiangmen: 1.00/m³ + sewage 0.20 on 90%, litre resolution. 12.345 m³:
  // water 12.345 × 1.00 = 12.345; sewage 12.345 × 0.9 × 0.20 = 2.2221
  const jiangmen = exampleTariff('jiangmen-residential');
  const volume = 12_345_000;

  it('rounds each line half up to the fen in line scope: 12.35 + 2.22 = 14.57', () => {
    const result = rated(rateAccount(simpleInput(jiangmen, march, volume)));
    expect(lineSummary(result)).toEqual([
      ['water_supply', null, 12.345, '12.35'],
      ['sewage', null, 12.345, '2.22'],
    ]);
    expect(result.totals.amount).toBe('14.57');
  });

  it('rounds once on the total in total scope and shows the difference as a rounding line: 14.5671 → 14.57', () => {
    const totalScope: Tariff = {
      ...jiangmen,
      policies: { ...jiangmen.policies, moneyRounding: { mode: 'down', scope: 'total' } },
    };
    // down: lines shown 12.34 and 2.22 (sum 14.56); the exact total 14.5671 rounds down to 14.56: no rounding line
    const down = rated(rateAccount(simpleInput(totalScope, march, volume)));
    expect(lineSummary(down)).toEqual([
      ['water_supply', null, 12.345, '12.34'],
      ['sewage', null, 12.345, '2.22'],
    ]);
    // halfEven: water 12.345 is a tie and goes to the even 12.34; lines 12.34 + 2.22 = 14.56;
    // the exact total 14.5671 rounds to 14.57, so a rounding line of +0.01 makes the lines add up
    const halfEven: Tariff = {
      ...jiangmen,
      policies: { ...jiangmen.policies, moneyRounding: { mode: 'halfEven', scope: 'total' } },
    };
    const even = rated(rateAccount(simpleInput(halfEven, march, volume)));
    expect(lineSummary(even)).toEqual([
      ['water_supply', null, 12.345, '12.34'],
      ['sewage', null, 12.345, '2.22'],
      ['rounding', null, null, '0.01'],
    ]);
    expect(even.totals.amount).toBe('14.57');
  });
});
