/**
 * Transport-layer header in front of OMS records in LoRaWAN payloads (EN 13757-7): CI 78h (none),
 * 7Ah (short: ACC STS CFG), 72h (long: ID MAN VER TYPE ACC STS CFG). The security mode is
 * CFG bits 8–12; these LoRa payloads are normally unencrypted (LoRaWAN encrypts the frame).
 */
import { DecodeErrorCode, decodeError, type DecodeError } from '../../../core/errors.js';

export interface TplHeader {
  ci: number;
  /** Offset of the first record. */
  recordsAt: number;
  accessNumber?: number;
  status?: number;
  configuration?: number;
  /** Long header only. */
  id?: string;
  manufacturer?: string;
  version?: number;
  deviceType?: number;
}

export type TplResult = { ok: true; header: TplHeader } | { ok: false; error: DecodeError };

function manufacturerLetters(code: number): string {
  return String.fromCharCode(((code >> 10) & 0x1f) + 64, ((code >> 5) & 0x1f) + 64, (code & 0x1f) + 64);
}

function bcdId(b: Uint8Array, at: number): string {
  let s = '';
  for (let i = at + 3; i >= at; i--) s += (b[i] ?? 0).toString(16).padStart(2, '0');
  return s;
}

export function parseTpl(b: Uint8Array, keyGiven: boolean): TplResult {
  if (b.length === 0) return { ok: false, error: decodeError(DecodeErrorCode.TRUNCATED, 'empty payload: no CI field', { offset: 0 }) };
  const ci = b[0] ?? 0;
  let header: TplHeader;
  if (ci === 0x78) header = { ci, recordsAt: 1 };
  else if (ci === 0x7a) {
    if (b.length < 5) return { ok: false, error: decodeError(DecodeErrorCode.TRUNCATED, 'short TPL header needs 5 bytes', { offset: b.length }) };
    header = { ci, recordsAt: 5, accessNumber: b[1] ?? 0, status: b[2] ?? 0, configuration: (b[3] ?? 0) | ((b[4] ?? 0) << 8) };
  } else if (ci === 0x72) {
    if (b.length < 13) return { ok: false, error: decodeError(DecodeErrorCode.TRUNCATED, 'long TPL header needs 13 bytes', { offset: b.length }) };
    header = {
      ci,
      recordsAt: 13,
      id: bcdId(b, 1),
      manufacturer: manufacturerLetters((b[5] ?? 0) | ((b[6] ?? 0) << 8)),
      version: b[7] ?? 0,
      deviceType: b[8] ?? 0,
      accessNumber: b[9] ?? 0,
      status: b[10] ?? 0,
      configuration: (b[11] ?? 0) | ((b[12] ?? 0) << 8),
    };
  } else {
    return { ok: false, error: decodeError(DecodeErrorCode.UNKNOWN_FORMAT, `CI ${ci.toString(16)}h is not an OMS application header (78h, 7Ah, 72h)`, { offset: 0 }) };
  }
  const mode = ((header.configuration ?? 0) >> 8) & 0x1f;
  if (mode !== 0) {
    return {
      ok: false,
      error: decodeError(
        keyGiven ? DecodeErrorCode.UNSUPPORTED_RECORD : DecodeErrorCode.KEY_NEEDED,
        keyGiven ? `TPL security mode ${mode} is not supported in LoRa payloads` : `payload is encrypted (TPL security mode ${mode}) and no key is configured`,
        { offset: 3, details: { securityMode: mode } },
      ),
    };
  }
  return { ok: true, header };
}

/** OMS TPL status byte (EN 13757-7): bit 2 power low, bit 3 permanent error, bit 4 temporary error. */
export const TplStatus = { LOW_POWER: 0x04, PERMANENT_ERROR: 0x08, TEMPORARY_ERROR: 0x10 } as const;
