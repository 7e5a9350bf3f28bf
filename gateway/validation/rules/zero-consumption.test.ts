import { describe, expect, it } from 'vitest';
import { FLAG } from '../flags.js';
import { at, DAY_MS, M3, meterReading, meterState, validationInput } from '../testing.js';
import { createValidator } from '../validator.js';

const NOW = 100 * DAY_MS;
const REGISTER = 10 * M3;

describe('zero consumption (stopped or stuck meter)', () => {
  const validate = createValidator();
  const cases: Array<{
    name: string;
    unchangedDays: number;
    consumedMl?: number;
    accountActive?: boolean;
    meterClass?: string;
    expected: number;
  }> = [
    { name: 'a register unchanged for 29 days is not yet stuck', unchangedDays: 29, expected: 0 },
    {
      name: 'a register unchanged for 30 days on an active account is stuck',
      unchangedDays: 30,
      expected: FLAG.zero_consumption,
    },
    {
      name: 'a vacant account (no open account) is never flagged',
      unchangedDays: 60,
      accountActive: false,
      expected: 0,
    },
    { name: 'a register that moved is not stuck', unchangedDays: 60, consumedMl: 1_000, expected: 0 },
    {
      name: 'an industrial meter is stuck after 7 days',
      unchangedDays: 7,
      meterClass: 'industrial',
      expected: FLAG.zero_consumption,
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const profile: Record<string, unknown> = { expectedIntervalS: 86_400, meterClass: c.meterClass ?? 'residential' };
      if (c.accountActive !== undefined) profile.accountActive = c.accountActive;
      const out = validate(
        validationInput({
          reading: meterReading(at(NOW), REGISTER + (c.consumedMl ?? 0)),
          state: meterState(at(NOW - DAY_MS), REGISTER, {
            registerChangedAtMs: Date.parse(at(NOW - c.unchangedDays * DAY_MS)),
          }),
          profile,
        }),
      );
      expect(out.flags & FLAG.zero_consumption).toBe(c.expected);
    });
  }

  it('remembers when the register last moved', () => {
    const moved = validate(
      validationInput({
        reading: meterReading(at(NOW), REGISTER + 1_000),
        state: meterState(at(NOW - DAY_MS), REGISTER),
      }),
    );
    expect(moved.nextState?.extra.registerChangedAtMs).toBe(Date.parse(at(NOW)));
  });
});
