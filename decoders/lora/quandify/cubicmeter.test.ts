import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeCubicmeter, encodeStatusReport, type CubicmeterStatus } from './cubicmeter.js';

const ctx = { receivedAt: '2026-01-01T00:00:00.000Z', fPort: 1, meterId: 'qm-1' };

const status: fc.Arbitrary<CubicmeterStatus> = fc.record({
  errorCode: fc.constantFrom(0, 384, 419),
  isSensing: fc.boolean(),
  totalLitres: fc.integer({ min: 0, max: 0xffffffff }),
  leakState: fc.integer({ min: 0, max: 4 }),
  batteryActiveMv: fc.integer({ min: 0, max: 255 }).map((x) => 1800 + 8 * x),
  batteryRecoveredMv: fc.integer({ min: 0, max: 255 }).map((x) => 1800 + 8 * x),
  waterTemperatureMinC: fc.integer({ min: 0, max: 255 }).map((x) => x / 2 - 20),
  waterTemperatureMaxC: fc.integer({ min: 0, max: 255 }).map((x) => x / 2 - 20),
  ambientTemperatureC: fc.integer({ min: 0, max: 255 }).map((x) => x / 2 - 20),
});

describe('quandify cubicmeter', () => {
  it('raises leak, backflow, dry-pipe and low-battery alarms from the status report', () => {
    const bytes = encodeStatusReport({
      errorCode: 384,
      isSensing: false,
      totalLitres: 1,
      leakState: 4,
      batteryActiveMv: 3000,
      batteryRecoveredMv: 3096,
      waterTemperatureMinC: 10,
      waterTemperatureMaxC: 11,
      ambientTemperatureC: 12,
    });
    const r = decodeCubicmeter(bytes, ctx);
    expect(r.ok && r.alarms.map((a) => a.kind).sort()).toEqual(['backflow', 'dry_pipe', 'leak', 'low_battery']);
  });
});

describe('properties', () => {
  it('decode(encode(status)) gives the register, temperatures and battery back', () => {
    fc.assert(
      fc.property(status, (s) => {
        const r = decodeCubicmeter(encodeStatusReport(s), ctx);
        if (!r.ok) return false;
        const reading = r.readings[0];
        return (
          reading?.registerMl === s.totalLitres * 1000 &&
          reading.ambientTemperatureC === s.ambientTemperatureC &&
          reading.batteryV === s.batteryRecoveredMv / 1000 &&
          r.meta.waterTemperatureMinC === s.waterTemperatureMinC &&
          r.meta.waterTemperatureMaxC === s.waterTemperatureMaxC &&
          r.meta.leakState === s.leakState &&
          r.alarms.some((a) => a.kind === 'dry_pipe') === !s.isSensing
        );
      }),
      { numRuns: 5_000 },
    );
  });
});
