import { describe, expect, it } from 'vitest';
import { FLAG } from '../flags.js';
import { at, DAY_MS, HOUR_MS, M3, meterAlarm, meterReading, meterState, validationInput } from '../testing.js';
import { createValidator } from '../validator.js';

const LEAK = FLAG.continuous_flow | FLAG.meter_leak;
const NOW = 10 * DAY_MS;
const START = 10 * M3;

describe('continuous flow (leak) and burst', () => {
  const validate = createValidator();
  const cases: Array<{
    name: string;
    restAgoMs: number;
    elapsedMs?: number;
    consumedMl?: number;
    flowLph?: number;
    meterClass?: string;
    expected: number;
  }> = [
    { name: 'flow for 23 h since the last rest is not yet a leak', restAgoMs: 23 * HOUR_MS, expected: 0 },
    {
      name: 'flow for exactly 24 h without a rest is continuous flow',
      restAgoMs: 24 * HOUR_MS,
      expected: FLAG.continuous_flow,
    },
    { name: 'a reported zero flow is a rest', restAgoMs: 30 * HOUR_MS, flowLph: 0, expected: 0 },
    { name: 'an unchanged register is a rest', restAgoMs: 30 * HOUR_MS, consumedMl: 0, expected: 0 },
    {
      name: 'an interval longer than an hour could hide a rest',
      restAgoMs: 30 * HOUR_MS,
      elapsedMs: 2 * HOUR_MS,
      expected: 0,
    },
    {
      name: 'bulk meters (water always flows) never flag continuous flow',
      restAgoMs: 30 * HOUR_MS,
      meterClass: 'bulk',
      expected: 0,
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const elapsed = c.elapsedMs ?? HOUR_MS;
      const extra = c.flowLph === undefined ? {} : { flowLph: c.flowLph };
      const out = validate(
        validationInput({
          reading: meterReading(at(NOW), START + (c.consumedMl ?? 10_000), extra),
          state: meterState(at(NOW - elapsed), START, { zeroFlowAtMs: Date.parse(at(NOW - c.restAgoMs)) }),
          profile: { meterClass: c.meterClass ?? 'residential' },
        }),
      );
      expect(out.flags & LEAK).toBe(c.expected);
    });
  }

  it('a rest moves the leak clock to the reading’s time', () => {
    const out = validate(
      validationInput({
        reading: meterReading(at(NOW), START),
        state: meterState(at(NOW - HOUR_MS), START, { zeroFlowAtMs: Date.parse(at(NOW - 30 * HOUR_MS)) }),
      }),
    );
    expect(out.nextState?.extra.zeroFlowAtMs).toBe(Date.parse(at(NOW)));
  });

  it('the meter’s leak bit flags meter_leak; its burst bit flags burst', () => {
    const out = validate(
      validationInput({
        reading: meterReading(at(NOW), START),
        state: meterState(at(NOW - HOUR_MS), START),
        meterAlarms: [meterAlarm('leak', at(NOW)), meterAlarm('burst', at(NOW))],
      }),
    );
    expect(out.flags & (LEAK | FLAG.burst)).toBe(FLAG.meter_leak | FLAG.burst);
  });
});
