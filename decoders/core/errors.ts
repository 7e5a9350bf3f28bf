/**
 * The decoder error catalogue. Decoders never throw on bad bytes: they return one of these
 * codes inside a `DecodeFailure`. Codes are stable strings (they are stored with dead-lettered
 * uplinks and printed by `meterflow decode`), so never rename one; add a new one instead.
 */
export const DecodeErrorCode = {
  /** The payload ended before a field the format requires. */
  TRUNCATED: 'DECODE_TRUNCATED',
  /** A checksum, CRC or end byte does not match the frame. */
  CHECKSUM_MISMATCH: 'DECODE_CHECKSUM_MISMATCH',
  /** No registered decoder recognises the payload, or the payload is not of the named format. */
  UNKNOWN_FORMAT: 'DECODE_UNKNOWN_FORMAT',
  /** The payload is encrypted and the context carries no key for it. */
  KEY_NEEDED: 'DECODE_KEY_NEEDED',
  /** Decryption with the given key does not give a valid plaintext (2F2F filler, CRC). */
  WRONG_KEY: 'DECODE_WRONG_KEY',
  /** A plaintext payload arrived for a meter that has a key configured (spoofing guard). */
  UNEXPECTED_PLAINTEXT: 'DECODE_UNEXPECTED_PLAINTEXT',
  /** A record or field whose coding the decoder does not support. */
  UNSUPPORTED_RECORD: 'DECODE_UNSUPPORTED_RECORD',
  /** A value decoded but lies outside the physical or coded range of its field. */
  VALUE_OUT_OF_RANGE: 'DECODE_VALUE_OUT_OF_RANGE',
  /** The payload is structurally invalid in a way none of the codes above says. */
  MALFORMED: 'DECODE_MALFORMED',
} as const;
export type DecodeErrorCode = (typeof DecodeErrorCode)[keyof typeof DecodeErrorCode];

/** A decode error as plain data: it crosses thread and process boundaries unchanged. */
export interface DecodeError {
  code: DecodeErrorCode;
  message: string;
  /** Byte offset in the payload where the problem was found, where known. */
  offset?: number;
  /** Primitive details only (ids, field names, expected/actual values). */
  details?: Record<string, string | number | boolean | null>;
  /**
   * How the failure should be handled: `invalid_input` (the default when absent: bad bytes,
   * dropped and counted) or `internal` (a decoder bug caught by the registry's safety net:
   * raise an alert).
   */
  kind?: 'invalid_input' | 'internal';
}

export function decodeError(
  code: DecodeErrorCode,
  message: string,
  extra: { offset?: number; details?: DecodeError['details'] } = {},
): DecodeError {
  return { code, message, ...extra };
}
