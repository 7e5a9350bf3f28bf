import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeAdeunisPulse, encodePulseChannelA } from './pulse.js';

describe('adeunis pulse', () => {
  it('warns when no pulse weight is configured and assumes 1 L per pulse', () => {
    const r = decodeAdeunisPulse(encodePulseChannelA(7, 1_700_000_000), {
      receivedAt: '2026-01-01T00:00:00.000Z',
      fPort: 1,
    });
    expect(r.ok && r.readings[0]?.registerMl).toBe(7_000);
    expect(r.ok && r.warnings.some((w) => w.includes('pulse weight'))).toBe(true);
  });
});

describe('properties', () => {
  it('decode(encode(count)) gives count × pulse weight at the frame time', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 0xffffffff }),
        fc.integer({ min: 1_356_998_400, max: 1_356_998_400 + 0xffffffff }),
        fc.integer({ min: 1, max: 100_000 }),
        (pulses, unix, weight) => {
          const r = decodeAdeunisPulse(encodePulseChannelA(pulses, unix), {
            receivedAt: 'x',
            fPort: 1,
            pulseVolumeMl: weight,
            meterId: 'p',
          });
          return (
            r.ok &&
            r.readings[0]?.registerMl === pulses * weight &&
            r.readings[0].time === new Date(unix * 1000).toISOString()
          );
        },
      ),
      { numRuns: 3_000 },
    );
  });
});
