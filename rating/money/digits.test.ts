import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatUnits } from './digits.js';

/** The digit-string construction, for any size: the reference the fast path must agree with. */
function reference(units: bigint, scale: number): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale);
  const fraction = digits.slice(digits.length - scale);
  return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
}

describe('formatUnits', () => {
  it('writes exactly `scale` decimals, with a sign and a leading zero where due', () => {
    expect(formatUnits(207n, 2)).toBe('2.07');
    expect(formatUnits(5n, 4)).toBe('0.0005');
    expect(formatUnits(-5n, 2)).toBe('-0.05');
    expect(formatUnits(0n, 2)).toBe('0.00');
    expect(formatUnits(12n, 0)).toBe('12');
    expect(formatUnits(9_007_199_254_740_993n, 2)).toBe('90071992547409.93');
  });

  describe('properties', () => {
    it('agrees with the digit-string construction on both sides of 2^53 and for every scale', () => {
      const edge = BigInt(Number.MAX_SAFE_INTEGER);
      const units = fc.oneof(
        fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }),
        fc.bigInt({ min: edge - 1000n, max: edge + 1000n }),
        fc.bigInt({ min: -edge - 1000n, max: -edge + 1000n }),
        fc.bigInt({ min: -100_000n, max: 100_000n }),
      );
      fc.assert(
        fc.property(units, fc.integer({ min: 0, max: 18 }), (value, scale) => {
          expect(formatUnits(value, scale)).toBe(reference(value, scale));
        }),
        { numRuns: 20_000 },
      );
    });
  });
});
