/**
 * Exact non-binary fractions on bigint: what an amount is before it is rounded.
 *
 * Prices times volumes are terminating decimals, but proration by days (× 17 / 31) is not, so
 * unrounded amounts are kept as numerator/denominator and rounded once, at a named point.
 * Values are always reduced with a positive denominator, so equal values are deep-equal.
 */
import { formatUnits } from './digits.js';
import { divRound, type RoundingMode } from './rounding.js';

export interface Rational {
  readonly numerator: bigint;
  readonly denominator: bigint;
}

const SAFE = BigInt(Number.MAX_SAFE_INTEGER);

function gcd(a: bigint, b: bigint): bigint {
  if (a < 0n) a = -a;
  if (b < 0n) b = -b;
  if (a <= SAFE && b <= SAFE) {
    // the common case (amounts in minor units, prices, volumes): exact in doubles, and far cheaper
    let x = Number(a);
    let y = Number(b);
    while (y !== 0) {
      const r = x % y;
      x = y;
      y = r;
    }
    return BigInt(x);
  }
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

export function rational(numerator: bigint, denominator = 1n): Rational {
  if (denominator === 1n) return { numerator, denominator };
  if (denominator === 0n) throw new RangeError('rational: zero denominator');
  if (denominator < 0n) {
    numerator = -numerator;
    denominator = -denominator;
    if (denominator === 1n) return { numerator, denominator };
  }
  const divisor = gcd(numerator, denominator);
  return divisor > 1n
    ? { numerator: numerator / divisor, denominator: denominator / divisor }
    : { numerator, denominator };
}

export const ZERO: Rational = { numerator: 0n, denominator: 1n };

export function addRational(a: Rational, b: Rational): Rational {
  if (a.denominator === b.denominator) return rational(a.numerator + b.numerator, a.denominator);
  return rational(a.numerator * b.denominator + b.numerator * a.denominator, a.denominator * b.denominator);
}

export function subtractRational(a: Rational, b: Rational): Rational {
  return addRational(a, { numerator: -b.numerator, denominator: b.denominator });
}

export function sumRational(values: readonly Rational[]): Rational {
  return values.reduce(addRational, ZERO);
}

export function multiplyRational(a: Rational, b: Rational): Rational {
  return rational(a.numerator * b.numerator, a.denominator * b.denominator);
}

/** −1, 0 or 1 as a < b, a = b, a > b. */
export function compareRational(a: Rational, b: Rational): -1 | 0 | 1 {
  const left = a.numerator * b.denominator;
  const right = b.numerator * a.denominator;
  return left < right ? -1 : left > right ? 1 : 0;
}

export function roundRational(value: Rational, mode: RoundingMode): bigint {
  return divRound(value.numerator, value.denominator, mode);
}

export function isIntegerRational(value: Rational): boolean {
  return value.denominator === 1n;
}

/**
 * Decimal text of a rational that counts units of 10^-scale (e.g. fen with scale 2): at least
 * `scale` decimals, up to `scale + extraDecimals`; a value that does not terminate by then is cut
 * and marked with "…". Minor units 123456/1000 with scale 2 → "1.23456".
 */
export function formatRational(value: Rational, scale: number, extraDecimals = 6): string {
  if (value.denominator === 1n) return formatUnits(value.numerator, scale);
  const negative = value.numerator < 0n;
  const numerator = negative ? -value.numerator : value.numerator;
  const denominator = value.denominator * 10n ** BigInt(scale);
  const whole = numerator / denominator;
  let remainder = numerator % denominator;
  let fraction = '';
  while (fraction.length < scale || (remainder !== 0n && fraction.length < scale + extraDecimals)) {
    remainder *= 10n;
    fraction += (remainder / denominator).toString();
    remainder %= denominator;
  }
  const trimmed = fraction.slice(0, scale) + fraction.slice(scale).replace(/0+$/, '');
  const text = trimmed.length > 0 ? `${whole}.${trimmed}` : whole.toString();
  return `${negative ? '-' : ''}${text}${remainder !== 0n ? '…' : ''}`;
}
