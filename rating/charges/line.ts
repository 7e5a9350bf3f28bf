/**
 * Draft bill lines (exact amounts) and the arithmetic every charge shares. A draft keeps its
 * unrounded amount as a rational number of minor units; finalize.ts rounds it once.
 */
import type { BillLine } from '../result.js';
import type { CurrencyCode } from '../money/currency.js';
import { decimalOf, formatDecimal, multiplyDecimal, normalizeDecimal } from '../money/decimal.js';
import { decimalToMinor } from '../money/money.js';
import { multiplyRational, rational, type Rational } from '../money/rational.js';

export interface DraftLine extends Omit<BillLine, 'amount' | 'exactAmount'> {
  exactMinor: Rational;
  /** Set when the line is rounded (finalize.ts). */
  amountMinor?: bigint;
}

const ML_PER_M3 = 1_000_000n;
const CACHE_LIMIT = 10_000;

// A tariff has a handful of prices: their minor units per m³ are worked out once.
const pricesPerM3 = new Map<string, Rational>();

function minorPerM3(currency: CurrencyCode, price: string, factor: string | undefined): Rational {
  const key = `${currency} ${price} ${factor ?? ''}`;
  let perM3 = pricesPerM3.get(key);
  if (perM3 === undefined) {
    perM3 = decimalToMinor(
      currency,
      factor === undefined ? decimalOf(price) : multiplyDecimal(decimalOf(price), decimalOf(factor)),
    );
    if (pricesPerM3.size >= CACHE_LIMIT) pricesPerM3.clear();
    pricesPerM3.set(key, perM3);
  }
  return perM3;
}

/** volume × price (× factor) in exact minor units: 12 m³ × "2.07" → 2484 fen. */
export function volumetricAmount(currency: CurrencyCode, volumeMl: number, price: string, factor?: string): Rational {
  return multiplyRational(minorPerM3(currency, price, factor), rational(BigInt(volumeMl), ML_PER_M3));
}

const m3Texts = new Map<number, string>();

/** 250000000 mL → "250", 10645161 → "10.645161": m³ as exact decimal text. */
export function formatM3(volumeMl: number): string {
  let text = m3Texts.get(volumeMl);
  if (text === undefined) {
    text = formatDecimal(normalizeDecimal({ units: BigInt(volumeMl), scale: 6 }));
    if (m3Texts.size >= CACHE_LIMIT) m3Texts.clear();
    m3Texts.set(volumeMl, text);
  }
  return text;
}

/** "0.9" × "1.70" → "1.53" (normalised), for explanations. */
export function effectivePrice(price: string, factor: string): string {
  const product = normalizeDecimal(multiplyDecimal(decimalOf(price), decimalOf(factor)));
  return formatDecimal(
    product.scale < 2 ? { units: product.units * 10n ** BigInt(2 - product.scale), scale: 2 } : product,
  );
}
