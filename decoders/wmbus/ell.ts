/**
 * Extended link layer (EN 13757-4 §13.2, Table 48): CI 8C (CC, ACC), 8D (+ SN), 8E (+ M, A),
 * 8F (+ M, A, SN). With SN present the payload starts with a 2-byte CRC over the rest of the
 * payload; the ENC bits of SN (bits 29..31) say whether CRC and payload are AES-128-CTR encrypted.
 */
import { DecodeErrorCode } from '../core/errors.js';
import { at, u16le } from './bytes.js';
import { CI } from './ci.js';
import { idFromBytes, manufacturerLetters } from './link.js';
import type { WmbusAddress } from './manufacturer/types.js';
import { fail, ok, type StageResult } from './result.js';

export interface EllHeader {
  ci: number;
  communicationControl: number;
  accessNumber: number;
  /** Session number field, 4 bytes as on the wire (8D, 8F). */
  sessionNumber?: Uint8Array;
  /** ENC bits of SN: 0 none, 1 AES-128-CTR (EN 13757-4 Table 52). */
  encryption: number;
  /** Address carried by ELL III/IV (8E, 8F). */
  address?: WmbusAddress;
  manufacturerCode?: number;
  aField?: Uint8Array;
  /** Bytes from the CI field to the payload (the payload CRC, if any, is part of the payload). */
  headerLength: number;
  /** True when the payload starts with the 2-byte payload CRC. */
  hasPayloadCrc: boolean;
}

export function parseEll(bytes: Uint8Array, ciOffset: number): StageResult<EllHeader> {
  const ci = at(bytes, ciOffset);
  const p = ciOffset + 1;
  const sizes: Record<number, number> = { [CI.ELL_I]: 2, [CI.ELL_II]: 6, [CI.ELL_III]: 10, [CI.ELL_IV]: 14 };
  const size = sizes[ci];
  if (size === undefined) return fail(DecodeErrorCode.UNKNOWN_FORMAT, `CI ${ci.toString(16)} is not an ELL`, { offset: ciOffset });
  const hasSn = ci === CI.ELL_II || ci === CI.ELL_IV;
  const needed = size + (hasSn ? 2 : 0);
  if (bytes.length - p < needed) return fail(DecodeErrorCode.TRUNCATED, 'telegram ends inside the extended link layer', { offset: bytes.length });
  const header: EllHeader = {
    ci,
    communicationControl: at(bytes, p),
    accessNumber: at(bytes, p + 1),
    encryption: 0,
    headerLength: 1 + size,
    hasPayloadCrc: hasSn,
  };
  let q = p + 2;
  if (ci === CI.ELL_III || ci === CI.ELL_IV) {
    const manufacturerCode = u16le(bytes, q);
    header.manufacturerCode = manufacturerCode;
    header.aField = bytes.slice(q + 2, q + 8);
    header.address = {
      manufacturer: manufacturerLetters(manufacturerCode),
      id: idFromBytes(bytes, q + 2),
      version: at(bytes, q + 6),
      deviceType: at(bytes, q + 7),
    };
    q += 8;
  }
  if (hasSn) {
    header.sessionNumber = bytes.slice(q, q + 4);
    header.encryption = at(bytes, q + 3) >> 5;
  }
  return ok(header);
}
