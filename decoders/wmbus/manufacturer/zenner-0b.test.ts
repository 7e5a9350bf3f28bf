import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { writeU32le } from './bytes.js';
import { addressArbitrary, contextArbitrary, NEVER_THROW_RUNS, TEST_CONTEXT } from './test-support.js';
import { zenner0b } from './zenner-0b.js';

const decode = zenner0b.decodeDataBlock!;
const ADDRESS = { manufacturer: 'ZRI', id: '50087367', version: 0x0b, deviceType: 0x16 };

function block(status: number, month: number, total: number): Uint8Array {
  const b = new Uint8Array(12);
  writeU32le(b, 0, status);
  writeU32le(b, 4, month);
  writeU32le(b, 8, total);
  return b;
}

describe('zenner-0b', () => {
  it('returns DECODE_TRUNCATED before the total', () => {
    const r = decode(ADDRESS, block(0, 1, 2).slice(0, 11), TEST_CONTEXT);
    expect(r.ok ? 'ok' : r.error.code).toBe('DECODE_TRUNCATED');
  });

  it('raises a meter_error alarm for a non-zero status', () => {
    const r = decode(ADDRESS, block(0x1bbf80, 0, 0), TEST_CONTEXT);
    expect(r.ok && r.values.alarms).toEqual([{ kind: 'meter_error', detail: 'STATUS_1BBF80' }]);
  });

  describe('properties', () => {
    it('never throws on arbitrary blocks', () => {
      fc.assert(
        fc.property(
          addressArbitrary(zenner0b.detect.mvt),
          fc.uint8Array({ maxLength: 24 }),
          contextArbitrary,
          (address, b, ctx) => {
            expect(typeof decode(address, b, ctx).ok).toBe('boolean');
          },
        ),
        { numRuns: NEVER_THROW_RUNS },
      );
    });

    it('the register is the 1/256000 m3 count in millilitres within half a millilitre', () => {
      fc.assert(
        fc.property(fc.integer({ min: 0, max: 0xffffffff }), (total) => {
          const r = decode(ADDRESS, block(0, 0, total), TEST_CONTEXT);
          if (!r.ok) throw new Error(r.error.message);
          const errorTimes32 = 32 * (r.values.registerMl ?? 0) - 125 * total;
          expect(Math.abs(errorTimes32)).toBeLessThanOrEqual(16);
          expect(r.values.meta.rawTotal).toBe(total);
        }),
      );
    });
  });
});
