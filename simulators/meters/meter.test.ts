import { describe, expect, it } from 'vitest';
import { testFleet } from '../testing/fleets.js';
import { Calendar, DAY_MS, HOUR_MS } from './calendar.js';
import { SimulatedMeter, type RegisterDirection } from './meter.js';
import { SLOT_CAP_Q3_SHARE } from './profiles.js';
import type { MeterSpec } from './types.js';

const calendar = new Calendar('Asia/Shanghai');

function meterOf(spec: MeterSpec, startMs: number, direction: RegisterDirection = 'forward-only'): SimulatedMeter {
  return new SimulatedMeter(spec, startMs, 1, 'meter-test', HOUR_MS, calendar, direction);
}

function hourly(spec: MeterSpec, startMs: number, days: number, direction: RegisterDirection = 'forward-only') {
  const meter = meterOf(spec, startMs, direction);
  return Array.from({ length: days * 24 + 1 }, (_, h) => meter.sampleAt(startMs + h * HOUR_MS));
}

describe('SimulatedMeter', () => {
  const fleet = testFleet({ meters: 40, commercialShare: 0.25 });
  const start = fleet.options.startMs;

  it('counts whole millilitres and never runs backwards without a fault', () => {
    for (const spec of fleet.meters) {
      const samples = hourly(spec, start, 7);
      for (let i = 1; i < samples.length; i++) {
        expect(Number.isSafeInteger(samples[i]!.registerMl)).toBe(true);
        expect(samples[i]!.registerMl).toBeGreaterThanOrEqual(samples[i - 1]!.registerMl);
      }
      expect(samples[0]!.registerMl).toBe(spec.initialRegisterMl);
    }
  });

  it("uses about the premises' daily volume (household size, seasonal and weekday factors)", () => {
    for (const spec of fleet.meters.filter((m) => m.meterClass === 'residential')) {
      const samples = hourly(spec, start, 28);
      const perDayL = (samples.at(-1)!.registerMl - samples[0]!.registerMl) / 28 / 1000;
      expect(perDayL).toBeGreaterThan(spec.dailyLitres * 0.75);
      expect(perDayL).toBeLessThan(spec.dailyLitres * 1.25);
    }
  });

  it('has a quiet stretch every night and stays under the slot cap every hour', () => {
    for (const spec of fleet.meters) {
      const samples = hourly(spec, start, 10);
      const capMl = SLOT_CAP_Q3_SHARE * spec.q3Lph * 1000;
      const zeroHoursByDay = new Map<string, number>();
      for (let i = 1; i < samples.length; i++) {
        const used = samples[i]!.registerMl - samples[i - 1]!.registerMl;
        expect(used).toBeLessThanOrEqual(capMl);
        const info = calendar.at(samples[i - 1]!.timeMs);
        if (used === 0 && info.hour <= 5) zeroHoursByDay.set(info.date, (zeroHoursByDay.get(info.date) ?? 0) + 1);
      }
      for (const [, zero] of zeroHoursByDay) expect(zero).toBeGreaterThanOrEqual(2);
      expect(zeroHoursByDay.size).toBe(10);
    }
  });

  it('adds a leak at its flow for as long as it lasts', () => {
    const spec = {
      ...fleet.meters[0]!,
      fault: {
        kind: 'leak' as const,
        startMs: start + 5 * HOUR_MS,
        endMs: start + 29 * HOUR_MS,
        flowLph: 12,
        requested: true,
      },
    };
    const clean = hourly(fleet.meters[0]!, start, 2);
    const leaking = hourly(spec, start, 2);
    expect(leaking.at(-1)!.registerMl - clean.at(-1)!.registerMl).toBe(24 * 12 * 1000);
    expect(leaking[6]!.flowLph).toBeGreaterThanOrEqual(12);
    expect(leaking[6]!.sensed.leak).toBe(true);
    expect(leaking[30]!.sensed.leak).toBe(false);
  });

  it('freezes a stuck register and reports no flow', () => {
    const spec = {
      ...fleet.meters[1]!,
      fault: { kind: 'stuck' as const, startMs: start + 3 * HOUR_MS, endMs: start + 2 * DAY_MS, requested: true },
    };
    const samples = hourly(spec, start, 2);
    for (const s of samples.slice(3)) {
      expect(s.registerMl).toBe(samples[3]!.registerMl);
      expect(s.flowLph).toBe(0);
    }
  });

  it('turns a mechanical register back under reverse flow, and only reports it on an ultrasonic one', () => {
    const fault = {
      kind: 'reverse' as const,
      startMs: start + 10 * HOUR_MS,
      endMs: start + 13 * HOUR_MS,
      flowLph: 200,
      requested: true,
    };
    const spec = { ...fleet.meters[2]!, fault };
    const mechanical = hourly(spec, start, 1, 'bidirectional');
    expect(mechanical[13]!.registerMl).toBe(mechanical[10]!.registerMl - 3 * 200 * 1000);
    const ultrasonic = hourly(spec, start, 1, 'forward-only');
    expect(ultrasonic[13]!.registerMl).toBe(ultrasonic[10]!.registerMl);
    expect(ultrasonic[11]!.flowLph).toBe(-200);
    expect(ultrasonic[11]!.sensed.reverse).toBe(true);
  });

  it('lets a drifting clock fall behind by its rate', () => {
    const spec = {
      ...fleet.meters[3]!,
      fault: {
        kind: 'drift' as const,
        startMs: start + 2 * HOUR_MS,
        endMs: start + DAY_MS,
        driftSPerHour: 90,
        requested: true,
      },
    };
    const samples = hourly(spec, start, 1);
    expect(samples[2]!.timeMs - samples[2]!.meterClockMs).toBe(0);
    expect(samples[12]!.timeMs - samples[12]!.meterClockMs).toBe(10 * 90 * 1000);
  });

  it('wraps the register at its capacity', () => {
    const capacity = 10 ** 11;
    const spec = { ...fleet.meters[4]!, initialRegisterMl: capacity - 5_000 };
    const samples = hourly(spec, start, 2);
    expect(samples.some((s, i) => i > 0 && s.registerMl < samples[i - 1]!.registerMl)).toBe(true);
    expect(samples.every((s) => s.registerMl < capacity)).toBe(true);
  });
});
