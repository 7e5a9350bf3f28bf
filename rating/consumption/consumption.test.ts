import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { MeterInstallation } from '../account.js';
import { meterIntervals, orderedInstallations } from './meter-usage.js';
import { RESOLUTION_ML, resolveVolumes } from './resolution.js';
import { SPLIT_RESOLUTION_ML, splitByDays } from './split.js';

const M3 = 1_000_000;
const march = { start: '2024-03-01', end: '2024-04-01' };
const base: MeterInstallation = { meterId: 'M1', installedOn: '2010-01-01', initialRegisterMl: 0, registerDigits: 4 };
const reg = (meterId: string, on: string, registerMl: number) => ({
  meterId,
  on,
  registerMl,
  quality: 'actual' as const,
  readingIds: [`${meterId}@${on}`],
});

describe('meter usage', () => {
  it('starts a meter installed inside the period from its initial register', () => {
    const meter = { ...base, installedOn: '2024-03-10', initialRegisterMl: 2 * M3, initialReadingIds: ['install'] };
    const result = meterIntervals([meter], march, [reg('M1', '2024-04-01', 7 * M3)]);
    expect(
      result.ok && result.value.map((interval) => [interval.from, interval.volumeMl, interval.readingsUsed]),
    ).toEqual([['2024-03-10', 5 * M3, ['install', 'M1@2024-04-01']]]);
  });

  it('ends a meter removed on the period end on its final register when no boundary value is given', () => {
    const meter = { ...base, removedOn: '2024-04-01', finalRegisterMl: 9 * M3 };
    const result = meterIntervals([meter], march, [reg('M1', '2024-03-01', 4 * M3)]);
    expect(result.ok && result.value[0]?.volumeMl).toBe(5 * M3);
  });

  it('treats a decrease as a rollover only when the rolled-over volume is below half the capacity', () => {
    // 4 digits: 10000 m³. 9000 → 4000 would be 5000 m³: not plausible. 9000 → 3000 is 4000 m³: plausible.
    const implausible = meterIntervals([base], march, [
      reg('M1', '2024-03-01', 9_000 * M3),
      reg('M1', '2024-04-01', 4_000 * M3),
    ]);
    expect(implausible.ok ? null : implausible.error.code).toBe('RATING_REGISTER_DECREASED');
    const plausible = meterIntervals([base], march, [
      reg('M1', '2024-03-01', 9_000 * M3),
      reg('M1', '2024-04-01', 3_000 * M3),
    ]);
    expect(plausible.ok && plausible.value[0]).toMatchObject({ volumeMl: 4_000 * M3, rollover: true });
  });

  it('does not assume a rollover when the register size is unknown', () => {
    const unknown = { ...base, registerDigits: undefined };
    const result = meterIntervals([unknown], march, [reg('M1', '2024-03-01', 5 * M3), reg('M1', '2024-04-01', 4 * M3)]);
    expect(result.ok ? null : result.error.code).toBe('RATING_REGISTER_DECREASED');
  });

  it('refuses a register beyond the meter capacity', () => {
    const result = meterIntervals([base], march, [reg('M1', '2024-03-01', 0), reg('M1', '2024-04-01', 10_000 * M3)]);
    expect(result.ok ? null : result.error.code).toBe('RATING_REGISTER_OUT_OF_RANGE');
  });

  it('orders installations and refuses a removal before the installation', () => {
    const reversed = orderedInstallations([
      { ...base, meterId: 'M2', installedOn: '2024-02-01' },
      { ...base, removedOn: '2024-02-01', finalRegisterMl: 0 },
    ]);
    expect(reversed.ok && reversed.value.map((meter) => meter.meterId)).toEqual(['M1', 'M2']);
    const backwards = orderedInstallations([{ ...base, installedOn: '2024-02-01', removedOn: '2024-01-01' }]);
    expect(backwards.ok ? null : backwards.error.code).toBe('RATING_METER_HISTORY_INVALID');
  });
});

describe('volume resolution', () => {
  it('bills whole m³ and carries the fraction: 0.6 carried + 10.5 = 11.1 → 11 billed, 0.1 carried', () => {
    expect(resolveVolumes([10_500_000], 600_000, 'm3')).toEqual({ billedMl: [11 * M3], remainderMl: 100_000 });
  });

  it('truncates cumulatively across meters: 5.75 + 8.75 → 5 + 9, 0.5 carried', () => {
    expect(resolveVolumes([5_750_000, 8_750_000], 0, 'm3')).toEqual({
      billedMl: [5 * M3, 9 * M3],
      remainderMl: 500_000,
    });
  });
});

describe('split by days', () => {
  it('gives the remainder to the last segment: 100 m³ over 16 + 14 days → 53 / 47', () => {
    expect(splitByDays(100 * M3, [16, 14], 'wholeM3')).toEqual([53 * M3, 47 * M3]);
    expect(splitByDays(100 * M3, [16, 14], 'centiM3')).toEqual([53_330_000, 46_670_000]);
    expect(splitByDays(100 * M3, [16, 14], 'exact')).toEqual([53_333_333, 46_666_667]);
  });
});

describe('properties', () => {
  const volumes = fc.array(fc.integer({ min: 0, max: 10 ** 10 }), { minLength: 1, maxLength: 4 });
  const resolution = fc.constantFrom('ml' as const, 'litre' as const, 'm3' as const);

  it('billed volume plus the new remainder equals metered volume plus the carried remainder', () => {
    fc.assert(
      fc.property(volumes, fc.integer({ min: 0, max: 999_999 }), resolution, (list, carried, unit) => {
        const resolved = resolveVolumes(list, carried, unit);
        const metered = list.reduce((a, b) => a + b, 0);
        return (
          resolved.billedMl.reduce((a, b) => a + b, 0) + resolved.remainderMl === metered + carried &&
          resolved.remainderMl < RESOLUTION_ML[unit]
        );
      }),
    );
  });

  it('split parts add up to the volume and all but the last are whole units of the split resolution', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10 ** 10 }),
        fc.array(fc.integer({ min: 1, max: 366 }), { minLength: 1, maxLength: 6 }),
        fc.constantFrom('wholeM3' as const, 'centiM3' as const, 'exact' as const),
        (volume, days, unit) => {
          const parts = splitByDays(volume, days, unit);
          return (
            parts.reduce((a, b) => a + b, 0) === volume &&
            parts.slice(0, -1).every((part) => part >= 0 && part % SPLIT_RESOLUTION_ML[unit] === 0) &&
            (parts.at(-1) ?? 0) >= 0
          );
        },
      ),
    );
  });
});
