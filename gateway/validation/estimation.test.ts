import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  cumulativeWeight,
  DAY_MS,
  HOUR_MS,
  learnHourProfile,
  PROFILE_SCALE,
  type HourProfile,
  type RegisterPoint,
} from './daily-profile.js';
import { extrapolateRegister, interpolateRegister } from './estimation.js';

const T = Date.parse('2026-03-01T00:00:00.000Z');

/** Hourly readings for `days` days of a household that uses `litresPerHour[h]` in UTC hour h. */
function hourlyHistory(days: number, litresPerHour: (hour: number) => number, startMl = 0): RegisterPoint[] {
  const points: RegisterPoint[] = [{ timeMs: T, registerMl: startMl }];
  let register = startMl;
  for (let i = 1; i <= days * 24; i++) {
    register += litresPerHour((i - 1) % 24) * 1_000;
    points.push({ timeMs: T + i * HOUR_MS, registerMl: register });
  }
  return points;
}

describe('estimation', () => {
  it('interpolates linearly in time, rounding down to the millilitre', () => {
    const e = interpolateRegister({ timeMs: 0, registerMl: 1_000 }, { timeMs: 3_000, registerMl: 2_000 }, 1_000);
    expect(e).toEqual({ registerMl: 1_333, method: 'linear' });
  });

  it('equals the actual reading at its own time', () => {
    const before = { timeMs: T, registerMl: 5_000_000 };
    const after = { timeMs: T + DAY_MS, registerMl: 5_600_000 };
    expect(interpolateRegister(before, after, T).registerMl).toBe(5_000_000);
    expect(interpolateRegister(before, after, T + DAY_MS).registerMl).toBe(5_600_000);
  });

  it('follows the daily profile: nothing before the morning peak, half of the day’s use halfway through it', () => {
    // uses 100 L in each of UTC hours 6 and 7, nothing else
    const profile = learnHourProfile(hourlyHistory(7, (h) => (h === 6 || h === 7 ? 100 : 0)));
    expect(profile).toBeDefined();
    const before = { timeMs: T + 10 * DAY_MS, registerMl: 10_000_000 };
    const after = { timeMs: T + 10 * DAY_MS + 12 * HOUR_MS, registerMl: 10_200_000 };
    expect(interpolateRegister(before, after, before.timeMs + 5 * HOUR_MS, { profile })).toEqual({
      registerMl: 10_000_000,
      method: 'profile',
    });
    expect(interpolateRegister(before, after, before.timeMs + 7 * HOUR_MS, { profile }).registerMl).toBe(10_100_000);
    expect(interpolateRegister(before, after, before.timeMs + 9 * HOUR_MS, { profile }).registerMl).toBe(10_200_000);
    // linear would have put 5 h at 5/12 of the volume
    expect(interpolateRegister(before, after, before.timeMs + 5 * HOUR_MS).registerMl).toBe(10_083_333);
  });

  it('falls back to linear when the profile has no weight over the interval', () => {
    const profile = learnHourProfile(hourlyHistory(7, (h) => (h === 6 ? 100 : 0)))!;
    const before = { timeMs: T + 20 * HOUR_MS, registerMl: 0 };
    const after = { timeMs: T + 22 * HOUR_MS, registerMl: 2_000 };
    expect(interpolateRegister(before, after, T + 21 * HOUR_MS, { profile })).toEqual({
      registerMl: 1_000,
      method: 'linear',
    });
  });

  it('interpolates across a rollover between its neighbours', () => {
    const capacityMl = 100_000_000_000;
    const before = { timeMs: 0, registerMl: capacityMl - 1_000_000 };
    const after = { timeMs: 4 * HOUR_MS, registerMl: 1_000_000 };
    expect(interpolateRegister(before, after, HOUR_MS, { capacityMl }).registerMl).toBe(capacityMl - 500_000);
    expect(interpolateRegister(before, after, 3 * HOUR_MS, { capacityMl }).registerMl).toBe(500_000);
  });

  it('extrapolates past the last reading at the history’s average flow', () => {
    const e = extrapolateRegister(
      { timeMs: 0, registerMl: 0 },
      { timeMs: DAY_MS, registerMl: 240_000 },
      DAY_MS + 6 * HOUR_MS,
    );
    expect(e).toEqual({ registerMl: 300_000, method: 'extrapolated' });
  });

  it('refuses an instant outside its neighbours', () => {
    expect(() => interpolateRegister({ timeMs: 10, registerMl: 0 }, { timeMs: 20, registerMl: 5 }, 21)).toThrow(
      RangeError,
    );
  });

  it('learns no profile from too little history', () => {
    expect(learnHourProfile(hourlyHistory(2, () => 10))).toBeUndefined();
    expect(learnHourProfile(hourlyHistory(7, () => 0))).toBeUndefined();
  });

  it('learns a flat profile from flat use', () => {
    expect(learnHourProfile(hourlyHistory(7, () => 10))?.weights).toEqual(new Array(24).fill(PROFILE_SCALE));
  });
});

describe('properties', () => {
  const profileArb: fc.Arbitrary<HourProfile | undefined> = fc.option(
    fc
      .array(fc.integer({ min: 0, max: PROFILE_SCALE }), { minLength: 24, maxLength: 24 })
      .map((weights) => ({ weights })),
    { nil: undefined },
  );
  const neighbours = fc
    .record({
      t0: fc.integer({ min: 0, max: 4_000_000_000_000 }),
      spanMs: fc.integer({ min: 1, max: 400 * DAY_MS }),
      r0: fc.integer({ min: 0, max: 1e12 }),
      volume: fc.integer({ min: 0, max: 1e10 }),
      at: fc.double({ min: 0, max: 1, noNaN: true }),
    })
    .map((s) => ({
      before: { timeMs: s.t0, registerMl: s.r0 },
      after: { timeMs: s.t0 + s.spanMs, registerMl: s.r0 + s.volume },
      instantMs: s.t0 + Math.floor(s.at * s.spanMs),
    }));

  it('an estimate lies between its neighbours', () => {
    fc.assert(
      fc.property(neighbours, profileArb, ({ before, after, instantMs }, profile) => {
        const { registerMl } = interpolateRegister(before, after, instantMs, { profile });
        return Number.isSafeInteger(registerMl) && before.registerMl <= registerMl && registerMl <= after.registerMl;
      }),
      { numRuns: 3_000 },
    );
  });

  it('an estimate equals the actual reading at its own time', () => {
    fc.assert(
      fc.property(neighbours, profileArb, ({ before, after }, profile) => {
        return (
          interpolateRegister(before, after, before.timeMs, { profile }).registerMl === before.registerMl &&
          interpolateRegister(before, after, after.timeMs, { profile }).registerMl === after.registerMl
        );
      }),
      { numRuns: 1_000 },
    );
  });

  it('estimates never decrease as the instant moves later', () => {
    fc.assert(
      fc.property(
        neighbours,
        fc.double({ min: 0, max: 1, noNaN: true }),
        profileArb,
        ({ before, after, instantMs }, f, profile) => {
          const later = instantMs + Math.floor(f * (after.timeMs - instantMs));
          return (
            interpolateRegister(before, after, instantMs, { profile }).registerMl <=
            interpolateRegister(before, after, later, { profile }).registerMl
          );
        },
      ),
      { numRuns: 2_000 },
    );
  });

  it('the cumulative profile weight of a whole day is the sum of the weights times an hour', () => {
    fc.assert(
      fc.property(profileArb, fc.integer({ min: 0, max: 4_000_000_000_000 }), (profile, t) => {
        const p = profile ?? { weights: new Array<number>(24).fill(1) };
        const daySum = p.weights.reduce((a, b) => a + b, 0);
        return cumulativeWeight(p, t + DAY_MS) - cumulativeWeight(p, t) === BigInt(daySum) * BigInt(HOUR_MS);
      }),
      { numRuns: 1_000 },
    );
  });
});
