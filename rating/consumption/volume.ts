/** Volumes given in m³ (tariff thresholds, contracted capacity) as exact integer millilitres. */
import { parseDecimal } from '../money/decimal.js';

const converted = new Map<number, number | null>();

/** m³ to integer mL through the number's decimal text, exactly, or null beyond 6 decimals or 2^53 mL. */
export function m3ToMlOrNull(m3: number): number | null {
  let ml = converted.get(m3);
  if (ml === undefined) {
    ml = convert(m3);
    if (converted.size >= 10_000) converted.clear();
    converted.set(m3, ml);
  }
  return ml;
}

function convert(m3: number): number | null {
  const value = parseDecimal(String(m3));
  if (!value || value.scale > 6) return null;
  const ml = value.units * 10n ** BigInt(6 - value.scale);
  return ml <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(ml) : null;
}

export function m3ToMl(m3: number): number {
  const ml = m3ToMlOrNull(m3);
  if (ml === null) throw new RangeError(`not a whole number of millilitres: ${m3} m³`);
  return ml;
}
