import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { divRound, floorDiv, ROUNDING_MODES } from './rounding.js';

describe('divRound', () => {
  it('rounds ties away from zero in halfUp', () => {
    expect(divRound(25n, 10n, 'halfUp')).toBe(3n);
    expect(divRound(-25n, 10n, 'halfUp')).toBe(-3n);
    expect(divRound(24n, 10n, 'halfUp')).toBe(2n);
  });

  it('rounds ties to the even neighbour in halfEven', () => {
    expect(divRound(25n, 10n, 'halfEven')).toBe(2n);
    expect(divRound(35n, 10n, 'halfEven')).toBe(4n);
    expect(divRound(-25n, 10n, 'halfEven')).toBe(-2n);
    expect(divRound(26n, 10n, 'halfEven')).toBe(3n);
  });

  it('truncates toward zero in down', () => {
    expect(divRound(29n, 10n, 'down')).toBe(2n);
    expect(divRound(-29n, 10n, 'down')).toBe(-2n);
  });

  it('accepts a negative denominator', () => {
    expect(divRound(25n, -10n, 'halfUp')).toBe(-3n);
  });

  it('refuses a zero denominator', () => {
    expect(() => divRound(1n, 0n, 'halfUp')).toThrow(RangeError);
  });

  it('floors toward negative infinity in floorDiv', () => {
    expect(floorDiv(-1n, 10n)).toBe(-1n);
    expect(floorDiv(19n, 10n)).toBe(1n);
  });
});

describe('properties', () => {
  const numerator = fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n });
  const denominator = fc.bigInt({ min: 1n, max: 10n ** 6n });
  const mode = fc.constantFrom(...ROUNDING_MODES);

  it('rounding error is at most half a unit (halfUp, halfEven) or below one unit (down)', () => {
    fc.assert(
      fc.property(numerator, denominator, mode, (n, d, m) => {
        const error = divRound(n, d, m) * d - n; // scaled by d
        const magnitude = error < 0n ? -error : error;
        return m === 'down' ? magnitude < d : 2n * magnitude <= d;
      }),
    );
  });

  it('rounding is monotonic in the numerator', () => {
    fc.assert(
      fc.property(numerator, numerator, denominator, mode, (a, b, d, m) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        return divRound(low, d, m) <= divRound(high, d, m);
      }),
    );
  });

  it('rounding is symmetric under negation', () => {
    fc.assert(fc.property(numerator, denominator, mode, (n, d, m) => divRound(-n, d, m) === -divRound(n, d, m)));
  });
});
