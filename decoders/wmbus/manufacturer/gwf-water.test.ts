import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gwfWater } from './gwf-water.js';
import { addressArbitrary, contextArbitrary, NEVER_THROW_RUNS, TEST_CONTEXT } from './test-support.js';

const decode = gwfWater.decodeDataBlock!;
const ADDRESS = { manufacturer: 'GWF', id: '19680750', version: 0x3c, deviceType: 0x07 };

describe('gwf-water', () => {
  it('returns DECODE_TRUNCATED for an empty block and for a type-1 block without its two bytes', () => {
    const empty = decode(ADDRESS, new Uint8Array(0), TEST_CONTEXT);
    expect(empty.ok ? 'ok' : empty.error.code).toBe('DECODE_TRUNCATED');
    const short = decode(ADDRESS, Uint8Array.of(0x01, 0x00), TEST_CONTEXT);
    expect(short.ok ? 'ok' : short.error.code).toBe('DECODE_TRUNCATED');
  });

  it('names each status flag as an alarm and unnamed bits as one meter_error', () => {
    const r = decode(ADDRESS, Uint8Array.of(0x01, 0x4a | 0x81, 0x00), TEST_CONTEXT);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.values.alarms).toEqual([
      { kind: 'leak', detail: 'CONTINUOUS_FLOW' },
      { kind: 'burst', detail: 'BROKEN_PIPE' },
      { kind: 'backflow', detail: 'BACKFLOW' },
      { kind: 'meter_error', detail: 'MFCT_STATUS_81' },
    ]);
    expect(r.values.meta.powerMode).toBe('NORMAL');
  });

  describe('properties', () => {
    it('never throws on arbitrary blocks', () => {
      fc.assert(
        fc.property(
          addressArbitrary(gwfWater.detect.mvt),
          fc.uint8Array({ maxLength: 16 }),
          contextArbitrary,
          (address, b, ctx) => {
            expect(typeof decode(address, b, ctx).ok).toBe('boolean');
          },
        ),
        { numRuns: NEVER_THROW_RUNS },
      );
    });

    it('a block of any type but 1 raises exactly one meter_error naming the type and no register', () => {
      fc.assert(
        fc.property(
          fc.integer({ min: 0, max: 255 }).filter((t) => t !== 1),
          fc.uint8Array({ maxLength: 8 }),
          (type, rest) => {
            const r = decode(ADDRESS, Uint8Array.of(type, ...rest), TEST_CONTEXT);
            if (!r.ok) throw new Error(r.error.message);
            expect(r.values.alarms).toEqual([
              { kind: 'meter_error', detail: `UNKNOWN_MFCT_STATUS_${type.toString(16).toUpperCase()}` },
            ]);
            expect(r.values.registerMl).toBeUndefined();
          },
        ),
      );
    });

    it('battery life is the top five bits of the power byte in half years', () => {
      fc.assert(
        fc.property(fc.integer({ min: 0, max: 255 }), (power) => {
          const r = decode(ADDRESS, Uint8Array.of(0x01, 0x00, power), TEST_CONTEXT);
          if (!r.ok) throw new Error(r.error.message);
          expect(r.values.meta.remainingBatteryLifeY).toBe(Math.floor(power / 8) * 0.5);
        }),
      );
    });
  });
});
