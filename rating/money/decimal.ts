/**
 * Exact decimals as a scaled bigint: `units × 10^-scale`. Prices with more places than the
 * currency (2.07 yuan/m³, a 0.0005/day late-fee rate, a 0.9 discharge coefficient) are held this
 * way, parsed from their decimal text and never through a binary float.
 */
import { formatUnits } from './digits.js';
import { rational, type Rational } from './rational.js';

export interface Decimal {
  readonly units: bigint;
  readonly scale: number;
}

const DECIMAL_TEXT = /^(-)?(\d+)(?:\.(\d+))?$/;

// Rating parses the same few tariff figures again and again: remembered (bounded; the parsed
// values are frozen and never mutated).
const CACHE_LIMIT = 10_000;
const parsed = new Map<string, Decimal | null>();

/** Parses "2.07", "-0.5", "160"; rejects exponents, signs other than a leading "-", and blanks. */
export function parseDecimal(text: string): Decimal | null {
  let value = parsed.get(text);
  if (value === undefined) {
    value = parseUncached(text);
    if (parsed.size >= CACHE_LIMIT) parsed.clear();
    parsed.set(text, value === null ? null : Object.freeze(value));
  }
  return value;
}

function parseUncached(text: string): Decimal | null {
  const match = DECIMAL_TEXT.exec(text);
  if (!match) return null;
  const [, minus, whole = '0', fraction = ''] = match;
  const units = BigInt(whole + fraction);
  return { units: minus ? -units : units, scale: fraction.length };
}

/** Like parseDecimal for text already validated (tariff prices): throws on bad text, a bug. */
export function decimalOf(text: string): Decimal {
  const parsed = parseDecimal(text);
  if (!parsed) throw new RangeError(`not a decimal: ${JSON.stringify(text)}`);
  return parsed;
}

export function isDecimalText(text: string): boolean {
  return DECIMAL_TEXT.test(text);
}

/** Text with exactly `scale` decimals: {207n, 2} → "2.07", {5n, 4} → "0.0005". */
export function formatDecimal(value: Decimal): string {
  return formatUnits(value.units, value.scale);
}

/** Removes trailing fractional zeros: {2070n, 3} → {207n, 2}. */
export function normalizeDecimal(value: Decimal): Decimal {
  let { units, scale } = value;
  while (scale > 0 && units % 10n === 0n) {
    units /= 10n;
    scale -= 1;
  }
  return { units, scale };
}

/** Exact product: units multiply, scales add. */
export function multiplyDecimal(a: Decimal, b: Decimal): Decimal {
  return { units: a.units * b.units, scale: a.scale + b.scale };
}

function rescale(value: Decimal, scale: number): bigint {
  return value.units * 10n ** BigInt(scale - value.scale);
}

export function addDecimal(a: Decimal, b: Decimal): Decimal {
  const scale = Math.max(a.scale, b.scale);
  return { units: rescale(a, scale) + rescale(b, scale), scale };
}

export function compareDecimal(a: Decimal, b: Decimal): -1 | 0 | 1 {
  const scale = Math.max(a.scale, b.scale);
  const left = rescale(a, scale);
  const right = rescale(b, scale);
  return left < right ? -1 : left > right ? 1 : 0;
}

export function decimalToRational(value: Decimal): Rational {
  return rational(value.units, 10n ** BigInt(value.scale));
}
