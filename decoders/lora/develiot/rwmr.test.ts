import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { toHex } from '../../core/hex.js';
import { decodeRwmr, encodeRwmr, type RwmrStatus } from './rwmr.js';
import { develiotRwmrVectors } from './rwmr.vectors.js';

const ctx = { receivedAt: '2026-01-01T00:00:00.000Z', fPort: 12, meterId: 'rwmr' };
const example: RwmrStatus = {
  firmwareVersion: 1,
  services: 0x05,
  registerMl: 32_000,
  register2Ml: 0,
  pulseVolumeMl: 1_000,
  batteryV: 2.74,
  temperatureC: 24.35,
};

describe('develiot RWMR encoder', () => {
  it('generates the temperature-and-counter-1 vector byte for byte', () => {
    expect(toHex(encodeRwmr(example))).toBe(develiotRwmrVectors.vectors[0]?.hex);
  });

  it('parses its own output with both counters as two meters and no temperature service', () => {
    const r = decodeRwmr(encodeRwmr({ ...example, services: 0x03, register2Ml: 5_000 }), {
      ...ctx,
      pulseVolumeMl: 1_000,
    });
    expect(r.ok && r.readings.map((x) => [x.meterId, x.registerMl, x.ambientTemperatureC])).toEqual([
      ['rwmr', 32_000, undefined],
      ['rwmr/2', 5_000, undefined],
    ]);
  });

  it('refuses a battery voltage or temperature the device cannot send', () => {
    expect(() => encodeRwmr({ ...example, batteryV: 2.75 })).toThrow(RangeError);
    expect(() => encodeRwmr({ ...example, temperatureC: 100 })).toThrow(RangeError);
  });
});

const status: fc.Arbitrary<RwmrStatus> = fc
  .record({
    firmwareVersion: fc.integer({ min: 0, max: 15 }),
    services: fc.integer({ min: 0, max: 15 }),
    pulses1: fc.integer({ min: 0, max: 0xffffffff }),
    pulses2: fc.integer({ min: 0, max: 0xffffffff }),
    pulseVolumeMl: fc.constantFrom(1, 100, 1_000, 10_000),
    battery: fc.integer({ min: 0, max: 255 }),
    temperature: fc.integer({ min: 0, max: 255 }),
  })
  .map(({ pulses1, pulses2, battery, temperature, ...rest }) => ({
    ...rest,
    registerMl: pulses1 * rest.pulseVolumeMl,
    register2Ml: pulses2 * rest.pulseVolumeMl,
    batteryV: Math.round(((battery * 3.3) / 255) * 100) / 100,
    temperatureC: Math.round(((temperature * 90) / 255 - 30) * 100) / 100,
  }));

describe('properties', () => {
  it('decode(encode(status)) gives the registers of the enabled counters, battery and temperature back', () => {
    fc.assert(
      fc.property(status, (s) => {
        const r = decodeRwmr(encodeRwmr(s), { ...ctx, pulseVolumeMl: s.pulseVolumeMl });
        if (!r.ok) return false;
        const withTemp = (x: object) => (s.services & 0x04 ? { ...x, ambientTemperatureC: s.temperatureC } : x);
        const expected = [
          ...(s.services & 0x01 ? [withTemp({ meterId: 'rwmr', registerMl: s.registerMl, batteryV: s.batteryV })] : []),
          ...(s.services & 0x02
            ? [withTemp({ meterId: 'rwmr/2', registerMl: s.register2Ml, batteryV: s.batteryV })]
            : []),
        ];
        expect(
          r.readings.map(({ meterId, registerMl, batteryV, ambientTemperatureC }) => ({
            meterId,
            registerMl,
            batteryV,
            ...(ambientTemperatureC === undefined ? {} : { ambientTemperatureC }),
          })),
        ).toEqual(expected);
        expect(r.meta).toMatchObject({
          firmwareVersion: s.firmwareVersion,
          services: s.services,
          batteryV: s.batteryV,
          temperatureC: s.temperatureC,
        });
        return true;
      }),
      { numRuns: 3_000 },
    );
  });
});
