/**
 * Packed BCD as CJ/T 188 sends it: two decimal digits per byte, multi-byte values low byte first
 * (CJ/T 188-2004 "传输次序": all multi-byte fields are sent low byte first).
 */

/** Value of `length` BCD bytes starting at `offset`, low byte first; undefined if a nibble is above 9. */
export function readBcdLE(bytes: Uint8Array, offset: number, length: number): number | undefined {
  let value = 0;
  for (let i = offset + length - 1; i >= offset; i--) {
    const b = bytes[i] ?? 0xff;
    const hi = b >> 4;
    const lo = b & 0x0f;
    if (hi > 9 || lo > 9) return undefined;
    value = value * 100 + hi * 10 + lo;
  }
  return value;
}

/** Writes `value` (0 ≤ value < 100^length, integer) as BCD low byte first. */
export function writeBcdLE(target: Uint8Array, offset: number, length: number, value: number): void {
  let rest = value;
  for (let i = 0; i < length; i++) {
    const two = rest % 100;
    target[offset + i] = ((two / 10) | 0) * 16 + (two % 10);
    rest = Math.floor(rest / 100);
  }
}

/** Byte value of a two-digit BCD byte, or undefined. */
export function bcdByte(b: number): number | undefined {
  const hi = b >> 4;
  const lo = b & 0x0f;
  return hi > 9 || lo > 9 ? undefined : hi * 10 + lo;
}

export function toBcdByte(n: number): number {
  return ((n / 10) | 0) * 16 + (n % 10);
}
