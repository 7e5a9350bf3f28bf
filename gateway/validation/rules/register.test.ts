import { describe, expect, it } from 'vitest';
import { FLAG, flagNames } from '../flags.js';
import { at, DAY_MS, HOUR_MS, M3, meterReading, meterState, T0, validationInput } from '../testing.js';
import { createValidator } from '../validator.js';

const CAPACITY = 100_000 * M3; // 5 digits: wraps after 99999.999 m³
const REGISTER_FLAGS = FLAG.register_backwards | FLAG.register_rollover | FLAG.register_range;

describe('register rules: backwards versus rollover', () => {
  const validate = createValidator();
  const cases: Array<{ name: string; previousMl: number; registerMl: number; elapsedMs: number; expected: number }> = [
    {
      name: 'a rollover exactly at capacity (99999.999 m³ → 0) is a rollover',
      previousMl: CAPACITY - 1_000,
      registerMl: 0,
      elapsedMs: HOUR_MS,
      expected: FLAG.register_rollover,
    },
    {
      name: 'a rollover from the last millilitre below capacity is a rollover',
      previousMl: CAPACITY - 1,
      registerMl: 0,
      elapsedMs: 60_000,
      expected: FLAG.register_rollover,
    },
    {
      name: 'a wrap of 1.5 m³ within an hour at DN15 (Q4 3125 L/h) is a rollover',
      previousMl: CAPACITY - M3,
      registerMl: 500_000,
      elapsedMs: HOUR_MS,
      expected: FLAG.register_rollover,
    },
    {
      name: 'a wrap of 6 m³ within an hour is not passable at Q4: backwards',
      previousMl: CAPACITY - M3,
      registerMl: 5 * M3,
      elapsedMs: HOUR_MS,
      expected: FLAG.register_backwards,
    },
    {
      name: 'the same wrap over two hours is passable: rollover',
      previousMl: CAPACITY - M3,
      registerMl: 5 * M3,
      elapsedMs: 2 * HOUR_MS,
      expected: FLAG.register_rollover,
    },
    {
      name: 'a drop in mid-range is backwards',
      previousMl: 50 * M3,
      registerMl: 49 * M3,
      elapsedMs: DAY_MS,
      expected: FLAG.register_backwards,
    },
    {
      name: 'a drop of one litre is backwards with no tolerance',
      previousMl: 50 * M3,
      registerMl: 50 * M3 - 1_000,
      elapsedMs: HOUR_MS,
      expected: FLAG.register_backwards,
    },
    {
      name: 'an unchanged register raises nothing',
      previousMl: 50 * M3,
      registerMl: 50 * M3,
      elapsedMs: HOUR_MS,
      expected: 0,
    },
    {
      name: 'a register at capacity is out of range',
      previousMl: CAPACITY - 1_000,
      registerMl: CAPACITY,
      elapsedMs: HOUR_MS,
      expected: FLAG.register_range,
    },
    {
      name: 'a drop to zero from far below capacity is backwards, not a rollover',
      previousMl: 10 * M3,
      registerMl: 0,
      elapsedMs: DAY_MS,
      expected: FLAG.register_backwards,
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const out = validate(
        validationInput({ reading: meterReading(at(c.elapsedMs), c.registerMl), state: meterState(T0, c.previousMl) }),
      );
      expect(flagNames(out.flags & REGISTER_FLAGS)).toEqual(flagNames(c.expected));
    });
  }

  it('tolerates a drop within backwardsToleranceMl configured for the class', () => {
    const tolerant = createValidator({ config: { classes: { residential: { backwardsToleranceMl: 500 } } } });
    const out = tolerant(
      validationInput({ reading: meterReading(at(HOUR_MS), 50 * M3 - 400), state: meterState(T0, 50 * M3) }),
    );
    expect(out.flags & REGISTER_FLAGS).toBe(0);
  });

  it('does not judge direction on equal timestamps (a duplicate time is a conflict instead)', () => {
    const out = validate(validationInput({ reading: meterReading(T0, 49 * M3), state: meterState(T0, 50 * M3) }));
    expect(out.flags & REGISTER_FLAGS).toBe(0);
    expect(out.flags & FLAG.duplicate_conflict).not.toBe(0);
  });

  it('flags nothing on the first reading of a new meter', () => {
    const out = validate(validationInput({ reading: meterReading(T0, 0) }));
    expect(out.flags).toBe(0);
    expect(out.nextState?.lastRegisterMl).toBe(0);
  });

  it('resets the state at a meter exchange: a new installation after the stored state starts afresh', () => {
    const old = meterState(T0, 500 * M3);
    const reading = meterReading(at(2 * DAY_MS), 1 * M3);
    const exchanged = validate(validationInput({ reading, state: old, profile: { installedAt: at(DAY_MS) } }));
    expect(exchanged.flags).toBe(0);
    const notExchanged = validate(validationInput({ reading, state: old }));
    expect(notExchanged.flags & FLAG.register_backwards).not.toBe(0);
  });

  it('keeps the state of the current installation when it was installed before the stored reading', () => {
    const out = validate(
      validationInput({
        reading: meterReading(at(HOUR_MS), 49 * M3),
        state: meterState(T0, 50 * M3),
        profile: { installedAt: at(-DAY_MS) },
      }),
    );
    expect(out.flags & FLAG.register_backwards).not.toBe(0);
  });

  it('accepts a backwards reading as the meter’s latest (it is what the meter says now)', () => {
    const out = validate(
      validationInput({ reading: meterReading(at(HOUR_MS), 49 * M3), state: meterState(T0, 50 * M3) }),
    );
    expect(out.nextState?.lastRegisterMl).toBe(49 * M3);
  });
});
