import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ALL_FLAGS, FLAG, flagNames } from './flags.js';
import { at, HOUR_MS, M3, meterAlarm, meterReading, meterState, T0, validationInput } from './testing.js';
import { registerCapacityMl, typicalQ3Lph } from './thresholds.js';
import type { MeterState, ValidationInput, ValidationOutput } from './types.js';
import { createValidator } from './validator.js';

const START = 10 * M3;

/** Runs a series through the validator the way the pipeline does: state and active alarms carried along. */
function runSeries(inputs: Array<Omit<ValidationInput, 'state' | 'activeAlarmKinds'>>): ValidationOutput[] {
  const validate = createValidator();
  let state: MeterState | undefined;
  const active = new Set<string>();
  return inputs.map((input) => {
    const out = validate({ ...input, state, activeAlarmKinds: [...active] });
    for (const a of out.alarms) {
      if (a.action === 'raise') active.add(a.kind);
      else active.delete(a.kind);
    }
    state = out.nextState ?? state;
    return out;
  });
}

describe('alarm lifecycle', () => {
  const validate = createValidator();
  const leaking = (active: string[]) =>
    validate(
      validationInput({
        reading: meterReading(at(25 * HOUR_MS), START + 20_000),
        state: meterState(at(24 * HOUR_MS), START, { zeroFlowAtMs: Date.parse(T0) }),
        active,
      }),
    );

  it('raises an alarm when its condition appears, naming the rule as its source', () => {
    const out = leaking([]);
    expect(out.alarms).toEqual([
      expect.objectContaining({ action: 'raise', kind: 'leak', source: 'continuous_flow', severity: 'warning' }),
    ]);
    expect(out.alarms[0]?.detail).toMatchObject({ sinceRestMs: 25 * HOUR_MS, registerMl: START + 20_000 });
  });

  it('does not raise again while the alarm is active, and reports it still active', () => {
    const out = leaking(['leak']);
    expect(out.alarms).toEqual([]);
    expect(out.stillActive).toEqual(['leak']);
  });

  it('clears the alarm with the first reading without the condition', () => {
    const out = validate(
      validationInput({
        reading: meterReading(at(25 * HOUR_MS), START),
        state: meterState(at(24 * HOUR_MS), START),
        active: ['leak'],
      }),
    );
    expect(out.alarms).toEqual([expect.objectContaining({ action: 'clear', kind: 'leak' })]);
    expect(out.stillActive).toBeUndefined();
  });

  it('never clears on a reading that arrived out of order', () => {
    const out = validate(
      validationInput({
        reading: meterReading(at(HOUR_MS), START),
        state: meterState(at(2 * HOUR_MS), START),
        active: ['leak', 'gap'],
      }),
    );
    expect(out.flags).toBe(FLAG.out_of_order);
    expect(out.alarms).toEqual([]);
  });

  it('clears a meter-bit alarm only when the payload reported the meter’s status', () => {
    const parts = { reading: meterReading(at(HOUR_MS), START), state: meterState(T0, START), active: ['tamper'] };
    expect(validate(validationInput({ ...parts, meterStatusReported: false })).alarms).toEqual([]);
    expect(validate(validationInput(parts)).alarms).toEqual([
      expect.objectContaining({ action: 'clear', kind: 'tamper' }),
    ]);
  });

  it('raises meter conditions without a flag of their own under their own name, and clears them', () => {
    const raised = validate(
      validationInput({
        reading: meterReading(at(HOUR_MS), START),
        state: meterState(T0, START),
        meterAlarms: [meterAlarm('valve_fault', at(HOUR_MS), { detail: 'VALVE_STUCK' })],
      }),
    );
    expect(raised.flags).toBe(FLAG.meter_other);
    expect(raised.alarms).toEqual([
      expect.objectContaining({ action: 'raise', kind: 'valve_fault', source: 'meter_other' }),
    ]);
    expect(raised.alarms[0]?.detail?.meterDetail).toBe('VALVE_STUCK');
    const cleared = validate(
      validationInput({
        reading: meterReading(at(2 * HOUR_MS), START),
        state: meterState(at(HOUR_MS), START),
        active: ['valve_fault'],
      }),
    );
    expect(cleared.alarms).toEqual([expect.objectContaining({ action: 'clear', kind: 'valve_fault' })]);
  });

  it('raises a conflict for a duplicate time with a different value, and keeps the old state', () => {
    const out = validate(validationInput({ reading: meterReading(T0, START + 5_000), state: meterState(T0, START) }));
    expect(out.alarms).toEqual([
      expect.objectContaining({ action: 'raise', kind: 'conflict', source: 'duplicate_conflict' }),
    ]);
    expect(out.alarms[0]?.detail).toMatchObject({ storedRegisterMl: START, registerMl: START + 5_000 });
    expect(out.nextState).toBeUndefined();
  });

  it('over a leak episode raises once and clears once', () => {
    const series = [];
    let register = START;
    for (let h = 0; h <= 40; h++) {
      register += h >= 30 ? 0 : 5_000; // flows for 30 h, then rests
      series.push({
        reading: meterReading(at(h * HOUR_MS), register),
        receivedAt: at(h * HOUR_MS),
        profile: validationInput({ reading: meterReading(T0, 0) }).profile,
        meterAlarms: [],
      });
    }
    const outs = runSeries(series);
    const changes = outs.flatMap((o, i) => o.alarms.map((a) => `${i}:${a.action}:${a.kind}`));
    expect(changes).toEqual(['24:raise:leak', '30:clear:leak']);
  });
});

describe('properties', () => {
  const DIAMETERS = [15, 20, 25, 40] as const;

  it('a monotone series within physical limits (and resting at least daily) raises no flag', () => {
    const series = fc
      .record({
        diameterMm: fc.constantFrom(...DIAMETERS),
        baseShare: fc.double({ min: 0.0005, max: 1, noNaN: true }),
        startMl: fc.integer({ min: 0, max: 5e10 }),
        steps: fc.array(
          fc.record({
            elapsedS: fc.integer({ min: 60, max: 7_200 }),
            rateMul: fc.double({ min: 1, max: 4, noNaN: true }),
            latencyMs: fc.integer({ min: 0, max: 60_000 }),
            flowShare: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: undefined }),
          }),
          { minLength: 1, maxLength: 120 },
        ),
      })
      .map((s) => {
        const q4Lph = typicalQ3Lph(s.diameterMm) * 1.25;
        const baseLph = (s.baseShare * q4Lph) / 4.5;
        let timeMs = Date.parse(T0);
        let register = s.startMl;
        const inputs = s.steps.map((step, i) => {
          if (i > 0) {
            timeMs += step.elapsedS * 1_000;
            const rest = i % 10 === 9;
            register += rest ? 0 : Math.floor((baseLph * step.rateMul * step.elapsedS * 1_000) / 3_600);
          }
          const time = new Date(timeMs).toISOString();
          const reading = meterReading(
            time,
            register,
            step.flowShare === undefined ? {} : { flowLph: step.flowShare * q4Lph },
          );
          return {
            reading,
            receivedAt: new Date(timeMs + step.latencyMs).toISOString(),
            profile: validationInput({ reading, profile: { diameterMm: s.diameterMm } }).profile,
            meterAlarms: [],
          };
        });
        return inputs;
      });
    fc.assert(
      fc.property(series, (inputs) => {
        const outs = runSeries(inputs);
        for (const [i, out] of outs.entries()) {
          if (out.flags !== 0) throw new Error(`reading ${i} flagged ${flagNames(out.flags).join(',')}`);
          if (out.alarms.length !== 0) return false;
        }
        return true;
      }),
      { numRuns: 300 },
    );
  });

  it('a flagged backwards step always has a later register below an earlier one and no plausible rollover', () => {
    const validate = createValidator();
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 9 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.integer({ min: 1, max: 30 * 86_400_000 }),
        fc.constantFrom(15, 20, 25, 50, 100),
        (digits, a, b, elapsedMs, diameterMm) => {
          const capacity = registerCapacityMl(digits);
          const previous = Math.floor(a * capacity);
          const register = Math.floor(b * capacity);
          const out = validate(
            validationInput({
              reading: meterReading(at(elapsedMs), register),
              state: meterState(T0, previous),
              profile: { registerDigits: digits, diameterMm },
            }),
          );
          const q4Lph = typicalQ3Lph(diameterMm) * 1.25;
          const plausibleRollover =
            register < previous &&
            previous < capacity &&
            capacity - previous + register - 1_000 <= (q4Lph * elapsedMs) / 3_600;
          const backwards = (out.flags & FLAG.register_backwards) !== 0;
          const rollover = (out.flags & FLAG.register_rollover) !== 0;
          if (backwards && !(register < previous && !plausibleRollover)) return false;
          if (rollover && !plausibleRollover) return false;
          // and conversely: every implausible drop is flagged
          return register < previous ? backwards !== rollover : !backwards && !rollover;
        },
      ),
      { numRuns: 5_000 },
    );
  });

  it('never throws and sets only named flags, whatever the input', () => {
    const validate = createValidator();
    const isoOrJunk = fc.oneof(
      fc.integer({ min: 0, max: 4_102_444_800_000 }).map((ms) => new Date(ms).toISOString()),
      fc.string(),
    );
    fc.assert(
      fc.property(
        isoOrJunk,
        isoOrJunk,
        fc.option(fc.record({ t: isoOrJunk, r: fc.integer({ min: -1e12, max: 1e15 }) }), { nil: undefined }),
        fc.integer({ min: -1e12, max: 1e15 }),
        fc.option(fc.double(), { nil: undefined }),
        fc.integer({ min: 1, max: 12 }),
        (time, receivedAt, previous, registerMl, flowLph, registerDigits) => {
          const reading = meterReading(time, registerMl, flowLph === undefined ? {} : { flowLph });
          const out = validate(
            validationInput({
              reading,
              receivedAt,
              state: previous === undefined ? undefined : meterState(previous.t, previous.r),
              profile: { registerDigits },
              meterAlarms: [meterAlarm('tamper', time)],
              active: ['leak', 'valve_fault'],
            }),
          );
          return (out.flags & ~ALL_FLAGS) === 0;
        },
      ),
      { numRuns: 5_000 },
    );
  });
});
