import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseDecimal } from './decimal.js';
import {
  addMoney,
  compareMoney,
  decimalToMinor,
  formatMoney,
  money,
  parseMoney,
  roundToMoney,
  subtractMoney,
  sumMoney,
} from './money.js';
import { multiplyRational, rational } from './rational.js';

describe('money', () => {
  it('adds and subtracts minor units of one currency', () => {
    expect(addMoney(money('CNY', 496_80n), money('CNY', 40_70n))).toEqual(money('CNY', 537_50n));
    expect(subtractMoney(money('CNY', 1n), money('CNY', 2n))).toEqual(money('CNY', -1n));
  });

  it('throws when currencies known only at run time differ (a programming error)', () => {
    const a = money('CNY' as 'CNY' | 'EUR', 1n);
    const b = money('EUR' as 'CNY' | 'EUR', 1n);
    expect(() => addMoney(a, b)).toThrow(TypeError);
  });

  it('formats and parses yuan text with exactly two decimals', () => {
    expect(formatMoney(money('CNY', 127000n))).toBe('1270.00');
    expect(formatMoney(money('CNY', -5n))).toBe('-0.05');
    expect(formatMoney(money('JPY', 120n))).toBe('120');
    expect(parseMoney('CNY', '12.3')).toEqual(money('CNY', 1230n));
    expect(parseMoney('CNY', '12.300')).toEqual(money('CNY', 1230n));
  });

  it('refuses text with more decimals than the currency instead of rounding it', () => {
    expect(parseMoney('CNY', '12.345')).toBeNull();
    expect(parseMoney('CNY', 'abc')).toBeNull();
  });

  it('rounds a price times a volume once: 10.645161 m³ × 2.67 = 28.42258… → 28.42', () => {
    const price = decimalToMinor('CNY', parseDecimal('2.67')!); // 267 fen per m³
    const exact = multiplyRational(price, rational(10_645_161n, 1_000_000n));
    expect(formatMoney(roundToMoney('CNY', exact, 'halfUp'))).toBe('28.42');
  });

  it('rounds a tie by the named mode: 0.125 yuan → 0.13 halfUp, 0.12 halfEven, 0.12 down', () => {
    const exact = rational(125n, 10n);
    expect(roundToMoney('CNY', exact, 'halfUp').minor).toBe(13n);
    expect(roundToMoney('CNY', exact, 'halfEven').minor).toBe(12n);
    expect(roundToMoney('CNY', exact, 'down').minor).toBe(12n);
  });
});

describe('properties', () => {
  const cny = fc.bigInt({ min: -(10n ** 14n), max: 10n ** 14n }).map((minor) => money('CNY', minor));

  it('addition is associative and commutative', () => {
    fc.assert(
      fc.property(cny, cny, cny, (a, b, c) => {
        expect(addMoney(addMoney(a, b), c)).toEqual(addMoney(a, addMoney(b, c)));
        expect(addMoney(a, b)).toEqual(addMoney(b, a));
      }),
    );
  });

  it('zero is the identity of sum', () => {
    fc.assert(fc.property(cny, (a) => compareMoney(sumMoney('CNY', [a]), a) === 0));
  });

  it('format then parse is the identity', () => {
    fc.assert(
      fc.property(cny, (a) => {
        expect(parseMoney('CNY', formatMoney(a))).toEqual(a);
      }),
    );
  });
});
