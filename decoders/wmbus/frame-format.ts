/**
 * wM-Bus frame formats and their block CRCs (EN 13757-4 §12.3 frame format A, §12.4 frame
 * format B). Receivers often hand over telegrams with the CRCs already removed (wmbusmeters'
 * test vectors are like that), so a telegram whose length equals L+1 is taken as CRC-free
 * unless its format B CRCs verify.
 */
import { DecodeErrorCode } from '../core/errors.js';
import { crc16En13757 } from './crc.js';
import { fail, ok, type StageResult } from './result.js';

export type FrameFormat = 'A' | 'B' | 'none';
export type FrameFormatOption = FrameFormat | 'auto';

export interface StrippedFrame {
  /** Telegram from the L field on, without block CRCs, exactly L+1 bytes. */
  telegram: Uint8Array;
  format: FrameFormat;
  warnings: string[];
}

/** Format A: first block 10 bytes (L..A) + CRC, then blocks of 16 bytes + CRC, the last shorter. */
export function formatALength(lField: number): number {
  const rest = Math.max(0, lField - 9);
  return 10 + 2 + rest + 2 * Math.ceil(rest / 16);
}

function stripA(bytes: Uint8Array, lField: number): StageResult<Uint8Array> {
  const out = new Uint8Array(lField + 1);
  let src = 0;
  let dst = 0;
  let blockLen = 10;
  while (dst < out.length) {
    const n = Math.min(blockLen, out.length - dst);
    const crc = crc16En13757(bytes, src, src + n);
    const given = ((bytes[src + n] ?? 0) << 8) | (bytes[src + n + 1] ?? 0);
    if (crc !== given) {
      return fail(DecodeErrorCode.CHECKSUM_MISMATCH, 'frame format A block CRC does not match', {
        offset: src + n,
        details: { expected: crc, actual: given },
      });
    }
    out.set(bytes.subarray(src, src + n), dst);
    src += n + 2;
    dst += n;
    blockLen = 16;
  }
  return ok(out);
}

/** CRC of bytes [from, to) equals the big-endian CRC stored at `to`. */
function blockCrcOk(bytes: Uint8Array, from: number, to: number): boolean {
  return crc16En13757(bytes, from, to) === (((bytes[to] ?? 0) << 8) | (bytes[to + 1] ?? 0));
}

/** Format B: L counts the CRCs; block 1+2 (up to 126 bytes) share one CRC, block 3 has its own. */
function stripB(bytes: Uint8Array): StageResult<Uint8Array> {
  const total = bytes.length;
  const firstEnd = Math.min(total - 2, 126);
  if (firstEnd < 10) return fail(DecodeErrorCode.TRUNCATED, 'frame format B too short');
  if (!blockCrcOk(bytes, 0, firstEnd)) {
    return fail(DecodeErrorCode.CHECKSUM_MISMATCH, 'frame format B block CRC does not match', { offset: firstEnd });
  }
  if (total > 128 && !blockCrcOk(bytes, 128, total - 2)) {
    return fail(DecodeErrorCode.CHECKSUM_MISMATCH, 'frame format B block CRC does not match', { offset: total - 2 });
  }
  return ok(formatBBody(bytes));
}

/** The format B telegram without its CRCs; call only once the CRCs verified. */
function formatBBody(bytes: Uint8Array): Uint8Array {
  const total = bytes.length;
  const firstEnd = Math.min(total - 2, 126);
  const third = total > 128 ? total - 2 - 128 : 0;
  const body = new Uint8Array(firstEnd + third);
  body.set(bytes.subarray(0, firstEnd), 0);
  if (third > 0) body.set(bytes.subarray(128, total - 2), firstEnd);
  body[0] = body.length - 1; // L without the CRC bytes, as the rest of the decoder expects
  return body;
}

/** Whether a CRC-free-looking telegram is really format B (its CRCs verify); no allocation when not. */
function isFormatB(bytes: Uint8Array): boolean {
  const total = bytes.length;
  const firstEnd = Math.min(total - 2, 126);
  return firstEnd >= 10 && blockCrcOk(bytes, 0, firstEnd) && (total <= 128 || blockCrcOk(bytes, 128, total - 2));
}

/** Verify and strip the block CRCs, or accept a CRC-free telegram. */
export function stripBlockCrcs(bytes: Uint8Array, option: FrameFormatOption = 'auto'): StageResult<StrippedFrame> {
  if (bytes.length < 11) return fail(DecodeErrorCode.TRUNCATED, 'telegram shorter than the 11-byte link header');
  const lField = bytes[0] ?? 0;
  const warnings: string[] = [];
  const aLen = formatALength(lField);

  if (option === 'A' || (option === 'auto' && bytes.length === aLen && aLen !== lField + 1)) {
    // Check the first block (which holds L) before trusting L for the length.
    const first = crc16En13757(bytes, 0, 10);
    if (bytes.length < 12 || first !== (((bytes[10] ?? 0) << 8) | (bytes[11] ?? 0))) {
      return bytes.length < 12
        ? fail(DecodeErrorCode.TRUNCATED, 'format A telegram shorter than its first block')
        : fail(DecodeErrorCode.CHECKSUM_MISMATCH, 'frame format A first block CRC does not match', { offset: 10 });
    }
    if (bytes.length < aLen) return fail(DecodeErrorCode.TRUNCATED, 'format A telegram shorter than its L field says');
    const r = stripA(bytes, lField);
    return r.ok ? ok({ telegram: r.value, format: 'A', warnings }) : r;
  }
  if (option === 'B') {
    if (bytes.length < lField + 1) return fail(DecodeErrorCode.TRUNCATED, 'format B telegram shorter than its L field says');
    const r = stripB(bytes.subarray(0, lField + 1));
    return r.ok ? ok({ telegram: r.value, format: 'B', warnings }) : r;
  }
  if (bytes.length < lField + 1) {
    return fail(DecodeErrorCode.TRUNCATED, 'telegram shorter than its L field says', {
      details: { lField, length: bytes.length },
    });
  }
  if (bytes.length > lField + 1) {
    warnings.push(`${bytes.length - lField - 1} bytes after the L field's end ignored`);
  }
  const telegram = bytes.length === lField + 1 ? bytes : bytes.subarray(0, lField + 1);
  if (option === 'auto' && telegram.length >= 14 && isFormatB(telegram)) return ok({ telegram: formatBBody(telegram), format: 'B', warnings });
  return ok({ telegram, format: 'none', warnings });
}

/** Build frame format A block CRCs around a CRC-free telegram (used by the encoder). */
export function addFormatACrcs(telegram: Uint8Array): Uint8Array {
  const out = new Uint8Array(formatALength(telegram.length - 1));
  let src = 0;
  let dst = 0;
  let blockLen = 10;
  while (src < telegram.length) {
    const n = Math.min(blockLen, telegram.length - src);
    out.set(telegram.subarray(src, src + n), dst);
    const crc = crc16En13757(telegram, src, src + n);
    out[dst + n] = crc >> 8;
    out[dst + n + 1] = crc & 0xff;
    src += n;
    dst += n + 2;
    blockLen = 16;
  }
  return out;
}
