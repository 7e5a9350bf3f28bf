/**
 * wM-Bus data link layer header (EN 13757-4 §12.5): L, C, M (2 bytes), A (4-byte id, version,
 * device type), then the CI field of the next layer.
 */
import { DecodeErrorCode } from '../core/errors.js';
import type { WmbusAddress } from './manufacturer/types.js';
import { at, HEX_DIGIT_CODES, u16le } from './bytes.js';
import { fail, ok, type StageResult } from './result.js';

export interface LinkHeader {
  lField: number;
  cField: number;
  address: WmbusAddress;
  /** Raw 2-byte manufacturer field, little endian. */
  manufacturerCode: number;
  /** The 6 A-field bytes as on the wire (id LE, version, type), used in IVs. */
  aField: Uint8Array;
  /** Offset of the CI field that follows the link header. */
  ciOffset: number;
}

/** Letters of each 15-bit code, filled on first use (at most 32,768 three-letter strings). */
const LETTERS: Array<string | undefined> = new Array<string | undefined>(0x8000).fill(undefined);

/** EN 13757-3 §6.3.2 / EN 62056-21 FLAG: three letters packed 5 bits each, 'A' = 1. */
export function manufacturerLetters(code: number): string {
  const c = code & 0x7fff;
  const known = LETTERS[c];
  if (known !== undefined) return known;
  const letters = String.fromCharCode(((c >> 10) & 0x1f) + 64, ((c >> 5) & 0x1f) + 64, (c & 0x1f) + 64);
  LETTERS[c] = letters;
  return letters;
}

export function manufacturerCodeOf(letters: string): number {
  const up = letters.toUpperCase();
  if (!/^[A-Z@]{3}$/.test(up)) throw new RangeError(`manufacturer must be three letters: ${letters}`);
  return ((up.charCodeAt(0) - 64) << 10) | ((up.charCodeAt(1) - 64) << 5) | (up.charCodeAt(2) - 64);
}

/** Identification number: 4 bytes little endian, printed most significant byte first (BCD digits as hex). */
export function idFromBytes(bytes: Uint8Array, offset: number): string {
  const b3 = at(bytes, offset + 3);
  const b2 = at(bytes, offset + 2);
  const b1 = at(bytes, offset + 1);
  const b0 = at(bytes, offset);
  const d = HEX_DIGIT_CODES;
  // One string built from eight character codes: no per-byte strings, no concatenation.
  return String.fromCharCode(
    d[b3 >> 4] ?? 0,
    d[b3 & 15] ?? 0,
    d[b2 >> 4] ?? 0,
    d[b2 & 15] ?? 0,
    d[b1 >> 4] ?? 0,
    d[b1 & 15] ?? 0,
    d[b0 >> 4] ?? 0,
    d[b0 & 15] ?? 0,
  );
}

export function idToBytes(id: string): Uint8Array {
  if (!/^[0-9a-fA-F]{8}$/.test(id)) throw new RangeError(`meter id must be 8 hex digits: ${id}`);
  const out = new Uint8Array(4);
  for (let i = 0; i < 4; i++) out[i] = parseInt(id.slice(6 - 2 * i, 8 - 2 * i), 16);
  return out;
}

/** Parse the link header of a CRC-free wM-Bus telegram (L field at offset 0). */
export function parseLinkHeader(telegram: Uint8Array): StageResult<LinkHeader> {
  if (telegram.length < 11) {
    return fail(DecodeErrorCode.TRUNCATED, 'telegram ends inside the link header', { offset: telegram.length });
  }
  const manufacturerCode = u16le(telegram, 2);
  return ok({
    lField: at(telegram, 0),
    cField: at(telegram, 1),
    manufacturerCode,
    address: {
      manufacturer: manufacturerLetters(manufacturerCode),
      id: idFromBytes(telegram, 4),
      version: at(telegram, 8),
      deviceType: at(telegram, 9),
    },
    aField: telegram.subarray(4, 10),
    ciOffset: 10,
  });
}
