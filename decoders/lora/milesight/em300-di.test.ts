import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { toHex } from '../../core/hex.js';
import { decodeEm300Di, encodeEm300Di, type Em300DiUplink } from './em300-di.js';
import { milesightEm300DiVectors } from './em300-di.vectors.js';

const ctx = { receivedAt: '2026-01-01T00:00:00.000Z', fPort: 85, meterId: 'em300' };

describe('milesight EM300-DI encoder', () => {
  it('generates the pulse counter vector byte for byte', () => {
    expect(toHex(encodeEm300Di({ batteryPercent: 92, registerMl: 2_560_000, pulseVolumeMl: 10_000 }))).toBe(
      milesightEm300DiVectors.vectors[0]?.hex,
    );
  });

  it('parses its own history records as interval values at their own times', () => {
    const bytes = encodeEm300Di({
      pulseVolumeMl: 1_000,
      history: [{ time: '2025-01-01T00:00:00.000Z', registerMl: 5_000 }],
    });
    const r = decodeEm300Di(bytes, { ...ctx, pulseVolumeMl: 1_000 });
    expect(r.ok && r.history).toEqual([
      { meterId: 'em300', time: '2025-01-01T00:00:00.000Z', registerMl: 5_000, kind: 'interval' },
    ]);
    expect(r.ok && r.readings).toEqual([]);
  });

  it('refuses a temperature finer than a tenth of a degree and a history time with milliseconds', () => {
    expect(() => encodeEm300Di({ pulseVolumeMl: 1, temperatureC: 20.05 })).toThrow(RangeError);
    expect(() =>
      encodeEm300Di({ pulseVolumeMl: 1, history: [{ time: '2025-01-01T00:00:00.500Z', registerMl: 0 }] }),
    ).toThrow(RangeError);
  });
});

const opt = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });
const uplink: fc.Arbitrary<Em300DiUplink> = fc
  .record({
    batteryPercent: opt(fc.integer({ min: 0, max: 100 })),
    temperatureC: opt(fc.integer({ min: -32768, max: 32767 }).map((x) => x / 10)),
    humidityPercent: opt(fc.integer({ min: 0, max: 255 }).map((x) => x / 2)),
    gpio: opt(fc.integer({ min: 0, max: 1 })),
    pulses: opt(fc.integer({ min: 0, max: 0xffffffff })),
    pulseVolumeMl: fc.constantFrom(1, 10, 1_000, 10_000),
    history: fc.array(
      fc.record({ unix: fc.integer({ min: 0, max: 0xffffffff }), pulses: fc.integer({ min: 0, max: 0xffffffff }) }),
      { maxLength: 5 },
    ),
  })
  .map(({ pulses, history, ...rest }) => ({
    ...rest,
    registerMl: pulses === undefined ? undefined : pulses * rest.pulseVolumeMl,
    history: history.map((h) => ({
      time: new Date(h.unix * 1000).toISOString(),
      registerMl: h.pulses * rest.pulseVolumeMl,
    })),
  }));

describe('properties', () => {
  it('decode(encode(uplink)) gives the register, battery, temperature, humidity, GPIO and history back', () => {
    fc.assert(
      fc.property(uplink, (u) => {
        const r = decodeEm300Di(encodeEm300Di(u), { ...ctx, pulseVolumeMl: u.pulseVolumeMl });
        if (!r.ok) return false;
        const defined = (o: Record<string, unknown>) =>
          Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
        if (u.registerMl === undefined) {
          expect(r.readings).toEqual([]);
          expect(r.meta).toEqual(
            defined({
              batteryPercent: u.batteryPercent,
              temperatureC: u.temperatureC,
              humidityPercent: u.humidityPercent,
              gpio: u.gpio,
            }),
          );
        } else {
          expect(r.readings).toEqual([
            {
              meterId: 'em300',
              time: ctx.receivedAt,
              timeFromMeter: false,
              registerMl: u.registerMl,
              ...defined({ batteryPercent: u.batteryPercent, ambientTemperatureC: u.temperatureC }),
            },
          ]);
          expect(r.meta).toEqual(
            defined({ humidityPercent: u.humidityPercent, gpio: u.gpio, pulses: u.registerMl / u.pulseVolumeMl }),
          );
        }
        expect(r.history).toEqual((u.history ?? []).map((h) => ({ meterId: 'em300', kind: 'interval', ...h })));
        return true;
      }),
      { numRuns: 3_000 },
    );
  });
});
