/**
 * Diehl Metering (brands DME, HYD, SAP, SPL, EWT) scrambling shared by PRIOS (IZAR) frames and
 * REAL_DATA frames: a 32-bit LFSR keyed by an 8-byte key folded to 32 bits and seeded with the
 * frame header. XOR with the keystream is its own inverse, so the same function scrambles and
 * descrambles. Also the address re-ordering these frames use.
 *
 * Facts from the public wmbusmeters driver (src/manufacturer_specificities.cc): the LFSR taps
 * (bits 1, 2, 11, 31), 8 shifts per byte, the seed `key ^ be32(M,A0,A1) ^ be32(A2..A5) ^ be32(CI..)`,
 * and the two default PRIOS keys it ships.
 */
import { fromHex, idFromWire, u32be, u8 } from './bytes.js';

/** The default PRIOS keys wmbusmeters uses when a meter has no key of its own. */
export const PRIOS_DEFAULT_KEYS: readonly string[] = ['39BC8A10E66D83F8', '51728910E66D83F8'];

/**
 * The OMS mode-5 AES key wmbusmeters tries for Diehl frames with CI 0x7A that are not REAL_DATA
 * when no key is configured: the second PRIOS default key twice.
 */
export const DIEHL_DEFAULT_OMS_AES_KEY = '51728910E66D83F851728910E66D83F8';

/** Manufacturers whose frames follow Diehl's interpretation of CI and address. */
export const DIEHL_MANUFACTURERS: readonly string[] = ['DME', 'EWT', 'HYD', 'SAP', 'SPL'];

/** Offset of the first scrambled byte in a telegram (after L C M A CI and 4 header bytes). */
export const SCRAMBLED_OFFSET = 15;

/**
 * A PRIOS key as the 32-bit LFSR key: the XOR of its two big-endian halves. Takes 16 hex digits
 * (32 are accepted and only the first 8 bytes used, as wmbusmeters does); undefined otherwise.
 */
export function priosKeyFromHex(hex: string): number | undefined {
  if (hex.length !== 16 && hex.length !== 32) return undefined;
  const bytes = fromHex(hex);
  if (bytes === undefined) return undefined;
  return (u32be(bytes, 0) ^ u32be(bytes, 4)) >>> 0;
}

/** The LFSR state before the first payload byte: key folded with telegram bytes 2..13. */
export function lfsrSeed(key: number, telegram: Uint8Array): number {
  return (key ^ u32be(telegram, 2) ^ u32be(telegram, 6) ^ u32be(telegram, 10)) >>> 0;
}

/** One keystream byte: shift the register 8 times, then take its low byte. */
function step(state: number): number {
  let s = state;
  for (let j = 0; j < 8; j++) {
    const bit = ((s >>> 1) ^ (s >>> 2) ^ (s >>> 11) ^ (s >>> 31)) & 1;
    s = ((s << 1) | bit) >>> 0;
  }
  return s;
}

/** XOR `data` with the keystream that starts at `seed` (scrambles and descrambles alike). */
export function lfsrXor(seed: number, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(data.length);
  let state = seed >>> 0;
  for (let i = 0; i < data.length; i++) {
    state = step(state);
    out[i] = u8(data, i) ^ (state & 0xff);
  }
  return out;
}

/** The first keystream byte only, for a cheap check-byte test before descrambling everything. */
export function lfsrFirstByte(seed: number, firstScrambled: number): number {
  return firstScrambled ^ (step(seed >>> 0) & 0xff);
}

/** The keys to try in order: the context key when it parses, then the two defaults. */
export function candidateKeys(contextKey: string | undefined): Array<{ key: number; source: string }> {
  const out: Array<{ key: number; source: string }> = [];
  if (contextKey !== undefined) {
    const k = priosKeyFromHex(contextKey);
    if (k !== undefined) out.push({ key: k, source: 'context' });
  }
  PRIOS_DEFAULT_KEYS.forEach((hex, i) => {
    const k = priosKeyFromHex(hex);
    if (k !== undefined) out.push({ key: k, source: `prios-default-${i + 1}` });
  });
  return out;
}

/**
 * The address of a PRIOS / REAL_DATA frame of a non-SAP Diehl meter: the wire A field carries
 * version and type first, then the 4 id bytes (wmbusmeters "SWAPPING").
 */
export function swappedAddress(telegram: Uint8Array): { id: string; version: number; deviceType: number } {
  return { id: idFromWire(telegram, 6), version: u8(telegram, 4), deviceType: u8(telegram, 5) };
}
