import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { toHex } from '../../core/hex.js';
import { decodeTxPulse, encodeTxPulse, type TxPulseReport } from './tx-pulse-600.js';
import { enlessTxPulseVectors } from './tx-pulse-600.vectors.js';

const example: TxPulseReport = {
  enlessId: 149,
  type: 0x08,
  sequence: 49,
  firmware: 17,
  registerMl: 1_000,
  pulseVolumeMl: 1_000,
  pulsesCh2: 1,
  pulsesOc: 0,
  statusBits: 0,
  batteryPercent: 100,
  alarmMessage: false,
  debounceMask: 0x07,
};

describe('enless TX Pulse 600 encoder', () => {
  it('generates the 600-036 vector byte for byte', () => {
    expect(toHex(encodeTxPulse(example))).toBe(enlessTxPulseVectors.vectors[0]?.hex);
  });

  it('parses its own output: high flow and leak alarms per channel, low flow as a warning', () => {
    const r = decodeTxPulse(encodeTxPulse({ ...example, statusBits: 0x0141, batteryPercent: 25 }), {
      receivedAt: 'now',
      pulseVolumeMl: 1_000,
    });
    expect(r.ok && r.alarms.map((a) => `${a.kind} ${a.detail ?? ''}`)).toEqual([
      'burst ch1: high flow',
      'leak ch1: leak',
    ]);
    expect(r.ok && r.warnings).toEqual(['oc: low flow alarm']);
    expect(r.ok && r.readings[0]?.batteryPercent).toBe(25);
  });

  it('refuses a device type that is not a pulse transmitter and a battery level it does not send', () => {
    expect(() => encodeTxPulse({ ...example, type: 0x01 })).toThrow(RangeError);
    expect(() => encodeTxPulse({ ...example, batteryPercent: 60 as TxPulseReport['batteryPercent'] })).toThrow(
      RangeError,
    );
  });
});

const report: fc.Arbitrary<TxPulseReport> = fc
  .record({
    enlessId: fc.integer({ min: 0, max: 0xffffff }),
    type: fc.constantFrom(0x08, 0x09, 0x0a, 0x0b),
    sequence: fc.integer({ min: 0, max: 255 }),
    firmware: fc.integer({ min: 0, max: 63 }),
    pulses: fc.integer({ min: 0, max: 0xffffffff }),
    pulseVolumeMl: fc.constantFrom(1, 10, 1_000),
    pulsesCh2: fc.integer({ min: 0, max: 0xffffffff }),
    pulsesOc: fc.integer({ min: 0, max: 0xffffffff }),
    statusBits: fc.integer({ min: 0, max: 0xffff }),
    batteryPercent: fc.constantFrom(100 as const, 75 as const, 50 as const, 25 as const),
    alarmMessage: fc.boolean(),
    debounceMask: fc.integer({ min: 0, max: 7 }),
  })
  .map(({ pulses, ...rest }) => ({ ...rest, registerMl: pulses * rest.pulseVolumeMl }));

describe('properties', () => {
  it('decode(encode(report)) gives the register, battery, alarm word and header fields back', () => {
    fc.assert(
      fc.property(report, (p) => {
        const r = decodeTxPulse(encodeTxPulse(p), {
          receivedAt: '2026-01-01T00:00:00.000Z',
          pulseVolumeMl: p.pulseVolumeMl,
        });
        if (!r.ok) return false;
        const meterId = p.enlessId.toString(16).padStart(6, '0');
        expect(r.readings).toEqual([
          {
            meterId,
            time: '2026-01-01T00:00:00.000Z',
            timeFromMeter: false,
            registerMl: p.registerMl,
            batteryPercent: p.batteryPercent,
            statusBits: p.statusBits,
          },
        ]);
        expect(r.meta).toEqual({
          enlessId: p.enlessId,
          type: p.type,
          sequence: p.sequence,
          firmware: p.firmware,
          pulsesCh1: p.registerMl / p.pulseVolumeMl,
          pulsesCh2: p.pulsesCh2,
          pulsesOc: p.pulsesOc,
          alarmMessage: p.alarmMessage,
        });
        expect(r.alarms).toHaveLength([0, 1, 2, 8, 9, 10].filter((b) => p.statusBits & (1 << b)).length);
        return true;
      }),
      { numRuns: 3_000 },
    );
  });
});
