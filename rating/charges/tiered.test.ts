import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { TieredComponent } from '../tariffs/types.js';
import { effectiveThresholds, rateTiered, tierVolumes } from './tiered.js';
import type { RatedSegment } from './segment.js';

const M3 = 1_000_000;

const beijingWater: TieredComponent = {
  kind: 'tiered',
  name: 'water_supply',
  basis: 'annual',
  thresholdProration: 'remainingMonths',
  householdAllowance: { kind: 'perPersonAbove', baseSize: 5, m3PerPerson: 30 },
  tiers: [{ upToM3: 180, price: '2.07' }, { upToM3: 260, price: '4.07' }, { price: '6.07' }],
};

function segment(overrides: Partial<RatedSegment> = {}): RatedSegment {
  return {
    start: '2024-01-01',
    end: '2025-01-01',
    days: 366,
    category: 'residential',
    householdSize: 3,
    contractedM3PerMonth: null,
    meter: { meterId: 'M1', installedOn: '2010-01-01', initialRegisterMl: 0 },
    readingsUsed: [],
    volumeMl: 0,
    cycle: { start: '2024-01-01', end: '2025-01-01', days: 366, months: 12 },
    tierYear: { start: '2024-01-01', end: '2025-01-01' },
    openedOn: '2010-01-01',
    currency: 'CNY',
    ...overrides,
  };
}

function thresholds(component: TieredComponent, overrides: Partial<RatedSegment>): number[] {
  const result = effectiveThresholds(component, segment(overrides));
  if (!result.ok) throw new Error(result.error.message);
  return result.value.upToMl.map((value) => value / M3);
}

describe('tier thresholds', () => {
  it('adds 30 m³ per person above 5 on every threshold (Beijing): 7 persons → 240 / 320', () => {
    expect(thresholds(beijingWater, { householdSize: 7 })).toEqual([240, 320]);
    expect(thresholds(beijingWater, { householdSize: 5 })).toEqual([180, 260]);
  });

  it('adds 100 m³ from 5 persons (Shanghai): 4 persons → 220 / 300, 5 → 320 / 400', () => {
    const shanghai: TieredComponent = {
      ...beijingWater,
      householdAllowance: { kind: 'fromSize', minSize: 5, extraM3: 100 },
      tiers: [{ upToM3: 220, price: '1.92' }, { upToM3: 300, price: '3.30' }, { price: '4.30' }],
    };
    expect(thresholds(shanghai, { householdSize: 4 })).toEqual([220, 300]);
    expect(thresholds(shanghai, { householdSize: 5 })).toEqual([320, 400]);
  });

  it('multiplies per-person thresholds by the household size (Shenzhen collective): 3 persons → 15 / 21', () => {
    const collective: TieredComponent = {
      ...beijingWater,
      basis: 'period',
      thresholdProration: 'none',
      householdAllowance: { kind: 'perPerson' },
      tiers: [{ upToM3: 5, price: '2.67' }, { upToM3: 7, price: '4.01' }, { price: '8.01' }],
    };
    expect(thresholds(collective, { householdSize: 3 })).toEqual([15, 21]);
  });

  it('prorates annual thresholds by remaining months, or by remaining days', () => {
    // opened 2024-10-02: 9 whole months gone, 3 left → 180 × 3/12 = 45, 260 × 3/12 = 65
    expect(thresholds(beijingWater, { openedOn: '2024-10-02' })).toEqual([45, 65]);
    // by days: 91 of 366 days left → 180 × 91/366 = 44.754098 m³, 260 × 91/366 = 64.644809 m³
    expect(thresholds({ ...beijingWater, thresholdProration: 'days' }, { openedOn: '2024-10-02' })).toEqual([
      44.754098, 64.644809,
    ]);
    // opened before the tier year: no proration
    expect(thresholds(beijingWater, { openedOn: '2023-10-02' })).toEqual([180, 260]);
  });

  it('needs the household size when there is an allowance', () => {
    const result = effectiveThresholds(beijingWater, segment({ householdSize: null }));
    expect(result.ok ? null : result.error.code).toBe('RATING_NO_HOUSEHOLD_SIZE');
  });
});

describe('tier volumes', () => {
  it('fills tiers from the position in the window, upper bounds inclusive', () => {
    expect(tierVolumes(0, 180 * M3, [180 * M3, 260 * M3])).toEqual([180 * M3, 0, 0]);
    expect(tierVolumes(0, 180 * M3 + 1, [180 * M3, 260 * M3])).toEqual([180 * M3, 1, 0]);
    expect(tierVolumes(150 * M3, 200 * M3, [180 * M3, 260 * M3])).toEqual([30 * M3, 80 * M3, 90 * M3]);
  });

  it('puts everything in the last tier once the window is past the last threshold', () => {
    expect(tierVolumes(300 * M3, 5 * M3, [180 * M3, 260 * M3])).toEqual([0, 0, 5 * M3]);
  });

  it('prices each tier and skips empty ones', () => {
    const rated = rateTiered(beijingWater, segment({ volumeMl: 200 * M3 }), { annualMl: 0, cycleMl: 0 });
    if (!rated.ok) throw new Error(rated.error.message);
    expect(rated.value.lines.map((line) => [line.tier, line.volumeMl, line.unitPrice])).toEqual([
      [1, 180 * M3, '2.07'],
      [2, 20 * M3, '4.07'],
    ]);
  });
});

describe('properties', () => {
  const thresholdList = fc
    .uniqueArray(fc.integer({ min: 1, max: 10 ** 9 }), { minLength: 1, maxLength: 5 })
    .map((list) => [...list].sort((a, b) => a - b));
  const position = fc.integer({ min: 0, max: 2 * 10 ** 9 });
  const volume = fc.integer({ min: 0, max: 2 * 10 ** 9 });

  it('sum of tier quantities equals consumption', () => {
    fc.assert(
      fc.property(
        thresholdList,
        position,
        volume,
        (upTo, from, amount) => tierVolumes(from, amount, upTo).reduce((a, b) => a + b, 0) === amount,
      ),
    );
  });

  it('no tier holds more than its width or less than nothing', () => {
    fc.assert(
      fc.property(thresholdList, position, volume, (upTo, from, amount) =>
        tierVolumes(from, amount, upTo).every(
          (value, index) =>
            value >= 0 && value <= (upTo[index] ?? Infinity) - (index === 0 ? 0 : (upTo[index - 1] ?? 0)),
        ),
      ),
    );
  });

  it('filling in two steps equals filling in one (tiers continue across segments)', () => {
    fc.assert(
      fc.property(thresholdList, position, volume, volume, (upTo, from, a, b) => {
        const once = tierVolumes(from, a + b, upTo);
        const twice = tierVolumes(from, a, upTo).map(
          (value, index) => value + (tierVolumes(from + a, b, upTo)[index] ?? 0),
        );
        expect(twice).toEqual(once);
      }),
    );
  });
});
