import { describe, expect, it } from 'vitest';
import { FLAG } from '../flags.js';
import { at, M3, meterReading, meterState, T0, validationInput } from '../testing.js';
import { createValidator } from '../validator.js';

describe('gap', () => {
  const validate = createValidator();
  const cases: Array<{ name: string; elapsedS: number; expectedIntervalS: number; expected: number }> = [
    { name: 'twice the expected interval is no gap', elapsedS: 7_200, expectedIntervalS: 3_600, expected: 0 },
    {
      name: 'one second more than twice the expected interval is a gap',
      elapsedS: 7_201,
      expectedIntervalS: 3_600,
      expected: FLAG.gap,
    },
    {
      name: 'a daily meter silent for three days has a gap',
      elapsedS: 3 * 86_400,
      expectedIntervalS: 86_400,
      expected: FLAG.gap,
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const out = validate(
        validationInput({
          reading: meterReading(at(c.elapsedS * 1_000), 10 * M3),
          state: meterState(T0, 10 * M3),
          profile: { expectedIntervalS: c.expectedIntervalS },
        }),
      );
      expect(out.flags & FLAG.gap).toBe(c.expected);
    });
  }

  it('the first reading of a meter has no gap', () => {
    expect(createValidator()(validationInput({ reading: meterReading(T0, 0) })).flags).toBe(0);
  });
});
