/**
 * Authentication and fragmentation layer (EN 13757-7 §6, OMS Vol.2 §7.2.3): CI 90, AFL.L, the
 * fragmentation control field FCL and the optional fields it announces (MCL, KI, MCR, MAC, ML).
 */
import { DecodeErrorCode } from '../core/errors.js';
import { at, u16le, u32le } from './bytes.js';
import { fail, ok, type StageResult } from './result.js';

export interface AflHeader {
  length: number;
  fcl: number;
  moreFragments: boolean;
  fragmentId: number;
  mcl?: number;
  keyInfo?: number;
  /** Message counter (MCR), used by the mode 7 key derivation. */
  messageCounter?: number;
  mac?: Uint8Array;
  messageLength?: number;
  /** Bytes from the CI field to the next layer's CI. */
  headerLength: number;
}

/** MAC lengths by authentication type AT (MCL bits 0..3, OMS Vol.2 Table 22). */
const MAC_LENGTH: Record<number, number> = { 3: 2, 4: 4, 5: 8, 6: 12, 7: 16 };

export function parseAfl(bytes: Uint8Array, ciOffset: number): StageResult<AflHeader> {
  const len = at(bytes, ciOffset + 1);
  const start = ciOffset + 2;
  if (bytes.length < start + len || len < 2) {
    return fail(DecodeErrorCode.TRUNCATED, 'telegram ends inside the AFL', { offset: bytes.length });
  }
  const fcl = u16le(bytes, start);
  const header: AflHeader = {
    length: len,
    fcl,
    moreFragments: (fcl & 0x4000) !== 0,
    fragmentId: fcl & 0xff,
    headerLength: 2 + len,
  };
  let q = start + 2;
  const end = start + len;
  if (fcl & 0x2000) header.mcl = at(bytes, q++);
  if (fcl & 0x0200) {
    header.keyInfo = u16le(bytes, q);
    q += 2;
  }
  if (fcl & 0x0800) {
    header.messageCounter = u32le(bytes, q);
    q += 4;
  }
  if (fcl & 0x0400) {
    const macLen = MAC_LENGTH[(header.mcl ?? 0) & 0x0f] ?? 0;
    header.mac = bytes.slice(q, q + macLen);
    q += macLen;
  }
  if (fcl & 0x1000) {
    header.messageLength = u16le(bytes, q);
    q += 2;
  }
  if (q > end) return fail(DecodeErrorCode.MALFORMED, 'AFL fields longer than AFL.L', { offset: ciOffset + 1 });
  return ok(header);
}
