/**
 * Worked examples on the Beijing 2014 residential tariff: annual tiers 180 / 260 m³, water
 * 2.07 / 4.07 / 6.07 + resource fee 1.57 + sewage 1.36 (composite 5 / 7 / 9), +30 m³ on every
 * threshold per person above 5, whole-m³ billing with the fraction carried.
 */
import { describe, expect, it } from 'vitest';
import { rateAccount } from './rate-account.js';
import { ratePeriods } from './rate-periods.js';
import { account, exampleTariff, lineSummary, M3, rated, register, simpleInput } from './testing/fixtures.js';

const tariff = exampleTariff('beijing-2014-residential');
const year2024 = { start: '2024-01-01', end: '2025-01-01' };
const household = (persons: number) => ({ householdSizeHistory: [{ from: '2010-01-01', persons }] });

describe('Beijing 2014 residential', () => {
  it('bills a household of 7 using 250 m³ in a year on thresholds 240 / 320', () => {
    // 7 persons: 2 above 5 → +60 m³ on every threshold: 180 + 60 = 240, 260 + 60 = 320.
    // water: 240 × 2.07 = 496.80 (tier 1) + 10 × 4.07 = 40.70 (tier 2)
    // resource fee 250 × 1.57 = 392.50; sewage 250 × 1.36 = 340.00
    // total 1270.00 = composite 240 × 5 + 10 × 7
    const result = rated(rateAccount(simpleInput(tariff, year2024, 250 * M3, household(7))));
    expect(lineSummary(result)).toEqual([
      ['water_supply', 1, 240, '496.80'],
      ['water_supply', 2, 10, '40.70'],
      ['water_resource_fee', null, 250, '392.50'],
      ['sewage', null, 250, '340.00'],
    ]);
    expect(result.totals.amount).toBe('1270.00');
    expect(result.carryOver.tierYearToDate).toEqual({ tierYearStart: '2024-01-01', volumeMl: 250 * M3 });
  });

  it('bills a household of 3 using 250 m³ on the published thresholds 180 / 260', () => {
    // 180 × 2.07 = 372.60; 70 × 4.07 = 284.90; 392.50; 340.00 → 1390.00 = 180 × 5 + 70 × 7
    const result = rated(rateAccount(simpleInput(tariff, year2024, 250 * M3, household(3))));
    expect(lineSummary(result).slice(0, 2)).toEqual([
      ['water_supply', 1, 180, '372.60'],
      ['water_supply', 2, 70, '284.90'],
    ]);
    expect(result.totals.amount).toBe('1390.00');
  });

  it('counts the 180th m³ in tier 1 (upper bound inclusive) and the next millilitre in tier 2', () => {
    const at = rated(rateAccount(simpleInput(tariff, year2024, 180 * M3, household(3))));
    expect(lineSummary(at).filter((line) => line[0] === 'water_supply')).toEqual([['water_supply', 1, 180, '372.60']]);
  });

  it('carries the year-to-date volume between bills so that two half-year bills equal the annual one', () => {
    // H1: 150 m³, all tier 1: 150 × 2.07 = 310.50, 150 × 1.57 = 235.50, 150 × 1.36 = 204.00 → 750.00
    // H2: 100 m³ from 150 m³: 90 m³ to reach 240 (tier 1) = 186.30, 10 m³ tier 2 = 40.70,
    //     100 × 1.57 = 157.00, 100 × 1.36 = 136.00 → 520.00. 750.00 + 520.00 = 1270.00
    const facts = account(household(7));
    const registers = [register('2024-01-01', 0), register('2024-07-01', 150 * M3), register('2025-01-01', 250 * M3)];
    const outcome = ratePeriods(tariff, facts, registers, [
      { start: '2024-01-01', end: '2024-07-01' },
      { start: '2024-07-01', end: '2025-01-01' },
    ]);
    if (!outcome.ok) throw new Error(outcome.error.message);
    const [first, second] = outcome.periods;
    expect(first?.totals.amount).toBe('750.00');
    expect(second && lineSummary(second).slice(0, 2)).toEqual([
      ['water_supply', 1, 90, '186.30'],
      ['water_supply', 2, 10, '40.70'],
    ]);
    expect(second?.totals.amount).toBe('520.00');
    expect(outcome.total).toBe('1270.00');
  });

  it('splits a period spanning the tier-year start and restarts the tiers on 1 January', () => {
    // Household of 3 with 175 m³ already billed in 2023. Period 2023-12-01..2024-02-01 (62 days),
    // 20 m³ split by days in whole m³: December 20 × 31/62 = 10, January the remaining 10.
    // December from 175 m³: 5 m³ tier 1 (10.35) + 5 m³ tier 2 (20.35), 10 × 1.57 = 15.70, 10 × 1.36 = 13.60
    // January from 0: 10 m³ tier 1 (20.70), 15.70, 13.60. Total 110.00 = 5×5 + 5×7 + 10×5.
    const input = simpleInput(tariff, { start: '2023-12-01', end: '2024-02-01' }, 20 * M3, {
      ...household(3),
      tierYearToDate: { tierYearStart: '2023-01-01', volumeMl: 175 * M3 },
    });
    const result = rated(rateAccount(input));
    expect(result.segments.map((segment) => [segment.start, segment.end, segment.volumeMl / M3])).toEqual([
      ['2023-12-01', '2024-01-01', 10],
      ['2024-01-01', '2024-02-01', 10],
    ]);
    expect(lineSummary(result)).toEqual([
      ['water_supply', 1, 5, '10.35'],
      ['water_supply', 2, 5, '20.35'],
      ['water_resource_fee', null, 10, '15.70'],
      ['sewage', null, 10, '13.60'],
      ['water_supply', 1, 10, '20.70'],
      ['water_resource_fee', null, 10, '15.70'],
      ['sewage', null, 10, '13.60'],
    ]);
    expect(result.totals.amount).toBe('110.00');
    expect(result.carryOver.tierYearToDate).toEqual({ tierYearStart: '2024-01-01', volumeMl: 10 * M3 });
  });

  it("bills the whole period in the reading date's tier year under the readingDate convention", () => {
    // Same facts; the period ends on 2024-02-01, so all 20 m³ count in 2024 from 0: tier 1 only.
    const readingDate = {
      ...tariff,
      policies: { ...tariff.policies, tierYear: { start: '01-01', periodSpanningStart: 'readingDate' as const } },
    };
    const input = simpleInput(readingDate, { start: '2023-12-01', end: '2024-02-01' }, 20 * M3, {
      ...household(3),
      tierYearToDate: { tierYearStart: '2023-01-01', volumeMl: 175 * M3 },
    });
    const result = rated(rateAccount(input));
    expect(lineSummary(result)).toEqual([
      ['water_supply', 1, 20, '41.40'],
      ['water_resource_fee', null, 20, '31.40'],
      ['sewage', null, 20, '27.20'],
    ]);
  });

  it('prorates annual thresholds by remaining months for an account opened in July', () => {
    // Opened 2024-07-15: 6 whole months (Jan-Jun) gone, 6 remain → 180 × 6/12 = 90, 260 × 6/12 = 130.
    // 100 m³: 90 × 2.07 = 186.30, 10 × 4.07 = 40.70, 100 × 1.57 = 157.00, 100 × 1.36 = 136.00 → 520.00
    const input = simpleInput(tariff, { start: '2024-07-15', end: '2025-01-01' }, 100 * M3, {
      ...household(3),
      openedOn: '2024-07-15',
      meters: [{ meterId: 'M1', installedOn: '2024-07-15', initialRegisterMl: 1_000 * M3, registerDigits: 5 }],
    });
    const result = rated(rateAccount(input));
    expect(lineSummary(result).slice(0, 2)).toEqual([
      ['water_supply', 1, 90, '186.30'],
      ['water_supply', 2, 10, '40.70'],
    ]);
    expect(result.lines[0]?.explanation).toContain('thresholds 90 / 130 m³');
    expect(result.totals.amount).toBe('520.00');
  });

  it('bills whole m³ and carries the fraction to the next period', () => {
    // Period 1 reads 10.6 m³: 10 billed, 0.6 carried. Period 2 reads 10.5 m³: 0.6 + 10.5 = 11.1 → 11 billed, 0.1 carried.
    const facts = account(household(3));
    const registers = [
      register('2024-01-01', 0),
      register('2024-02-01', 10_600_000),
      register('2024-03-01', 21_100_000),
    ];
    const outcome = ratePeriods(tariff, facts, registers, [
      { start: '2024-01-01', end: '2024-02-01' },
      { start: '2024-02-01', end: '2024-03-01' },
    ]);
    if (!outcome.ok) throw new Error(outcome.error.message);
    expect(
      outcome.periods.map((period) => [period.totals.billedVolumeMl / M3, period.carryOver.volumeRemainderMl]),
    ).toEqual([
      [10, 600_000],
      [11, 100_000],
    ]);
  });

  it('refuses a category the tariff does not price', () => {
    const input = simpleInput(tariff, year2024, 10 * M3, {
      categoryHistory: [{ from: '2010-01-01', category: 'golf_course' }],
    });
    const result = rateAccount(input);
    expect(result.ok ? null : result.error.code).toBe('RATING_CATEGORY_NOT_PRICED');
  });

  it('refuses a household allowance without a household size', () => {
    const result = rateAccount(simpleInput(tariff, year2024, 10 * M3));
    expect(result.ok ? null : result.error.code).toBe('RATING_NO_HOUSEHOLD_SIZE');
  });

  it('refuses a period before the first tariff version', () => {
    const result = rateAccount(simpleInput(tariff, { start: '2014-01-01', end: '2014-02-01' }, 10 * M3, household(3)));
    expect(result.ok ? null : result.error.code).toBe('RATING_TARIFF_NOT_FOUND');
  });
});
