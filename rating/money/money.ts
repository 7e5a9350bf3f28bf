/**
 * Money: an integer count of a currency's minor units (fen for CNY) on bigint.
 *
 * The currency is part of the type, so `addMoney(cny, eur)` does not compile (see
 * currency-safety.test.ts); values whose currency is only known at run time (a tariff loaded
 * from a file) carry `CurrencyCode` and are checked at run time instead, where a mismatch is a
 * programming error and throws.
 */
import { minorDigits, minorPerMajor, type CurrencyCode } from './currency.js';
import { formatDecimal, parseDecimal, type Decimal } from './decimal.js';
import { divRound, type RoundingMode } from './rounding.js';
import { rational, type Rational } from './rational.js';

export interface Money<C extends CurrencyCode = CurrencyCode> {
  readonly currency: C;
  /** Amount in minor units (fen). */
  readonly minor: bigint;
}

export function money<C extends CurrencyCode>(currency: C, minor: bigint): Money<C> {
  return { currency, minor };
}

export function zeroMoney<C extends CurrencyCode>(currency: C): Money<C> {
  return { currency, minor: 0n };
}

function sameCurrency(a: Money, b: Money): void {
  if (a.currency !== b.currency) {
    throw new TypeError(`currency mismatch: ${a.currency} and ${b.currency}`);
  }
}

export function addMoney<C extends CurrencyCode>(a: Money<C>, b: Money<NoInfer<C>>): Money<C> {
  sameCurrency(a, b);
  return { currency: a.currency, minor: a.minor + b.minor };
}

export function subtractMoney<C extends CurrencyCode>(a: Money<C>, b: Money<NoInfer<C>>): Money<C> {
  sameCurrency(a, b);
  return { currency: a.currency, minor: a.minor - b.minor };
}

export function sumMoney<C extends CurrencyCode>(currency: C, values: readonly Money<NoInfer<C>>[]): Money<C> {
  return values.reduce<Money<C>>((total, value) => addMoney(total, value), zeroMoney(currency));
}

export function compareMoney<C extends CurrencyCode>(a: Money<C>, b: Money<NoInfer<C>>): -1 | 0 | 1 {
  sameCurrency(a, b);
  return a.minor < b.minor ? -1 : a.minor > b.minor ? 1 : 0;
}

/** "1270.00": the amount in major units with exactly the currency's minor digits. */
export function formatMoney(value: Money): string {
  return formatDecimal({ units: value.minor, scale: minorDigits(value.currency) });
}

/**
 * Money from decimal text in major units ("12.34"). Text with more decimals than the currency
 * has is refused (null) rather than silently rounded.
 */
export function parseMoney<C extends CurrencyCode>(currency: C, text: string): Money<C> | null {
  const parsed = parseDecimal(text);
  if (!parsed) return null;
  const digits = minorDigits(currency);
  let { units, scale } = parsed;
  while (scale > digits && units % 10n === 0n) {
    units /= 10n;
    scale -= 1;
  }
  if (scale > digits) return null;
  return { currency, minor: units * 10n ** BigInt(digits - scale) };
}

/** A decimal amount in major units (a tariff's "5.00" or "2.07") as exact minor units. */
export function decimalToMinor(currency: CurrencyCode, value: Decimal): Rational {
  return rational(value.units * minorPerMajor(currency), 10n ** BigInt(value.scale));
}

/** Rounds an exact amount in minor units to money, the one place rounding happens. */
export function roundToMoney<C extends CurrencyCode>(currency: C, exactMinor: Rational, mode: RoundingMode): Money<C> {
  return { currency, minor: divRound(exactMinor.numerator, exactMinor.denominator, mode) };
}
