/**
 * Identifiers of simulated meters and devices, derived from the meter's position so that they are
 * stable across runs and unique within a fleet of up to 999,999 meters.
 */

export const MAX_FLEET_SIZE = 999_999;

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** M000001 */
export function meterIdOf(index: number): string {
  return `M${pad(index + 1, 6)}`;
}

/** A000001 */
export function accountIdOf(index: number): string {
  return `A${pad(index + 1, 6)}`;
}

/** The 1-based meter number in M000012 or "12"; undefined when it is neither. */
export function meterNumberOf(ref: string): number | undefined {
  const m = /^(?:M)?(\d{1,6})$/.exec(ref.trim());
  if (!m) return undefined;
  const n = Number(m[1]);
  return n >= 1 ? n : undefined;
}

/** wM-Bus secondary address (8 BCD digits): 7 followed by the meter number. */
export function wmbusIdOf(index: number): string {
  return `7${pad(index + 1, 7)}`;
}

/** Luhn check digit of a digit string (the IMEI's 15th digit, 3GPP TS 23.003 Annex B). */
export function luhnCheckDigit(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

/** A 15-digit IMEI: an 8-digit type allocation code, a 6-digit serial, the Luhn check digit. */
export function imeiOf(index: number): string {
  const body = `86845306${pad(index + 1, 6)}`;
  return `${body}${luhnCheckDigit(body)}`;
}

/** A DevEUI (lower-case hex, as the gateway keeps EUIs). */
export function devEuiOf(index: number): string {
  return `70b3d5e75e${(index + 1).toString(16).padStart(6, '0')}`;
}

/** CJ/T 188 address, 14 digits as printed on the meter (A6 first). */
export function cjt188AddressOf(index: number): string {
  return `20${pad(index + 1, 12)}`;
}
