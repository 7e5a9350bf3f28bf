import { describe, expect, it } from 'vitest';
import { FLAG } from '../flags.js';
import { at, HOUR_MS, M3, meterAlarm, meterReading, meterState, T0, validationInput } from '../testing.js';
import { createValidator } from '../validator.js';

const REVERSE = FLAG.reverse_flow | FLAG.meter_backflow;

describe('reverse flow', () => {
  const validate = createValidator();
  const cases: Array<{
    name: string;
    reverseMl?: number;
    previousReverseMl?: number;
    flowLph?: number;
    backflowBit?: boolean;
    expected: number;
  }> = [
    { name: 'a negative reported flow is reverse flow', flowLph: -12, expected: FLAG.reverse_flow },
    {
      name: 'a reverse register grown by 2 L is reverse flow',
      reverseMl: 102_000,
      previousReverseMl: 100_000,
      expected: FLAG.reverse_flow,
    },
    {
      name: 'a reverse register grown by one register step is not',
      reverseMl: 101_000,
      previousReverseMl: 100_000,
      expected: 0,
    },
    { name: 'the first reverse register seen sets a baseline only', reverseMl: 500_000, expected: 0 },
    { name: 'the meter’s backflow bit flags meter_backflow', backflowBit: true, expected: FLAG.meter_backflow },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const extra: Record<string, number> = {};
      if (c.reverseMl !== undefined) extra.reverseMl = c.reverseMl;
      if (c.flowLph !== undefined) extra.flowLph = c.flowLph;
      const memory = c.previousReverseMl === undefined ? {} : { reverseMl: c.previousReverseMl };
      const out = validate(
        validationInput({
          reading: meterReading(at(HOUR_MS), 10 * M3, extra),
          state: meterState(T0, 10 * M3, memory),
          meterAlarms: c.backflowBit ? [meterAlarm('backflow', at(HOUR_MS))] : [],
        }),
      );
      expect(out.flags & REVERSE).toBe(c.expected);
    });
  }
});
