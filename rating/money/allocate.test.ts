import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { allocate } from './allocate.js';
import { money } from './money.js';

describe('allocate', () => {
  it('splits 100.00 into thirds as 33.34 / 33.33 / 33.33', () => {
    expect(allocate(money('CNY', 10000n), [1n, 1n, 1n]).map((part) => part.minor)).toEqual([3334n, 3333n, 3333n]);
  });

  it('gives the leftover fen to the largest remainder: 0.05 by 17:14 days → 0.03 / 0.02', () => {
    // exact shares: 5 × 17/31 = 2.74, 5 × 14/31 = 2.26 → floors 2 + 2, one fen left for the 0.74
    expect(allocate(money('CNY', 5n), [17n, 14n]).map((part) => part.minor)).toEqual([3n, 2n]);
  });

  it('gives nothing to a zero ratio and splits a credit symmetrically', () => {
    expect(allocate(money('CNY', -10n), [0n, 1n, 2n]).map((part) => part.minor)).toEqual([0n, -3n, -7n]);
  });

  it('refuses no ratios, negative ratios and an all-zero split', () => {
    expect(() => allocate(money('CNY', 1n), [])).toThrow(RangeError);
    expect(() => allocate(money('CNY', 1n), [-1n, 2n])).toThrow(RangeError);
    expect(() => allocate(money('CNY', 1n), [0n])).toThrow(RangeError);
  });
});

describe('properties', () => {
  const amount = fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n });
  const ratios = fc
    .array(fc.bigInt({ min: 0n, max: 10n ** 6n }), { minLength: 1, maxLength: 12 })
    .filter((list) => list.some((r) => r > 0n));

  it('parts add up exactly to the whole', () => {
    fc.assert(
      fc.property(amount, ratios, (minor, list) => {
        const parts = allocate(money('CNY', minor), list);
        return parts.reduce((sum, part) => sum + part.minor, 0n) === minor;
      }),
    );
  });

  it('every part is within one minor unit of its exact share', () => {
    fc.assert(
      fc.property(amount, ratios, (minor, list) => {
        const total = list.reduce((sum, r) => sum + r, 0n);
        return allocate(money('CNY', minor), list).every((part, index) => {
          const diff = part.minor * total - minor * (list[index] ?? 0n); // scaled by total
          return (diff < 0n ? -diff : diff) < total;
        });
      }),
    );
  });
});
