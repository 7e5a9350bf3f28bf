import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { apator08, encodeApator08 } from './apator08.js';
import {
  contextArbitrary,
  frameArbitrary,
  frameFromTelegram,
  hexBytes,
  NEVER_THROW_RUNS,
  TEST_CONTEXT,
} from './test-support.js';

const decode = apator08.decodeFrame!;
const ML_PER_THREE_COUNTS = 1000;

describe('apator08', () => {
  it('rounds a count of thirds half up to whole millilitres and keeps the raw count', () => {
    const r = decode(
      frameFromTelegram(hexBytes('1C441486069C14000F0FA042F214000040030000000005FF0472BF1400')),
      TEST_CONTEXT,
    );
    expect(r.ok && r.values.registerMl).toBe(457579333);
    expect(r.ok && typeof r.values.meta.rawCount).toBe('number');
  });

  it('returns DECODE_TRUNCATED when the register is cut', () => {
    const r = decode(
      frameFromTelegram(hexBytes('1C441486069C14000F0FA042F214000040030000000005FF0472BF1400').slice(0, 14)),
      TEST_CONTEXT,
    );
    expect(r.ok ? 'ok' : r.error.code).toBe('DECODE_TRUNCATED');
  });

  describe('properties', () => {
    it('never throws on arbitrary frames', () => {
      fc.assert(
        fc.property(frameArbitrary(apator08.detect.mvt, apator08.detect.ci, 24), contextArbitrary, (frame, ctx) => {
          expect(typeof decode(frame, ctx).ok).toBe('boolean');
        }),
        { numRuns: NEVER_THROW_RUNS },
      );
    });

    it('decode(encode(count)) is the count in millilitres within half a millilitre', () => {
      fc.assert(
        fc.property(fc.integer({ min: 0, max: 0xffffffff }), (rawCount) => {
          const r = decode(
            frameFromTelegram(encodeApator08({ id: '00149c06', version: 0x0f as const, rawCount })),
            TEST_CONTEXT,
          );
          if (!r.ok) throw new Error(r.error.message);
          expect(r.values.meta.rawCount).toBe(rawCount);
          const errorTimesThree = 3 * (r.values.registerMl ?? 0) - rawCount * ML_PER_THREE_COUNTS;
          expect(errorTimesThree).toBeGreaterThanOrEqual(-1);
          expect(errorTimesThree).toBeLessThanOrEqual(1);
        }),
      );
    });

    it('the register never decreases as the count grows', () => {
      fc.assert(
        fc.property(fc.integer({ min: 0, max: 0xfffffffe }), (rawCount) => {
          const at = (n: number): number => {
            const r = decode(
              frameFromTelegram(encodeApator08({ id: '00149c06', version: 0x0f as const, rawCount: n })),
              TEST_CONTEXT,
            );
            return r.ok ? (r.values.registerMl ?? -1) : -1;
          };
          expect(at(rawCount + 1)).toBeGreaterThan(at(rawCount));
        }),
      );
    });
  });
});
