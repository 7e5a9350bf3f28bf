import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { divRoundHalfUp, unitsToMl } from './values.js';

describe('values', () => {
  it('rounds exact halves up', () => {
    expect(divRoundHalfUp(1, 2)).toBe(1);
    expect(divRoundHalfUp(3, 2)).toBe(2);
    expect(unitsToMl(1, 1000, 3)).toBe(333);
    expect(unitsToMl(2, 1000, 3)).toBe(667);
  });

  describe('properties', () => {
    it('the rounded quotient is within half a unit of the exact one', () => {
      fc.assert(
        fc.property(
          fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
          fc.integer({ min: 1, max: 1_000_000 }),
          (n, d) => {
            const q = BigInt(divRoundHalfUp(n, d));
            const error = 2n * (q * BigInt(d) - BigInt(n));
            expect(error > -BigInt(d) && error <= BigInt(d)).toBe(true);
          },
        ),
      );
    });

    it('unitsToMl is exact when the units divide evenly', () => {
      fc.assert(
        fc.property(fc.integer({ min: 0, max: 2 ** 32 }), (count) => {
          expect(unitsToMl(count * 3, 1_000_000, 3)).toBe(count * 1_000_000);
        }),
      );
    });
  });
});
