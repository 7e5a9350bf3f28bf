/**
 * Wired M-Bus long frame (EN 13757-2 §5.2): 68 L L 68 C A CI data CS 16. L counts C, A, CI and
 * the data; CS is the arithmetic sum of those bytes modulo 256.
 */
import { DecodeErrorCode } from '../core/errors.js';
import { at } from './bytes.js';
import { fail, ok, type StageResult } from './result.js';

export interface WiredLongFrame {
  cField: number;
  /** Primary address (A field). */
  primaryAddress: number;
  ci: number;
  /** Bytes after the CI field up to the checksum. */
  body: Uint8Array;
  /** Offset of the CI field in the input. */
  ciOffset: number;
}

export function looksLikeWiredLongFrame(bytes: Uint8Array): boolean {
  return bytes.length >= 9 && bytes[0] === 0x68 && bytes[3] === 0x68 && bytes[1] === bytes[2];
}

export function parseWiredLongFrame(bytes: Uint8Array): StageResult<WiredLongFrame> {
  if (!looksLikeWiredLongFrame(bytes)) return fail(DecodeErrorCode.UNKNOWN_FORMAT, 'not an M-Bus long frame');
  const len = at(bytes, 1);
  if (len < 3) return fail(DecodeErrorCode.MALFORMED, 'M-Bus long frame L field below 3', { offset: 1 });
  const end = 4 + len;
  if (bytes.length < end + 2) {
    return fail(DecodeErrorCode.TRUNCATED, 'M-Bus long frame shorter than its L field says', {
      details: { lField: len, length: bytes.length },
    });
  }
  let sum = 0;
  for (let i = 4; i < end; i++) sum = (sum + at(bytes, i)) & 0xff;
  if (sum !== at(bytes, end)) {
    return fail(DecodeErrorCode.CHECKSUM_MISMATCH, 'M-Bus long frame checksum does not match', {
      offset: end,
      details: { expected: sum, actual: at(bytes, end) },
    });
  }
  if (at(bytes, end + 1) !== 0x16) {
    return fail(DecodeErrorCode.MALFORMED, 'M-Bus long frame does not end with 16h', { offset: end + 1 });
  }
  return ok({ cField: at(bytes, 4), primaryAddress: at(bytes, 5), ci: at(bytes, 6), body: bytes.slice(7, end), ciOffset: 6 });
}
