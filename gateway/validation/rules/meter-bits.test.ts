import { describe, expect, it } from 'vitest';
import type { AlarmKind } from '../../../decoders/core/types.js';
import { FLAG } from '../flags.js';
import { at, HOUR_MS, M3, meterAlarm, meterReading, meterState, T0, validationInput } from '../testing.js';
import { createValidator } from '../validator.js';

describe('meter alarm bits', () => {
  const validate = createValidator();
  const cases: Array<[AlarmKind, number]> = [
    ['tamper', FLAG.tamper],
    ['magnet', FLAG.magnet],
    ['removal', FLAG.removal],
    ['low_battery', FLAG.low_battery],
    ['dry_pipe', FLAG.dry_pipe],
    ['meter_error', FLAG.meter_error],
    ['sensor_fault', FLAG.meter_error],
    ['burst', FLAG.burst],
    ['leak', FLAG.meter_leak],
    ['backflow', FLAG.meter_backflow],
    ['valve_fault', FLAG.meter_other],
    ['over_temperature', FLAG.meter_other],
  ];
  for (const [kind, flag] of cases) {
    it(`the meter’s ${kind} bit sets its flag`, () => {
      const out = validate(
        validationInput({
          reading: meterReading(at(HOUR_MS), 10 * M3),
          state: meterState(T0, 10 * M3),
          meterAlarms: [meterAlarm(kind, at(HOUR_MS))],
        }),
      );
      expect(out.flags).toBe(flag);
    });
  }

  it('a historic alarm (present earlier, no longer) sets no flag', () => {
    const out = validate(
      validationInput({
        reading: meterReading(at(HOUR_MS), 10 * M3),
        state: meterState(T0, 10 * M3),
        meterAlarms: [meterAlarm('tamper', at(HOUR_MS), { historic: true })],
      }),
    );
    expect(out.flags).toBe(0);
  });

  it('an alarm of another meter in the same payload sets no flag on this one', () => {
    const out = validate(
      validationInput({
        reading: meterReading(at(HOUR_MS), 10 * M3),
        state: meterState(T0, 10 * M3),
        meterAlarms: [meterAlarm('tamper', at(HOUR_MS), { meterId: 'M2' })],
      }),
    );
    expect(out.flags).toBe(0);
  });
});
