import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isoTime } from './iso-time.js';

const reference = (ms: number) => {
  try {
    return new Date(ms).toISOString();
  } catch (err) {
    return (err as Error).name;
  }
};
const ours = (ms: number) => {
  try {
    return isoTime(ms);
  } catch (err) {
    return (err as Error).name;
  }
};

describe('isoTime', () => {
  it('writes what toISOString writes, at the edges', () => {
    for (const ms of [
      0,
      -1,
      1,
      951_782_400_000,
      951_868_799_999,
      -62_167_219_200_000,
      -62_167_219_200_001,
      253_402_300_799_999,
      253_402_300_800_000,
      8.64e15,
      -8.64e15,
      0.5,
      -0.5,
      NaN,
      Infinity,
    ]) {
      expect(ours(ms)).toBe(reference(ms));
    }
  });

  it('writes what toISOString writes, for any time in Date range, days apart and in a row', () => {
    fc.assert(
      fc.property(fc.integer({ min: -8.64e15, max: 8.64e15 }), fc.nat(100_000_000), (ms, step) => {
        expect(ours(ms)).toBe(reference(ms));
        const next = Math.min(ms + step, 8.64e15);
        expect(ours(next)).toBe(reference(next));
      }),
      { numRuns: 5_000 },
    );
  });
});
