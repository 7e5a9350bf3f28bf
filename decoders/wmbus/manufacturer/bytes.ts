/**
 * Bounded byte readers and writers shared by the manufacturer formats. Readers take an offset the
 * caller has already checked against the length (`has`), so they never read past the end; a missing
 * byte reads as 0 only to satisfy the type checker.
 */

/** True when `bytes` holds `count` bytes starting at `offset`. */
export function has(bytes: Uint8Array, offset: number, count: number): boolean {
  return offset >= 0 && count >= 0 && offset + count <= bytes.length;
}

export function u8(bytes: Uint8Array, offset: number): number {
  return bytes[offset] ?? 0;
}

export function u16le(bytes: Uint8Array, offset: number): number {
  return u8(bytes, offset) | (u8(bytes, offset + 1) << 8);
}

export function u24le(bytes: Uint8Array, offset: number): number {
  return u16le(bytes, offset) + u8(bytes, offset + 2) * 0x10000;
}

export function u32le(bytes: Uint8Array, offset: number): number {
  return u24le(bytes, offset) + u8(bytes, offset + 3) * 0x1000000;
}

export function u32be(bytes: Uint8Array, offset: number): number {
  return (
    u8(bytes, offset) * 0x1000000 +
    ((u8(bytes, offset + 1) << 16) | (u8(bytes, offset + 2) << 8) | u8(bytes, offset + 3))
  );
}

/** Two BCD digits of one byte, or undefined when a nibble is above 9. */
export function bcdByte(byte: number): number | undefined {
  const hi = byte >> 4;
  const lo = byte & 0x0f;
  return hi > 9 || lo > 9 ? undefined : hi * 10 + lo;
}

/** A little-endian BCD number of `count` bytes, or undefined when any nibble is not a digit. */
export function bcdLe(bytes: Uint8Array, offset: number, count: number): number | undefined {
  let value = 0;
  for (let i = count - 1; i >= 0; i--) {
    const pair = bcdByte(u8(bytes, offset + i));
    if (pair === undefined) return undefined;
    value = value * 100 + pair;
  }
  return value;
}

/** Two decimal digits (0..99) as one BCD byte. */
export function toBcdByte(value: number): number {
  return ((Math.floor(value / 10) % 10) << 4) | (value % 10);
}

export function writeU16le(target: Uint8Array, offset: number, value: number): void {
  target[offset] = value & 0xff;
  target[offset + 1] = (value >>> 8) & 0xff;
}

export function writeU24le(target: Uint8Array, offset: number, value: number): void {
  writeU16le(target, offset, value & 0xffff);
  target[offset + 2] = Math.floor(value / 0x10000) & 0xff;
}

export function writeU32le(target: Uint8Array, offset: number, value: number): void {
  writeU24le(target, offset, value % 0x1000000);
  target[offset + 3] = Math.floor(value / 0x1000000) & 0xff;
}

export function toHex(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s;
}

/** Bytes of an even-length hex string, or undefined when it is not one. */
export function fromHex(hex: string): Uint8Array | undefined {
  if (hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) return undefined;
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/** The three-letter manufacturer code of a 2-byte M field (EN 13757-3 §6.3.2), 5 bits per letter. */
export function manufacturerFromCode(code: number): string {
  const letter = (shift: number): string => String.fromCharCode(((code >> shift) & 0x1f) + 64);
  return letter(10) + letter(5) + letter(0);
}

/** The 2-byte M field of a three-letter manufacturer code (letters A..Z). */
export function manufacturerToCode(letters: string): number {
  const c = (i: number): number => (letters.charCodeAt(i) - 64) & 0x1f;
  return (c(0) << 10) | (c(1) << 5) | c(2);
}

/** The printed meter id of 4 link-layer address bytes (least significant first on the wire). */
export function idFromWire(bytes: Uint8Array, offset: number): string {
  let s = '';
  for (let i = 3; i >= 0; i--)
    s += u8(bytes, offset + i)
      .toString(16)
      .padStart(2, '0');
  return s;
}

/** The 4 wire bytes of a printed 8-hex-digit id (least significant first). */
export function idToWire(id: string): Uint8Array {
  const out = new Uint8Array(4);
  for (let i = 0; i < 4; i++) out[i] = Number.parseInt(id.slice(6 - 2 * i, 8 - 2 * i), 16) & 0xff;
  return out;
}

/**
 * A telegram buffer of `length` bytes (no block CRCs) with its link header and CI written:
 * L = length - 1, C, M, A (id, version, type), CI. Encoders fill in the rest.
 */
export function telegramWithHeader(
  length: number,
  header: { manufacturerCode: number; id: string; version: number; deviceType: number; ci: number; cField?: number },
): Uint8Array {
  const t = new Uint8Array(length);
  t[0] = (length - 1) & 0xff;
  t[1] = header.cField ?? 0x44;
  writeU16le(t, 2, header.manufacturerCode);
  t.set(idToWire(header.id), 4);
  t[8] = header.version & 0xff;
  t[9] = header.deviceType & 0xff;
  t[10] = header.ci & 0xff;
  return t;
}
