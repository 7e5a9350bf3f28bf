/**
 * Worked examples of changes inside a period: a price change split by days (Beijing 2016), a
 * meter exchange, a register rollover, a category change.
 */
import { describe, expect, it } from 'vitest';
import { rateAccount } from './rate-account.js';
import type { Tariff } from './tariffs/types.js';
import { account, exampleTariff, lineSummary, M3, meter, rated, register, simpleInput } from './testing/fixtures.js';

const beijing = exampleTariff('beijing-non-residential');
const shijiazhuang = exampleTariff('shijiazhuang-by-category');
const nonResidential = { categoryHistory: [{ from: '2010-01-01', category: 'non_residential' }] };
const spanning2016 = { start: '2016-04-15', end: '2016-05-15' };

function withSplit(tariff: Tariff, resolution: Tariff['policies']['split']['resolution']): Tariff {
  return { ...tariff, policies: { ...tariff.policies, split: { method: 'byDays', resolution } } };
}

describe('a price change inside the period (Beijing non-residential, 8.15 → 9.50 on 2016-05-01)', () => {
  // 30 days: 16 before the change (15-30 April), 14 after (1-14 May); 100 m³ at the daily average.
  it('splits in whole m³ with the remainder to the last segment', () => {
    // before: 100 × 16/30 = 53.33 → 53 m³ × 8.15 = 431.95; after: 47 m³ × 9.50 = 446.50; total 878.45
    const result = rated(rateAccount(simpleInput(beijing, spanning2016, 100 * M3, nonResidential)));
    expect(lineSummary(result)).toEqual([
      ['water_composite', null, 53, '431.95'],
      ['water_composite', null, 47, '446.50'],
    ]);
    expect(result.segments.map((segment) => segment.tariffVersion)).toEqual(['2014-05-01', '2016-05-01']);
    expect(result.totals.amount).toBe('878.45');
  });

  it('splits to 0.01 m³', () => {
    // 53.33 × 8.15 = 434.6395 → 434.64; 46.67 × 9.50 = 443.365 → 443.37; total 878.01
    const result = rated(
      rateAccount(simpleInput(withSplit(beijing, 'centiM3'), spanning2016, 100 * M3, nonResidential)),
    );
    expect(lineSummary(result)).toEqual([
      ['water_composite', null, 53.33, '434.64'],
      ['water_composite', null, 46.67, '443.37'],
    ]);
    expect(result.totals.amount).toBe('878.01');
  });

  it('splits exactly (to the millilitre)', () => {
    // 53.333333 × 8.15 = 434.66666 → 434.67; 46.666667 × 9.50 = 443.33334 → 443.33; total 878.00
    const result = rated(rateAccount(simpleInput(withSplit(beijing, 'exact'), spanning2016, 100 * M3, nonResidential)));
    expect(lineSummary(result)).toEqual([
      ['water_composite', null, 53.333333, '434.67'],
      ['water_composite', null, 46.666667, '443.33'],
    ]);
    expect(result.totals.amount).toBe('878.00');
  });
});

describe('a meter exchange inside the period', () => {
  // Shijiazhuang commercial: water 3.00 + sewage 0.70 per m³, whole m³ carried.
  // M1 reads 1234.500 m³ on 1 March and is removed on 11 March at 1240.250 m³;
  // M2 is installed on 11 March at 0.120 m³ and reads 8.870 m³ on 1 April.
  // consumption = (1240.250 − 1234.500) + (8.870 − 0.120) = 5.750 + 8.750 = 14.500 m³
  // whole m³, cumulative: M1 trunc(5.75) = 5; M2 trunc(14.5) − 5 = 9; 0.5 m³ carried.
  // lines: 5 × 3.00 = 15.00, 5 × 0.70 = 3.50, 9 × 3.00 = 27.00, 9 × 0.70 = 6.30 → 51.80 = 14 × 3.70
  const facts = account({
    categoryHistory: [{ from: '2010-01-01', category: 'commercial' }],
    meters: [
      meter({ meterId: 'M1', removedOn: '2024-03-11', finalRegisterMl: 1_240_250_000, finalReadingIds: ['X-final'] }),
      meter({ meterId: 'M2', installedOn: '2024-03-11', initialRegisterMl: 120_000, initialReadingIds: ['X-initial'] }),
    ],
  });
  const input = {
    tariff: shijiazhuang,
    period: { start: '2024-03-01', end: '2024-04-01' },
    account: facts,
    registers: [register('2024-03-01', 1_234_500_000, 'M1'), register('2024-04-01', 8_870_000, 'M2')],
  };

  it("adds the old meter's final minus start to the new meter's end minus initial", () => {
    const result = rated(rateAccount(input));
    expect(result.meters.map((usage) => [usage.meterId, usage.volumeMl])).toEqual([
      ['M1', 5_750_000],
      ['M2', 8_750_000],
    ]);
    expect(lineSummary(result)).toEqual([
      ['water_supply', null, 5, '15.00'],
      ['sewage', null, 5, '3.50'],
      ['water_supply', null, 9, '27.00'],
      ['sewage', null, 9, '6.30'],
    ]);
    expect(result.totals.amount).toBe('51.80');
    expect(result.carryOver.volumeRemainderMl).toBe(500_000);
  });

  it('names the readings each line used: start and final for the old meter, initial and end for the new', () => {
    const result = rated(rateAccount(input));
    expect(result.lines[0]?.readingsUsed).toEqual(['M1@2024-03-01', 'X-final']);
    expect(result.lines[2]?.readingsUsed).toEqual(['X-initial', 'M2@2024-04-01']);
  });

  it('refuses an old meter removed inside the period without a final register', () => {
    const broken = {
      ...input,
      account: { ...facts, meters: [meter({ meterId: 'M1', removedOn: '2024-03-11' }), facts.meters[1]!] },
    };
    const result = rateAccount(broken);
    expect(result.ok ? null : result.error.code).toBe('RATING_METER_HISTORY_INVALID');
  });

  it('refuses overlapping installations', () => {
    const overlapping = { ...input, account: { ...facts, meters: [meter({ meterId: 'M1' }), facts.meters[1]!] } };
    const result = rateAccount(overlapping);
    expect(result.ok ? null : result.error.code).toBe('RATING_METER_HISTORY_INVALID');
  });
});

describe('register rollover', () => {
  const commercial = {
    categoryHistory: [{ from: '2010-01-01', category: 'commercial' }],
    meters: [meter({ registerDigits: 4 })],
  };

  it('counts current + 10^digits − previous when the register passes its capacity', () => {
    // 4 digits: capacity 10000 m³. 9998 → 3 m³ = 3 + 10000 − 9998 = 5 m³ → 5 × 3.70 = 18.50
    const input = simpleInput(shijiazhuang, { start: '2024-03-01', end: '2024-04-01' }, 0, commercial, 9_998 * M3);
    input.registers = [register('2024-03-01', 9_998 * M3), register('2024-04-01', 3 * M3)];
    const result = rated(rateAccount(input));
    expect(result.meters[0]).toMatchObject({ volumeMl: 5 * M3, rollover: true });
    expect(result.totals.amount).toBe('18.50');
    expect(result.warnings.map((warning) => warning.code)).toEqual(['RATING_ROLLOVER_APPLIED']);
  });

  it('refuses a decrease that a rollover does not explain', () => {
    const input = simpleInput(shijiazhuang, { start: '2024-03-01', end: '2024-04-01' }, 0, commercial, 5_000 * M3);
    input.registers = [register('2024-03-01', 5_000 * M3), register('2024-04-01', 4_000 * M3)];
    const result = rateAccount(input);
    expect(result.ok ? null : result.error.code).toBe('RATING_REGISTER_DECREASED');
  });
});

describe('a category change inside the period', () => {
  it('prices each segment at its own category', () => {
    // Residential (2.60/m³ all in) until 16 March, commercial (3.70) after; 31 m³ over 31 days:
    // 15 days → 15 m³ × 2.00 = 30.00 + × 0.60 = 9.00; 16 days → 16 m³ × 3.00 = 48.00 + × 0.70 = 11.20
    const input = simpleInput(shijiazhuang, { start: '2024-03-01', end: '2024-04-01' }, 31 * M3, {
      categoryHistory: [
        { from: '2010-01-01', category: 'residential' },
        { from: '2024-03-16', category: 'commercial' },
      ],
    });
    const result = rated(rateAccount(input));
    expect(lineSummary(result)).toEqual([
      ['water_supply', null, 15, '30.00'],
      ['sewage', null, 15, '9.00'],
      ['water_supply', null, 16, '48.00'],
      ['sewage', null, 16, '11.20'],
    ]);
    expect(result.lines.map((line) => line.category)).toEqual([
      'residential',
      'residential',
      'commercial',
      'commercial',
    ]);
  });
});

describe('missing data', () => {
  it('reports a missing boundary register with its meter and day', () => {
    const input = simpleInput(shijiazhuang, { start: '2024-03-01', end: '2024-04-01' }, 10 * M3);
    input.registers = input.registers.slice(1);
    const result = rateAccount(input);
    expect(result.ok ? null : [result.error.code, result.error.details]).toEqual([
      'RATING_NO_READING',
      { meterId: 'M1', on: '2024-03-01' },
    ]);
  });

  it('reports an account with no meter in the period', () => {
    const input = simpleInput(shijiazhuang, { start: '2024-03-01', end: '2024-04-01' }, 10 * M3, {
      meters: [meter({ removedOn: '2020-01-01', finalRegisterMl: 0 })],
    });
    const result = rateAccount(input);
    expect(result.ok ? null : result.error.code).toBe('RATING_NO_METER');
  });

  it('warns when an estimated register was used', () => {
    const input = simpleInput(shijiazhuang, { start: '2024-03-01', end: '2024-04-01' }, 10 * M3);
    input.registers = [input.registers[0]!, { ...input.registers[1]!, quality: 'estimated' }];
    expect(rated(rateAccount(input)).warnings.map((warning) => warning.code)).toEqual(['RATING_ESTIMATED_READING']);
  });
});
