import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeSw3l, encodeSw3lReport, pulsesPerLitre } from './sw3l.js';

const ctx = { receivedAt: '2026-01-01T00:00:00.000Z', fPort: 2, meterId: 'sw3l' };

describe('dragino sw3l', () => {
  it('rounds the register half up to whole millilitres (1 pulse at 450/L = 2.22 mL → 2 mL)', () => {
    const r = decodeSw3l(encodeSw3lReport({ calculateFlag: 0, alarm: false, pulses: 1, unixTime: 1 }), ctx);
    expect(r.ok && r.readings[0]?.registerMl).toBe(2);
  });

  it('keeps no register for MOD 1 (pulses since the last uplink)', () => {
    const bytes = encodeSw3lReport({ calculateFlag: 0, alarm: false, pulses: 10, unixTime: 1 });
    bytes[5] = 1;
    const r = decodeSw3l(bytes, ctx);
    expect(r.ok && r.readings).toEqual([]);
  });
});

describe('properties', () => {
  it('decode(encode(report)) gives pulses × 1000 / pulses-per-litre, rounded, at the report time', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(0, 1, 2),
        fc.boolean(),
        fc.integer({ min: 0, max: 0xffffffff }),
        fc.integer({ min: 1, max: 0xffffffff }),
        (flag, alarm, pulses, unixTime) => {
          const r = decodeSw3l(encodeSw3lReport({ calculateFlag: flag, alarm, pulses, unixTime }), ctx);
          if (!r.ok) return false;
          const ml = r.readings[0]?.registerMl ?? -1;
          const exact = (pulses * 1000) / pulsesPerLitre(flag);
          return (
            Math.abs(ml - exact) <= 0.5 &&
            r.readings[0]?.time === new Date(unixTime * 1000).toISOString() &&
            r.alarms.length === (alarm ? 1 : 0)
          );
        },
      ),
      { numRuns: 3_000 },
    );
  });
});
