import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { toHex } from '../../core/hex.js';
import { decodeEdc, encodeEdc, type EdcReport } from './edc.js';
import { minolZennerEdcVectors } from './edc.vectors.js';

const example: EdcReport = {
  statusBits: 0x27,
  registerMl: 120_000,
  pulseVolumeMl: 10_000,
  meterValue2: 13,
  meterValue3: 15,
};

describe('minol-zenner EDC encoder', () => {
  it('generates the example vector byte for byte', () => {
    expect(toHex(encodeEdc(example))).toBe(minolZennerEdcVectors.vectors[0]?.hex);
  });

  it('parses its own output: the hardware-error bit gives a meter_error alarm', () => {
    const r = decodeEdc(encodeEdc({ ...example, statusBits: 0x08 }), {
      receivedAt: 'now',
      fPort: 1,
      pulseVolumeMl: 10_000,
    });
    expect(r.ok && r.alarms.map((a) => a.kind)).toEqual(['meter_error']);
  });

  it('refuses a register that is not a whole number of pulses', () => {
    expect(() => encodeEdc({ ...example, registerMl: 125_000 })).toThrow(RangeError);
  });
});

const report: fc.Arbitrary<EdcReport> = fc
  .record({
    statusBits: fc.integer({ min: 0, max: 255 }),
    pulses: fc.integer({ min: 0, max: 0xffffffff }),
    pulseVolumeMl: fc.constantFrom(1_000, 10_000, 100_000),
    meterValue2: fc.integer({ min: 0, max: 0xffffffff }),
    meterValue3: fc.integer({ min: 0, max: 0xffffffff }),
  })
  .map(({ pulses, ...rest }) => ({ ...rest, registerMl: pulses * rest.pulseVolumeMl }));

describe('properties', () => {
  it('decode(encode(report)) gives the register, status bits and the other two meter values back', () => {
    fc.assert(
      fc.property(report, (p) => {
        const r = decodeEdc(encodeEdc(p), {
          receivedAt: '2026-01-01T00:00:00.000Z',
          fPort: 1,
          pulseVolumeMl: p.pulseVolumeMl,
          meterId: 'edc',
        });
        if (!r.ok) return false;
        expect(r.readings).toEqual([
          {
            meterId: 'edc',
            time: '2026-01-01T00:00:00.000Z',
            timeFromMeter: false,
            registerMl: p.registerMl,
            statusBits: p.statusBits,
          },
        ]);
        expect(r.meta).toEqual({
          meterValue1: p.registerMl / p.pulseVolumeMl,
          meterValue2: p.meterValue2,
          meterValue3: p.meterValue3,
        });
        expect(r.alarms).toHaveLength([0, 1, 2, 3, 5].filter((b) => p.statusBits & (1 << b)).length);
        return true;
      }),
      { numRuns: 3_000 },
    );
  });
});
