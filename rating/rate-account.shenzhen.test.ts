/**
 * Worked examples on the Shenzhen 2022 residential tariff: monthly tiers 22 / 30 m³, water
 * 2.67 / 4.01 / 8.01, sewage 0.90 / 1.00 / 1.10 by water tier, garbage fee 0.59 per m³,
 * thresholds prorated by days, late fee 0.5% per day after the due date.
 */
import { describe, expect, it } from 'vitest';
import { rateAccount } from './rate-account.js';
import { exampleTariff, lineSummary, M3, rated, register, simpleInput } from './testing/fixtures.js';

const tariff = exampleTariff('shenzhen-2022-residential');
const march = { start: '2024-03-01', end: '2024-04-01' };

describe('Shenzhen 2022 residential', () => {
  it('bills 35 m³ in a month across all three tiers', () => {
    // tiers: 22 m³ in tier 1, 30 − 22 = 8 in tier 2, 35 − 30 = 5 in tier 3
    // water 22 × 2.67 = 58.74, 8 × 4.01 = 32.08, 5 × 8.01 = 40.05
    // sewage 22 × 0.90 = 19.80, 8 × 1.00 = 8.00, 5 × 1.10 = 5.50; garbage 35 × 0.59 = 20.65
    // total 184.82
    const result = rated(rateAccount(simpleInput(tariff, march, 35 * M3)));
    expect(lineSummary(result)).toEqual([
      ['water_supply', 1, 22, '58.74'],
      ['water_supply', 2, 8, '32.08'],
      ['water_supply', 3, 5, '40.05'],
      ['sewage', 1, 22, '19.80'],
      ['sewage', 2, 8, '8.00'],
      ['sewage', 3, 5, '5.50'],
      ['garbage_fee', null, 35, '20.65'],
    ]);
    expect(result.totals.amount).toBe('184.82');
    expect(result.carryOver.tierYearToDate).toBeNull();
  });

  it('prorates the monthly thresholds by days for an account opened mid-period', () => {
    // Meter installed 2024-03-17: active 15 of March's 31 days.
    // thresholds 22 × 15/31 = 10.645161 m³, 30 × 15/31 = 14.516129 m³ (half up to the mL)
    // 16 m³: tier 1 10.645161, tier 2 3.870968, tier 3 1.483871
    // water 10.645161 × 2.67 = 28.42258 → 28.42; 3.870968 × 4.01 = 15.52258 → 15.52; 1.483871 × 8.01 = 11.88581 → 11.89
    // sewage × 0.90 = 9.58064 → 9.58; × 1.00 = 3.87; × 1.10 = 1.63226 → 1.63; garbage 16 × 0.59 = 9.44
    // total 80.35
    const input = simpleInput(
      tariff,
      march,
      16 * M3,
      { meters: [{ meterId: 'M1', installedOn: '2024-03-17', initialRegisterMl: 0, registerDigits: 5 }] },
      0,
    );
    input.registers = [register('2024-04-01', 16 * M3)];
    const result = rated(rateAccount(input));
    expect(result.segments.map((segment) => [segment.start, segment.meterId, segment.volumeMl])).toEqual([
      ['2024-03-01', null, 0],
      ['2024-03-17', 'M1', 16 * M3],
    ]);
    expect(lineSummary(result)).toEqual([
      ['water_supply', 1, 10.645161, '28.42'],
      ['water_supply', 2, 3.870968, '15.52'],
      ['water_supply', 3, 1.483871, '11.89'],
      ['sewage', 1, 10.645161, '9.58'],
      ['sewage', 2, 3.870968, '3.87'],
      ['sewage', 3, 1.483871, '1.63'],
      ['garbage_fee', null, 16, '9.44'],
    ]);
    expect(result.lines[0]?.exactAmount).toBe('28.42257987');
    expect(result.totals.amount).toBe('80.35');
  });

  it('charges 0.5% per day on an overdue bill from the day after the due date through the payment day', () => {
    // 100.00 due 2024-03-10, paid 2024-03-22: late 11th..22nd = 12 days × 0.5% × 100.00 = 6.00
    const input = {
      ...simpleInput(tariff, march, 10 * M3),
      overdue: [{ billId: 'B-FEB', amount: '100.00', dueDate: '2024-03-10', paidOn: '2024-03-22' }],
    };
    const result = rated(rateAccount(input));
    const fee = result.lines.find((line) => line.kind === 'lateFee');
    expect(fee).toMatchObject({
      amount: '6.00',
      segmentStart: '2024-03-11',
      segmentEnd: '2024-03-23',
      unitPrice: '0.005',
    });
    // 10 m³: 26.70 + 9.00 + 5.90 = 41.60, plus the fee
    expect(result.totals.amount).toBe('47.60');
  });

  it('gives collective households thresholds per person (5 / 7 m³ each)', () => {
    // 3 persons: thresholds 15 / 21 m³; 20 m³ → 15 in tier 1 (40.05), 5 in tier 2 (20.05)
    const input = simpleInput(tariff, march, 20 * M3, {
      categoryHistory: [{ from: '2010-01-01', category: 'residential_collective' }],
      householdSizeHistory: [{ from: '2010-01-01', persons: 3 }],
    });
    expect(lineSummary(rated(rateAccount(input))).slice(0, 2)).toEqual([
      ['water_supply', 1, 15, '40.05'],
      ['water_supply', 2, 5, '20.05'],
    ]);
  });

  it('restarts period tiers in each billing cycle when a period spans two months', () => {
    // Two cycles, 35 m³ split by days in whole m³: March 35 × 31/61 = 17.78 → 17, April 18.
    // Each month starts at tier 1 and stays below 22 m³.
    const result = rated(rateAccount(simpleInput(tariff, { start: '2024-03-01', end: '2024-05-01' }, 35 * M3)));
    expect(
      result.lines
        .filter((line) => line.component === 'water_supply')
        .map((line) => [line.segmentStart, line.tier, line.volumeMl]),
    ).toEqual([
      ['2024-03-01', 1, 17 * M3],
      ['2024-04-01', 1, 18 * M3],
    ]);
  });
});
