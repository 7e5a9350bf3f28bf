/**
 * A whole number of units of 10^-scale as decimal text with exactly `scale` decimals (scaled
 * bigints: decimals, money in minor units). Shared by decimal.ts and rational.ts.
 */
const SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const POWERS_OF_TEN = Array.from({ length: 16 }, (_, k) => 10 ** k);

/** {207n, 2} → "2.07", {5n, 4} → "0.0005", {-5n, 2} → "-0.05", {12n, 0} → "12". */
export function formatUnits(units: bigint, scale: number): string {
  if (scale < POWERS_OF_TEN.length && units <= SAFE && units >= -SAFE) {
    // the common case, in doubles: below 2^53, % and the division of an exact multiple are exact
    const number = Number(units);
    if (scale === 0) return String(number);
    const magnitude = number < 0 ? -number : number;
    const power = POWERS_OF_TEN[scale]!;
    const fraction = magnitude % power;
    const whole = (magnitude - fraction) / power;
    return `${number < 0 ? '-' : ''}${whole}.${String(fraction).padStart(scale, '0')}`;
  }
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale);
  const fraction = digits.slice(digits.length - scale);
  return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
}
