/** Small byte helpers shared by the wM-Bus layers. Pure, bounds-checked by the callers. */

export function hexToBytes(hex: string): Uint8Array {
  const clean = hex.replace(/[\s|_#]/g, '');
  if (clean.length % 2 !== 0 || /[^0-9a-fA-F]/.test(clean)) {
    throw new RangeError(`not an even-length hex string: ${hex.slice(0, 40)}`);
  }
  const out = new Uint8Array(clean.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(clean.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/** Lower-case two-digit hex of every byte value, so hot paths build hex without toString/padStart. */
export const HEX_BYTE: readonly string[] = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));

/** Character codes of the lower-case hex digits 0..f. */
export const HEX_DIGIT_CODES: readonly number[] = Array.from('0123456789abcdef', (c) => c.charCodeAt(0));

/** Upper-case two-digit hex of every byte value. */
export const HEX_BYTE_UPPER: readonly string[] = HEX_BYTE.map((h) => h.toUpperCase());

export function bytesToHex(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i++) s += HEX_BYTE[bytes[i] ?? 0] ?? '';
  return s;
}

/** Byte at `i`, or 0 when out of range (callers check lengths before reading). */
export function at(bytes: Uint8Array, i: number): number {
  return bytes[i] ?? 0;
}

export function u16le(bytes: Uint8Array, i: number): number {
  return at(bytes, i) | (at(bytes, i + 1) << 8);
}

export function u32le(bytes: Uint8Array, i: number): number {
  return (at(bytes, i) | (at(bytes, i + 1) << 8) | (at(bytes, i + 2) << 16)) + at(bytes, i + 3) * 0x1000000;
}

export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  const total = parts.reduce((n, p) => n + p.length, 0);
  const out = new Uint8Array(total);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}
