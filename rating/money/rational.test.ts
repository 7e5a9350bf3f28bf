import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  addRational,
  compareRational,
  formatRational,
  multiplyRational,
  rational,
  roundRational,
  subtractRational,
} from './rational.js';

describe('rational', () => {
  it('keeps values reduced with a positive denominator so equal values are deep-equal', () => {
    expect(rational(2n, -4n)).toEqual({ numerator: -1n, denominator: 2n });
    expect(addRational(rational(1n, 3n), rational(1n, 6n))).toEqual(rational(1n, 2n));
  });

  it('formats fen amounts as yuan text, marking a cut non-terminating value', () => {
    expect(formatRational(rational(127000n), 2)).toBe('1270.00');
    expect(formatRational(rational(123456n, 1000n), 2)).toBe('1.23456');
    expect(formatRational(rational(-5n), 2)).toBe('-0.05');
    expect(formatRational(rational(500n, 3n), 2, 4)).toBe('1.666666…');
  });

  it('rounds a prorated amount once: 500 fen × 17 / 31 = 274.19… → 274 fen', () => {
    expect(roundRational(multiplyRational(rational(500n), rational(17n, 31n)), 'halfUp')).toBe(274n);
  });
});

describe('properties', () => {
  const value = fc
    .tuple(fc.bigInt({ min: -(10n ** 9n), max: 10n ** 9n }), fc.bigInt({ min: 1n, max: 10n ** 6n }))
    .map(([n, d]) => rational(n, d));

  it('subtraction undoes addition', () => {
    fc.assert(
      fc.property(value, value, (a, b) => {
        expect(subtractRational(addRational(a, b), b)).toEqual(a);
      }),
    );
  });

  it('comparison is antisymmetric', () => {
    fc.assert(fc.property(value, value, (a, b) => compareRational(a, b) === -compareRational(b, a)));
  });
});
