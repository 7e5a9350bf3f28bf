import { describe, expect, it } from 'vitest';
import { FLAG } from '../flags.js';
import { at, DAY_MS, HOUR_MS, M3, meterReading, meterState, T0, validationInput } from '../testing.js';
import { createValidator } from '../validator.js';

const TIME = FLAG.time_future | FLAG.time_stale | FLAG.clock_drift | FLAG.out_of_order | FLAG.duplicate_conflict;
const R = 10 * M3;

describe('time rules', () => {
  const validate = createValidator();
  const cases: Array<{
    name: string;
    timeMs: number;
    receivedMs: number;
    fromMeter?: boolean;
    baselineOffsetMs?: number;
    registerMl?: number;
    expected: number;
    advances: boolean;
  }> = [
    {
      name: 'a reading 300 s ahead of receipt is within tolerance',
      timeMs: HOUR_MS + 300_000,
      receivedMs: HOUR_MS,
      expected: 0,
      advances: true,
    },
    {
      name: 'a reading 301 s ahead of receipt is in the future and does not advance',
      timeMs: HOUR_MS + 301_000,
      receivedMs: HOUR_MS,
      expected: FLAG.time_future,
      advances: false,
    },
    {
      name: 'a receive-time reading is never in the future',
      timeMs: HOUR_MS + DAY_MS,
      receivedMs: HOUR_MS,
      fromMeter: false,
      expected: 0,
      advances: true,
    },
    {
      name: 'a reading 3 days old at receipt is not stale',
      timeMs: HOUR_MS,
      receivedMs: HOUR_MS + 3 * DAY_MS,
      expected: 0,
      advances: true,
    },
    {
      name: 'a reading more than 3 days old at receipt is stale but advances',
      timeMs: HOUR_MS,
      receivedMs: HOUR_MS + 3 * DAY_MS + 1,
      expected: FLAG.time_stale,
      advances: true,
    },
    {
      name: 'a clock offset 900 s from its baseline is within tolerance',
      timeMs: HOUR_MS,
      receivedMs: HOUR_MS + 910_000,
      baselineOffsetMs: 10_000,
      expected: 0,
      advances: true,
    },
    {
      name: 'a clock offset 901 s from its baseline is drift',
      timeMs: HOUR_MS,
      receivedMs: HOUR_MS + 911_000,
      baselineOffsetMs: 10_000,
      expected: FLAG.clock_drift,
      advances: true,
    },
    {
      name: 'a clock gone ahead of its baseline is drift',
      timeMs: HOUR_MS,
      receivedMs: HOUR_MS - 200_000,
      baselineOffsetMs: 800_000,
      expected: FLAG.clock_drift,
      advances: true,
    },
    {
      name: 'a reading older than the latest arrived out of order and does not advance',
      timeMs: -HOUR_MS,
      receivedMs: HOUR_MS,
      registerMl: R - 1_000,
      expected: FLAG.out_of_order,
      advances: false,
    },
    {
      name: 'an equal timestamp with the same register is a plain duplicate',
      timeMs: 0,
      receivedMs: HOUR_MS,
      registerMl: R,
      expected: 0,
      advances: false,
    },
    {
      name: 'an equal timestamp with a different register is a conflict',
      timeMs: 0,
      receivedMs: HOUR_MS,
      registerMl: R + 1_000,
      expected: FLAG.duplicate_conflict,
      advances: false,
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const memory = c.baselineOffsetMs === undefined ? {} : { clockOffsetMs: c.baselineOffsetMs };
      const out = validate(
        validationInput({
          reading: meterReading(at(c.timeMs), c.registerMl ?? R, { timeFromMeter: c.fromMeter ?? true }),
          receivedAt: at(c.receivedMs),
          state: meterState(T0, R, memory),
        }),
      );
      expect(out.flags & TIME).toBe(c.expected);
      expect(out.nextState !== undefined).toBe(c.advances);
    });
  }

  it('takes the clock baseline from the first meter-timed reading', () => {
    const out = validate(validationInput({ reading: meterReading(T0, R), receivedAt: at(42_000) }));
    expect(out.nextState?.extra.clockOffsetMs).toBe(42_000);
  });

  it('a meter whose clock is in the future on its first reading keeps no state', () => {
    const out = validate(validationInput({ reading: meterReading(at(DAY_MS), R), receivedAt: T0 }));
    expect(out.flags).toBe(FLAG.time_future);
    expect(out.nextState).toBeUndefined();
  });
});
