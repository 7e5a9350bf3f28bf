/**
 * Compact frames (CI 79): 2-byte format signature, 2-byte data CRC, then only the data bytes.
 * The signature is the EN 13757-4 CRC-16 of the DIF/VIF bytes of the matching full frame, so a
 * receiver learns formats from full frames; some are known in advance (vendor tables).
 * The learnt formats live in a cache the caller owns and passes in: no global state.
 */
import { bytesToHex, hexToBytes } from './bytes.js';
import { crc16En13757 } from './crc.js';
import { vendorProfiles } from './vendors/index.js';

export interface CompactFormatCache {
  get(signature: number): Uint8Array | undefined;
  set(signature: number, format: Uint8Array): void;
}

export function formatSignature(format: Uint8Array): number {
  return crc16En13757(format);
}

/** Formats vendors are known to send (wmbusmeters compact_frame_formats), by signature. */
export const KNOWN_COMPACT_FORMATS: ReadonlyMap<number, Uint8Array> = new Map(
  vendorProfiles.flatMap((p) => (p.compactFormats ?? []).map((hex) => hexToBytes(hex))).map((f) => [formatSignature(f), f] as const),
);

export function lookupCompactFormat(signature: number, cache?: CompactFormatCache): Uint8Array | undefined {
  return cache?.get(signature) ?? KNOWN_COMPACT_FORMATS.get(signature);
}

/** Remember the format of a full frame so later compact frames of the same meter decode. */
export function learnCompactFormat(format: Uint8Array, cache?: CompactFormatCache): number | null {
  if (!cache || format.length === 0) return null;
  const sig = formatSignature(format);
  if (!cache.get(sig)) cache.set(sig, format.slice());
  return sig;
}

export function describeFormat(format: Uint8Array): string {
  return bytesToHex(format);
}
