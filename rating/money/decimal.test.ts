import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  addDecimal,
  compareDecimal,
  formatDecimal,
  multiplyDecimal,
  normalizeDecimal,
  parseDecimal,
} from './decimal.js';

describe('decimal', () => {
  it('parses prices exactly without a binary float', () => {
    expect(parseDecimal('2.07')).toEqual({ units: 207n, scale: 2 });
    expect(parseDecimal('0.0005')).toEqual({ units: 5n, scale: 4 });
    expect(parseDecimal('-1.5')).toEqual({ units: -15n, scale: 1 });
    expect(parseDecimal('160')).toEqual({ units: 160n, scale: 0 });
  });

  it('refuses exponents, blanks and stray signs', () => {
    for (const text of ['1e3', '', ' 1', '+1', '1.', '.5', '1,5', 'NaN']) expect(parseDecimal(text)).toBeNull();
  });

  it('multiplies with full precision: 0.1 × 0.2 is exactly 0.02', () => {
    const product = multiplyDecimal(parseDecimal('0.1')!, parseDecimal('0.2')!);
    expect(formatDecimal(product)).toBe('0.02');
  });

  it('formats with exactly its scale', () => {
    expect(formatDecimal({ units: 5n, scale: 4 })).toBe('0.0005');
    expect(formatDecimal({ units: -207n, scale: 2 })).toBe('-2.07');
    expect(formatDecimal(normalizeDecimal({ units: 2070n, scale: 3 }))).toBe('2.07');
  });
});

describe('properties', () => {
  const decimal = fc.record({
    units: fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }),
    scale: fc.integer({ min: 0, max: 8 }),
  });

  it('format then parse is the identity', () => {
    fc.assert(
      fc.property(decimal, (value) => {
        expect(parseDecimal(formatDecimal(value))).toEqual(value);
      }),
    );
  });

  it('addition is commutative and multiplication distributes over it', () => {
    fc.assert(
      fc.property(decimal, decimal, decimal, (a, b, c) => {
        expect(compareDecimal(addDecimal(a, b), addDecimal(b, a))).toBe(0);
        const left = multiplyDecimal(a, addDecimal(b, c));
        const right = addDecimal(multiplyDecimal(a, b), multiplyDecimal(a, c));
        expect(compareDecimal(left, right)).toBe(0);
      }),
    );
  });
});
