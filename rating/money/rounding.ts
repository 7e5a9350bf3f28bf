/**
 * Rounding of an exact quotient to an integer, with the mode a tariff names.
 *
 * There is no default mode anywhere in meterflow: every caller passes one. Modes act on the
 * magnitude, so negative amounts (credits) round symmetrically:
 * - `halfUp`: ties away from zero (2.5 → 3, −2.5 → −3), the usual Chinese billing rule (四舍五入).
 * - `halfEven`: ties to the even neighbour (2.5 → 2, 3.5 → 4), banker's rounding.
 * - `down`: toward zero (2.9 → 2, −2.9 → −2), truncation.
 */
export const ROUNDING_MODES = ['halfUp', 'halfEven', 'down'] as const;
export type RoundingMode = (typeof ROUNDING_MODES)[number];

/** `numerator / denominator` rounded to an integer with `mode`. The denominator must not be 0. */
export function divRound(numerator: bigint, denominator: bigint, mode: RoundingMode): bigint {
  if (denominator === 1n) return numerator;
  if (denominator === 0n) throw new RangeError('divRound: division by zero');
  if (denominator < 0n) {
    numerator = -numerator;
    denominator = -denominator;
  }
  const quotient = numerator / denominator; // truncates toward zero
  const remainder = numerator % denominator; // carries the numerator's sign
  if (remainder === 0n || mode === 'down') return quotient;
  const sign = numerator < 0n ? -1n : 1n;
  const twiceRemainder = (remainder < 0n ? -remainder : remainder) * 2n;
  if (twiceRemainder > denominator) return quotient + sign;
  if (twiceRemainder < denominator) return quotient;
  // An exact tie.
  if (mode === 'halfUp') return quotient + sign;
  return quotient % 2n === 0n ? quotient : quotient + sign;
}

/** Integer division rounded toward negative infinity (floor), for volumes and allocations. */
export function floorDiv(numerator: bigint, denominator: bigint): bigint {
  if (denominator === 0n) throw new RangeError('floorDiv: division by zero');
  if (denominator < 0n) {
    numerator = -numerator;
    denominator = -denominator;
  }
  const quotient = numerator / denominator;
  return numerator % denominator !== 0n && numerator < 0n ? quotient - 1n : quotient;
}
